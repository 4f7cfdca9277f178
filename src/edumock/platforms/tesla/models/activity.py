"""Course activities (seed 17) and the instruments configured on them (seed 18)."""

from __future__ import annotations

import json
from typing import Any

from edumock.platforms.tesla.collections import ACTIVITIES, ACTIVITY_INSTRUMENTS, INSTRUMENTS
from edumock.platforms.tesla.errors import field_error, non_field_error
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.platforms.tesla.models.instrument import represent_instrument
from edumock.world.store import Record

ACTIVITY_FIELDS = ("id", "course_id", "vle_id", "vle_activity_type", "vle_activity_id", "name",
                   "start", "end", "description", "enabled", "conf", "created_at", "updated_at")
CONFIG_FIELDS = ("id", "options", "instrument", "active", "created_at", "updated_at",
                 "alternative_to")
ACTIVITY_RULES = (p.global_admin_ro, p.INST_ADMIN, p.course_instructor, p.course_learner_ro)


def course_scope(call: Any, institution_param: str, course_param: str) -> Scope:
    """The institution and course a URL names."""
    institution = scopes.institution(call, institution_param)
    return {"institution": institution,
            "course": scopes.course(call, institution["id"], course_param)}


class ActivityResource(Resource):
    """``InstitutionCourseActivityViewSet``: only ``enabled`` and ``conf`` are writable."""

    collection = ACTIVITIES
    writable = ("enabled", "conf")
    readable = ACTIVITY_FIELDS
    permissions = ACTIVITY_RULES
    lists_by_parent_filter = True

    def resolve_scope(self) -> Scope:
        """The institution and course in the URL."""
        return course_scope(self.call, "parent_lookup_vle__institution_id",
                            "parent_lookup_course_id")

    def queryset(self, scope: Scope) -> list[Record]:
        """The course's activities."""
        return list(self.store.find(ACTIVITIES, course_id=scope["course"]["id"]))

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """An activity of the course, as its VLE would register it."""
        course = scope["course"]
        count = sum(1 for _ in self.store.find(ACTIVITIES, course_id=course["id"]))
        return {"vle_id": course["vle_id"], "course_id": course["id"],
                "vle_activity_type": "assign", "vle_activity_id": f"{course['id']}-{count + 1}",
                "name": None, "description": None, "start": None, "end": None,
                "enabled": False, "conf": None, **data}

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Its instrument configuration goes with it."""
        for config in list(self.store.find(ACTIVITY_INSTRUMENTS, activity_id=record["id"])):
            self.store.delete(ACTIVITY_INSTRUMENTS, str(config["id"]))

    def represent(self, record: Record) -> dict[str, Any]:
        """Activity fields."""
        return {field: record.get(field) for field in ACTIVITY_FIELDS}


class ActivityInstrumentResource(Resource):
    """``InstitutionCourseActivityInstrumentViewSet``."""

    collection = ACTIVITY_INSTRUMENTS
    writable = ("instrument_id", "active", "options", "alternative_to")
    required = ("instrument_id", "active")
    defaults = {"options": None, "alternative_to": None}
    readable = CONFIG_FIELDS
    permissions = ACTIVITY_RULES
    lists_by_parent_filter = True

    def resolve_scope(self) -> Scope:
        """The institution, course and activity in the URL."""
        scope = course_scope(self.call, "parent_lookup_activity__vle__institution_id",
                             "parent_lookup_activity__course_id")
        scope["activity"] = scopes.activity(self.call, scope["course"],
                                            "parent_lookup_activity_id")
        return scope

    def queryset(self, scope: Scope) -> list[Record]:
        """The activity's instrument configuration."""
        return list(self.store.find(ACTIVITY_INSTRUMENTS, activity_id=scope["activity"]["id"]))

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """An existing instrument, once per activity; alternatives from the same activity."""
        cleaned = dict(data)
        if "instrument_id" in data:
            instrument_id = data["instrument_id"]
            if self.store.get(INSTRUMENTS, str(instrument_id)) is None:
                raise field_error("instrument_id",
                                  f'Invalid pk "{instrument_id}" - object does not exist.')
            if any(c for c in self.queryset(scope) if c["instrument_id"] == instrument_id
                   and (instance is None or c["id"] != instance["id"])):
                raise non_field_error(
                    "The fields activity_id, instrument_id must make a unique set.")
        alternative = data.get("alternative_to")
        if alternative is not None:
            ids = {c["id"] for c in self.queryset(scope)}
            if alternative not in ids or (instance is not None and alternative == instance["id"]):
                raise field_error("alternative_to",
                                  f'Invalid pk "{alternative}" - object does not exist.')
        if "options" in data and data["options"] is not None:
            cleaned["options"] = json.dumps(data["options"])
        return cleaned

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A configuration of the URL's activity."""
        return {"activity_id": scope["activity"]["id"], **data}

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Alternatives to it lose their link (SET_NULL)."""
        for config in list(self.store.find(ACTIVITY_INSTRUMENTS, alternative_to=record["id"])):
            self.store.put(ACTIVITY_INSTRUMENTS, str(config["id"]),
                           {**config, "alternative_to": None})

    def represent(self, record: Record) -> dict[str, Any]:
        """Configuration fields with the instrument nested (its schema as stored text);
        ``instrument_id`` is write-only, never shown."""
        instrument = self.store.get(INSTRUMENTS, str(record["instrument_id"]))
        options = record.get("options")
        return {"id": record["id"], "options": json.loads(options) if options else None,
                "instrument": None if instrument is None
                else represent_instrument(instrument, raw_schema=True),
                "active": record["active"],
                "created_at": record["created_at"], "updated_at": record["updated_at"],
                "alternative_to": record.get("alternative_to")}
