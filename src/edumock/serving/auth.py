"""Signed tokens checked against the sandbox clock, for any platform's credentials.

PyJWT does the signing and parsing; expiry is checked here against the
world's clock (not the wall clock), so advancing sandbox time expires tokens.
Only HMAC-SHA256 is accepted, so ``alg: none`` and algorithm swaps are refused.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import jwt

from edumock.contract.bounded import BoundedMemory
from edumock.world.clock import SandboxClock

ALGORITHM = "HS256"
CLOCK_SKEW_SECONDS = 60


class TokenInvalid(Exception):
    """A token that is forged, malformed, expired, not yet valid or missing a claim."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _is_time(value: Any) -> bool:
    """A NumericDate: a finite number (PyJWT checks this only when it checks the time itself,
    which it cannot do here: the time is the sandbox clock's)."""
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


DECODED_KEPT = 1024
"""How many decoded tokens are remembered (the least recently used is forgotten first)."""

_DECODED: BoundedMemory[tuple[str, str, str, str, tuple[str, ...]], dict[str, Any]] = (
    BoundedMemory(DECODED_KEPT))
"""Tokens already decoded, by everything the decoding depends on. A client sends the same token
on every call, and checking its HMAC signature is the dearest part of authentication; the
times, which depend on the sandbox clock, are still checked on every call."""


@dataclass(frozen=True, slots=True)
class MintedToken:
    """A signed token and when it expires."""

    token: str
    expires_at: datetime
    lifetime_seconds: int


@dataclass(frozen=True, slots=True)
class TokenIssuer:
    """Mints and verifies HS256 JWTs for one issuer and audience."""

    key: str
    issuer: str
    audience: str
    clock: SandboxClock

    def mint(self, claims: Mapping[str, Any], lifetime_seconds: int) -> MintedToken:
        """A token carrying ``claims`` plus ``iss``, ``aud``, ``iat`` and ``exp``."""
        now = self.clock.now()
        expires = now + timedelta(seconds=lifetime_seconds)
        payload = {**claims, "iss": self.issuer, "aud": self.audience,
                   "iat": int(now.timestamp()), "exp": int(expires.timestamp())}
        token = jwt.encode(payload, self.key, algorithm=ALGORITHM)
        return MintedToken(token, expires, lifetime_seconds)

    def verify(self, token: str, required: Sequence[str] = ()) -> dict[str, Any]:
        """The claims of a genuine token valid now on the sandbox clock."""
        key = (self.key, self.issuer, self.audience, token, tuple(required))
        decoded = _DECODED.get_or_compute(key, lambda _: self._decode(token, required))
        claims = dict(decoded)
        for name in ("exp", "iat", "nbf"):
            if name in claims and not _is_time(claims[name]):
                raise TokenInvalid(f"The {name} claim must be a number of seconds")
        now = self.clock.now().timestamp()
        if now >= claims["exp"]:
            raise TokenInvalid("Signature has expired")
        not_before = claims.get("nbf", claims["iat"])
        if now + CLOCK_SKEW_SECONDS < not_before:
            raise TokenInvalid("The token is not yet valid")
        return claims

    def _decode(self, token: str, required: Sequence[str]) -> dict[str, Any]:
        """Signature, issuer, audience and required claims checked; times are left to
        :meth:`verify`, which reads them on the sandbox clock each time."""
        try:
            claims: dict[str, Any] = jwt.decode(
                token, self.key, algorithms=[ALGORITHM], audience=self.audience,
                issuer=self.issuer,
                options={"verify_exp": False, "verify_iat": False, "verify_nbf": False,
                         "require": ["exp", "iat", *required]},
            )
        except jwt.PyJWTError as error:
            raise TokenInvalid(str(error)) from None
        return claims
