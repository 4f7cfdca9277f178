"""TEC SDR: return periods, submission tokens, batched uploads, deletes and validation."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edumock.platform import Platform
from edumock.platforms.sdr.collections import ALL
from edumock.platforms.sdr.errors import render
from edumock.platforms.sdr.fixtures import build_state
from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.world import World


def mint_token(world: World, claims: Mapping[str, Any]) -> dict[str, Any]:
    """``POST /__admin/tokens`` with ``{"platform": "sdr", "edumis": ...}``."""
    return SdrBackend(world).mint_for_admin(dict(claims))


PLATFORM = Platform(
    name="sdr",
    title="TEC Single Data Return",
    specs=("sdr.yaml",),
    handlers="edumock.platforms.sdr.handlers",
    path_prefixes=("/submissions/", "/oauth2/"),
    render_error=render,
    build_state=build_state,
    collections=ALL,
    mint_token=mint_token,
    probe="edumock.platforms.sdr.probe",
    fixtures_file="sdr.yaml",
)
