"""HAR 1.2 files (what browsers and most HTTP tools export) read as exchanges, and written back.

Every entry becomes an :class:`Exchange` labelled ``HAR entry N`` (N counts entries from 1,
so a finding points at the entry a person sees in their tool). Entries with no response
(status 0: blocked or aborted in the browser) carry nothing to judge and are set aside.
Anything that is not a readable HAR is a :class:`UsageError` naming the file and entry.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from edumock.conformance.exchange import Exchange, Headers, media_type
from edumock.conformance.usage import UsageError

CREATOR = {"name": "edumock", "version": "0.1.0"}


@dataclass(frozen=True, slots=True)
class Traffic:
    """The exchanges of a HAR file, and the entries that had no response."""

    exchanges: list[Exchange]
    unanswered: list[int] = field(default_factory=list)


class _EntryError(Exception):
    """A malformed entry; the loader adds the file and entry number."""


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _EntryError(f"{what} is missing or not an object")
    return value


def _headers(value: Any, what: str) -> Headers:
    """Name/value pairs; HTTP/2 pseudo-headers (``:authority``) are not headers and are dropped."""
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _EntryError(f"{what} is not a list")
    pairs = []
    for item in value:
        if not (isinstance(item, dict) and isinstance(item.get("name"), str)
                and isinstance(item.get("value"), str)):
            raise _EntryError(f"{what} holds an item without a text name and value: {item!r}")
        if not item["name"].startswith(":"):
            pairs.append((item["name"], item["value"]))
    return tuple(pairs)


def _decode(text: Any, encoding: Any, what: str) -> bytes:
    if text is None:
        return b""
    if not isinstance(text, str):
        raise _EntryError(f"{what}.text is not text")
    if encoding in (None, ""):
        try:
            return text.encode("utf-8", "surrogateescape")
        except UnicodeEncodeError:
            raise _EntryError(f"{what}.text holds characters UTF-8 cannot carry") from None
    if encoding != "base64":
        raise _EntryError(f"{what}.encoding {encoding!r} is not supported (only base64)")
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as error:
        raise _EntryError(f"{what}.text is not valid base64 ({error})") from None


def _request_body(request: dict[str, Any]) -> bytes:
    """``postData.text`` as sent; form posts exported with only ``params`` are re-encoded."""
    post = request.get("postData")
    if post is None:
        return b""
    post = _object(post, "request.postData")
    if post.get("text") is not None:
        return _decode(post.get("text"), post.get("encoding"), "request.postData")
    params = post.get("params") or []
    if not isinstance(params, list) or not all(
            isinstance(p, dict) and isinstance(p.get("name"), str) for p in params):
        raise _EntryError("request.postData.params is not a list of named parameters")
    if media_type(post.get("mimeType")) == "multipart/form-data":
        return _multipart(params, str(post.get("mimeType")))
    return urlencode([(p["name"], str(p.get("value", ""))) for p in params]).encode()


def _multipart(params: list[dict[str, Any]], mime: str) -> bytes:
    boundary = mime.partition("boundary=")[2].strip('"') or "edumock-har"
    out = b""
    for param in params:
        disposition = f'form-data; name="{param["name"]}"'
        if param.get("fileName"):
            disposition += f'; filename="{param["fileName"]}"'
        head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
        if param.get("contentType"):
            head += f"Content-Type: {param['contentType']}\r\n"
        out += (head + "\r\n").encode() + str(param.get("value", "")).encode() + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def _exchange(number: int, entry: Any) -> Exchange | None:
    entry = _object(entry, "the entry")
    request = _object(entry.get("request"), "request")
    response = _object(entry.get("response"), "response")
    method, url, status = request.get("method"), request.get("url"), response.get("status")
    if not isinstance(method, str) or not method:
        raise _EntryError("request.method is missing")
    if not isinstance(url, str) or not (urlsplit(url).netloc or url.startswith("/")):
        raise _EntryError(f"request.url is missing or not a URL: {url!r}")
    if not isinstance(status, int) or isinstance(status, bool) or not 0 <= status <= 599:
        raise _EntryError(f"response.status is not an HTTP status: {status!r}")
    if status == 0:
        return None
    content = response.get("content")
    content = _object(content, "response.content") if content is not None else {}
    started = entry.get("startedDateTime")
    return Exchange(
        index=number, method=method.upper(), url=url, status=status,
        request_headers=_headers(request.get("headers"), "request.headers"),
        request_body=_request_body(request),
        response_headers=_headers(response.get("headers"), "response.headers"),
        response_body=_decode(content.get("text"), content.get("encoding"), "response.content"),
        label=f"HAR entry {number}", started=started if isinstance(started, str) else "")


def load_har(path: Path) -> Traffic:
    """Every answered entry of the HAR file at ``path``, in file order."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read HAR file {path}: {error}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise UsageError(f"{path} is not JSON ({error}), so not a HAR file") from None
    log = data.get("log") if isinstance(data, dict) else None
    entries = log.get("entries") if isinstance(log, dict) else None
    if not isinstance(entries, list):
        raise UsageError(f"{path} is not a HAR file: it has no log.entries list")
    traffic = Traffic([])
    for number, entry in enumerate(entries, start=1):
        try:
            exchange = _exchange(number, entry)
        except _EntryError as error:
            raise UsageError(f"{path}: HAR entry {number} is malformed: {error}") from None
        if exchange is None:
            traffic.unanswered.append(number)
        else:
            traffic.exchanges.append(exchange)
    return traffic


