"""Security functions named in specs/sdr.yaml: ESL bearer tokens, EID, client credentials.

Connexion calls these before request validation. Every SDR call needs a
valid ESL token and an ``EID`` header naming an organisation the token is
scoped to; the token endpoint takes OAuth2 client credentials.
"""

from __future__ import annotations

from typing import Any

from edumock.platforms.sdr.errors import (
    ClientUnauthorised,
    EidMissing,
    EidNotNumeric,
    NotAuthorisedForEid,
)
from edumock.platforms.sdr.models import esl


def _world_store(request: Any) -> tuple[Any, Any]:
    world = request.context["world"]
    return world.store("sdr"), world.clock


def verify_esl_token(token: str, request: Any) -> dict[str, Any]:
    """Token first (AU2), then the EID header (AM2, AM1), then the token's scope (AU1)."""
    store, clock = _world_store(request)
    claims = esl.verify(store, clock, token)
    eid = request.headers.get("EID")
    if eid is None or not eid.strip():
        raise EidMissing("The EID header is required.")
    if not eid.strip().isdigit():
        raise EidNotNumeric(f"The EID header must be numeric, got {eid!r}.")
    edumis = eid.strip()
    if claims["org_id"] != edumis:
        raise NotAuthorisedForEid(
            f"The bearer token is not scoped to organisation {edumis}."
        )
    return {"sub": claims["sub"], "edumis": edumis, "scope": claims.get("scope", "")}


def verify_client(username: str, password: str, request: Any) -> dict[str, Any]:
    """OAuth2 client credentials (HTTP Basic) for the access-token endpoint."""
    store, _ = _world_store(request)
    client = esl.client(store, username, password)
    if client is None:
        raise ClientUnauthorised("Client authentication failed.")
    return {"sub": client["clientId"], "organisations": client["organisations"]}
