"""Each platform's error body, written down independently of the code that renders it.

A refusal must look like the real platform's, whatever made it: a rule in a
model, a schema failure found by the validator, a failed authentication, a
wrong method. These predicates are what the fuzzing run asserts of every
response with status 400 or above; they follow the platforms' ``errors.py``
documentation, not their code, so a renderer that drifts is caught. Each
takes the status, media type, body text and request path, and raises
:class:`WrongFormat` with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import unquote

DJANGO_NOT_FOUND_TITLE = "<title>Not Found</title>"
SDR_TYPE_BASE = "https://api-docs.prd.dxs.pub.tec.govt.nz/docs/provider-based/api-error-codes#"
SUNBIRD_RESPONSE_CODES = {400: "CLIENT_ERROR", 401: "CLIENT_ERROR", 403: "CLIENT_ERROR",
                          404: "RESOURCE_NOT_FOUND"}


class WrongFormat(AssertionError):
    """An error body that is not in its platform's format."""


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise WrongFormat(f"error body is not JSON: {text[:200]!r}") from None


def _require(condition: bool, message: str, body: Any) -> None:
    if not condition:
        raise WrongFormat(f"{message}: {json.dumps(body)[:400]}")


def _drf_field_errors(value: Any) -> bool:
    """DRF serializer errors: field → messages, nested serializers → dicts, ``many`` → lists."""
    if isinstance(value, dict):
        return bool(value) and all(isinstance(key, str) and _drf_field_errors(item)
                                   for key, item in value.items())
    if isinstance(value, list):
        return bool(value) and all(_drf_list_item(item) for item in value)
    return False


def _drf_list_item(item: Any) -> bool:
    """A message, or one item's errors of a ``many=True`` field (``{}`` for a valid item)."""
    return isinstance(item, str) or (isinstance(item, dict) and (not item or
                                                                 _drf_field_errors(item)))


def tesla(status: int, media_type: str, text: str, path: str) -> None:
    """DRF: ``{"detail": str}``, field errors (``non_field_errors`` included) or a bare
    string; Django's own HTML page only for a 404 of a URL no view matches."""
    if media_type.startswith("text/html"):
        _require(status == 404 and DJANGO_NOT_FOUND_TITLE in text,
                 "only Django's 404 page may be HTML", text)
        return
    _require(media_type.startswith("application/json"), f"media type {media_type}", text)
    body = _json(text)
    if isinstance(body, str):  # e.g. ic/current/'s "Invalid version"
        _require(bool(body), "an empty bare message", body)
        return
    _require(isinstance(body, dict), "not a JSON object", body)
    if "detail" in body:
        _require(set(body) == {"detail"} and isinstance(body["detail"], str) and body["detail"],
                 'a "detail" body carries one non-empty message and nothing else', body)
        return
    _require(status == 400, "field errors answer 400 only", body)
    _require(_drf_field_errors(body), "not DRF field errors", body)


def sunbird(status: int, media_type: str, text: str, path: str) -> None:
    """The response envelope with ``params.err``/``errmsg``/``status`` and ``result: {}``; the
    API gateway's ``{"message": str}`` for a missing or unknown API key (401)."""
    _require(media_type.startswith("application/json"), f"media type {media_type}", text)
    body = _json(text)
    _require(isinstance(body, dict), "not a JSON object", body)
    if set(body) == {"message"}:
        _require(status == 401 and isinstance(body["message"], str) and bool(body["message"]),
                 "the gateway's body is for its 401 only", body)
        return
    _require(set(body) == {"id", "ver", "ts", "params", "responseCode", "result"},
             "not the envelope's keys", body)
    _require(all(isinstance(body[key], str) and body[key] for key in ("id", "ver", "ts")),
             "id, ver and ts are non-empty strings", body)
    params = body["params"]
    _require(isinstance(params, dict) and {"err", "errmsg", "status"} <= set(params),
             "params carry err, errmsg and status", body)
    _require(all(isinstance(params[key], str) and params[key]
                 for key in ("err", "errmsg", "status")), "err, errmsg and status are set", body)
    expected = "SERVER_ERROR" if status >= 500 else SUNBIRD_RESPONSE_CODES.get(status,
                                                                              "CLIENT_ERROR")
    _require(body["responseCode"] == expected, f"responseCode for {status} is {expected}", body)
    _require(body["result"] == {}, "an error's result is empty", body)


def sdr(status: int, media_type: str, text: str, path: str) -> None:
    """TEC's problem document (RFC 7807 plus ``errorCode``, ``errorCodes`` and ``errors``);
    the token endpoint answers RFC 6749's ``{"error", "error_description"}`` instead."""
    body = _json(text)
    _require(isinstance(body, dict), "not a JSON object", body)
    if path.startswith("/oauth2/") and set(body) == {"error", "error_description"}:
        _require(media_type.startswith("application/json"), f"media type {media_type}", body)
        _require(all(isinstance(body[key], str) and body[key] for key in body),
                 "error and error_description are set", body)
        return
    _require(media_type.startswith("application/problem+json"), f"media type {media_type}", body)
    required = {"type", "title", "status", "detail", "instance", "errorCode", "errorCodes",
                "errors"}
    _require(required <= set(body), f"a problem document has {sorted(required)}", body)
    code = body["errorCode"]
    _require(isinstance(code, str) and bool(code), "errorCode is set", body)
    _require(body["type"] == SDR_TYPE_BASE + code, "type names the error code's page", body)
    _require(body["status"] == status, "status repeats the HTTP status", body)
    _require(isinstance(body["instance"], str) and unquote(body["instance"]) == unquote(path),
             "instance is the request path (percent-encoding aside)", body)
    _require(isinstance(body["title"], str) and isinstance(body["detail"], str),
             "title and detail are strings", body)
    _require(isinstance(body["errorCodes"], list) and code in body["errorCodes"],
             "errorCodes lists errorCode", body)
    errors = body["errors"]
    _require(isinstance(errors, dict) and {"returnId", "submissionToken", "content"} <= set(errors),
             "errors carries returnId, submissionToken and content", body)


def problem(status: int, media_type: str, text: str, path: str) -> None:
    """The admin API's RFC 7807 problem document."""
    _require(media_type.startswith("application/problem+json"), f"media type {media_type}", text)
    body = _json(text)
    _require(isinstance(body, dict) and {"type", "title", "status", "detail"} <= set(body),
             "a problem document has type, title, status and detail", body)
    _require(body["status"] == status, "status repeats the HTTP status", body)
    _require(all(isinstance(body[key], str) for key in ("type", "title", "detail")),
             "type, title and detail are strings", body)


FORMATS: dict[str, Callable[[int, str, str, str], None]] = {
    "tesla": tesla, "sunbird": sunbird, "sdr": sdr, "admin": problem}
