"""How two answers to the same probe step are compared: what is normalised away (ids,
timestamps, tokens, the servers' own addresses) and what must agree.

Status, media type and the headers a client acts on must agree. A success body must have the
same shape (keys, and JSON types at every depth); an error body must be the same text once
normalised, because clients match on DRF messages, Sunbird's ``params.err``/``errmsg`` and SDR
error codes.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from edumock.conformance.exchange import Exchange, media_type

HEADERS_THAT_MATTER = ("www-authenticate", "allow", "location", "retry-after")
"""Headers a client acts on; every other header may differ between servers."""

_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")
_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_JWT = re.compile(r"eyJ[\w-]+\.[\w-]+\.[\w-]*")
_HEX = re.compile(r"(?<![0-9A-Za-z])[0-9a-fA-F]{12,}(?![0-9A-Za-z])")
_DIGITS = re.compile(r"(?<![A-Za-z])\d{2,}(?![A-Za-z])")
_ID_KEY = re.compile(
    r"(^|_)(id|pk|ts|time|date|created|updated|modified|token)s?($|_)|(Id|Ids|At|Token)$")


@dataclass(frozen=True, slots=True)
class Difference:
    """One way two answers to the same step differ."""

    json_path: str
    real: Any
    sandbox: Any
    what: str


def normalise_text(text: str, base_url: str) -> str:
    """``text`` with the server's address, timestamps, UUIDs, tokens, long hexadecimal values
    (generated secrets) and numbers blanked."""
    text = text.replace(base_url.rstrip("/"), "<base>")
    for pattern, blank in ((_JWT, "<token>"), (_UUID, "<uuid>"), (_HEX, "<hex>"),
                           (_TIME, "<time>"), (_DIGITS, "<n>")):
        text = pattern.sub(blank, text)
    return text


def normalise(value: Any, base_url: str, key: str = "") -> Any:
    """A JSON value with generated values blanked, for exact comparison of error bodies."""
    if isinstance(value, dict):
        return {k: normalise(v, base_url, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(item, base_url, key) for item in value]
    if isinstance(value, str):
        return "<generated>" if _ID_KEY.search(key) else normalise_text(value, base_url)
    if isinstance(value, int | float) and not isinstance(value, bool) and _ID_KEY.search(key):
        return "<id>"
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object" if isinstance(value, dict) else \
        type(value).__name__


def shape_differences(real: Any, sandbox: Any, path: str = "$", *,
                      lengths: bool = False) -> list[Difference]:
    """Where two JSON values differ in shape: a key on one side only, or another JSON type.
    Arrays compare their first items (a page of records shares one shape). With ``lengths``
    (the answer lists only records of the run's own making, so both states match) array
    lengths and a page's ``count`` must agree too."""
    if _kind(real) != _kind(sandbox):
        return [Difference(path, _kind(real), _kind(sandbox), "type")]
    if isinstance(real, dict):
        found = [Difference(f"{path}.{key}", "present" if key in real else "absent",
                            "present" if key in sandbox else "absent", "key")
                 for key in sorted(set(real) ^ set(sandbox))]
        if lengths and isinstance(real.get("count"), int) and real.get("count") != sandbox.get(
                "count"):
            found.append(Difference(f"{path}.count", real["count"], sandbox["count"], "count"))
        for key in sorted(set(real) & set(sandbox)):
            found += shape_differences(real[key], sandbox[key], f"{path}.{key}",
                                       lengths=lengths)
        return found
    if isinstance(real, list):
        found = [Difference(path, len(real), len(sandbox), "length")] if lengths and len(
            real) != len(sandbox) else []
        if real and sandbox:
            found += shape_differences(real[0], sandbox[0], f"{path}[0]", lengths=lengths)
        return found
    return []


def _json(exchange: Exchange) -> Any:
    try:
        return json.loads(exchange.response_body) if exchange.response_body.strip() else None
    except ValueError:
        return None


def _base(exchange: Exchange) -> str:
    """The server's own address (``http://host:port``), which the other server cannot share."""
    parts = urlsplit(exchange.url)
    return f"{parts.scheme}://{parts.netloc}"


def differences(real: Exchange, sandbox: Exchange, run_id: str | None = None
                ) -> list[Difference]:
    """Every way the sandbox's answer to a step differs from the real server's. A request
    that names the run's id (a search for the run's own records) must also list as many."""
    found: list[Difference] = []
    if real.status != sandbox.status:
        found.append(Difference("$status", real.status, sandbox.status, "status"))
    real_type = media_type(real.response_header("content-type"))
    sandbox_type = media_type(sandbox.response_header("content-type"))
    if real_type != sandbox_type:
        found.append(Difference("$content-type", real_type, sandbox_type, "media type"))
    for name in HEADERS_THAT_MATTER:
        real_value = real.response_header(name)
        sandbox_value = sandbox.response_header(name)
        if name == "retry-after":  # a number of seconds that depends on timing: present or not
            real_value = None if real_value is None else "<seconds>"
            sandbox_value = None if sandbox_value is None else "<seconds>"
        if name == "allow" and real_value and sandbox_value:
            # The methods matter, not the order a server lists them in.
            real_value, sandbox_value = (", ".join(sorted(
                set(v.replace(" ", "").upper().split(",")))) for v in (real_value, sandbox_value))
        real_value = None if real_value is None else normalise_text(real_value, _base(real))
        sandbox_value = None if sandbox_value is None else normalise_text(sandbox_value,
                                                                          _base(sandbox))
        if real_value != sandbox_value:
            found.append(Difference(f"$headers.{name}", real_value, sandbox_value, "header"))
    if real.status != sandbox.status or real_type != sandbox_type:
        return found
    real_body, sandbox_body = _json(real), _json(sandbox)
    if real.status >= 400:
        real_norm = normalise(real_body, _base(real)) if real_body is not None else \
            normalise_text(real.response_body.decode("utf-8", "replace"), _base(real))
        sandbox_norm = normalise(sandbox_body, _base(sandbox)) if sandbox_body is not None \
            else normalise_text(sandbox.response_body.decode("utf-8", "replace"),
                                _base(sandbox))
        if real_norm != sandbox_norm:
            found.append(Difference("$", real_norm, sandbox_norm, "error body"))
        return found
    own = run_id is not None and run_id in real.url and run_id in sandbox.url
    return found + shape_differences(real_body, sandbox_body, lengths=own)
