"""The common case: a resource that lives directly under ``/institution/{id}/``."""

from __future__ import annotations

from typing import ClassVar

from edumock.platforms.tesla.models import scopes
from edumock.platforms.tesla.models.base import Resource, Scope
from edumock.world.store import Record


class InstitutionScoped(Resource):
    """Resolves the URL's institution; lists the collection's records of that institution."""

    institution_param: ClassVar[str] = "parent_lookup_institution_id"
    lists_by_parent_filter = True
    """Upstream's institution-level lists only filter by the URL's institution: an unknown
    one lists nothing (to a caller the permissions let through)."""

    def resolve_scope(self) -> Scope:
        """The institution in the URL."""
        return {"institution": scopes.institution(self.call, self.institution_param)}

    def queryset(self, scope: Scope) -> list[Record]:
        """The institution's records of this collection."""
        return self.store.find(self.collection, institution_id=scope["institution"]["id"])
