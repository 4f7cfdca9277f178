"""VLEs (seed section 2): the institution's virtual learning environments."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import VLES
from edumock.platforms.tesla.errors import field_error
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models.base import Scope
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.world.store import Record

VLE_TYPES = {0: "MOODLE"}
FIELDS = ("id", "type", "lti", "name", "credentials", "url", "client_id")


class VleResource(InstitutionScoped):
    """``InstitutionVLEViewSet``: administrators manage, global admins read."""

    collection = VLES
    writable = ("type", "name", "url", "client_id")
    required = ("type", "name")
    readable = FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN)

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """``type`` is a choice; ``name`` is unique across every VLE."""
        if "type" in data and data["type"] not in VLE_TYPES:
            raise field_error("type", f'"{data["type"]}" is not a valid choice.')
        if "name" in data:
            clash = next((v for v in self.store.find(VLES, name=data["name"])
                          if instance is None or v["id"] != instance["id"]), None)
            if clash is not None:
                raise field_error("name", "This field must be unique.")
        return data

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A new VLE of the institution; its LTI settings start empty."""
        return {"institution_id": scope["institution"]["id"], "url": None, "client_id": None,
                "lti": None, **data}

    def represent(self, record: Record) -> dict[str, Any]:
        """VLE fields; credentials are only ever shown by the real server at registration."""
        return {"id": record["id"], "type": record["type"], "lti": record.get("lti"),
                "name": record["name"], "credentials": None, "url": record.get("url"),
                "client_id": record.get("client_id")}
