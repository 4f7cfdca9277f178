"""``POST /__admin/tokens`` for SDR: an ESL bearer token for one organisation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edumock.platforms.sdr.collections import ORGANISATIONS
from edumock.platforms.sdr.models import esl
from edumock.world import World


def mint_token(world: World, claims: Mapping[str, Any]) -> dict[str, Any]:
    """``{"edumis": ...}`` (optional: the first organisation) → a bearer token, minted as the
    token endpoint would for client ``clientId`` (default ``edumock-admin``)."""
    store = world.store("sdr")
    edumis = claims.get("edumis")
    if edumis is None:
        first = next(iter(store.values(ORGANISATIONS)), None)
        if first is None:
            raise esl.UnknownOrganisation("This world has no organisations.")
        edumis = first["edumis"]
    subject = str(claims.get("clientId", "edumock-admin"))
    return esl.mint(store, world.clock, world.rng, subject=subject, edumis=str(edumis))
