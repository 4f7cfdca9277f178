"""TeSLA errors in Django REST framework's shapes, with the real server's messages.

``render`` is the one place a TeSLA error body is built: ``{"detail": ...}`` for
request-level refusals, ``{"field": ["message"]}`` (nested for nested fields)
for validation errors, and the odd bare JSON string the real ``ic/current/``
answers with. Schema failures found by the request validator are translated
into the messages DRF's own fields would give.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from edumock.errors import (
    ErrorContext,
    ErrorResponse,
    Failure,
    FailureKind,
    PlatformError,
    SchemaIssue,
)

PERMISSION_DENIED = "You do not have permission to perform this action."
NOT_FOUND = "Not found."
REQUIRED = "This field is required."


class DrfError(PlatformError):
    """A DRF ``APIException``: status plus a body (usually ``{"detail": ...}``)."""

    def __init__(self, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        super().__init__(str(body))
        self.status = status
        self.body = body
        self.headers = headers or {}


class NotFound(DrfError):
    """404 ``{"detail": "Not found."}`` (or a view's own detail)."""

    def __init__(self, detail: str = NOT_FOUND) -> None:
        super().__init__(404, {"detail": detail})


class PermissionDenied(DrfError):
    """403 with DRF's default message or a view's own."""

    def __init__(self, detail: str = PERMISSION_DENIED) -> None:
        super().__init__(403, {"detail": detail})


class AuthenticationFailed(DrfError):
    """401 with ``WWW-Authenticate: JWT``, as JWTAuthentication answers."""

    def __init__(self, detail: str) -> None:
        super().__init__(401, {"detail": detail}, {"WWW-Authenticate": "JWT"})


class ValidationError(DrfError):
    """400 with field errors (``non_field_errors`` for cross-field rules)."""

    def __init__(self, errors: dict[str, Any]) -> None:
        super().__init__(400, errors)


class BareMessage(DrfError):
    """A view that answers a bare JSON string, e.g. ``ic/current/``'s 404 "Invalid version"."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(status, message)


def field_error(field: str, message: str) -> ValidationError:
    """``{"field": ["message"]}``."""
    return ValidationError({field: [message]})


def non_field_error(message: str) -> ValidationError:
    """``{"non_field_errors": ["message"]}``."""
    return ValidationError({"non_field_errors": [message]})


_TYPE_MESSAGES = {
    "string": "Not a valid string.",
    "integer": "A valid integer is required.",
    "number": "A valid number is required.",
    "boolean": "Must be a valid boolean.",
}

PK_FIELD = "PrimaryKeyRelatedField"
"""``x-drf-field`` of a property that names a record by its primary key. (``EmailField`` marks
an e-mail whose form the model checks: a value of another type is refused in its words.)"""

_VALIDATOR_ORDER = {"maxLength": 0, "minLength": 1, "maximum": 2, "minimum": 3, "format": 4}
"""The order of DRF's field validators: the lengths (``CharField.__init__``), the bounds, then
a subclass's own (``EmailField``'s) and the model's."""


def _python_type(value: Any) -> str:
    return {dict: "dict", list: "list", str: "str", int: "int", float: "float",
            bool: "bool"}.get(type(value), type(value).__name__)


def _schema_of(issue: SchemaIssue) -> dict[str, Any]:
    """The failing field's schema: the property's own (for ``required``, the missing one's)."""
    schema = issue.schema if isinstance(issue.schema, dict) else {}
    if issue.keyword == "required" and "'" in issue.message:
        prop = schema.get("properties", {}).get(issue.message.split("'")[1])
        return prop if isinstance(prop, dict) else {}
    return schema


def _invalid(issue: SchemaIssue, value: Any) -> str:
    """``to_internal_value``'s refusal: the field's ``invalid`` message for a value of a type
    it cannot read (an ``anyOf`` of the types it can)."""
    schema = _schema_of(issue)
    if value is None or (value == "" and schema.get("x-drf-field") == PK_FIELD):
        return "This field may not be null."  # a related field reads "" as None
    if schema.get("x-drf-field") == PK_FIELD:
        return f"Incorrect type. Expected pk value, received {_python_type(value)}."
    if "enum" in schema:
        return f'"{value}" is not a valid choice.'
    if schema.get("format") == "email" or schema.get("x-drf-field") == "EmailField":
        return "Enter a valid email address."  # EmailField's own ``invalid``
    expected = issue.expected
    if issue.keyword == "anyOf" and isinstance(expected, list) and expected:
        expected = expected[0].get("type") if isinstance(expected[0], dict) else None
    if expected == "object":
        return f"Invalid data. Expected a dictionary, but got {_python_type(value)}."
    if expected == "array":
        return f'Expected a list of items but got type "{_python_type(value)}".'
    return _TYPE_MESSAGES.get(str(expected), issue.message)


def drf_message(issue: SchemaIssue, value: Any) -> str:
    """What a DRF serializer field would say about this schema failure."""
    keyword, expected = issue.keyword, issue.expected
    if keyword == "required":
        return REQUIRED
    if keyword in ("type", "anyOf", "enum"):
        return _invalid(issue, value)
    if keyword == "minLength":
        if expected == 1:
            return "This field may not be blank."
        return f"Ensure this field has at least {expected} characters."
    if keyword == "maxLength":
        return f"Ensure this field has no more than {expected} characters."
    if keyword == "format" and expected == "email":
        return "Enter a valid email address."
    if keyword == "format" and expected == "date-time":
        return ("Datetime has wrong format. Use one of these formats instead: "
                "YYYY-MM-DDThh:mm[:ss[.uuuuuu]][+HH:MM|-HH:MM|Z].")
    if keyword == "maximum":
        return f"Ensure this value is less than or equal to {expected}."
    if keyword == "minimum":
        return f"Ensure this value is greater than or equal to {expected}."
    return issue.message


