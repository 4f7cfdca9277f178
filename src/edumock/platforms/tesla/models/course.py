"""Courses (seed section 3): read-only here, they come from the institution's VLEs."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import (
    ACTIVITIES,
    COURSE_INSTRUCTORS,
    COURSE_LEARNERS,
    COURSES,
    VLES,
)
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.platforms.tesla.models.context import Call
from edumock.platforms.tesla.models.shared import institution_json
from edumock.platforms.tesla.models.vle import VLE_TYPES
from edumock.world.store import Record

FIELDS = ("id", "vle", "vle_course_id", "code", "description", "start", "end", "user_roles",
          "enabled", "created_at", "updated_at")


def nested_vle(call: Call, record: Record) -> dict[str, Any]:
    """``VLESerializer``: the VLE as nested in a course, its type as the choice's name and its
    institution in full."""
    return {"id": record["id"], "type": VLE_TYPES.get(record["type"], record["type"]),
            "institution": institution_json(call, record["institution_id"]),
            "name": record["name"], "url": record.get("url"), "client_id": record.get("client_id")}


def course_enabled(call: Call, course_id: int) -> bool:
    """``Course.enabled``: the course has at least one enabled activity."""
    return any(a.get("enabled") for a in call.store.find(ACTIVITIES, course_id=course_id))


class CourseResource(Resource):
    """``InstitutionCourseViewSet``: members see the courses they teach or take."""

    collection = COURSES
    readable = FIELDS
    default_ordering = ("id",)
    permissions = (p.member_ro, p.global_admin_ro, p.INST_ADMIN_NOT_DELETE, p.DATA_ADMIN)
    lists_by_parent_filter = True

    def resolve_scope(self) -> Scope:
        """The institution in the URL."""
        return {"institution": scopes.institution(self.call, "parent_lookup_vle__institution_id")}

    def queryset(self, scope: Scope) -> list[Record]:
        """All the institution's courses for admins; one's own courses for other members."""
        vles = {v["id"] for v in self.store.find(VLES, institution_id=scope["institution"]["id"])}
        courses = [c for c in self.store.values(COURSES) if c["vle_id"] in vles]
        actor = self.actor
        if actor.is_global_admin or actor.flag("inst_admin") or actor.flag("data_admin"):
            return courses
        mine = self._user_courses()
        return [c for c in courses if c["id"] in mine]

    def _user_courses(self) -> set[int]:
        user_id = self.actor.user_id
        return {link["course_id"] for links in (COURSE_LEARNERS, COURSE_INSTRUCTORS)
                for link in self.store.find(links, user_id=user_id)}

    def orderable(self) -> tuple[str, ...]:
        """Not ``enabled``: DRF's ordering skips the model's properties."""
        return tuple(field for field in FIELDS if field != "enabled")

    def represent(self, record: Record) -> dict[str, Any]:
        """Course fields with its VLE nested, the actor's roles in it and whether TeSLA is
        enabled on it."""
        vle = self.store.get(VLES, str(record["vle_id"])) or {}
        user_id = self.actor.user_id
        roles = []
        if bool(self.store.find(COURSE_LEARNERS, course_id=record["id"],
                                             user_id=user_id)):
            roles.append("LEARNER")
        if bool(self.store.find(COURSE_INSTRUCTORS, course_id=record["id"],
                                             user_id=user_id)):
            roles.append("INSTRUCTOR")
        return {"id": record["id"], "vle": nested_vle(self.call, vle) if vle else None,
                "vle_course_id": record["vle_course_id"], "code": record["code"],
                "description": record.get("description"), "start": record.get("start"),
                "end": record.get("end"), "user_roles": roles,
                "enabled": course_enabled(self.call, record["id"]),
                "created_at": record["created_at"], "updated_at": record["updated_at"]}
