"""Sunbird errors: the real response codes and messages, and the one place the body is built.

Errors use the same envelope as successes: ``responseCode`` by HTTP status
(CLIENT_ERROR, RESOURCE_NOT_FOUND, SERVER_ERROR), ``params.err`` and
``params.status`` both the error code, ``params.errmsg`` the message with its
placeholders filled, ``result: {}``. A refusal without a code (upstream's
``throwClientErrorException(ResponseCode.CLIENT_ERROR, message)``) has ``err``
null and ``status`` SERVER_ERROR. The API gateway's own refusals (no or bad
API key) are Kong's ``{"message": ...}`` bodies.
"""

from __future__ import annotations

from typing import Any

from edumock.errors import ErrorContext, ErrorResponse, Failure, FailureKind, PlatformError
from edumock.platforms.sunbird.envelope import envelope, response_id

# (code, message) pairs from ResponseCode.java / ResponseMessage.java.
MANDATORY_PARAMETER_MISSING = ("MANDATORY_PARAMETER_MISSING", "Mandatory parameter {0} is missing.")
INVALID_PARAMETER_VALUE = ("INVALID_PARAMETER_VALUE",
                           "Invalid value {0} for parameter {1}. Please provide a valid value.")
DATE_FORMAT_ERROR = ("DATE_FORMAT_ERRROR", "Date format error.")
END_DATE_ERROR = ("END_DATE_ERROR", "End date should be greater than start date.")
BATCH_START_DATE_INVALID = ("COURSE_BATCH_START_DATE_INVALID",
                            "Batch start date should be either today or future date.")
ENROLLMENT_END_BEFORE_START = ("ENROLLMENT_END_DATE_START_ERROR",
                               "Enrollment End date should be greater than course batch start "
                               "date.")
ENROLLMENT_END_AFTER_END = ("ENROLLMENT_END_DATE_END_ERROR",
                            "Enrollment End date should be lesser than course batch end date.")
INVALID_BATCH_END_DATE = ("INVALID_BATCH_END_DATE_ERROR", "Please provide valid End Date.")
INVALID_PROGRESS_STATUS = ("INVALID_PROGRESS_STATUS",
                           "Progress status value should be NOT_STARTED(0), STARTED(1), "
                           "COMPLETED(2).")
INVALID_COURSE_BATCH_ID = ("INVALID_COURSE_BATCH_ID", "Invalid course batch id ")
BATCH_COMPLETED = ("COURSE_BATCH_ALREADY_COMPLETED", "Course batch is already completed.")
ENROLLMENT_ENDED = ("COURSE_BATCH_ENROLLMENT_DATE_ENDED", "Course batch enrollment date has ended.")
ALREADY_ENROLLED = ("USER_ALREADY_ENROLLED_COURSE", "User has already Enrolled this course .")
NOT_ENROLLED = ("USER_NOT_ENROLLED_COURSE", "User is not enrolled to given course batch.")
DATA_TYPE_ERROR = ("DATA_TYPE_ERROR", "Data type of {0} should be {1}.")
INVALID_REQUESTED_DATA = ("INVALID_REQUESTED_DATA",
                          "Requested data for this operation is not valid.")
RESOURCE_NOT_FOUND = ("RESOURCE_NOT_FOUND", "Requested resource not found")
INTERNAL_ERROR = ("INTERNAL_ERROR", "Process failed,please try again later.")
UNAUTHORIZED_USER = ("UNAUTHORIZED_USER", "You are not authorized.")
SERVICE_UNAVAILABLE = ("SERVICE_UNAVAILABLE", "SERVICE UNAVAILABLE")
GROUP_ID_MISSING = ("GROUP_ID_MISSING", "GroupId is mandatory.")
ACTIVITY_ID_MISSING = ("ACTIVITY_ID_MISSING", "ActivityId is mandatory.")
ACTIVITY_TYPE_MISSING = ("ACTIVITY_TYPE_MISSING", "ActivityType is mandatory.")
PAGE_NAME_REQUIRED = ("PAGE_NAME_REQUIRED", "Page name is required.")
PAGE_ALREADY_EXIST = ("PAGE_ALREADY_EXIST",
                      "page already exist with this Page Name and Org Code.")
