"""Turn every exception into the owning platform's error body.

Connexion answers errors with problem+json; no platform but the admin API
speaks it. Here each exception becomes either the platform's own error or a
neutral :class:`Failure`, and the platform that owns the request path renders
it. Paths no platform owns (``/__admin``, stray URLs) get problem+json.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace
from http import HTTPStatus
from typing import Any

from connexion.exceptions import (
    NonConformingResponse,
    OAuthProblem,
    OAuthResponseProblem,
    OAuthScopeProblem,
    ProblemException,
    UnsupportedMediaTypeProblem,
)
from connexion.lifecycle import ConnexionRequest, ConnexionResponse
from starlette.exceptions import HTTPException

from edumock.errors import (
    BodyInvalid,
    BodyMalformed,
    BodyMissing,
    BodyTooLarge,
    ErrorContext,
    ErrorResponse,
    Failure,
    FailureKind,
    ParameterInvalid,
    PlatformError,
    RecordRefused,
    StoreUnavailable,
)
from edumock.platform import Platform
from edumock.serving.routing import target_of
from edumock.serving.sandbox import ContractViolationRecord, Sandbox
from edumock.serving.validators import NONCONFORMING
from edumock.world.faults import InjectedFault
from edumock.world.journal import OUTCOME_KEY, PROBLEMS_KEY, REFUSAL_KEY

logger = logging.getLogger(__name__)

_HTTP_KINDS = {404: FailureKind.ROUTE_NOT_FOUND, 405: FailureKind.METHOD_NOT_ALLOWED}


def describe(exc: Exception, method: str, path: str) -> Failure:
    """The neutral description of any non-platform exception."""
    base: dict[str, Any] = {"method": method, "path": path}
    if isinstance(exc, ParameterInvalid):
        return Failure(FailureKind.PARAMETER_INVALID, 400, exc.detail, parameter=exc, **base)
    if isinstance(exc, BodyInvalid):
        return Failure(
            FailureKind.BODY_INVALID, 400, exc.detail, issues=tuple(exc.issues), body=exc.body,
            **base,
        )
    if isinstance(exc, BodyMalformed):
        return Failure(FailureKind.BODY_MALFORMED, 400, exc.detail, **base)
    if isinstance(exc, BodyMissing):
        return Failure(FailureKind.BODY_MISSING, 400, exc.detail, **base)
    if isinstance(exc, RecordRefused):
        return Failure(FailureKind.OTHER, 400, exc.detail, extra={"problem": exc.members},
                       **base)
    if isinstance(exc, StoreUnavailable):
        return Failure(FailureKind.UNAVAILABLE, 503, exc.detail, **base)
    if isinstance(exc, BodyTooLarge):
        return Failure(FailureKind.BODY_TOO_LARGE, 413, str(exc), extra={"limit": exc.limit},
                       **base)
    if isinstance(exc, UnsupportedMediaTypeProblem):
        return Failure(FailureKind.MEDIA_TYPE_UNSUPPORTED, 415, exc.detail, **base)
    if isinstance(exc, OAuthScopeProblem) or (
        isinstance(exc, ProblemException) and exc.status == 403
    ):
        return Failure(FailureKind.FORBIDDEN, 403, str(exc.detail), **base)
    if isinstance(exc, OAuthProblem | OAuthResponseProblem):
        return Failure(FailureKind.UNAUTHENTICATED, 401, str(exc.detail), **base)
    if isinstance(exc, NonConformingResponse):
        return Failure(FailureKind.RESPONSE_INVALID, 500, str(exc.detail), **base)
    if isinstance(exc, ProblemException) and exc.status == 400:
        return Failure(FailureKind.BODY_MALFORMED, 400, str(exc.detail), **base)
    if isinstance(exc, HTTPException) and exc.status_code in _HTTP_KINDS:
        allowed = (exc.headers or {}).get("Allow", "")
        methods = tuple(m.strip() for m in allowed.split(",") if m.strip())
        return Failure(
            _HTTP_KINDS[exc.status_code], exc.status_code, str(exc.detail),
            allowed_methods=methods, **base,
        )
    if isinstance(exc, PlatformError):
        return Failure(FailureKind.OTHER, exc.status, exc.message, **base)
    if isinstance(exc, ProblemException) and exc.status < 500:
        return Failure(FailureKind.OTHER, exc.status, str(exc.detail), **base)
    return Failure(FailureKind.INTERNAL, 500, "internal error", **base)


def _problem(failure: Failure) -> ErrorResponse:
    """The admin API's (and unowned paths') RFC 7807 body."""
    body = {"type": "about:blank", "title": HTTPStatus(failure.status).phrase,
            "status": failure.status, "detail": failure.detail,
            **failure.extra.get("problem", {})}
    allowed = failure.allowed_methods if failure.kind is FailureKind.METHOD_NOT_ALLOWED else ()
    headers = {"Allow": ", ".join(allowed)} if allowed else {}  # RFC 9110: a 405 names them
    return ErrorResponse(failure.status, body, headers, media_type="application/problem+json")


def _to_connexion(response: ErrorResponse) -> ConnexionResponse:
    if isinstance(response.body, str | bytes) and response.media_type.startswith("text/"):
        payload: str | bytes = response.body
    elif response.body is None:
        payload = b""
    else:
        payload = json.dumps(response.body)
    return ConnexionResponse(
        status_code=response.status,
        mimetype=response.media_type,
        content_type=response.media_type,
        body=payload,
        headers=response.headers,
    )


def _problems(failure: Failure) -> list[str]:
    """What broke the spec, one line each (``$.email: 'x' is not a 'email'``), for the
    journal's near-miss hints and the request log; for a response violation, the first field
    our answer got wrong."""
    if failure.kind is FailureKind.RESPONSE_INVALID:
        return [failure.detail.removeprefix(NONCONFORMING)]
    if failure.issues:
        return [f"{issue.json_path}: {issue.message}" for issue in failure.issues]
    if failure.parameter is not None:
        return [str(failure.parameter.detail)]
    return [failure.detail] if failure.kind in _REQUEST_PROBLEMS else []


_REQUEST_PROBLEMS = (FailureKind.BODY_MISSING, FailureKind.BODY_MALFORMED,
                     FailureKind.MEDIA_TYPE_UNSUPPORTED)


_FAULT_KINDS = {401: FailureKind.UNAUTHENTICATED, 403: FailureKind.FORBIDDEN,
                404: FailureKind.ROUTE_NOT_FOUND, 415: FailureKind.MEDIA_TYPE_UNSUPPORTED}


class ErrorRouter:
    """The one exception handler registered with Connexion."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox

    def __call__(self, request: ConnexionRequest, exc: Exception) -> ConnexionResponse:
        """Render ``exc`` for the platform that owns the request's path."""
        path = request.scope["path"]  # as every middleware sees it (url.path loses tabs, newlines)
        method = request.method
        target = target_of(request.context)
        if target is None:  # refused before routing
            platform = self._sandbox.owner_of(path)
        else:
            platform = self._sandbox.platform(target.platform) if target.platform else None
        if isinstance(exc, InjectedFault):
            return self._fault(request, exc, platform)
        error: Failure | PlatformError
        if isinstance(exc, PlatformError) and platform is not None:
            error = exc
            request.context[OUTCOME_KEY] = {401: "unauthenticated", 403: "forbidden"}.get(
                exc.status, "refused")
            request.context[REFUSAL_KEY] = str(getattr(exc, "code", "") or type(exc).__name__)
        else:
            failure = describe(exc, method, path)
            if failure.kind is FailureKind.METHOD_NOT_ALLOWED and target is not None:
                failure = replace(failure, allowed_methods=target.allowed)
            self._log(failure, exc)
            request.context[OUTCOME_KEY] = failure.kind.value
            request.context[REFUSAL_KEY] = failure.kind.value
            request.context[PROBLEMS_KEY] = _problems(failure)
            if platform is None:
                return _to_connexion(_problem(failure))
            error = failure
        headers = {key.lower(): value for key, value in request.headers.items()}
        world = request.context.get("world") or self._sandbox.world()
        context = ErrorContext(path, headers, world.clock.now())
        return _to_connexion(platform.render_error(error, context))

    def _fault(self, request: ConnexionRequest, exc: InjectedFault,
               platform: Platform | None) -> ConnexionResponse:
        """An injected fault: the closest failure kind, rendered by the owning platform, sent
        with the fault's own status and headers."""
        request.context.setdefault(OUTCOME_KEY, "fault")
        path = request.scope["path"]  # as every middleware sees it (url.path loses tabs, newlines)
        kind = _FAULT_KINDS.get(exc.status, FailureKind.INTERNAL if exc.status >= 500
                                else FailureKind.OTHER)
        target = target_of(request.context)
        if kind is FailureKind.ROUTE_NOT_FOUND and target is not None and target.operation:
            kind = FailureKind.RECORD_NOT_FOUND  # the route exists: a record is missing
        failure = Failure(kind, exc.status, str(exc), request.method, path)
        if platform is None:
            rendered = _problem(failure)
        else:
            world = request.context.get("world") or self._sandbox.world()
            headers = {key.lower(): value for key, value in request.headers.items()}
            rendered = platform.render_error(failure, ErrorContext(path, headers,
                                                                   world.clock.now()))
        if exc.body is not None:
            rendered = replace(rendered, body=exc.body, media_type="application/json")
        return _to_connexion(replace(rendered, status=exc.status,
                                     headers={**rendered.headers, **exc.headers}))

    def _log(self, failure: Failure, exc: Exception) -> None:
        if failure.kind is FailureKind.RESPONSE_INVALID:
            record = ContractViolationRecord(failure.method, failure.path, failure.detail)
            self._sandbox.violations.append(record)
            logger.error(
                "response broke the contract: %s %s: %s", record.method, record.path, record.detail
            )
        elif failure.kind is FailureKind.INTERNAL:
            logger.error("unhandled error on %s %s", failure.method, failure.path, exc_info=exc)


