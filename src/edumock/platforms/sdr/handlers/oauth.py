"""POST /oauth2/access_token: ESL-style OAuth2 client credentials."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.world import World


def access_token(world: World, token_info: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """Exchange client credentials for a bearer token scoped to ``org_id``."""
    return SdrBackend(world).client_credentials_token(
        client_id=token_info["sub"], allowed=token_info["organisations"],
        grant_type=body.get("grant_type", ""), org_id=body.get("org_id"),
        scope=body.get("scope"),
    )
