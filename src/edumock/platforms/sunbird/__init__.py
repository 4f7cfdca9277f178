"""Sunbird Lern: the course service (batches, enrolment, progress, certificates, pages, jobs)
and the user and organisation service's bulk uploads of users, organisations and locations."""

from __future__ import annotations

from edumock.platform import Platform
from edumock.platforms.sunbird.arrange import ARRANGE
from edumock.platforms.sunbird.collections import ALL
from edumock.platforms.sunbird.errors import render
from edumock.platforms.sunbird.fixtures import build_state
from edumock.platforms.sunbird.models.backend import settle
from edumock.platforms.sunbird.tokens import mint_token

PLATFORM = Platform(
    name="sunbird",
    title="Sunbird Lern",
    specs=("sunbird-course.yaml", "sunbird-bulk.yaml"),
    handlers="edumock.platforms.sunbird.handlers",
    path_prefixes=("/api/course/", "/api/data/", "/report/", "/api/user/", "/api/org/"),
    render_error=render,
    build_state=build_state,
    collections=ALL,
    mint_token=mint_token,
    settle=settle,
    probe="edumock.platforms.sunbird.probe",
    drift="edumock.platforms.sunbird.drift",
    fixtures_file="sunbird.yaml",
    arrange=ARRANGE,
)
