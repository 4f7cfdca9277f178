"""Thin handlers for specs/sdr.yaml: unpack arguments, call SdrBackend, shape the reply.

``HANDLERS`` binds each operationId of the spec to its function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from edumock.platform import HandlerTable
from edumock.platforms.sdr.collections import (
    COURSE_COMPLETIONS,
    COURSE_ENROLMENTS,
    COURSES,
    LEARNERS,
    QUALIFICATION_COMPLETIONS,
)
from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.world import World

Handler = Callable[[World, dict[str, Any], dict[str, Any]], dict[str, Any]]


def access_token(world: World, token_info: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """POST /oauth2/access_token: exchange client credentials for a bearer token scoped to
    ``org_id``."""
    return SdrBackend(world).client_credentials_token(
        client_id=token_info["sub"], allowed=token_info["organisations"],
        grant_type=body.get("grant_type", ""), org_id=body.get("org_id"),
        scope=body.get("scope"),
    )


def list_returns(
    world: World, token_info: dict[str, Any], page: int = 1, page_size: int = 20,
    include_indicative: bool = True,
) -> dict[str, Any]:
    """GET /submissions/v1.0/returns: one page of the organisation's return periods."""
    return SdrBackend(world).list_returns(
        token_info["edumis"], page=page, page_size=page_size,
        include_indicative=include_indicative,
    )


def request_token(world: World, token_info: dict[str, Any], return_id: str) -> dict[str, Any]:
    """POST /submissions/v1.0/token/{returnId}: issue (or hand back) the submission token for
    a return period."""
    return SdrBackend(world).request_token(token_info["edumis"], return_id)


def delete_token(world: World, token_info: dict[str, Any], token: str) -> tuple[None, int]:
    """DELETE /submissions/v1.0/token/{token}/delete: reset the submission; the token and its
    data go, and 204 says so."""
    SdrBackend(world).delete_token(token_info["edumis"], token)
    return None, 204


def _uploader(data_set: str) -> Handler:
    def upload(world: World, token_info: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return SdrBackend(world).upload(
            token_info["edumis"], data_set, body["submissionToken"], body["content"]
        )

    upload.__doc__ = f"Upload a batch of {data_set} records."
    return upload


def _deleter(data_set: str) -> Handler:
    def delete(world: World, token_info: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return SdrBackend(world).delete_records(
            token_info["edumis"], data_set, body["submissionToken"], body["content"]
        )

    delete.__doc__ = f"Delete {data_set} records by localId."
    return delete


def _data_set(name: str, data_set: str) -> HandlerTable:
    """PUT and DELETE /submissions/v1.0/{data set}: ``uploads.put_<name>`` and
    ``uploads.delete_<name>``."""
    return {f"uploads.put_{name}": _uploader(data_set),
            f"uploads.delete_{name}": _deleter(data_set)}


def request_validation(world: World, token_info: dict[str, Any], token: str) -> dict[str, Any]:
    """POST /submissions/v1.0/validate/{token}: queue validation of everything uploaded with
    the token."""
    return SdrBackend(world).request_validation(token_info["edumis"], token)


def validation_status(world: World, token_info: dict[str, Any], token: str) -> dict[str, Any]:
    """GET /submissions/v1.0/validation/{token}: the token's validation run, with findings
    once complete."""
    return SdrBackend(world).validation_status(token_info["edumis"], token)


HANDLERS: HandlerTable = {
    "oauth.access_token": access_token,
    "returns.list_returns": list_returns,
    "tokens.request_token": request_token,
    "tokens.delete_token": delete_token,
    **_data_set("learners", LEARNERS),
    **_data_set("courses", COURSES),
    **_data_set("course_enrolments", COURSE_ENROLMENTS),
    **_data_set("course_completions", COURSE_COMPLETIONS),
    **_data_set("qualification_completions", QUALIFICATION_COMPLETIONS),
    "validation.request_validation": request_validation,
    "validation.validation_status": validation_status,
}
