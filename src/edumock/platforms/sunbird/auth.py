"""Security functions named in the Sunbird specs: the gateway's API key and the user token.

The gateway (Kong) checks ``Authorization: Bearer <api key>`` before the
service sees anything; lms-service then checks ``x-authenticated-user-token``
(a user JWT whose subject is the user) on every protected API.
"""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.collections import CONFIG, USERS
from edumock.platforms.sunbird.errors import GatewayRejected, unauthorized
from edumock.serving.auth import TokenInvalid, TokenIssuer
from edumock.world import World
from edumock.world.store import InMemoryStore

ISSUER = "https://sunbird.edumock.local/auth/realms/sunbird"
AUDIENCE = "sunbird-portal"


def issuer(world: World) -> TokenIssuer:
    """The world's user-token issuer."""
    config = world.store("sunbird").get(CONFIG, "sunbird") or {}
    return TokenIssuer(str(config.get("signing_key", "")), ISSUER, AUDIENCE, world.clock)


def api_key(store: InMemoryStore) -> str:
    """The world's gateway API key."""
    return str((store.get(CONFIG, "sunbird") or {}).get("api_key", ""))


def verify_gateway(apikey: str | None, request: Any) -> dict[str, Any]:
    """``Authorization: Bearer <api key>``, as the gateway checks it."""
    if not apikey:
        raise GatewayRejected("Unauthorized")
    parts = apikey.split()
    world = request.context["world"]
    if len(parts) != 2 or parts[0].lower() != "bearer" or parts[1] != api_key(
            world.store("sunbird")):
        raise GatewayRejected("Invalid authentication credentials")
    return {"consumer": "edumock"}


def verify_user(apikey: str | None, request: Any) -> dict[str, Any]:
    """``x-authenticated-user-token``: a live JWT of a known user."""
    if not apikey:
        raise unauthorized()
    world = request.context["world"]
    try:
        claims = issuer(world).verify(apikey.strip(), required=("sub",))
    except TokenInvalid:
        raise unauthorized() from None
    user_id = str(claims["sub"]).split(":")[-1]
    if world.store("sunbird").get(USERS, user_id) is None:
        raise unauthorized()
    return {"sub": user_id, "userId": user_id}
