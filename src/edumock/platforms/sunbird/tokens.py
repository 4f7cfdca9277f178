"""``POST /__admin/tokens`` for Sunbird: the gateway API key and a user token."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edumock.errors import PlatformError
from edumock.platforms.sunbird.auth import api_key, issuer
from edumock.platforms.sunbird.collections import USERS
from edumock.platforms.sunbird.models.backend import settle
from edumock.world import World

DEFAULT_LIFETIME = 3600


class UnknownUser(PlatformError):
    """A ``userId`` with no user in this world."""

    status = 404


def mint_token(world: World, claims: Mapping[str, Any]) -> dict[str, Any]:
    """``{"userId": ...}`` (optional: the first seeded user) → api key and user token."""
    settle(world)
    store = world.store("sunbird")
    user_id = claims.get("userId")
    if user_id is None:
        user_id = store.values(USERS)[0]["id"]
    if store.get(USERS, str(user_id)) is None:
        raise UnknownUser(f"No user with id {user_id}.")
    minted = issuer(world).mint({"sub": f"f:edumock:{user_id}", "typ": "Bearer"},
                                int(claims.get("expires_in", DEFAULT_LIFETIME)))
    return {"apiKey": api_key(store), "userToken": minted.token, "userId": str(user_id)}
