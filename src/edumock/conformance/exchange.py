"""One HTTP request and its response, as bytes and headers: what every check looks at."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

Headers = tuple[tuple[str, str], ...]


def _find(headers: Headers, name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def media_type(content_type: str | None) -> str | None:
    """``application/json; charset=utf-8`` → ``application/json``."""
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


@dataclass(frozen=True, slots=True)
class Exchange:
    """A request and its response. ``label`` says where it came from (a HAR entry, a probe
    step, a proxied call) so a finding can point back at it."""

    index: int
    method: str
    url: str
    status: int
    request_headers: Headers = ()
    request_body: bytes = b""
    response_headers: Headers = ()
    response_body: bytes = b""
    label: str = ""
    started: str = ""
    notes: dict[str, Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        """The URL's path."""
        return urlsplit(self.url).path or "/"

    @property
    def query(self) -> list[tuple[str, str]]:
        """The query string's pairs, in order, blanks kept."""
        return parse_qsl(urlsplit(self.url).query, keep_blank_values=True)

    def request_header(self, name: str) -> str | None:
        """A request header's value (case-insensitive name), or None."""
        return _find(self.request_headers, name)

    def response_header(self, name: str) -> str | None:
        """A response header's value (case-insensitive name), or None."""
        return _find(self.response_headers, name)

    @property
    def request_media_type(self) -> str | None:
        """The request's media type, without parameters."""
        return media_type(self.request_header("content-type"))

    @property
    def response_media_type(self) -> str | None:
        """The response's media type, without parameters."""
        return media_type(self.response_header("content-type"))

    def response_json(self) -> Any:
        """The response body parsed as JSON (None when it is not JSON)."""
        try:
            return json.loads(self.response_body)
        except (ValueError, UnicodeDecodeError):
            return None

    def describe(self) -> str:
        """``#3 GET /path?query → 200 (label)``."""
        split = urlsplit(self.url)
        target = split.path + (f"?{split.query}" if split.query else "")
        suffix = f" ({self.label})" if self.label else ""
        return f"#{self.index} {self.method} {target} → {self.status}{suffix}"
