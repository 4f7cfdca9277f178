"""``POST /__admin/tokens`` for TeSLA: a signed JWT for a user with the roles asked for."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edumock.errors import PlatformError
from edumock.platforms.tesla.auth import claims_for, issuer
from edumock.platforms.tesla.collections import INSTITUTIONS, SEQUENCES, USERS
from edumock.platforms.tesla.models.people import ROLE_FLAGS
from edumock.platforms.tesla.models.timefmt import iso, now_iso
from edumock.world import World
from edumock.world.store import InMemoryStore, Record

DEFAULT_LIFETIME = 3600
MINTED_DOMAIN = "edumock.test"
"""The e-mail domain of a minted user whose institution has no ``mail_domain``."""
KINDS = ("learner", "instructor", "global_admin")


class MintRefused(PlatformError):
    """Claims that name nothing in this world."""

    status = 404


def _institution(store: InMemoryStore, claims: Mapping[str, Any]) -> Record:
    raw = claims.get("institution_id")
    institution = store.get(INSTITUTIONS, str(raw)) if raw is not None else next(
        iter(store.values(INSTITUTIONS)), None)
    if institution is None:
        raise MintRefused(f"No institution with id {raw}.")
    return institution


def _create_user(store: InMemoryStore, world: World, institution: Record,
                 roles: set[str]) -> Record:
    """A user with exactly these roles, when the fixtures have none."""
    sequence = store.get(SEQUENCES, USERS) or {"value": 0}
    user_id = int(sequence["value"]) + 1
    store.put(SEQUENCES, USERS, {"value": user_id})
    uid = f"minted-{'-'.join(sorted(roles)) or 'member'}-{user_id}"
    stamp = now_iso(world.clock)
    email = f"{uid}@{institution.get('mail_domain') or MINTED_DOMAIN}"
    user = {"id": user_id, "institution_id": institution["id"], "username": uid, "uid": uid,
            "email": email, "first_name": "Minted", "last_name": "User", "locale": None,
            "last_login": None, "login_allowed": True, "is_staff": False, "is_active": True,
            "is_learner": False, "is_instructor": False,
            **{flag: flag in roles for flag in ROLE_FLAGS}, "created_at": stamp,
            "updated_at": stamp}
    store.put(USERS, str(user_id), user)
    return user


def _find_user(store: InMemoryStore, world: World, claims: Mapping[str, Any]) -> Record:
    if claims.get("user_id") is not None:
        user = store.get(USERS, str(claims["user_id"]))
        if user is None:
            raise MintRefused(f"No user with id {claims['user_id']}.")
        return user
    roles = {str(role) for role in claims.get("roles", [])}
    if "global_admin" in roles:
        return next(u for u in store.values(USERS) if u.get("is_staff"))
    institution = _institution(store, claims)
    people = list(store.find(USERS, institution_id=institution["id"]))
    for kind in ("learner", "instructor"):
        if kind in roles:
            found = next((u for u in people if u.get(f"is_{kind}")), None)
            if found is None:
                raise MintRefused(f"Institution {institution['id']} has no {kind}.")
            return found
    unknown = roles - set(ROLE_FLAGS)
    if unknown:
        raise MintRefused(f"Unknown role(s) {sorted(unknown)}; use {[*ROLE_FLAGS, *KINDS]}.")
    match = next((u for u in people if not u.get("is_learner") and not u.get("is_instructor")
                  and {f for f in ROLE_FLAGS if u.get(f)} == roles), None)
    with store.transaction():
        return match or _create_user(store, world, institution, roles)


def mint_token(world: World, claims: Mapping[str, Any]) -> dict[str, Any]:
    """``{"institution_id": 1, "roles": ["inst_admin"]}`` → a token for a matching user.

    ``roles`` takes the institution flags, or ``learner``, ``instructor`` or
    ``global_admin``; ``user_id`` picks a user directly. A user with exactly the
    requested flags is created when the fixtures have none.
    """
    store = world.store("tesla")
    with store.transaction():  # find and create under one lock: racing mints make one user
        user = _find_user(store, world, claims)
    lifetime = int(claims.get("expires_in", DEFAULT_LIFETIME))
    minted = issuer(store, world).mint(claims_for(user), lifetime)
    return {"token": minted.token, "expiresAt": iso(minted.expires_at), "userId": user["id"],
            "institutionId": user.get("institution_id"), "claims": claims_for(user)}
