"""Operations of Learner (``operationId: learner.<action>``)."""

from typing import Any

from edumock.platforms.tesla.handlers.binding import bind, make_call
from edumock.platforms.tesla.models.learner import LearnerResource
from edumock.world import World

list, create, read, update, partial_update, destroy = bind(LearnerResource)


def enrolment(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
    """``learner/{id}/enrolment/``: enrolment status per instrument."""
    return LearnerResource(make_call(world, request_url, token_info, params)).enrolment()


def ic_accept(world: World, request_url: str, token_info: Any = None, body: Any = None,
              **params: Any) -> Any:
    """POST ``learner/{id}/ic/``: accept an informed consent version."""
    call = make_call(world, request_url, token_info, params)
    return LearnerResource(call).accept_consent(str((body or {}).get("version", "")))


def ic_reject(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
    """DELETE ``learner/{id}/ic/``: reject the accepted consent."""
    return LearnerResource(make_call(world, request_url, token_info, params)).reject_consent()
