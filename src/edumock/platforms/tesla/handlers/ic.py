"""Operations of Consent (``operationId: ic.<action>``)."""

from typing import Any

from edumock.platforms.tesla.handlers.binding import bind, make_call
from edumock.platforms.tesla.models.consent import ConsentResource
from edumock.world import World

list, create, read, update, partial_update, destroy = bind(ConsentResource)


def current(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
    """``ic/current/``: the newest valid consent version."""
    return ConsentResource(make_call(world, request_url, token_info, params)).current()