def _text(body: bytes) -> dict[str, str]:
    """A body as HAR text: UTF-8 as is, anything else base64 with ``encoding``."""
    try:
        return {"text": body.decode("utf-8")}
    except UnicodeDecodeError:
        return {"text": base64.b64encode(body).decode("ascii"), "encoding": "base64"}


def _pairs(headers: Headers) -> list[dict[str, str]]:
    return [{"name": name, "value": value} for name, value in headers]


def har_entry(exchange: Exchange) -> dict[str, Any]:
    """One exchange as a HAR 1.2 entry."""
    request: dict[str, Any] = {
        "method": exchange.method, "url": exchange.url, "httpVersion": "HTTP/1.1",
        "cookies": [], "headers": _pairs(exchange.request_headers),
        "queryString": [{"name": k, "value": v} for k, v in exchange.query],
        "headersSize": -1, "bodySize": len(exchange.request_body)}
    if exchange.request_body:
        request["postData"] = {"mimeType": exchange.request_header("content-type") or "",
                               **_text(exchange.request_body)}
    content = {"size": len(exchange.response_body),
               "mimeType": exchange.response_header("content-type") or "",
               **(_text(exchange.response_body) if exchange.response_body else {})}
    entry: dict[str, Any] = {
        "startedDateTime": exchange.started or "1970-01-01T00:00:00+00:00",
        "time": exchange.notes.get("time_ms", 0), "request": request,
        "response": {"status": exchange.status, "statusText": "", "httpVersion": "HTTP/1.1",
                     "cookies": [], "headers": _pairs(exchange.response_headers),
                     "content": content, "redirectURL": exchange.response_header("location")
                     or "", "headersSize": -1, "bodySize": len(exchange.response_body)},
        "cache": {}, "timings": {"send": 0, "wait": exchange.notes.get("time_ms", 0),
                                 "receive": 0}}
    return entry


def write_har(exchanges: list[Exchange], path: Path) -> None:
    """Save exchanges as a HAR 1.2 file that :func:`load_har` (and browsers' tools) read."""
    log = {"log": {"version": "1.2", "creator": CREATOR,
                   "entries": [har_entry(exchange) for exchange in exchanges]}}
    try:
        path.write_text(json.dumps(log, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot write HAR file {path}: {error}") from None
