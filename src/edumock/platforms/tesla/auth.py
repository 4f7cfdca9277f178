"""JWT authentication as TeSLA's ``JWTAuthentication`` does it, on the sandbox clock.

``Authorization: <any word> <token>``; no header at all is an anonymous
request (permissions then answer 403). Tokens carry the claims the real
server reads (``group``, ``type``, ``sub``, ``pk``) and are HS256-signed with a
per-world key drawn from the seed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edumock.platforms.tesla.collections import CONFIG, USERS
from edumock.platforms.tesla.errors import AuthenticationFailed
from edumock.serving.auth import TokenInvalid, TokenIssuer
from edumock.world import World
from edumock.world.store import InMemoryStore, Record

ISSUER = "https://tesla.edumock.local/vault"
AUDIENCE = "tesla-ce"


def issuer(store: InMemoryStore, world: World) -> TokenIssuer:
    """The world's token issuer."""
    config = store.get(CONFIG, "tesla") or {}
    return TokenIssuer(str(config.get("signing_key", "")), ISSUER, AUDIENCE, world.clock)


def claims_for(user: Record) -> dict[str, Any]:
    """The payload the real server's vault puts in a token for this user."""
    if user.get("is_staff"):
        return {"group": "users", "type": "admin", "sub": user["username"], "pk": user["id"]}
    if user.get("is_learner"):
        return {"group": "learners", "type": "learner", "sub": user["learner_id"],
                "pk": user["id"]}
    return {"group": "users", "type": "user", "sub": user["uid"], "pk": user["id"]}


def _user_from(store: InMemoryStore, claims: Mapping[str, Any]) -> tuple[str, Record]:
    """``(kind, user)`` as ``_get_user_model`` resolves a payload."""
    group, kind = claims.get("group"), claims.get("type")
    if group == "learners":
        learners = store.find(USERS, learner_id=claims.get("sub"), is_learner=True)
        learner = learners[0] if learners else None
        if learner is None:
            raise AuthenticationFailed("Invalid learner.")
        return "user", learner
    if group == "users":
        if kind == "admin":
            admin = store.get(USERS, str(claims.get("pk")))
            if admin is None or not admin.get("is_staff"):
                raise AuthenticationFailed("Invalid user.")
            return "admin", admin
        user = next((u for u in store.find(USERS, uid=claims.get("sub"))
                     if not u.get("is_staff")), None)
        user = user or store.get(USERS, str(claims.get("pk")))
        if user is None or user.get("is_staff"):
            raise AuthenticationFailed("Invalid user.")
        return "user", user
    raise AuthenticationFailed("Invalid payload group.")


def verify_header(apikey: str, request: Any) -> dict[str, Any]:
    """The ``Authorization`` header → ``token_info`` for the handlers."""
    return authenticate(request.context["world"], apikey)


def authenticate(world: World, apikey: str | None) -> dict[str, Any]:
    """``JWTAuthentication``: the header's token → ``token_info`` (empty: anonymous)."""
    parts = (apikey or "").split()
    if not parts:
        return {}
    if len(parts) == 1:
        raise AuthenticationFailed("Invalid token header. No credentials provided.")
    if len(parts) > 2:
        raise AuthenticationFailed("Invalid token header. Token string should not contain spaces.")
    store = world.store("tesla")
    try:
        claims = issuer(store, world).verify(parts[1], required=("group", "sub"))
    except TokenInvalid:
        raise AuthenticationFailed("Invalid token: Invalid JWT token") from None
    kind, user = _user_from(store, claims)
    if not user.get("is_active", True):
        raise AuthenticationFailed("User inactive or deleted.")
    return {"sub": str(claims["sub"]), "kind": kind, "user_id": user["id"]}
