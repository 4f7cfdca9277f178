"""Reports (seed 19), their requests (seed 20) and audit data (seed 21): read-only, seeded.

A learner sees only their own reports, and only while the institution allows
it (``allow_learner_report``; audits also need ``allow_learner_audit``),
else 403 "Not allowed", as the real views answer.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, ClassVar

from edumock.platforms.tesla.collections import (
    INSTRUMENTS,
    REPORT_INSTRUMENTS,
    REPORTS,
    REQUESTS,
    USERS,
)
from edumock.platforms.tesla.errors import NotFound, PermissionDenied
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.activity import course_scope
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.platforms.tesla.models.filters import (
    Filter,
    choice,
    model_multiple_choice,
    number,
    plain,
    text,
)
from edumock.platforms.tesla.models.report_detail import detail_row, extended_row
from edumock.world.store import Record

LEVELS = ("identity_level", "content_level", "integrity_level")
AUDIT_FIELDS = ("id", "enrolment", "confidence", "result", *LEVELS, "audit_data", "created_at",
                "updated_at", "report", "instrument")
REQUEST_FIELDS = ("id", "result", "status", "data", "error_message", "created_at", "updated_at",
                  "learner", "activity", "session", "message_code", "instruments")


ALERT_LEVELS = (0, 1, 2, 3, 4)
"""``REPORT_ALERT_LEVEL``'s choices: pending, no information, ok, warning, alert."""


def _any_level(test: Callable[[int, int], bool]) -> Filter:
    """``MultiNumberFilter``: any of the three levels. Its plain form field lets any text
    through to an integer lookup, which crashes the real server (500) on what ``int()`` does
    not read, even a blank value; here such a value matches nothing, and a blank one is
    ignored (docs/tesla.md)."""
    def check(record: Record, value: str) -> bool:
        try:
            wanted = int(value)
        except ValueError:
            return False
        return any(test(int(record.get(level) or 0), wanted) for level in LEVELS)
    return plain(check)


LEVEL_FILTERS: dict[str, Filter] = {
    **{level: choice(level, lambda store: ALERT_LEVELS) for level in LEVELS},
    **{f"{level}__{lookup}": number(level, compare) for level in LEVELS
       for lookup, compare in (("gte", Decimal.__ge__), ("lte", Decimal.__le__))},
    "level": _any_level(int.__eq__), "level__lte": _any_level(int.__le__),
    "level__gte": _any_level(int.__ge__),
}
"""``ReportFilter``'s level filters, in its field order: the exact levels are choice filters
(``Meta.fields``), the bounds number filters."""
READERS = (p.global_admin_ro, p.INST_ADMIN_RO, p.DATA_ADMIN_RO, p.course_instructor_ro,
           p.course_learner_ro)


def activity_scope(call: Any, prefix: str) -> Scope:
    """Institution, course and activity from ``parent_lookup_<prefix>...`` parameters."""
    scope = course_scope(call, f"parent_lookup_{prefix}activity__vle__institution_id",
                         f"parent_lookup_{prefix}activity__course_id")
    scope["activity"] = scopes.activity(call, scope["course"], f"parent_lookup_{prefix}activity_id")
    return scope