def _resolve(body: Any, path: tuple[str | int, ...]) -> Any:
    for part in path:
        try:
            body = body[part]
        except (KeyError, IndexError, TypeError):
            return None
    return body


def _field_path(issue: SchemaIssue) -> tuple[str | int, ...]:
    """The failing field's path; for ``required`` the missing property is appended."""
    if issue.keyword == "required" and "'" in issue.message:
        return (*issue.path, issue.message.split("'")[1])
    return issue.path


def _first_failing(issues: list[SchemaIssue], value: Any) -> list[SchemaIssue]:
    """The issues DRF reports for one field, in ``run_validation``'s order: a missing or null
    value, then a blank string, then a value ``to_internal_value`` cannot read (a wrong type, a
    choice it lacks) each stop the field alone; only the validators' refusals add up."""
    stops: tuple[Callable[[SchemaIssue], bool], ...] = (
        lambda i: i.keyword == "required" or value is None,
        lambda i: i.keyword == "minLength" and i.expected == 1 and value == "",
        lambda i: i.keyword in ("type", "anyOf", "enum"))
    for stop in stops:
        stopping = [issue for issue in issues if stop(issue)]
        if stopping:
            return stopping[:1]
    return sorted(issues, key=lambda issue: _VALIDATOR_ORDER.get(issue.keyword, 9))


def validation_body(failure: Failure) -> dict[str, Any]:
    """Nested DRF field errors for the schema issues of a request body: one field's issues
    reduced as its ``run_validation`` would stop, and a nested serializer's refusal of a
    value that is not an object under that field's ``non_field_errors``."""
    errors: dict[str, Any] = {}
    by_field: dict[tuple[str | int, ...], list[SchemaIssue]] = {}
    for issue in failure.issues:
        path = _field_path(issue)
        if not path:
            kind = _python_type(failure.body)
            errors.setdefault("non_field_errors", []).append(
                "No data provided" if failure.body is None else  # DRF's words for a null body
                f"Invalid data. Expected a dictionary, but got {kind}.")
            continue
        by_field.setdefault(path, []).append(issue)
    for path, issues in by_field.items():
        value = _resolve(failure.body, path)
        for issue in _first_failing(issues, value):
            message = drf_message(issue, value)
            where = tuple(str(part) for part in path)
            if issue.keyword == "type" and issue.expected == "object" and value is not None:
                where = (*where, "non_field_errors")  # a nested serializer's own refusal
            node = errors
            for part in where[:-1]:
                node = node.setdefault(part, {})
            bucket = node.setdefault(where[-1], [])
            if isinstance(bucket, list) and message not in bucket:
                bucket.append(message)
    return errors


DJANGO_NOT_FOUND = ('\n<!doctype html>\n<html lang="en">\n<head>\n  <title>Not Found</title>\n'
                    '</head>\n<body>\n  <h1>Not Found</h1><p>The requested resource was not '
                    'found on this server.</p>\n</body>\n</html>\n')
"""What Django (DEBUG off) answers for a URL no view matches."""


def _failure_body(failure: Failure) -> tuple[int, Any, dict[str, str]]:
    kind = failure.kind
    if kind is FailureKind.RECORD_NOT_FOUND:
        return 404, {"detail": NOT_FOUND}, {}
    if kind is FailureKind.METHOD_NOT_ALLOWED:
        headers = {"Allow": ", ".join(failure.allowed_methods)} if failure.allowed_methods else {}
        return 405, {"detail": f'Method "{failure.method}" not allowed.'}, headers
    if kind is FailureKind.MEDIA_TYPE_UNSUPPORTED:
        media = failure.media_type or failure.detail.split("(")[-1].split(")")[0]
        return 415, {"detail": f'Unsupported media type "{media}" in request.'}, {}
    if kind in (FailureKind.BODY_MALFORMED, FailureKind.BODY_MISSING):
        return 400, {"detail": f"JSON parse error - {failure.detail}"}, {}
    if kind is FailureKind.BODY_TOO_LARGE:
        return 413, {"detail": f"{failure.detail}."}, {}
    if kind is FailureKind.BODY_INVALID:
        return 400, validation_body(failure), {}
    if kind is FailureKind.PARAMETER_INVALID and failure.parameter is not None:
        return 400, {failure.parameter.name: [failure.detail]}, {}
    if kind is FailureKind.UNAUTHENTICATED:
        return 401, {"detail": "Authentication credentials were not provided."}, {
            "WWW-Authenticate": "JWT"}
    if kind is FailureKind.FORBIDDEN:
        return 403, {"detail": PERMISSION_DENIED}, {}
    if kind is FailureKind.INTERNAL or kind is FailureKind.RESPONSE_INVALID:
        return 500, {"detail": "A server error occurred."}, {}
    return failure.status, {"detail": failure.detail}, {}


def render(error: Failure | PlatformError, context: ErrorContext) -> ErrorResponse:
    """The DRF body for a TeSLA refusal or a core failure."""
    if isinstance(error, DrfError):
        return ErrorResponse(error.status, error.body, dict(error.headers))
    if isinstance(error, Failure):
        if error.kind is FailureKind.ROUTE_NOT_FOUND:
            return ErrorResponse(404, DJANGO_NOT_FOUND, {}, "text/html")
        status, body, headers = _failure_body(error)
        if error.kind is FailureKind.BODY_MALFORMED and context.headers.get(
                "content-type", "").startswith("multipart/"):
            body = {"detail": f"Multipart form parse error - {error.detail}"}  # DRF's wording
        return ErrorResponse(status, body, headers)
    return ErrorResponse(error.status, {"detail": error.message})
