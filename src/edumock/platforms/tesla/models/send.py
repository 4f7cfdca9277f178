"""SEND categories (seed 13) and their assignment to learners (seed 14)."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import (
    INSTITUTIONS,
    INSTRUMENTS,
    SEND_CATEGORIES,
    SEND_LEARNERS,
)
from edumock.platforms.tesla.errors import (
    ValidationError,
    field_error,
    non_field_error,
)
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.platforms.tesla.models.filters import exact, model_choice
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.platforms.tesla.models.shared import institution_json
from edumock.world.store import Record

SEND_OPTIONS = ("big_fonts", "high_contrast", "text_to_speech")
CATEGORY_FIELDS = ("id", "institution", "data", "description", "created_at", "updated_at")
ASSIGNMENT_FIELDS = ("id", "expires_at", "category", "info")


class SendCategoryResource(InstitutionScoped):
    """``InstitutionSENDCategoryViewSet``: administrators and SEND administrators."""

    collection = SEND_CATEGORIES
    search_fields = ("institution_id", "description")
    filters = {"institution": model_choice("institution_id", INSTITUTIONS),
               "description": exact("description")}
    writable = ("data", "description")
    required = ("description",)
    defaults = {"data": {}}
    readable = CATEGORY_FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN, p.SEND_ADMIN)

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """``data.enabled_options`` from the three options, ``disabled_instruments`` ids."""
        if "data" not in data:
            return data
        raw = data["data"] if isinstance(data["data"], dict) else {}
        known = {i["id"] for i in self.store.values(INSTRUMENTS)}
        errors: dict[str, list[str]] = {}
        options = raw.get("enabled_options", [])
        instruments = raw.get("disabled_instruments", [])
        for name, values, allowed in (("enabled_options", options, set(SEND_OPTIONS)),
                                      ("disabled_instruments", instruments, known)):
            if not isinstance(values, list):
                errors[name] = [f'Expected a list of items but got type "{type(values).__name__}".']
                continue
            bad = [v for v in values if v not in allowed]
            if bad:
                errors[name] = [f'"{bad[0]}" is not a valid choice.']
        if errors:
            raise ValidationError({"data": errors})
        return {**data, "data": {"enabled_options": list(dict.fromkeys(options)),
                                 "disabled_instruments": list(dict.fromkeys(instruments))}}

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A category of the URL's institution."""
        category = {"institution_id": scope["institution"]["id"], **data}
        category.setdefault("data", {"enabled_options": [], "disabled_instruments": []})
        category["data"] = {"enabled_options": [], "disabled_instruments": [], **category["data"]}
        return category

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Assignments of the category go with it."""
        for assignment in list(self.store.find(SEND_LEARNERS, category_id=record["id"])):
            self.store.delete(SEND_LEARNERS, str(assignment["id"]))

    def represent(self, record: Record) -> dict[str, Any]:
        """Category fields with the institution nested."""
        return {"id": record["id"],
                "institution": institution_json(self.call, record["institution_id"]),
                "data": {"enabled_options": [], "disabled_instruments": [], **record["data"]},
                "description": record["description"], "created_at": record["created_at"],
                "updated_at": record["updated_at"]}


class LearnerSendResource(Resource):
    """``InstitutionLearnerSENDViewSet``: a learner's SEND categories."""

    collection = SEND_LEARNERS
    writable = ("category", "expires_at")
    required = ("category",)
    readable = ASSIGNMENT_FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN, p.SEND_ADMIN)
    lists_by_parent_filter = True

    def resolve_scope(self) -> Scope:
        """The institution and the learner in the URL."""
        institution = scopes.institution(self.call, "parent_lookup_learner__institution_id")
        learner = scopes.learner(self.call, institution["id"], "parent_lookup_learner_id")
        return {"institution": institution, "learner": learner}

    def queryset(self, scope: Scope) -> list[Record]:
        """The learner's assignments."""
        return list(self.store.find(SEND_LEARNERS, user_id=scope["learner"]["id"]))

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """An existing category, assigned once per learner."""
        cleaned = {k: v for k, v in data.items() if k != "category"}
        if "category" in data:
            category_id = data["category"]
            category = self.store.get(SEND_CATEGORIES, str(category_id))
            if category is None or category["institution_id"] != scope["institution"]["id"]:
                raise field_error("category",
                                  f'Invalid pk "{category_id}" - object does not exist.')
            if any(a for a in self.queryset(scope) if a["category_id"] == category_id
                   and (instance is None or a["id"] != instance["id"])):
                raise non_field_error(
                    "The fields learner_id, category must make a unique set.")
            cleaned["category_id"] = category_id
        return cleaned

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """An assignment to the URL's learner."""
        return {"user_id": scope["learner"]["id"], "expires_at": None, **data}

    def represent(self, record: Record) -> dict[str, Any]:
        """Assignment fields with the category nested as ``info``."""
        category = self.store.get(SEND_CATEGORIES, str(record["category_id"]))
        info = None if category is None else SendCategoryResource(self.call).represent(category)
        return {"id": record["id"], "expires_at": record.get("expires_at"),
                "category": record["category_id"], "info": info}
