"""Institutions (seed section 1): read by members, updated by their administrators."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import INSTITUTIONS
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.platforms.tesla.models.filters import exact
from edumock.platforms.tesla.models.shared import INSTITUTION_FIELDS as FIELDS
from edumock.platforms.tesla.models.shared import represent_institution
from edumock.world.store import Record

WRITABLE = FIELDS[3:12]
"""The settings (``external_ic`` to ``allowed_domains``); id, acronym and name are read-only."""


class InstitutionResource(Resource):
    """``InstitutionViewSet``: list (global admins), retrieve, update; no create or delete."""

    collection = INSTITUTIONS
    lookup_param = "institution_id"
    search_fields = ("acronym", "name")
    filters = {"acronym": exact("acronym"), "name": exact("name")}
    default_ordering = ("created_at",)
    writable = WRITABLE
    readable = FIELDS
    permissions = (p.INST_ADMIN, p.member_ro, p.global_admin_ro)

    def queryset(self, scope: Scope) -> list[Record]:
        """Every institution (members only ever reach their own URL)."""
        return self.store.values(INSTITUTIONS)

    def represent(self, record: Record) -> dict[str, Any]:
        """The institution's fields."""
        return represent_institution(record)
