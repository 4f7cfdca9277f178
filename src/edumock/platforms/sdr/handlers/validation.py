"""POST /submissions/v1.0/validate/{token} and GET /submissions/v1.0/validation/{token}."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.world import World


def request_validation(world: World, token_info: dict[str, Any], token: str) -> dict[str, Any]:
    """Queue validation of everything uploaded with the token."""
    return SdrBackend(world).request_validation(token_info["edumis"], token)


def validation_status(world: World, token_info: dict[str, Any], token: str) -> dict[str, Any]:
    """The token's validation run, with findings once complete."""
    return SdrBackend(world).validation_status(token_info["edumis"], token)
