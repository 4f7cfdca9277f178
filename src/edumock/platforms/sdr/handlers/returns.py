"""GET /submissions/v1.0/returns."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.world import World


def list_returns(
    world: World, token_info: dict[str, Any], page: int = 1, page_size: int = 20,
    include_indicative: bool = True,
) -> dict[str, Any]:
    """One page of the organisation's return periods."""
    return SdrBackend(world).list_returns(
        token_info["edumis"], page=page, page_size=page_size,
        include_indicative=include_indicative,
    )
