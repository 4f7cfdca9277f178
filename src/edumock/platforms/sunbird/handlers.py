"""Thin handlers for specs/sunbird-course.yaml and specs/sunbird-bulk.yaml: unwrap
``request``, find the caller, call the backend, wrap the answer in the envelope.

Every Sunbird operation has the same shape (a ``{"request": {...}}`` body, a
user from the token, a result in the envelope), so each entry of ``HANDLERS``
is one line naming the backend method it calls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from edumock.platform import HandlerTable
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


HANDLERS: HandlerTable = {
    # Group activity aggregate and collection summary.
    "aggregates.group_activity": bind(
        lambda backend, call: backend.group_activity(call.request)),
    "aggregates.collection_summary": bind(
        lambda backend, call: backend.collection_summary(call.request)),
    # Batch create, update, read and search (``batch/list``).
    "batches.create": bind(lambda backend, call: backend.create_batch(call.request, call.user)),
    "batches.update": bind(lambda backend, call: backend.update_batch(call.request, call.user)),
    "batches.read": bind_get(
        lambda backend, call: backend.read_batch(str(call.params["batch_id"]))),
    "batches.search": bind(lambda backend, call: backend.search_batches(call.request)),
    # Certificate templates on a batch.
    "certificates.add_template": bind(lambda backend, call: backend.add_template(call.request)),
    "certificates.remove_template": bind(
        lambda backend, call: backend.remove_template(call.request)),
    # Enrol, unenrol (both spellings) and the user's enrolment list (GET and the v2 POST).
    **dict.fromkeys(("enrolment.enrol", "enrolment.enroll"),
                    bind(lambda backend, call: backend.enrol(call.request))),
    **dict.fromkeys(("enrolment.unenrol", "enrolment.unenroll"),
                    bind(lambda backend, call: backend.unenrol(call.request))),
    "enrolment.list_user_courses": bind_get(
        lambda backend, call: backend.user_courses(str(call.params["user_id"]))),
    "enrolment.list_user_courses_v2": bind(
        lambda backend, call: backend.user_courses(str(call.request.get("userId") or ""))),
    # Data-exhaust job requests.
    "jobs.submit": bind(lambda backend, call: backend.submit_job(call.request, call.user)),
    "jobs.list_jobs": bind_get(lambda backend, call: backend.list_jobs(str(call.params["tag"]))),
    # Pages and sections.
    "pages.create": bind(lambda backend, call: backend.create_page(call.request, call.user)),
    "pages.update": bind(lambda backend, call: backend.update_page(call.request)),
    "pages.read": bind_get(
        lambda backend, call: backend.read_page(str(call.params["page_name"]))),
    "pages.create_section": bind(
        lambda backend, call: backend.create_section(call.request, call.user)),
    "pages.update_section": bind(
        lambda backend, call: backend.update_section(call.request, call.user)),
    "pages.read_section": bind_get(
        lambda backend, call: backend.read_section(str(call.params["section_id"]))),
    "pages.list_sections": bind_get(lambda backend, call: backend.list_sections()),
    # Content state read (the user comes from the token) and update.
    "progress.read_state": bind(
        lambda backend, call: backend.read_state(call.request, call.user)),
    "progress.update_state": bind(
        lambda backend, call: backend.update_state(call.request, call.user)),
    # Bulk uploads (users, organisations, locations) and their status.
    "uploads.upload_users": bind_upload("user"),
    "uploads.upload_organisations": bind_upload("organisation"),
    "uploads.upload_locations": bind_upload("location"),
    "uploads.status": bind_get(
        lambda backend, call: backend.upload_status(str(call.params["process_id"]))),
}
