"""TeSLA's own login (``UserPasswordView``) and token refresh (``TokenRefreshView``).

Login checks the body as ``AuthUserPasswordSerializer`` does, then the credentials as
``Client.verify_user`` does: the e-mail names a user (case-insensitively, as the real
server's MariaDB compares), a user who is not staff must have ``login_allowed``, and the
password must match the stored hash. Every refusal of the credentials is the bare string
``"Invalid credentials"``. The answer is an access token (15 minutes on the sandbox clock)
and a refresh token: a distinct signed token that only the refresh operation accepts, valid
for 60 minutes for a global administrator and 24 hours for institution users, as
``verify_user`` asks Vault for them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

import jwt

from edumock.platforms.tesla.auth import claims_for, issuer
from edumock.platforms.tesla.collections import USERS
from edumock.platforms.tesla.errors import (
    REQUIRED,
    BareMessage,
    PermissionDenied,
    ValidationError,
)
from edumock.platforms.tesla.models.passwords import check_password, valid_email
from edumock.serving.auth import TokenInvalid, TokenIssuer
from edumock.world import World
from edumock.world.store import Record

ACCESS_MINUTES = 15
REFRESH_MINUTES_ADMIN = 60
REFRESH_MINUTES_USER = 24 * 60
REFRESH_SCOPE = "/api/v2/auth/token/refresh"
INVALID_CREDENTIALS = "Invalid credentials"
METHOD_NOT_ALLOWED = "Method not allowed"
_REFRESH_AUDIENCE_SUFFIX = "/token/refresh"
_TIME_CLAIMS = ("iss", "aud", "iat", "exp", "nbf")
_IDENTITY = ("group", "type", "pk")


def _refresh_issuer(world: World) -> TokenIssuer:
    """The access tokens' issuer with its own audience: a refresh token is refused as a
    bearer token, and an access token is refused as a refresh token."""
    access = issuer(world.store("tesla"), world)
    return dataclasses.replace(access, audience=access.audience + _REFRESH_AUDIENCE_SUFFIX)


def _char_field(body: Mapping[str, Any], name: str, errors: dict[str, list[str]],
                required: bool = True) -> str | None:
    """A DRF ``CharField``: surrounding whitespace trimmed, blank and null refused."""
    if name not in body:
        if required:
            errors[name] = [REQUIRED]
        return None
    value = body[name]
    if value is None:
        errors[name] = ["This field may not be null."]
        return None
    text = str(value).strip()
    if not text:
        errors[name] = ["This field may not be blank."]
        return None
    return text


def _credentials(body: Mapping[str, Any]) -> tuple[str, str]:
    """``AuthUserPasswordSerializer``: every field's errors together."""
    errors: dict[str, list[str]] = {}
    email = _char_field(body, "email", errors)
    if email is not None and not valid_email(email):
        errors["email"] = ["Enter a valid email address."]
    password = _char_field(body, "password", errors)
    _char_field(body, "realm", errors, required=False)
    if errors or email is None or password is None:
        raise ValidationError(errors)
    return email, password


def _user_by_email(world: World, email: str) -> Record | None:
    folded = email.casefold()
    return next((u for u in world.store("tesla").values(USERS)
                 if str(u.get("email") or "").casefold() == folded), None)


def _may_log_in(user: Record) -> bool:
    """Staff always; an institution user only with ``login_allowed``. (An inactive user's
    password is still checked, and the token refused on use: ``User inactive or deleted.``)"""
    if user.get("is_staff"):
        return True
    return user.get("institution_id") is not None and bool(user.get("login_allowed"))


def _pair(world: World, claims: Mapping[str, Any], refresh_minutes: int) -> dict[str, str]:
    access = issuer(world.store("tesla"), world).mint(claims, ACCESS_MINUTES * 60)
    refresh = _refresh_issuer(world).mint(
        {**claims, "scope": REFRESH_SCOPE, "ttl": ACCESS_MINUTES}, refresh_minutes * 60)
    return {"access_token": access.token, "refresh_token": refresh.token}


def login(world: World, body: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /api/v2/auth/login``: ``{"token": {"access_token", "refresh_token"}}``."""
    email, password = _credentials(body)
    user = _user_by_email(world, email)
    if user is None or not _may_log_in(user) or not check_password(
            password, user.get("password_hash")):
        raise BareMessage(401, INVALID_CREDENTIALS)
    minutes = REFRESH_MINUTES_ADMIN if user.get("is_staff") else REFRESH_MINUTES_USER
    return {"token": _pair(world, claims_for(user), minutes)}


def _refresh_inputs(body: Mapping[str, Any], authorization: str | None
                    ) -> tuple[str | None, str | None]:
    """(access token, refresh token) from the three bodies the view takes: ``{"token":
    {"access_token", "refresh_token"}}`` (the Angular front end), ``{"token": "<access>"}``
    with ``Authorization: JWT <refresh>``, or ``{"refresh_token"}`` (the form upstream's
    schema documents)."""
    token = body.get("token")
    if "token" not in body:
        if isinstance(body.get("refresh_token"), str):
            return None, str(body["refresh_token"])
        raise ValidationError({"token": [REQUIRED]})
    if isinstance(token, dict):
        errors: dict[str, list[str]] = {}
        access = _char_field(token, "access_token", errors)
        refresh = _char_field(token, "refresh_token", errors)
        if errors:
            raise ValidationError({"token": errors})
        return access, refresh
    errors = {}
    access = _char_field(body, "token", errors)
    if errors:
        raise ValidationError(errors)
    words = (authorization or "").split()
    refresh = words[1] if len(words) == 2 and words[0].startswith("JWT") else None
    return access, refresh


def refresh(world: World, body: Mapping[str, Any], authorization: str | None
            ) -> dict[str, Any]:
    """``POST /api/v2/auth/token/refresh``: a new access token for the one given (expired or
    not), signed anew for 15 minutes; the refresh token is answered back unchanged. A refresh
    token that is forged, expired or for another principal is 403."""
    access, refresh_token = _refresh_inputs(body, authorization)
    if refresh_token is None:
        raise PermissionDenied()
    try:
        granted = _refresh_issuer(world).verify(refresh_token, required=_IDENTITY)
    except TokenInvalid:
        raise PermissionDenied() from None
    claims = {k: v for k, v in granted.items() if k not in (*_TIME_CLAIMS, "scope", "ttl")}
    if access is not None:
        try:  # upstream reads the access token's payload without checking it
            payload = jwt.decode(access, options={"verify_signature": False})
        except jwt.PyJWTError:
            raise PermissionDenied() from None
        if any(payload.get(name) != granted.get(name) for name in _IDENTITY):
            raise PermissionDenied()
        claims = {k: v for k, v in payload.items() if k not in _TIME_CLAIMS}
    minted = issuer(world.store("tesla"), world).mint(
        claims, int(granted.get("ttl", ACCESS_MINUTES)) * 60)
    return {"token": {"access_token": minted.token, "refresh_token": refresh_token}}
