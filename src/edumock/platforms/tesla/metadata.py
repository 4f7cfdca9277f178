"""DRF's answer to ``OPTIONS`` (``APIView.options`` with ``SimpleMetadata``), as the real
TeSLA CE views give it: the view's name and docstring, its renderers and parsers, and for a
caller the view would let write, the fields ``POST`` (a list) or ``PUT`` (an existing item)
takes, derived from the spec's request and response schemas (``Platform.describe``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from edumock.contract.operations import Operation
from edumock.errors import PlatformError
from edumock.platform import GateRequest

RENDERS = ["application/json", "text/html", "application/json"]
"""The real views' renderer media types: DRF's JSON and browsable renderers, then the
project's JSON renderer again."""
PARSES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]

_DESCRIPTIONS = {
    "institution": "API endpoint that allows access to institution data.",
    "vle": "API endpoint that allows VLE to be viewed or edited.",
    "course": "API endpoint that allows course in a vle to be viewed or edited.",
    "group": "API endpoint that allows course groups to be viewed or edited.",
    "group_course": "API endpoint that allows courses in course groups to be added or deleted.",
    "instrument": "API endpoint that allows read instrument data",
    "ui": "API endpoint that allows institution UI Options to be viewed or edited.",
    "user": "API endpoint that allow institution users to be managed.",
    "instructor": "API endpoint that allows instructors to be viewed or edited.",
    "learner": "API endpoint that allows learners to be viewed or edited.",
    "course_instructor": "API endpoint that allows instructors to be viewed or edited.",
    "course_learner": "API endpoint that allows course learners to be viewed or edited.",
    "activity": "API endpoint that allows activity in a course to be viewed or edited.",
    "activity_instrument": "API endpoint that allows activity instruments to be viewed or "
                           "edited.",
    "report": "API endpoint that allows view activity reports.",
    "report_audit": "API endpoint that allows view activity report audit data.",
}
_COPIED = "API endpoint that allows activity to be viewed or edited."
"""The docstring several upstream viewsets copied from the activity view."""

VIEWS: Mapping[str, tuple[str, str]] = {
    group: (name, _DESCRIPTIONS.get(group, _COPIED)) for group, name in {
        "institution": "Institution", "vle": "Institution Vle", "course": "Institution Course",
        "group": "Institution Course Group", "group_course": "Institution Course Group Course",
        "ic": "Institution Informed Consent", "ic_document": "Institution Informed Consent "
        "Document", "instrument": "Institution Instrument", "ui": "Institution Ui Option",
        "user": "Institution User", "instructor": "Institution Instructor",
        "learner": "Institution Learner", "send": "Institution Send Category",
        "learner_send": "Institution Send Learner",
        "course_instructor": "Institution Course Instructor",
        "course_learner": "Institution Course Learner",
        "activity": "Institution Course Activity",
        "activity_instrument": "Institution Course Activity Instrument",
        "report": "Institution Course Activity Report",
        "report_request": "Institution Course Activity Report Request",
        "report_audit": "Institution Course Activity Report Audit",
    }.items()}
"""Resource group → the viewset's name (DRF's class name made words; the router adds
``List`` or ``Instance``) and its docstring."""

ROUTES: Mapping[str, tuple[str, str]] = {
    "ic.current": ("Current", "Retrieve the current informed consent"),
    "learner.enrolment": ("Enrolment", "Get learner enrolment status"),
    "learner.ic_accept": ("Ic", "Manage learner informed consent"),
    "learner.ic_reject": ("Ic", "Manage learner informed consent"),
    "auth.login": ("User Password", "Authentication View for user/password credentials"),
    "auth.login_get": ("User Password", "Authentication View for user/password credentials"),
    "auth.refresh": ("Token Refresh", "Refresh token view"),
    "auth.refresh_get": ("Token Refresh", "Refresh token view"),
}
"""Views that are not a viewset's list or item: ``@action`` routes (named after the method,
described by its docstring) and the login views."""

PLAIN = frozenset({"send", "credentials"})
"""Top-level fields the real serializers declare as plain or method fields, whatever the spec
says of their shape: ``SimpleMetadata`` gives them type ``field`` and no ``children``."""

_TYPES = {"boolean": "boolean", "integer": "integer", "number": "float", "array": "list",
          "object": "nested object"}
_FORMATS = {"date-time": "datetime", "date": "date", "email": "email", "uri": "url"}


