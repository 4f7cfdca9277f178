"""Sunbird Lern course service: batches, enrolment, progress, certificates, pages and jobs."""

from __future__ import annotations

from edumock.platform import Platform
from edumock.platforms.sunbird.collections import ALL
from edumock.platforms.sunbird.errors import render
from edumock.platforms.sunbird.fixtures import build_state
from edumock.platforms.sunbird.tokens import mint_token

PLATFORM = Platform(
    name="sunbird",
    title="Sunbird Lern course service",
    specs=("sunbird-course.yaml",),
    handlers="edumock.platforms.sunbird.handlers",
    path_prefixes=("/api/course/", "/api/data/", "/report/"),
    render_error=render,
    build_state=build_state,
    collections=ALL,
    mint_token=mint_token,
    fixtures_file="sunbird.yaml",
)
