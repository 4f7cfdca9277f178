"""Instruments (seed section 8): the global enabled catalogue; the URL's institution is ignored."""

from __future__ import annotations

import json
from typing import Any

from edumock.platforms.tesla.collections import INSTRUMENTS
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.world.store import Record

FIELDS = ("id", "options_schema", "name", "acronym", "queue", "enabled", "requires_enrolment",
          "description", "identity", "originality", "authorship", "integrity", "created_at",
          "updated_at")


def represent_instrument(record: Record, *, raw_schema: bool = False) -> dict[str, Any]:
    """``InstrumentSerializer``: ``options_schema`` parsed (or as stored text when nested)."""
    schema = record.get("options_schema")
    if schema is not None and not raw_schema:
        schema = json.loads(schema)
    return {**{field: record.get(field) for field in FIELDS}, "options_schema": schema}


class InstrumentResource(Resource):
    """``InstitutionInstrumentViewSet``: read-only, AllowAny, ordered by acronym."""

    collection = INSTRUMENTS
    default_ordering = ("acronym",)
    readable = FIELDS
    permissions = (p.allow_any,)

    def queryset(self, scope: Scope) -> list[Record]:
        """Enabled instruments."""
        return [r for r in self.store.values(INSTRUMENTS) if r.get("enabled")]

    def represent(self, record: Record) -> dict[str, Any]:
        """Instrument fields."""
        return represent_instrument(record)
