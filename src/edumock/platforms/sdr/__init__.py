"""TEC SDR: return periods, submission tokens, batched uploads, deletes and validation."""

from __future__ import annotations

from edumock.platform import Platform
from edumock.platforms.sdr.arrange import ARRANGE
from edumock.platforms.sdr.collections import ALL
from edumock.platforms.sdr.errors import render
from edumock.platforms.sdr.fixtures import build_state
from edumock.platforms.sdr.tokens import mint_token

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
    drift="edumock.platforms.sdr.drift",
    fixtures_file="sdr.yaml",
    arrange=ARRANGE,
)
