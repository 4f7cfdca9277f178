"""A course's instructors (seed 15) and learners (seed 16).

Upstream, adding a member answers a 500 (the serializer is handed unexpected
arguments); here ``POST {"uid"}`` links an existing instructor or learner of the
institution, which is what the endpoint is for (see docs/tesla.md).
"""

from __future__ import annotations

from typing import Any, ClassVar

from edumock.platforms.tesla.collections import COURSE_INSTRUCTORS, COURSE_LEARNERS, USERS
from edumock.platforms.tesla.errors import field_error
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope, next_id
from edumock.platforms.tesla.models.filters import exact
from edumock.platforms.tesla.models.learner import represent_learner
from edumock.platforms.tesla.models.timefmt import now_iso
from edumock.world.store import Record

MEMBER_SEARCH = ("uid", "first_name", "last_name", "email")
INSTRUCTOR_FIELDS = ("id", "username", "uid", "first_name", "last_name", "email", "created_at",
                     "updated_at")
LEARNER_FIELDS = ("id", "institution", "username", "uid", "first_name", "last_name", "locale",
                  "consent", "consent_accepted", "consent_rejected", "learner_id", "last_login",
                  "send", "email", "ic_status", "login_allowed", "created_at", "updated_at",
                  "joined_at")


class CourseMemberResource(Resource):
    """Members of one course, kept as links between the course and institution users."""

    links: ClassVar[str]
    member_flag: ClassVar[str]
    search_fields = MEMBER_SEARCH
    filters = {name: exact(name) for name in MEMBER_SEARCH}
    writable = ("uid",)
    required = ("uid",)

    def resolve_scope(self) -> Scope:
        """The institution and the course in the URL."""
        institution = scopes.institution(self.call, "parent_lookup_vle__institution_id")
        course = scopes.course(self.call, institution["id"], "parent_lookup_id")
        return {"institution": institution, "course": course}

    def members(self, scope: Scope) -> list[Record]:
        """The course's members, by id."""
        ids = sorted(link["user_id"] for link in
                     self.store.find(self.links, course_id=scope["course"]["id"]))
        return [u for i in ids if (u := self.store.get(USERS, str(i))) is not None]

    def queryset(self, scope: Scope) -> list[Record]:
        """Every member of the course."""
        return self.members(scope)

    def _member_by_uid(self, scope: Scope, uid: Any) -> Record:
        found = next((u for u in self.store.find(USERS, institution_id=scope["institution"]["id"],
                                                 uid=uid) if u.get(self.member_flag)), None)
        if found is None:
            raise field_error("uid", f"Object with uid={uid} does not exist.")
        return found

    def _link(self, scope: Scope, user: Record) -> None:
        course_id = scope["course"]["id"]
        if not bool(self.store.find(self.links, course_id=course_id,
                                                 user_id=user["id"])):
            link_id = next_id(self.call, self.links)
            self.store.put(self.links, str(link_id), {
                "id": link_id, "course_id": course_id, "user_id": user["id"],
                "created_at": now_iso(self.call.world.clock)})

    def _unlink(self, scope: Scope, user: Record) -> None:
        for link in list(self.store.find(self.links, course_id=scope["course"]["id"],
                                         user_id=user["id"])):
            self.store.delete(self.links, str(link["id"]))

    def create(self, body: dict[str, Any], from_form: bool = False) -> dict[str, Any]:
        """Add an existing member of the institution to the course."""
        with self.store.transaction():
            scope = self._scope_for("create")
            data = self._writable(body, partial=False)
            user = self._member_by_uid(scope, data["uid"])
            self._link(scope, user)
            return self.represent(user)

    def update(self, body: dict[str, Any], partial: bool, from_form: bool = False
               ) -> dict[str, Any]:
        """Swap the member for the one ``uid`` names (or leave it when absent on PATCH)."""
        with self.store.transaction():
            scope = self._scope_for("partial_update" if partial else "update")
            current = self.lookup(scope, self.call.path.get(self.lookup_param, ""))
            data = self._writable(body, partial=partial)
            if "uid" not in data or data["uid"] == current.get("uid"):
                return self.represent_detail(current)
            replacement = self._member_by_uid(scope, data["uid"])
            self._unlink(scope, current)
            self._link(scope, replacement)
            return self.represent_detail(replacement)

    def destroy(self) -> None:
        """Remove the member from the course (the user stays)."""
        with self.store.transaction():
            scope = self._scope_for("destroy")
            self._unlink(scope, self.lookup(scope, self.call.path.get(self.lookup_param, "")))


class CourseInstructorResource(CourseMemberResource):
    """``InstitutionCourseInstructorViewSet``."""

    collection = USERS
    links = COURSE_INSTRUCTORS
    member_flag = "is_instructor"
    readable = INSTRUCTOR_FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN, p.LEGAL_ADMIN_RO, p.DATA_ADMIN_RO,
                   p.course_learner_ro, p.course_instructor)

    def represent(self, record: Record) -> dict[str, Any]:
        """``InstitutionCourseInstructorSerializer`` output."""
        return {field: record.get(field) for field in INSTRUCTOR_FIELDS}


class CourseLearnerResource(CourseMemberResource):
    """``InstitutionCourseLearnerViewSet``: learners see only themselves."""

    collection = USERS
    links = COURSE_LEARNERS
    member_flag = "is_learner"
    filters = {name: exact(name) for name in ("uid", "email", "first_name", "last_name")}
    readable = LEARNER_FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN, p.DATA_ADMIN_RO, p.course_instructor,
                   p.course_learner_ro)

    def queryset(self, scope: Scope) -> list[Record]:
        """Admins and the course's instructors see all learners; a learner sees themselves."""
        learners = self.members(scope)
        actor = self.actor
        if actor.is_global_admin or actor.flag("inst_admin") or actor.flag("data_admin"):
            return learners
        if p.course_instructor(self.call, "list"):
            return learners
        return [u for u in learners if u["id"] == actor.user_id]

    def represent(self, record: Record) -> dict[str, Any]:
        """The learner's fields, as the course learner serializer lists them."""
        full = represent_learner(self.call, record)
        return {field: full.get(field) for field in LEARNER_FIELDS}

    def represent_detail(self, record: Record) -> dict[str, Any]:
        """An item's URL answers with ``InstitutionLearnerDetailSerializer``, as the
        institution's learner detail does (role flags and ``enrolment_status`` included)."""
        return represent_learner(self.call, record, detail=True)