PAGE_NOT_EXIST = ("PAGE_NOT_EXIST", "Requested page does not exist.")
SECTION_NAME_MISSING = ("SECTION_NAME_MISSING", "Section name is required.")
SECTION_DATA_TYPE_MISSING = ("SECTION_DATA_TYPE_MISSING", "Section data type missing.")
SECTION_ID_REQUIRED = ("SECTION_ID_REQUIRED", "Section id is required.")
PAGE_ID_REQUIRED = ("PAGE_ID_REQUIRED", "Page id is required.")
INVALID_COURSE_ID = ("INVALID_COURSE_ID",
                     "Course doesnot exist. Please provide a valid course identifier")
BATCH_CLOSED = ("COURSE_BATCH_END_DATE_ERROR", "Batch has been closed.")
ENROLLMENT_TYPE_VALIDATION = ("ENROLLMENT_TYPE_VALIDATION",
                              "Enrollment type should be invite-only.")
USERID_MISSING = ("USERID_MISSING", "UserId is mandatory.")
COURSE_ID_REQUIRED = ("COURSE_ID_REQUIRED_ERROR", "Course id is mandatory.")
CONTENT_ID_REQUIRED = ("CONTENT_ID_REQUIRED_ERROR", "Content id is mandatory.")
CONTENT_STATUS_MISSING = ("CONTENT_STATUS_MISSING_ERROR", "content status is required .")
SECTION_NOT_EXIST = ("SECTION_NOT_EXIST", "Requested section does not exist.")

# userorg-service (bulk upload): its ResponseMessage.java, under the symbolic keys.
MISSING_FILE_ATTACHMENT = ("MISSING_FILE_ATTACHMENT", "Missing file attachment.")
MAX_SIZE_EXCEEDED = ("MAX_ALLOWED_SIZE_LIMIT_EXCEED", "Max allowed size is {0}")
EMPTY_CSV_FILE = ("EMPTY_CSV_FILE", "CSV file is Empty.")
EMPTY_HEADER_LINE = ("EMPTY_HEADER_LINE", "Missing header line in CSV file.")
INVALID_COLUMNS = ("INVALID_COLUMNS", "Invalid column: {0}. Valid columns are: {1}.")
INVALID_CSV_FILE = ("INVALID_CSV_FILE", "Please provide valid csv file.")
INVALID_ORG_DATA = ("INVALID_ORG_DATA", "Given Organization Data doesn't exist in our records. "
                    "Please provide a valid one")

# Refusals upstream raises as throwClientErrorException(ResponseCode.CLIENT_ERROR or
# RESOURCE_NOT_FOUND, message): those two members of the enum carry no error code, so the
# envelope's err is null and its status falls back to SERVER_ERROR; the HTTP status is 400.
NO_SUCH_BATCH = (None, "No such batchId exists")
BATCH_NOT_LINKED = (None, "batchId is not linked with courseId")
TEMPLATE_NOT_FOUND = (None, "Given cert template not found: {0}")
TEMPLATE_UNSIGNED = (None, "Issuer or signatoryList is empty. Invalid template Id: {0}")
NO_GROUP_MEMBER = (None, "No member found in this group.")

Code = tuple[str | None, str]
"""An error code (None for the codeless refusals above) and its message template."""

RESPONSE_CODES = {400: "CLIENT_ERROR", 401: "CLIENT_ERROR", 403: "CLIENT_ERROR",
                  404: "RESOURCE_NOT_FOUND", 500: "SERVER_ERROR", 503: "SERVICE_UNAVAILABLE"}


