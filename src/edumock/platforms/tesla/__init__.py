"""TeSLA CE institution API v2: 21 nested resource groups in Django REST framework style."""

from __future__ import annotations

from edumock.platform import Platform
from edumock.platforms.tesla.arrange import ARRANGE
from edumock.platforms.tesla.collections import ALL
from edumock.platforms.tesla.drf import append_slash, view_headers
from edumock.platforms.tesla.errors import render
from edumock.platforms.tesla.fixtures import build_state
from edumock.platforms.tesla.gate import check
from edumock.platforms.tesla.metadata import describe
from edumock.platforms.tesla.tokens import mint_token

PLATFORM = Platform(
    name="tesla",
    title="TeSLA CE institution API v2",
    specs=("tesla.yaml",),
    handlers="edumock.platforms.tesla.handlers",
    path_prefixes=("/api/v2/",),
    render_error=render,
    build_state=build_state,
    collections=ALL,
    mint_token=mint_token,
    probe="edumock.platforms.tesla.probe",
    drift="edumock.platforms.tesla.drift",
    fixtures_file="tesla.yaml",
    answer_headers=view_headers,
    arrange=ARRANGE,
    gate=check,
    slash_redirect=append_slash,
    framework_methods=("HEAD", "OPTIONS"),
    describe=describe,
)
