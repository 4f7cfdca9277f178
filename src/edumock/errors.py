"""The core's exception tree and the neutral description of a failed request.

::

    EdumockError                      anything edumock raises on purpose
    ├── PlatformError                 a platform's own refusal; its package renders it
    └── ContractViolation             a request that breaks the spec (raised by our validators)
        ├── ParameterInvalid          a path, query or header parameter
        ├── BodyMissing               a required body that is absent
        ├── BodyMalformed             a body that cannot be parsed
        └── BodyInvalid               a parsed body failing its schema (every issue kept)
    BodyTooLarge                      a body over the server's size limit (413)
    RecordRefused                     an arranged record a platform's rules refuse
    StoreUnavailable                  the shared engine holding world state is lost (503)

Everything else that can go wrong (unknown route, wrong method, bad media
type, failed authentication, a response breaking our own spec) arrives from
Connexion or Starlette; :mod:`edumock.serving.error_router` turns all of it into a
:class:`Failure` so platforms render one shape, never Connexion's problem+json.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from connexion.exceptions import BadRequestProblem


class EdumockError(Exception):
    """Base of every deliberate edumock error."""


class PlatformError(EdumockError):
    """A refusal defined by a platform; carries the HTTP status it answers with."""

    status: int = 400

    def __init__(self, message: str = "") -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class SchemaIssue:
    """One schema failure inside a request or response body."""

    path: tuple[str | int, ...]
    message: str
    keyword: str
    schema_path: tuple[str | int, ...] = ()
    expected: Any = None
    """The failing keyword's value in the schema (the maxLength, the type, the enum...)."""
    schema: Any = field(default=None, compare=False, hash=False)
    """The schema holding the failing keyword (a property's, for a wrong value), so a platform
    can word the failure as the field it describes would."""

    @property
    def json_path(self) -> str:
        """The failing location as ``$.a[0].b``."""
        out = "$"
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else f".{part}"
        return out


class ContractViolation(BadRequestProblem, EdumockError):  # type: ignore[misc]
    """A request that breaks the spec; still a Connexion 400 problem underneath."""

    def __init__(self, detail: str) -> None:
        BadRequestProblem.__init__(self, detail=detail)


class ParameterInvalid(ContractViolation):
    """A parameter missing or failing its schema."""

    def __init__(self, location: str, name: str, message: str, missing: bool) -> None:
        super().__init__(message)
        self.location = location
        self.name = name
        self.missing = missing


class BodyMissing(ContractViolation):
    """The operation needs a body and none came."""

    def __init__(self) -> None:
        super().__init__("Request body must not be empty")


class BodyMalformed(ContractViolation):
    """The body could not be parsed as its declared media type."""


class BodyInvalid(ContractViolation):
    """A body that parsed but fails its schema; every issue is kept, in path order."""

    def __init__(self, issues: list[SchemaIssue], body: Any) -> None:
        super().__init__(issues[0].message if issues else "invalid body")
        self.issues = issues
        self.body = body


class BodyTooLarge(EdumockError):
    """A request body over ``max_body_bytes``: refused before it is read whole."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"Request body too large: the limit is {limit} bytes")
        self.limit = limit


class RecordRefused(EdumockError):
    """A record arranged through the admin API that the platform's rules for its collection
    refuse; ``field`` names the offending field (dotted for nested ones)."""

    def __init__(self, field: str, message: str, index: int | None = None) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        self.index = index

    @property
    def detail(self) -> str:
        """``[1].email: This field must be unique.`` (the list position when there is one)."""
        where = self.field if self.index is None else f"[{self.index}].{self.field}"
        return f"{where}: {self.message}"

    @property
    def members(self) -> dict[str, Any]:
        """What the admin API's problem document adds: the field, and the list position."""
        return {"field": self.field, **({} if self.index is None else {"index": self.index})}


class StoreUnavailable(EdumockError):
    """The shared engine holding world state cannot be reached: the request is refused
    (503 in its platform's format) and nothing is half-written."""

    def __init__(self, detail: str = "sandbox state store unavailable") -> None:
        super().__init__(detail)
        self.detail = detail


class FailureKind(enum.Enum):
    """Why a request failed before (or outside) a platform's own rules."""

    ROUTE_NOT_FOUND = "route_not_found"
    RECORD_NOT_FOUND = "record_not_found"
    """A declared route whose record is missing (an injected 404, ``Prefer: code=404``)."""
    METHOD_NOT_ALLOWED = "method_not_allowed"
    UNAUTHENTICATED = "unauthenticated"
    FORBIDDEN = "forbidden"
    PARAMETER_INVALID = "parameter_invalid"
    BODY_MISSING = "body_missing"
    BODY_MALFORMED = "body_malformed"
    BODY_INVALID = "body_invalid"
    MEDIA_TYPE_UNSUPPORTED = "media_type_unsupported"
    BODY_TOO_LARGE = "body_too_large"
    RESPONSE_INVALID = "response_invalid"
    UNAVAILABLE = "unavailable"
    """The sandbox's state store is lost (503)."""
    OTHER = "other"
    INTERNAL = "internal"


@dataclass(frozen=True, slots=True)
class Failure:
    """A neutral description of a failed request, handed to a platform's renderer."""

    kind: FailureKind
    status: int
    detail: str
    method: str
    path: str
    issues: tuple[SchemaIssue, ...] = ()
    body: Any = None
    parameter: ParameterInvalid | None = None
    allowed_methods: tuple[str, ...] = ()
    media_type: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ErrorContext:
    """What a renderer may know of the failed request: its path, headers and sandbox time."""

    path: str
    headers: dict[str, str]
    now: datetime


@dataclass(frozen=True, slots=True)
class ErrorResponse:
    """What a platform's renderer answers: status, JSON (or text) body and headers."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    media_type: str = "application/json"
