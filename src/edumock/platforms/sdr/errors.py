"""TEC SDR errors: each refusal carries TEC's status and error code; ``render`` builds the body.

SDR answers errors with an RFC 7807 problem document extended with
``errorCode``, ``errors``, ``returnId``, ``submissionToken`` and ``content``
(per-record problems of a refused batch). ``render`` is the only place that
body is built, for SDR's own refusals and for contract failures alike.
"""

from __future__ import annotations

from typing import Any

from edumock.errors import ErrorContext, ErrorResponse, Failure, FailureKind, PlatformError

PROBLEM_JSON = "application/problem+json"
OAUTH_PREFIX = "/oauth2/"
_TYPE_BASE = "https://api-docs.prd.dxs.pub.tec.govt.nz/docs/provider-based/api-error-codes#"


class SdrError(PlatformError):
    """A refusal with TEC's error code; subclasses fix status, code and title."""

    status = 400
    code = "CV1"
    title = "Bad Request"

    def __init__(
        self,
        detail: str,
        *,
        return_id: str | None = None,
        submission_token: str | None = None,
        content: list[dict[str, Any]] | None = None,
        errors: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.return_id = return_id
        self.submission_token = submission_token
        self.content = content
        self.errors = errors or {}
        self.headers = headers or {}


class EidNotNumeric(SdrError):
    """AM1: the EID header is not a number."""

    code, title = "AM1", "Invalid EID header"


class EidMissing(SdrError):
    """AM2: the EID header is absent."""

    code, title = "AM2", "Missing EID header"


class AuthenticationFailed(SdrError):
    """AU2 (token or ESL fault): no bearer token, or one that is malformed, forged or expired."""

    status, code, title = 401, "AU2", "Authorization failed"


class NotAuthorisedForEid(SdrError):
    """AU1 (machine account not set up): a valid token not scoped to the EID's organisation."""

    status, code, title = 401, "AU1", "Authorization failed"


class SchemaMismatch(SdrError):
    """CV1: the payload does not match the schema."""

    code, title = "CV1", "Payload does not match the schema"


class DuplicateLocalId(SdrError):
    """CV2: the same localId appears more than once in one batch."""

    code, title = "CV2", "Duplicate localId in batch"


class BatchTooLarge(SdrError):
    """MP1: more records than the token's maxRecordPerBatch."""

    code, title = "MP1", "Too many records"


class RequestAlreadyRunning(SdrError):
    """DS1: a validation is running for this organisation; retry after it ends."""

    status, code, title = 429, "DS1", "Request already running for EID"


class PageNegative(SdrError):
    """PR1: page or pageSize below its minimum."""

    code, title = "PR1", "Pagination value out of range"


class PageOutsideData(SdrError):
    """PR2: a page beyond the last one."""

    code, title = "PR2", "Page outside data"


class ReturnNotFound(SdrError):
    """R1: no return period with that id for this organisation."""

    status, code, title = 404, "R1", "Return not found"


class ReturnWindowClosed(SdrError):
    """R2: the return period's upload window is not open."""

    status, code, title = 409, "R2", "Return window not open"


class SubmissionTokenNotFound(SdrError):
    """SC1: no submission token with that value for this organisation (or it was deleted)."""

    code, title = "SC1", "Submission token not found"


class SubmissionTokenExpired(SdrError):
    """SC2: the organisation's submission token is past its expiry."""

    code, title = "SC2", "Submission token not found"


class NothingToValidate(SdrError):
    """NR1 (edumock's code): validation requested with no records uploaded."""

    code, title = "NR1", "No records uploaded"


class ValidationNotRequested(SdrError):
    """NV1 (edumock's code): the token has no validation run to report."""

    code, title = "NV1", "Validation not requested"


class ClientUnauthorised(SdrError):
    """OAuth client credentials that do not match a configured client."""

    status, code, title = 401, "AU1", "Authorization failed"


# Core failures mapped to SDR codes and titles.
_FAILURES: dict[FailureKind, tuple[str, str]] = {
    FailureKind.ROUTE_NOT_FOUND: ("NF1", "Not Found"),
    FailureKind.RECORD_NOT_FOUND: ("NF1", "Not Found"),
    FailureKind.METHOD_NOT_ALLOWED: ("MA1", "Method Not Allowed"),
    FailureKind.UNAUTHENTICATED: ("AU2", "Authorization failed"),
    FailureKind.FORBIDDEN: ("AU1", "Authorization failed"),
    FailureKind.PARAMETER_INVALID: ("CV1", "Payload does not match the schema"),
    FailureKind.BODY_MISSING: ("CV1", "Payload does not match the schema"),
    FailureKind.BODY_MALFORMED: ("CV1", "Payload does not match the schema"),
    FailureKind.BODY_INVALID: ("CV1", "Payload does not match the schema"),
    FailureKind.MEDIA_TYPE_UNSUPPORTED: ("CT1", "Unsupported Media Type"),
    FailureKind.BODY_TOO_LARGE: ("PL1", "Payload Too Large"),
    FailureKind.RESPONSE_INVALID: ("UE1", "Internal Server Error"),
    FailureKind.OTHER: ("UE1", "Error"),
    FailureKind.INTERNAL: ("UE1", "Internal Server Error"),
    FailureKind.UNAVAILABLE: ("UE1", "Service Unavailable"),
}

_PAGINATION_PARAMETERS = frozenset({"page", "pageSize"})


def _body_problems(failure: Failure) -> tuple[list[dict[str, Any]] | None, dict[str, list[str]]]:
    """Group body issues: per record for ``content[i]``, by JSON path for the rest."""
    content: dict[int, dict[str, Any]] = {}
    elsewhere: dict[str, list[str]] = {}
    records = failure.body.get("content") if isinstance(failure.body, dict) else None
    for issue in failure.issues:
        path = issue.path
        if len(path) >= 2 and path[0] == "content" and isinstance(path[1], int):
            index = path[1]
            record = records[index] if isinstance(records, list) else None
            local_id = record.get("localId") if isinstance(record, dict) else None
            entry = content.setdefault(
                index, {"index": index, "localId": local_id if isinstance(local_id, str) else None,
                        "errors": []})
            where = ".".join(str(part) for part in path[2:]) or "(record)"
            entry["errors"].append(f"{where}: {issue.message}")
        else:
            elsewhere.setdefault(issue.json_path, []).append(issue.message)
    ordered = [content[index] for index in sorted(content)] or None
    return ordered, elsewhere


def _from_failure(failure: Failure) -> SdrError:
    code, title = _FAILURES[failure.kind]
    error = SdrError(failure.detail)
    error.status, error.code, error.title = failure.status, code, title
    if failure.kind is FailureKind.PARAMETER_INVALID and failure.parameter is not None:
        parameter = failure.parameter
        if parameter.name in _PAGINATION_PARAMETERS:
            error.code, error.title = PageNegative.code, PageNegative.title
        error.errors = {f"$.{parameter.name}": [failure.detail]}
    elif failure.kind is FailureKind.BODY_INVALID:
        error.content, error.errors = _body_problems(failure)
        body = failure.body if isinstance(failure.body, dict) else {}
        token = body.get("submissionToken")
        error.submission_token = token if isinstance(token, str) else None
        count = len(error.content or []) + len(error.errors)
        error.message = f"{count} problem(s) found; nothing was stored"
    elif failure.kind is FailureKind.METHOD_NOT_ALLOWED and failure.allowed_methods:
        error.headers = {"Allow": ", ".join(failure.allowed_methods)}
    return error


def _oauth_body(error: Failure | PlatformError) -> ErrorResponse:
    """RFC 6749 section 5.2 errors for the token endpoint."""
    status = error.status
    if isinstance(error, PlatformError):
        code = getattr(error, "oauth_error", "invalid_client" if status == 401 else
                       "invalid_request")
        description = error.message
    else:
        code = {401: "invalid_client", 503: "temporarily_unavailable"}.get(status,
                                                                          "invalid_request")
        description = error.detail
    headers = {"WWW-Authenticate": 'Basic realm="ESL"'} if status == 401 else {}
    headers["Cache-Control"] = "no-store"
    return ErrorResponse(status, {"error": code, "error_description": description}, headers)


def render(error: Failure | PlatformError, context: ErrorContext) -> ErrorResponse:
    """The SDR problem document for an SDR refusal or a core failure."""
    path = context.path
    if path.startswith(OAUTH_PREFIX) and not (
        isinstance(error, Failure) and error.kind in (FailureKind.ROUTE_NOT_FOUND,
                                                      FailureKind.METHOD_NOT_ALLOWED)
    ):
        return _oauth_body(error)
    if isinstance(error, Failure):
        sdr = _from_failure(error)
    elif isinstance(error, SdrError):
        sdr = error
    else:
        sdr = SdrError(error.message)
        sdr.status = error.status
    return_id = int(sdr.return_id) if sdr.return_id and sdr.return_id.isdigit() else None
    body: dict[str, Any] = {
        "type": _TYPE_BASE + sdr.code,
        "title": sdr.title,
        "status": sdr.status,
        "detail": sdr.message,
        "instance": path,
        "errorCode": sdr.code,
        "errorCodes": [sdr.code],
        "errors": {"returnId": return_id, "submissionToken": sdr.submission_token,
                   "content": sdr.content, **sdr.errors},
    }
    return ErrorResponse(sdr.status, body, dict(sdr.headers), PROBLEM_JSON)