def name_and_description(declared: tuple[Operation, ...]) -> tuple[str, str]:
    """The name and description DRF gives the view serving these operations."""
    ids = [operation.operation_id for operation in declared]
    route = next((ROUTES[i] for i in ids if i in ROUTES), None)
    if route is not None:
        return route
    group = ids[0].split(".", 1)[0]
    name, description = VIEWS[group]
    listing = any(i.endswith((".list", ".create")) for i in ids)
    return f"{name} {'List' if listing else 'Instance'}", description


def _label(name: str, top: bool) -> str:
    if name == "id" and top:
        return "ID"  # a model's AutoField, whose verbose name Django spells so
    words = name.replace("_", " ")
    return words[:1].upper() + words[1:]


def field_info(name: str, schema: Mapping[str, Any], request: Mapping[str, Any] | None,
               required: bool, *, top: bool = True) -> dict[str, Any]:
    """``SimpleMetadata.get_field_info`` for one field: the request schema (None: the field
    is read-only) says what a client may send, the response schema what it reads."""
    shown = request if request is not None else schema
    kind = _FORMATS.get(str(shown.get("format")), _TYPES.get(str(shown.get("type")), "string"))
    if "enum" in shown and request is not None:
        kind = "choice"
    if shown.get("type") is None and "enum" not in shown:
        kind = "field"
    info: dict[str, Any] = {"type": kind, "required": required and request is not None,
                            "read_only": request is None, "label": _label(name, top)}
    if top and name in PLAIN:
        info["type"] = "field"
        return info
    if request is not None and "maxLength" in request:
        info["max_length"] = request["maxLength"]
    children = schema.get("properties")
    if kind == "nested object" and isinstance(children, Mapping):
        info["children"] = {child: field_info(child, sub, None, False, top=False)
                            for child, sub in children.items()}
    if kind == "choice":
        info["choices"] = [{"value": value, "display_name": str(value)}
                           for value in shown["enum"] if value is not None]
    return info


def _json_schema(part: Mapping[str, Any] | None) -> Mapping[str, Any]:
    content = (part or {}).get("content") or {}
    schema: Mapping[str, Any] = (content.get("application/json") or {}).get("schema") or {}
    return schema


def serializer_info(operation: Operation) -> dict[str, Any]:
    """The fields a write operation's serializer has: those it answers with, in order, then
    those it only takes (a password)."""
    request = _json_schema(operation.request_body)
    answer = _json_schema(next((operation.responses[s] for s in ("201", "200")
                                if s in operation.responses), None))
    taken = request.get("properties") or {}
    required = set(request.get("required") or ())
    fields = {**(answer.get("properties") or {}),
              **{k: v for k, v in taken.items() if k not in (answer.get("properties") or {})}}
    return {name: field_info(name, schema, taken.get(name), name in required)
            for name, schema in fields.items()}


def describe(request: GateRequest) -> dict[str, Any]:
    """The view's metadata, with ``actions`` for the writes the caller may make."""
    name, description = name_and_description(request.target.declared)
    metadata: dict[str, Any] = {"name": name, "description": description,
                                "renders": RENDERS, "parses": PARSES}
    actions = {method: serializer_info(operation)
               for method, operation in _writes(request.target.declared)
               if _may(request, operation)}
    if actions:
        metadata["actions"] = actions
    return metadata


def _writes(declared: tuple[Operation, ...]) -> list[tuple[str, Operation]]:
    """The POST of a list and the PUT of an item of a viewset (``determine_actions``)."""
    return [(operation.method, operation) for operation in declared
            if operation.operation_id.endswith((".create", ".update"))]


def _may(request: GateRequest, operation: Operation) -> bool:
    """Whether the view's permissions let the caller make this write and, for a PUT, whether
    the item exists for them (``get_object``)."""
    from edumock.platforms.tesla.auth import authenticate
    from edumock.platforms.tesla.handlers import make_call
    from edumock.platforms.tesla.models.permissions import require
    from edumock.platforms.tesla.views import ACTIONS, VIEWS, permissions_of

    token_info = request.token_info
    if token_info is None:
        token_info = authenticate(request.world, request.headers.get("authorization"))
    params = {("id_" if key == "id" else key): value
              for key, value in operation.path_params(urlsplit(request.url).path).items()}
    call = make_call(request.world, request.url, dict(token_info), params)
    action = ACTIONS[operation.operation_id.rsplit(".", 1)[-1]]
    try:
        require(call, action, permissions_of(operation.operation_id))
        if operation.method == "PUT":
            resource = VIEWS[operation.operation_id.split(".", 1)[0]](call)
            resource.lookup(resource.resolve_scope(), call.path.get(resource.lookup_param, ""))
    except PlatformError:
        return False
    return True
