"""ESL access tokens: OAuth2 client credentials scoped to one organisation.

Tokens are JWTs signed with the world's key (drawn from the seed) and checked
against the sandbox clock, so advancing the clock expires them.
"""

from __future__ import annotations

from typing import Any

from edumock.platforms.sdr.collections import CLIENTS, ORGANISATIONS
from edumock.platforms.sdr.config import SdrConfig
from edumock.platforms.sdr.errors import AuthenticationFailed, SdrError
from edumock.platforms.sdr.models.timefmt import iso
from edumock.serving.auth import TokenInvalid, TokenIssuer
from edumock.world.clock import SandboxClock
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore, Record

ISSUER = "https://security.education.govt.nz"
SCOPE = "https://web.prd.dxs.pub.tec.govt.nz"


class UnknownOrganisation(SdrError):
    """An EDUMIS id with no organisation in this world."""

    status, code, title = 404, "AU2", "Unknown organisation"


def organisation(store: InMemoryStore, edumis: str) -> Record:
    """The organisation with that EDUMIS id, or :class:`UnknownOrganisation`."""
    record = store.get(ORGANISATIONS, edumis)
    if record is None:
        raise UnknownOrganisation(f"No organisation with EDUMIS {edumis}.")
    return record


def client(store: InMemoryStore, client_id: str, secret: str) -> Record | None:
    """The configured OAuth client when the credentials match."""
    record = store.get(CLIENTS, client_id)
    if record is None or record["clientSecret"] != secret:
        return None
    return record


def _issuer(store: InMemoryStore, clock: SandboxClock) -> TokenIssuer:
    return TokenIssuer(SdrConfig.load(store).signing_key, ISSUER, SCOPE, clock)


def mint(
    store: InMemoryStore, clock: SandboxClock, rng: SeededRandom, *, subject: str, edumis: str
) -> dict[str, Any]:
    """A bearer token for one organisation, with its expiry."""
    organisation(store, edumis)
    lifetime = SdrConfig.load(store).access_token_lifetime_seconds
    claims = {"sub": subject, "scope": SCOPE, "org_id": edumis, "jti": rng.uuid()}
    minted = _issuer(store, clock).mint(claims, lifetime)
    return {"token": minted.token, "expiresAt": iso(minted.expires_at),
            "expiresIn": lifetime, "edumis": edumis}


def verify(store: InMemoryStore, clock: SandboxClock, token: str) -> dict[str, Any]:
    """The claims of a genuine, unexpired token; :class:`AuthenticationFailed` otherwise."""
    try:
        return _issuer(store, clock).verify(token, required=("org_id", "sub"))
    except TokenInvalid as error:
        raise AuthenticationFailed(f"The bearer token is not valid: {error.reason}.") from None

class OAuthError(SdrError):
    """An RFC 6749 token-endpoint error (``error`` + ``error_description``)."""

    status, code, title = 400, "AU1", "OAuth error"

    def __init__(self, error: str, description: str, status: int = 400) -> None:
        super().__init__(description)
        self.oauth_error = error
        self.status = status


def client_credentials(
    store: InMemoryStore, clock: SandboxClock, rng: SeededRandom, *, client_id: str,
    allowed: list[str], grant_type: str, org_id: str | None, scope: str | None,
) -> dict[str, Any]:
    """The token endpoint's answer for a client-credentials grant."""
    if grant_type != "client_credentials":
        raise OAuthError("unsupported_grant_type",
                         f"grant_type must be client_credentials, got {grant_type!r}.")
    if not org_id:
        raise OAuthError("invalid_request", "org_id (the EDUMIS id) is required.")
    if scope and scope != SCOPE:
        raise OAuthError("invalid_scope", f"Unknown scope {scope!r}; use {SCOPE}.")
    if org_id not in allowed:
        raise OAuthError("unauthorized_client",
                         f"Client {client_id} may not act for organisation {org_id}.")
    minted = mint(store, clock, rng, subject=client_id, edumis=org_id)
    return {"access_token": minted["token"], "token_type": "Bearer",
            "expires_in": minted["expiresIn"], "scope": SCOPE}

