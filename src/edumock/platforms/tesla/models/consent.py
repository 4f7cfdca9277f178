"""Informed consent versions and their documents (seed sections 6 and 7); open to anyone.

The *current* version is the highest ``X.Y.Z`` whose ``valid_from`` has passed on
the sandbox clock; a version's status follows from it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from edumock.platforms.tesla.collections import CONSENT_DOCUMENTS, CONSENTS
from edumock.platforms.tesla.errors import BareMessage, NotFound, field_error, non_field_error
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.platforms.tesla.models.permissions import require
from edumock.platforms.tesla.models.shared import institution_json
from edumock.world.store import InMemoryStore, Record

IC_FIELDS = ("id", "institution", "version", "valid_from", "created_at", "updated_at")
DOC_FIELDS = ("id", "consent", "language", "html", "pdf", "created_at", "updated_at")
BAD_VERSION = "Invalid version. Expected X.Y.Z with X, Y and Z integer values"


def version_key(version: str) -> tuple[int, ...]:
    """``1.2.3`` → ``(1, 2, 3)``."""
    return tuple(int(part) for part in version.split("."))


def normalise_version(raw: Any) -> str:
    """A valid ``X.Y.Z`` with integer parts, normalised (``01.2.3`` → ``1.2.3``)."""
    parts = str(raw).split(".")
    if len(parts) != 3 or not all(part.strip().isdecimal() for part in parts):
        raise field_error("version", BAD_VERSION)
    return ".".join(str(int(part)) for part in parts)


def _started(record: Record, now: datetime) -> bool:
    return datetime.fromisoformat(str(record["valid_from"]).replace("Z", "+00:00")) <= now


def current_consent(store: InMemoryStore, institution_id: int, now: datetime) -> Record | None:
    """The newest version already valid."""
    valid = [c for c in store.find(CONSENTS, institution_id=institution_id) if _started(c, now)]
    return max(valid, key=lambda c: version_key(c["version"]), default=None)


def consent_status(store: InMemoryStore, consent: Record, now: datetime) -> str:
    """NOT_VALID_YET, VALID (the current one), VALID_NEED_UPDATE (same X.Y) or NOT_VALID."""
    if not _started(consent, now):
        return "NOT_VALID_YET"
    current = current_consent(store, consent["institution_id"], now)
    if current is None:
        return "NOT_VALID"
    if current["id"] == consent["id"]:
        return "VALID"
    if version_key(current["version"])[:2] == version_key(consent["version"])[:2]:
        return "VALID_NEED_UPDATE"
    return "NOT_VALID"


class ConsentResource(InstitutionScoped):
    """``InstitutionInformedConsentViewSet`` (AllowAny upstream)."""

    collection = CONSENTS
    writable = ("version", "valid_from")
    required = ("version", "valid_from")
    readable = IC_FIELDS
    permissions = (p.allow_any,)

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """Version format, then ``(institution, version)`` uniqueness."""
        cleaned = dict(data)
        if "version" in data:
            cleaned["version"] = normalise_version(data["version"])
            clash = next((c for c in self.queryset(scope) if c["version"] == cleaned["version"]
                          and (instance is None or c["id"] != instance["id"])), None)
            if clash is not None:
                raise non_field_error(
                    "The fields institution_id, version must make a unique set.")
        return cleaned

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A consent version of the URL's institution."""
        return {"institution_id": scope["institution"]["id"], **data}

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Its documents go with it."""
        for document in list(self.store.find(CONSENT_DOCUMENTS, consent_id=record["id"])):
            self.store.delete(CONSENT_DOCUMENTS, str(document["id"]))

    def represent(self, record: Record) -> dict[str, Any]:
        """Consent fields with the institution nested."""
        return {"id": record["id"],
                "institution": institution_json(self.call, record["institution_id"]),
                "version": record["version"], "valid_from": record["valid_from"],
                "created_at": record["created_at"], "updated_at": record["updated_at"]}

    def current(self) -> dict[str, Any]:
        """``ic/current/``: bare-string 404s as the real view answers them."""
        require(self.call, "retrieve", self.permissions)
        try:
            institution = scopes.institution(self.call, "parent_lookup_institution_id")
        except NotFound:
            raise BareMessage(404, "Invalid institution") from None
        found = current_consent(self.store, institution["id"], self.call.world.clock.now())
        if found is None:
            raise BareMessage(404, "Invalid version")
        return self.represent(found)


class ConsentDocumentResource(Resource):
    """Documents of one consent version, looked up by ``language``."""

    collection = CONSENT_DOCUMENTS
    writable = ("language", "html", "pdf")
    required = ("language",)
    readable = DOC_FIELDS
    lookup_param = "language"
    permissions = (p.allow_any,)
    lists_by_parent_filter = True

    def resolve_scope(self) -> Scope:
        """The institution and the consent version in the URL."""
        institution = scopes.institution(self.call, "parent_lookup_institution_id")
        consent = scopes.consent(self.call, institution["id"],
                                 "parent_lookup_informed_consent_id")
        return {"institution": institution, "consent": consent}

    def queryset(self, scope: Scope) -> list[Record]:
        """The consent's documents."""
        return list(self.store.find(CONSENT_DOCUMENTS, consent_id=scope["consent"]["id"]))

    def lookup(self, scope: Scope, raw: str) -> Record:
        """By language, not by id."""
        found = next((d for d in self.queryset(scope) if d["language"] == raw), None)
        if found is None:
            raise NotFound()
        return found

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """One document per language (the real server's database refuses a second)."""
        language = data.get("language")
        clash = next((d for d in self.queryset(scope) if d["language"] == language
                      and (instance is None or d["id"] != instance["id"])), None)
        if clash is not None:
            raise non_field_error("The fields consent_id, language must make a unique set.")
        return data

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A document of the URL's consent version."""
        return {"consent_id": scope["consent"]["id"], "html": None, "pdf": None, **data}

    def represent(self, record: Record) -> dict[str, Any]:
        """Document fields with the consent (and its institution) nested."""
        consent = self.store.get(CONSENTS, str(record["consent_id"]))
        nested = None if consent is None else ConsentResource(self.call).represent(consent)
        return {"id": record["id"], "consent": nested, "language": record["language"],
                "html": record.get("html"), "pdf": record.get("pdf"),
                "created_at": record["created_at"], "updated_at": record["updated_at"]}
