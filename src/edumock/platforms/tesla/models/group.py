"""Course groups and their courses (seed sections 4 and 5); open to anyone, as upstream."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import COURSES, GROUP_COURSES, GROUPS, VLES
from edumock.platforms.tesla.errors import NotFound, field_error
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope, next_id
from edumock.platforms.tesla.models.coercion import coerce
from edumock.platforms.tesla.models.filters import (
    choice,
    exact,
    icontains,
    iso_datetime,
    model_choice,
)
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.platforms.tesla.models.shared import institution_json
from edumock.platforms.tesla.models.timefmt import now_iso
from edumock.world.store import InMemoryStore, Record

GROUP_FIELDS = ("id", "institution", "parent", "name", "description", "created_at", "updated_at")
COURSE_FIELDS = ("id", "vle_id", "vle_course_id", "code", "description", "start", "end",
                 "created_at", "updated_at")


def _parents(store: InMemoryStore) -> list[int]:
    """``GroupFilter.parent``'s choices: -1 (no parent) and every group of every institution."""
    return [-1, *(group["id"] for group in store.values(GROUPS))]


def _has_parent(record: Record, value: str) -> bool:
    if int(value) < 0:
        return record.get("parent_id") is None
    return record.get("parent_id") == int(value)


class GroupResource(InstitutionScoped):
    """``InstitutionCourseGroupViewSet`` (no permission classes upstream: AllowAny)."""

    collection = GROUPS
    filters = {"name": icontains("name"), "description": icontains("description"),
               "parent": choice("parent_id", _parents, _has_parent)}
    writable = ("name", "description", "parent")
    required = ("name",)
    defaults = {"parent": None}
    readable = GROUP_FIELDS
    permissions = (p.allow_any,)

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """The parent must be another group of the same institution."""
        cleaned = {k: v for k, v in data.items() if k != "parent"}
        if "parent" in data:
            parent = data["parent"]
            if parent is not None:
                if not isinstance(parent, int) or isinstance(parent, bool):
                    raise field_error("parent", "Incorrect type. Expected pk value, received "
                                      f"{type(parent).__name__}.")
                record = self.store.get(GROUPS, str(parent))
                invalid = (record is None or record["institution_id"] != scope["institution"]["id"]
                           or (instance is not None and parent == instance["id"]))
                if invalid:
                    raise field_error("parent", f'Invalid pk "{parent}" - object does not exist.')
            cleaned["parent_id"] = parent
        return cleaned

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A group of the URL's institution."""
        return {"institution_id": scope["institution"]["id"], "description": None,
                "parent_id": None, **data}

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Children go with their parent (CASCADE); course links go, courses stay."""
        for child in list(self.store.find(GROUPS, parent_id=record["id"])):
            self.on_destroy(child, scope)
            self.store.delete(GROUPS, str(child["id"]))
        for link in list(self.store.find(GROUP_COURSES, group_id=record["id"])):
            self.store.delete(GROUP_COURSES, str(link["id"]))

    def represent(self, record: Record) -> dict[str, Any]:
        """Group fields with the institution nested."""
        return {"id": record["id"],
                "institution": institution_json(self.call, record["institution_id"]),
                "parent": record.get("parent_id"), "name": record["name"],
                "description": record.get("description"), "created_at": record["created_at"],
                "updated_at": record["updated_at"]}


class GroupCourseResource(Resource):
    """Courses linked to a group: POST ``{"id"}`` links one, DELETE unlinks it."""

    collection = GROUP_COURSES
    filters = {"vle_id": model_choice("vle_id", VLES),
               **{name: exact(name) for name in ("vle_course_id", "description", "code")},
               "start": iso_datetime("start"), "end": iso_datetime("end")}
    readable = COURSE_FIELDS
    permissions = (p.allow_any,)

    def resolve_scope(self) -> Scope:
        """The institution and the group in the URL."""
        institution = scopes.institution(self.call, "parent_lookup_institution_id")
        return {"institution": institution,
                "group": scopes.group(self.call, institution["id"], "parent_lookup_id")}

    def queryset(self, scope: Scope) -> list[Record]:
        """The group's courses (the course records themselves)."""
        ids = [link["course_id"] for link in
               self.store.find(GROUP_COURSES, group_id=scope["group"]["id"])]
        return [c for i in ids if (c := self.store.get(COURSES, str(i))) is not None]

    def create(self, body: dict[str, Any], from_form: bool = False) -> dict[str, Any]:
        """Link an existing course to the group. The serializer, not the view, looks up the
        group, after validating the body: hence its own ``Course Group not found``."""
        with self.store.transaction():
            p.require(self.call, "create", self.permissions)
            institution = scopes.institution(self.call, "parent_lookup_institution_id")
            course_id = coerce({"id": body.get("id")})["id"]
            if course_id is None:
                raise field_error("id", "This field is required.")
            try:
                group = scopes.group(self.call, institution["id"], "parent_lookup_id")
            except NotFound:
                raise NotFound("Course Group not found") from None
            scope = {"institution": institution, "group": group}
            course = self.store.get(COURSES, str(course_id))
            if course is None:
                raise NotFound("Course not found")
            if scopes.vle_institution(self.call, course["vle_id"]) != scope["institution"]["id"]:
                raise field_error("id", f'Invalid pk "{course_id}" - object does not exist.')
            group_id = scope["group"]["id"]
            linked = bool(self.store.find(GROUP_COURSES, group_id=group_id,
                                                       course_id=course["id"]))
            if not linked:
                link_id = next_id(self.call, GROUP_COURSES)
                self.store.put(GROUP_COURSES, str(link_id), {
                    "id": link_id, "group_id": group_id, "course_id": course["id"],
                    "created_at": now_iso(self.call.world.clock)})
            return self.represent(course)

    def update(self, body: dict[str, Any], partial: bool, from_form: bool = False
               ) -> dict[str, Any]:
        """Course fields are read-only through a group: answer the linked course."""
        with self.store.transaction():
            scope = self._scope_for("partial_update" if partial else "update")
            if not partial and "id" not in body:
                raise field_error("id", "This field is required.")
            return self.represent(self.lookup(scope, self.call.path.get(self.lookup_param, "")))

    def destroy(self) -> None:
        """Unlink the course; the course itself stays."""
        with self.store.transaction():
            scope = self._scope_for("destroy")
            course = self.lookup(scope, self.call.path.get(self.lookup_param, ""))
            for link in list(self.store.find(GROUP_COURSES, group_id=scope["group"]["id"],
                                             course_id=course["id"])):
                self.store.delete(GROUP_COURSES, str(link["id"]))

    def represent(self, record: Record) -> dict[str, Any]:
        """Flat course fields."""
        return {"id": record["id"], "vle_id": record["vle_id"],
                "vle_course_id": record["vle_course_id"], "code": record["code"],
                "description": record.get("description"), "start": record.get("start"),
                "end": record.get("end"), "created_at": record["created_at"],
                "updated_at": record["updated_at"]}
