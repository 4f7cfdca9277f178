"""UI options (seed section 9): per-institution (and per-user) switches of global routes."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import UI_OPTIONS, USERS
from edumock.platforms.tesla.errors import field_error, non_field_error
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models.base import Scope
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.world.store import Record

FIELDS = ("id", "route", "enabled", "roles", "user", "is_global")


class UiOptionResource(InstitutionScoped):
    """``InstitutionUIOptionViewSet``. Its list shows every option (upstream does too)."""

    collection = UI_OPTIONS
    writable = ("route", "enabled", "user")
    required = ("route",)
    defaults = {"user": None, "enabled": False}
    readable = FIELDS
    permissions = (p.global_admin, p.INST_ADMIN)

    def queryset(self, scope: Scope) -> list[Record]:
        """Every option, global ones included, as the real view lists them."""
        return self.store.values(UI_OPTIONS)

    def orphans(self) -> list[Record]:
        """The list ignores the URL's institution, so an unknown one lists every option too."""
        return self.store.values(UI_OPTIONS)

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """Route must be a global route; user of this institution; no duplicate route."""
        institution_id = scope["institution"]["id"]
        route = data.get("route", None if instance is None else instance["route"])
        if "route" in data:
            if route is None:
                raise field_error("route", "Route cannot be empty")
            if not any(o["institution_id"] is None and o["user_id"] is None
                       for o in self.store.find(UI_OPTIONS, route=route)):
                raise field_error("route", "Invalid Route")
        user_id = data.get("user", None if instance is None else instance.get("user_id"))
        if data.get("user") is not None:
            user = self.store.get(USERS, str(data["user"]))
            if user is None:
                raise field_error("user", f'Invalid pk "{data["user"]}" - object does not exist.')
            if user.get("institution_id") != institution_id:
                raise field_error("user", "User must be from the institution")
        duplicate = any(o for o in self.store.find(UI_OPTIONS, route=route,
                                                   institution_id=institution_id)
                        if (instance is None or o["id"] != instance["id"])
                        and (user_id is None or o.get("user_id") == user_id))
        if duplicate:
            raise non_field_error("This route already exists")
        cleaned = {k: v for k, v in data.items() if k != "user"}
        if "user" in data:
            cleaned["user_id"] = data["user"]
        return cleaned

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """An option of the URL's institution."""
        return {"institution_id": scope["institution"]["id"], "roles": None, "user_id": None,
                **data}

    def represent(self, record: Record) -> dict[str, Any]:
        """Option fields; ``is_global`` when it belongs to no institution and no user."""
        return {"id": record["id"], "route": record["route"], "enabled": record["enabled"],
                "roles": record.get("roles"), "user": record.get("user_id"),
                "is_global": record.get("institution_id") is None
                and record.get("user_id") is None}
