"""Learners (seed section 12), with their informed-consent and enrolment actions.

``send`` and ``ic_status`` are computed on every read from the learner's SEND
assignments and consent, against the sandbox clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from edumock.platforms.tesla.collections import CONSENTS, SEND_CATEGORIES, SEND_LEARNERS, USERS
from edumock.platforms.tesla.errors import BareMessage
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Scope
from edumock.platforms.tesla.models.consent import consent_status, version_key
from edumock.platforms.tesla.models.filters import exact, number
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.platforms.tesla.models.people import (
    ROLE_FLAGS,
    check_identity,
    new_person,
    remove_person_links,
)
from edumock.platforms.tesla.models.permissions import require
from edumock.platforms.tesla.models.shared import institution_json
from edumock.platforms.tesla.models.timefmt import now_iso
from edumock.world.store import InMemoryStore, Record

FIELDS = ("id", "institution", "username", "consent", "consent_accepted", "consent_rejected",
          "learner_id", "last_login", "send", "email", "ic_status", "login_allowed",
          "first_name", "last_name", "locale", "created_at", "updated_at", "uid", *ROLE_FLAGS,
          "joined_at")
DETAIL_FIELDS = (*FIELDS[:FIELDS.index("login_allowed") + 1], "enrolment_status",
                 *FIELDS[FIELDS.index("login_allowed") + 1:])
SEARCH = ("id", "uid", "email", "first_name", "last_name", "username")


def send_summary(store: InMemoryStore, learner_id: int, now: datetime) -> dict[str, Any]:
    """``{"is_send", "send": {"enabled_options", "disabled_instruments"}}``, live ones only."""
    options: set[str] = set()
    instruments: set[int] = set()
    active = False
    for assignment in store.find(SEND_LEARNERS, user_id=learner_id):
        expires = assignment.get("expires_at")
        if expires and datetime.fromisoformat(expires.replace("Z", "+00:00")) < now:
            continue
        category = store.get(SEND_CATEGORIES, str(assignment["category_id"]))
        if category is None:
            continue
        active = True
        options.update(category["data"].get("enabled_options", []))
        instruments.update(category["data"].get("disabled_instruments", []))
    return {"is_send": active, "send": {"enabled_options": sorted(options),
                                        "disabled_instruments": sorted(instruments)}}


def represent_learner(call: Any, record: Record, *, detail: bool = False) -> dict[str, Any]:
    """``InstitutionLearnerSerializer`` (and the detail serializer's ``enrolment_status``)."""
    store, now = call.store, call.world.clock.now()
    institution = institution_json(call, record["institution_id"]) or {}
    consent = store.get(CONSENTS, str(record["consent_id"])) if record.get("consent_id") else None
    consent_json = None
    if consent is not None:
        key = f"consent-status:{consent['id']}"  # learners of a page share a few consents
        if key not in call.cache:
            call.cache[key] = consent_status(store, consent, now)
        consent_json = {"version": consent["version"], "status": call.cache[key]}
    if institution.get("external_ic"):
        ic_status = "VALID_EXTERNAL"
    elif record.get("consent_rejected"):
        ic_status = "NOT_VALID_REJECTED"
    elif consent_json is None:
        ic_status = "NOT_VALID_MISSING"
    else:
        ic_status = consent_json["status"]
    values = {**record, "institution": institution, "consent": consent_json,
              "send": send_summary(store, record["id"], now), "ic_status": ic_status}
    if detail:
        values["enrolment_status"] = list(record.get("enrolments", []))
    return {field: values.get(field) for field in (DETAIL_FIELDS if detail else FIELDS)}


class LearnerResource(InstitutionScoped):
    """``InstitutionLearnerViewSet``."""

    collection = USERS
    search_fields = SEARCH
    filters = {"id": number("id"), **{name: exact(name) for name in SEARCH[1:]}}
    writable = ("email", "first_name", "last_name", "locale", "uid", *ROLE_FLAGS)
    required = ("email", "uid")
    readable = FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN, p.LEGAL_ADMIN_RO, p.DATA_ADMIN_RO,
                   p.learner_ro)
    ic_permissions = (p.learner_self,)
    """The ``ic`` action's own classes (``InstitutionLearnerPermission``)."""
    enrolment_permissions = (p.member_ro, p.DATA_ADMIN)
    """The ``enrolment`` action's own classes."""

    def queryset(self, scope: Scope) -> list[Record]:
        """Administrators see every learner; a learner only themselves."""
        learners = list(self.store.find(USERS, institution_id=scope["institution"]["id"],
                                        is_learner=True))
        if self.actor.is_global_admin or any(self.actor.flag(f) for f in (
                "inst_admin", "legal_admin", "data_admin")):
            return learners
        return [u for u in learners if u["id"] == self.actor.user_id]

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """E-mail rules; the username follows the e-mail."""
        check_identity(self.store, scope["institution"], data, instance)
        cleaned = dict(data)
        if "email" in data:
            cleaned["username"] = data["email"]
        return cleaned

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A learner with no consent yet and a fresh learner UUID; names it was not given are
        blank, the model's default (the serializer declares no default of its own)."""
        return new_person(scope["institution"]["id"], {
            "first_name": "", "last_name": "", **data, "is_learner": True,
            "learner_id": self.call.world.rng.uuid(), "consent_id": None,
            "consent_accepted": None, "consent_rejected": None,
            "joined_at": now_iso(self.call.world.clock), "enrolments": []})

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Memberships and SEND assignments go with the learner."""
        remove_person_links(self.store, record["id"])

    def represent(self, record: Record) -> dict[str, Any]:
        """List (and create) representation."""
        return represent_learner(self.call, record)

    def represent_detail(self, record: Record) -> dict[str, Any]:
        """``InstitutionLearnerDetailSerializer``: with ``enrolment_status``."""
        return represent_learner(self.call, record, detail=True)

    # -- actions -------------------------------------------------------------
    def _own_learner(self) -> Record:
        require(self.call, "update", self.ic_permissions)
        scope = self.resolve_scope()
        return scopes.learner(self.call, scope["institution"]["id"], "id_")

    def accept_consent(self, version: str) -> dict[str, Any]:
        """POST ``learner/{id}/ic/``: accept a version (never a downgrade)."""
        with self.store.transaction():
            learner = self._own_learner()
            matches = self.store.find(CONSENTS, institution_id=learner["institution_id"],
                                      version=version)
            consent = matches[0] if matches else None
            if consent is None:
                raise BareMessage(404, "Informed Consent not found")
            current = self.store.get(CONSENTS, str(learner["consent_id"])) \
                if learner.get("consent_id") else None
            if (current is not None and not learner.get("consent_rejected")
                    and version_key(consent["version"]) <= version_key(current["version"])):
                raise BareMessage(400, "Cannot downgrade consent")
            stamp = now_iso(self.call.world.clock)
            updated = {**learner, "consent_id": consent["id"], "consent_accepted": stamp,
                       "consent_rejected": None, "updated_at": stamp}
            self.store.put(USERS, str(learner["id"]), updated)
            return represent_learner(self.call, updated, detail=True)

    def reject_consent(self) -> dict[str, Any]:
        """DELETE ``learner/{id}/ic/``: reject the accepted consent."""
        with self.store.transaction():
            learner = self._own_learner()
            if not learner.get("consent_id") or learner.get("consent_rejected"):
                raise BareMessage(404, "No Informed Consent to reject")
            stamp = now_iso(self.call.world.clock)
            updated = {**learner, "consent_rejected": stamp, "updated_at": stamp}
            self.store.put(USERS, str(learner["id"]), updated)
            return represent_learner(self.call, updated, detail=True)

    def enrolment(self) -> list[dict[str, Any]]:
        """GET ``learner/{id}/enrolment/``: the learner's enrolment status per instrument."""
        require(self.call, "retrieve", self.enrolment_permissions)
        scope = self.resolve_scope()
        learner = scopes.learner(self.call, scope["institution"]["id"], "id_")
        return list(learner.get("enrolments", []))