class SunbirdError(PlatformError):
    """A refusal with a real Sunbird code; ``status_field`` overrides ``params.status``,
    which is the code, or SERVER_ERROR when there is none (as upstream falls back)."""

    def __init__(self, error: Code, *args: object, status: int = 400,
                 status_field: str | None = None) -> None:
        code, template = error
        message = template
        for index, value in enumerate(args):
            message = message.replace(f"{{{index}}}", str(value))
        super().__init__(message)
        self.code = code
        self.status = status
        self.status_field = status_field or code or "SERVER_ERROR"


def upload_refused(error: Code, *args: object, status: int = 400) -> SunbirdError:
    """userorg-service's refusal: ``params.status`` is ``FAILED`` there."""
    return SunbirdError(error, *args, status=status, status_field="FAILED")


class GatewayRejected(PlatformError):
    """The API gateway's 401 for a missing or unknown API key."""

    status = 401


def unauthorized() -> SunbirdError:
    """The service's answer to a missing or invalid user token (status field quirk kept)."""
    return SunbirdError(UNAUTHORIZED_USER, status=401, status_field="SERVER_ERROR")


_FAILURES: dict[FailureKind, tuple[int, tuple[str, str]]] = {
    FailureKind.ROUTE_NOT_FOUND: (404, RESOURCE_NOT_FOUND),
    FailureKind.RECORD_NOT_FOUND: (404, RESOURCE_NOT_FOUND),
    FailureKind.METHOD_NOT_ALLOWED: (404, RESOURCE_NOT_FOUND),
    FailureKind.BODY_MALFORMED: (400, INVALID_REQUESTED_DATA),
    FailureKind.BODY_MISSING: (400, INVALID_REQUESTED_DATA),
    FailureKind.BODY_INVALID: (400, INVALID_REQUESTED_DATA),
    FailureKind.PARAMETER_INVALID: (400, INVALID_REQUESTED_DATA),
    FailureKind.MEDIA_TYPE_UNSUPPORTED: (400, INVALID_REQUESTED_DATA),
    FailureKind.BODY_TOO_LARGE: (413, MAX_SIZE_EXCEEDED),
    FailureKind.UNAUTHENTICATED: (401, UNAUTHORIZED_USER),
    FailureKind.FORBIDDEN: (401, UNAUTHORIZED_USER),
    FailureKind.RESPONSE_INVALID: (500, INTERNAL_ERROR),
    FailureKind.INTERNAL: (500, INTERNAL_ERROR),
    FailureKind.UNAVAILABLE: (503, SERVICE_UNAVAILABLE),
    FailureKind.OTHER: (400, INVALID_REQUESTED_DATA),
}


def _sizes(failure: Failure) -> tuple[str, ...]:
    """The size limit a body-too-large refusal names, as the upload refusal writes sizes
    (``10MB``), or in bytes when it is not a whole number of megabytes."""
    limit = failure.extra.get("limit")
    if not isinstance(limit, int):
        return ()
    megabyte = 1024 * 1024
    return (f"{limit // megabyte}MB" if limit % megabyte == 0 else f"{limit} bytes",)


def render(error: Failure | PlatformError, context: ErrorContext) -> ErrorResponse:
    """The envelope (or the gateway's body) for a Sunbird refusal or a core failure."""
    if isinstance(error, GatewayRejected):
        return ErrorResponse(401, {"message": error.message})
    if isinstance(error, SunbirdError):
        sunbird = error
    elif isinstance(error, Failure):
        status, pair = _FAILURES[error.kind]
        sunbird = SunbirdError(pair, *_sizes(error), status=status)
    else:
        sunbird = SunbirdError(INTERNAL_ERROR, status=error.status)
    params: dict[str, Any] = {"resmsgid": None, "msgid": context.headers.get("x-msgid"),
                              "err": sunbird.code, "status": sunbird.status_field,
                              "errmsg": sunbird.message}
    code = RESPONSE_CODES.get(sunbird.status, "CLIENT_ERROR")
    body = envelope(response_id(context.path), context.now, params, code, {})
    return ErrorResponse(sunbird.status, body)
