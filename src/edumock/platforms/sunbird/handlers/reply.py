"""Bind an operation to the backend: unwrap ``request``, find the caller, wrap the envelope.

Every Sunbird operation has the same shape (a ``{"request": {...}}`` body, a
user from the token, a result in the envelope), so each handler is one
line naming the backend method it calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from edumock.platforms.sunbird.envelope import success
from edumock.platforms.sunbird.models.backend import SunbirdBackend
from edumock.world import World

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Call:
    """What an operation receives: the request object, the acting user, path parameters."""

    request: Json
    user: str
    params: dict[str, Any] = field(default_factory=dict)


def inner(body: Any) -> Json:
    """``body["request"]`` (an empty request when absent)."""
    if isinstance(body, dict) and isinstance(body.get("request"), dict):
        return dict(body["request"])
    return {}


def caller(token_info: Any, headers: dict[str, str]) -> str:
    """The acting user: ``X-Authenticated-For`` when given, else the user token's subject."""
    requested_for = headers.get("x-authenticated-for")
    if requested_for:
        return requested_for
    user = (token_info or {}).get("userToken") or {}
    return str(user.get("userId", ""))


Operation = Callable[[SunbirdBackend, Call], Json]


def _answer(operation: Operation, world: World, request_url: str, headers: dict[str, str],
            call: Call) -> Json:
    result = operation(SunbirdBackend(world), call)
    path = urlsplit(request_url).path
    return success(path, world.clock.now(), headers.get("x-msgid"), result)


def bind(operation: Operation) -> Callable[..., Json]:
    """A Connexion handler that runs ``operation`` and answers its result in the envelope."""

    def handler(world: World, request_url: str, request_headers: dict[str, str],
                token_info: Any = None, body: Any = None, **params: Any) -> Json:
        call = Call(inner(body), caller(token_info, request_headers), params)
        return _answer(operation, world, request_url, request_headers, call)

    handler.__doc__ = operation.__doc__
    return handler


def bind_get(operation: Operation) -> Callable[..., Json]:
    """The same for a GET: no body is read (clients send odd content types on GETs), and the
    path parameters are named, since Connexion reads the body of any handler taking
    ``**kwargs``."""

    def handler(world: World, request_url: str, request_headers: dict[str, str],
                token_info: Any = None, batch_id: str | None = None,
                user_id: str | None = None, page_name: str | None = None,
                section_id: str | None = None, tag: str | None = None,
                process_id: str | None = None) -> Json:
        params = {"batch_id": batch_id, "user_id": user_id, "page_name": page_name,
                  "section_id": section_id, "tag": tag, "process_id": process_id}
        call = Call({}, caller(token_info, request_headers), params)
        return _answer(operation, world, request_url, request_headers, call)

    return handler


def bind_upload(object_type: str) -> Callable[..., Json]:
    """A handler for a CSV upload: the first file part whatever its name (as the service reads
    it), else the ``data`` form field's text; the other form fields as given."""

    def handler(world: World, request_url: str, request_headers: dict[str, str],
                token_info: Any = None, uploaded_files: list[Any] | None = None,
                body: Any = None) -> Json:
        form = {key: value for key, value in (body or {}).items() if isinstance(value, str)}
        data = uploaded_files[0].data if uploaded_files else None
        if data is None and form.get("data"):
            data = form["data"].encode()
        user = caller(token_info, request_headers)
        call = Call(form, user, {"data": data})
        return _answer(lambda backend, call: backend.upload(
            object_type, call.params["data"], call.request, call.user), world, request_url,
            request_headers, call)

    return handler
