"""Institution users and instructors (seed sections 10 and 11)."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import USERS
from edumock.platforms.tesla.errors import PermissionDenied, ValidationError
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.platforms.tesla.models.filters import icontains, multiple_choice
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.platforms.tesla.models.passwords import make_password
from edumock.platforms.tesla.models.people import (
    ROLE_FLAGS,
    check_identity,
    new_person,
    remove_person_links,
)
from edumock.world.store import Record

USER_FIELDS = ("id", "username", "last_login", "first_name", "last_name", "uid", "email",
               "login_allowed", *ROLE_FLAGS, "locale", "created_at", "updated_at")
INSTRUCTOR_FIELDS = ("id", "username", "last_login", "first_name", "last_name", "email",
                     "locale", "created_at", "updated_at", "uid", *ROLE_FLAGS)
ROLES = {"ADMIN": "inst_admin", "SEND": "send_admin", "LEGAL": "legal_admin",
         "DATA": "data_admin", "LEARNER": "is_learner", "INSTRUCTOR": "is_instructor"}


def _has_role(record: Record, roles: list[str]) -> bool:
    """``filter_roles``: users holding any of the roles."""
    return any(record.get(ROLES[role]) for role in roles)


class UserResource(InstitutionScoped):
    """``InstitutionUserViewSet``: every institution user, learners and instructors included."""

    collection = USERS
    search_fields = ("username", "first_name", "last_name", "email", "uid")
    filters = {**{name: icontains(name) for name in search_fields[:4]},
               "roles": multiple_choice(ROLES, _has_role), "uid": icontains("uid")}
    writable = ("username", "password", "password2", "first_name", "last_name", "uid", "email",
                "locale", "login_allowed", *ROLE_FLAGS)
    required = ("username", "uid")
    defaults = {**dict.fromkeys(("login_allowed", *ROLE_FLAGS), False), "password": None}
    """``password`` defaults to null on POST and PUT: a PUT without one makes it unusable."""
    readable = USER_FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN_NOT_DELETE, p.LEGAL_ADMIN_RO, p.DATA_ADMIN,
                   p.member_ro)

    def queryset(self, scope: Scope) -> list[Record]:
        """Administrators see everyone; other members only themselves."""
        people = [u for u in self.store.find(USERS, institution_id=scope["institution"]["id"])
                  if not u.get("is_staff")]
        if self.actor.is_global_admin or any(self.actor.flag(f) for f in (
                "inst_admin", "legal_admin", "data_admin")):
            return people
        return [u for u in people if u["id"] == self.actor.user_id]

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """Unique username and e-mail, matching passwords, institution mail domain."""
        cleaned = dict(data)
        username = data.get("username")
        taken = username is not None and any(
            u.get("username") == username for u in self.store.values(USERS)
            if instance is None or u["id"] != instance["id"])
        # Upstream checks only uniqueness for users; the mail domain applies to them too here
        # (docs/tesla.md), as it does to learners and instructors. Both fields' validators
        # report together.
        check_identity(self.store, scope["institution"], data, instance,
                       {"username": ["This field must be unique."]} if taken else None)
        # The serializer's default (False, on POST and PUT) skips the check unless the client
        # allows login; a PATCH without the flag checks (``attrs.get('login_allowed', True)``).
        login_allowed = data.get("login_allowed", True)
        if login_allowed and data.get("password") != data.get("password2"):
            raise ValidationError({"non_field_errors": ["Passwords does not match"]})
        cleaned.pop("password2", None)
        if "password" in cleaned:
            # A password is set only for a user who may log in; otherwise it is unusable.
            password = cleaned.pop("password")
            allowed = data.get("login_allowed", (instance or {}).get("login_allowed", False))
            username = data.get("username", (instance or {}).get("username"))
            cleaned["password_hash"] = make_password(str(password), str(username)) if (
                password is not None and allowed) else None
        return cleaned

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A plain institution user."""
        return new_person(scope["institution"]["id"], data)

    def destroy(self) -> None:
        """Nobody may delete themselves."""
        if self.call.path.get(self.lookup_param) == str(self.actor.user_id):
            self._scope_for("destroy")  # permission and parent checks come first
            raise PermissionDenied("Cannot delete yourself")
        super().destroy()

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Course memberships, SEND assignments and personal UI options go too."""
        remove_person_links(self.store, record["id"])

    def represent(self, record: Record) -> dict[str, Any]:
        """``InstitutionUserSerializer`` output."""
        return {field: record.get(field) for field in USER_FIELDS}


class InstructorResource(Resource):
    """``InstitutionInstructorViewSet``."""

    collection = USERS
    writable = ("first_name", "last_name", "email", "locale", "uid", *ROLE_FLAGS)
    required = ("uid",)
    readable = INSTRUCTOR_FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN, p.LEGAL_ADMIN_RO, p.DATA_ADMIN_RO)
    lists_by_parent_filter = True

    def resolve_scope(self) -> Scope:
        """The institution in the URL."""
        return {"institution": scopes.institution(self.call, "parent_lookup_institution_id")}

    def queryset(self, scope: Scope) -> list[Record]:
        """The institution's instructors."""
        return list(self.store.find(USERS, institution_id=scope["institution"]["id"],
                                    is_instructor=True))

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """E-mail unique and in the institution's domain; ``(institution, uid)`` unique."""
        check_identity(self.store, scope["institution"], data, instance)
        return data

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """An instructor (username from the e-mail, as learners get theirs)."""
        return new_person(scope["institution"]["id"], {**data, "is_instructor": True})

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Deleting the instructor deletes the user row (multi-table inheritance)."""
        remove_person_links(self.store, record["id"])

    def represent(self, record: Record) -> dict[str, Any]:
        """``InstitutionInstructorSerializer`` output."""
        return {field: record.get(field) for field in INSTRUCTOR_FIELDS}
