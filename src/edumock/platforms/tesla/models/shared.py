"""Representations nested in many resources (an institution inside a learner, ...)."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import INSTITUTIONS
from edumock.platforms.tesla.models.context import Call
from edumock.world.store import Record

INSTITUTION_FIELDS = (
    "id", "acronym", "name", "external_ic", "mail_domain", "disable_vle_learner_creation",
    "disable_vle_instructor_creation", "disable_vle_user_creation", "allow_learner_report",
    "allow_learner_audit", "allow_valid_audit", "allowed_domains", "created_at", "updated_at")


def represent_institution(record: Record) -> dict[str, Any]:
    """``InstitutionSerializer`` output."""
    return {field: record.get(field) for field in INSTITUTION_FIELDS}


def institution_json(call: Call, institution_id: int) -> dict[str, Any] | None:
    """The nested institution of a record, built once per request."""
    key = f"institution:{institution_id}"
    if key not in call.cache:
        record = call.store.get(INSTITUTIONS, str(institution_id))
        call.cache[key] = None if record is None else represent_institution(record)
    value: dict[str, Any] | None = call.cache[key]
    return value