class ReportResource(Resource):
    """``InstitutionCourseActivityReportViewSet``."""

    collection = REPORTS
    search_fields: ClassVar[tuple[str, ...]] = (
        "learner__first_name", "learner__last_name", "learner__email", *LEVELS)
    readable: ClassVar[tuple[str, ...]] = ("id", "learner", "detail", *LEVELS)
    permissions = READERS
    lists_by_parent_filter = True
    institution_param = "parent_lookup_activity__vle__institution_id"
    audit = False

    def resolve_scope(self) -> Scope:
        """Institution, course and activity in the URL."""
        return activity_scope(self.call, "")

    @property
    def filters(self) -> dict[str, Filter]:  # type: ignore[override]
        """The learner's names and e-mail, then the levels (``ReportFilter``'s order)."""
        learner_filters = {f"learner__{f}": self._learner_filter(f)
                           for f in ("first_name", "last_name", "email")}
        return {**learner_filters, **LEVEL_FILTERS}

    def _learner_filter(self, field: str) -> Filter:
        return text(lambda record, value: self._learner(record).get(field) == value)

    def _learner(self, record: Record) -> Record:
        return self.store.get(USERS, str(record["learner_id"])) or {}

    def getter(self, field: str) -> Callable[[Record], Any]:
        """``learner__x`` reads the learner's field."""
        if field.startswith("learner__"):
            name = field.removeprefix("learner__")
            return lambda record: self._learner(record).get(name)
        return lambda record: record.get(field)

    def visible(self, reports: list[Record], scope: Scope) -> list[Record]:
        """Admins and the course's instructors see all; learners their own, when allowed."""
        actor = self.actor
        if (actor.is_global_admin or any(actor.flag(f) for f in (
                "inst_admin", "legal_admin", "data_admin"))
                or p.course_instructor(self.call, "list")):
            return reports
        institution = scope["institution"]
        allowed = institution.get("allow_learner_report") and (
            not self.audit or institution.get("allow_learner_audit"))
        if not allowed:
            raise PermissionDenied("Not allowed")
        return [r for r in reports if r["learner_id"] == actor.user_id]

    def orphans(self) -> list[Record]:
        """Under a missing activity (or report) nothing is listed, but a learner is still
        refused when the institution keeps reports from learners."""
        try:
            institution = scopes.institution(self.call, self.institution_param)
        except NotFound:
            return []
        return self.visible([], {"institution": institution})

    def queryset(self, scope: Scope) -> list[Record]:
        """The activity's reports the actor may see."""
        reports = list(self.store.find(REPORTS, activity_id=scope["activity"]["id"]))
        return self.visible(reports, scope)

    def represent(self, record: Record) -> dict[str, Any]:
        """Report with its learner and one detail row per instrument (the percentages as
        the serializer's ``FloatField`` shows them)."""
        learner = self._learner(record)
        rows = self.store.find(REPORT_INSTRUMENTS, report_id=record["id"])
        return {"id": record["id"],
                "learner": {key: learner.get(key) for key in (
                    "id", "uid", "first_name", "last_name", "email", "learner_id")},
                "detail": [detail_row(self.store, row) for row in rows],
                **{level: record[level] for level in LEVELS}}

    def represent_detail(self, record: Record) -> dict[str, Any]:
        """``InstitutionCourseActivityReportExtendedSerializer``: each detail row extended
        (histograms, provider thresholds, probabilities, facts) and the report's ``data``."""
        listed = self.represent(record)
        rows = self.store.find(REPORT_INSTRUMENTS, report_id=record["id"])
        return {**listed, "detail": [extended_row(self.store, record, row) for row in rows],
                "data": record.get("data")}


class ReportRequestResource(Resource):
    """``InstitutionCourseActivityReportRequestViewSet``: the learner's requests."""

    collection = REQUESTS
    default_ordering = ("session", "id")
    readable = REQUEST_FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN_RO, p.course_instructor_ro)

    def resolve_scope(self) -> Scope:
        """Institution, course, activity and report in the URL."""
        scope = activity_scope(self.call, "")
        scope["report"] = scopes.report(self.call, scope["activity"], "parent_lookup_id")
        return scope

    filters = {"instruments": model_multiple_choice("instruments", INSTRUMENTS)}
    """Requests using any of the instruments named (the parameter repeated)."""

    def queryset(self, scope: Scope) -> list[Record]:
        """Requests of the report's learner on the report's activity."""
        report = scope["report"]
        return list(self.store.find(REQUESTS, activity_id=report["activity_id"],
                                    learner_id=report["learner_id"]))

    def represent(self, record: Record) -> dict[str, Any]:
        """Request fields with its per-instrument results; ``learner`` and ``activity`` are
        the foreign keys' ids."""
        values = {**record, "learner": record["learner_id"],
                  "activity": record["activity_id"], "result": record.get("results", [])}
        return {field: values.get(field) for field in REQUEST_FIELDS}


class ReportAuditResource(ReportResource):
    """``InstitutionCourseActivityReportAuditViewSet``: one row per instrument of a report."""

    collection = REPORT_INSTRUMENTS
    search_fields: ClassVar[tuple[str, ...]] = ()
    readable: ClassVar[tuple[str, ...]] = AUDIT_FIELDS
    lookup_param = "instrument_id"
    institution_param = "parent_lookup_report__activity__vle__institution_id"
    audit = True

    def resolve_scope(self) -> Scope:
        """Institution, course, activity and report in the URL."""
        scope = activity_scope(self.call, "report__")
        scope["report"] = scopes.report(self.call, scope["activity"], "parent_lookup_report_id")
        return scope

    @property
    def filters(self) -> dict[str, Filter]:  # type: ignore[override]
        """No filters on audit data."""
        return {}

    def queryset(self, scope: Scope) -> list[Record]:
        """The report's instrument rows, if the actor may see the report."""
        if not self.visible([scope["report"]], scope):
            return []
        return list(self.store.find(REPORT_INSTRUMENTS, report_id=scope["report"]["id"]))

    def lookup(self, scope: Scope, raw: str) -> Record:
        """By instrument id."""
        found = next((r for r in self.queryset(scope) if str(r["instrument_id"]) == raw), None)
        if found is None:
            raise NotFound()
        return found

    def getter(self, field: str) -> Callable[[Record], Any]:
        """Plain fields."""
        return lambda record: record.get(field)

    def represent_detail(self, record: Record) -> dict[str, Any]:
        """The audit view has no detail serializer."""
        return self.represent(record)

    def represent(self, record: Record) -> dict[str, Any]:
        """``ReportActivityInstrument`` fields."""
        values = {**record, "report": record["report_id"], "instrument": record["instrument_id"]}
        return {field: values.get(field) for field in AUDIT_FIELDS}
