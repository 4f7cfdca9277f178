"""The generic DRF resource: list, create, retrieve, update, partial update, destroy.

A resource names its store collection, how its URL's parents are resolved
(an id under another parent is a 404, like one that does not exist), who may
do what, which fields are writable, and how records are represented. The base
does the rest exactly once: permissions first (DRF's ``initial``), then the
parents, the queryset, filters, search, ordering and pagination; writes run in
one store transaction after validation, so a refused request changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar

from edumock.platforms.tesla import drf
from edumock.platforms.tesla.errors import NotFound, ValidationError
from edumock.platforms.tesla.models import filters as django_filters
from edumock.platforms.tesla.models.coercion import boolean_fields, coerce
from edumock.platforms.tesla.models.context import Call
from edumock.platforms.tesla.models.filters import Filter
from edumock.platforms.tesla.models.permissions import Rule, require
from edumock.platforms.tesla.models.timefmt import now_iso
from edumock.world.store import InMemoryStore, Record

Scope = dict[str, Record]

SEQUENCES = "sequences"
READ_ACTIONS = frozenset({"list", "retrieve"})


def parse_id(raw: str | None) -> int:
    """A numeric path id, or the 404 Django answers when the URL's id is not one."""
    if raw is None or not raw.isdecimal():  # "³" is a digit, but not one int() reads
        raise NotFound()
    return int(raw)


def next_id(call: Call, collection: str) -> int:
    """The next primary key of a collection (one sequence per collection, per world)."""
    return take_id(call.store, collection)


def take_id(store: InMemoryStore, collection: str, wanted: int | None = None) -> int:
    """The collection's next primary key, or ``wanted`` with the sequence moved past it, so
    the ids Django would give later never collide with one chosen by hand."""
    current = int((store.get(SEQUENCES, collection) or {"value": 0})["value"])
    value = current + 1 if wanted is None else wanted
    store.put(SEQUENCES, collection, {"value": max(current, value)})
    return value


class Resource:
    """One DRF viewset over one store collection."""

    collection: ClassVar[str]
    search_fields: ClassVar[tuple[str, ...]] = ()
    filters: ClassVar[Mapping[str, Filter]] = {}
    """The filterset, in its field order (the order a 400 names refused values in)."""
    default_ordering: ClassVar[tuple[str, ...]] = ("id",)
    writable: ClassVar[tuple[str, ...]] = ()
    required: ClassVar[tuple[str, ...]] = ()
    defaults: ClassVar[Mapping[str, Any]] = {}
    """Serializer defaults: applied on POST and PUT for omitted fields, never on PATCH."""
    lookup_param: ClassVar[str] = "id_"
    permissions: ClassVar[tuple[Rule, ...]] = ()
    lists_by_parent_filter: ClassVar[bool] = False
    """The view's list only filters by the URL's parents (drf-extensions'
    ``NestedViewSetMixin``), so a list under a parent that does not exist is an empty page,
    not a 404; views whose queryset looks a parent up first keep the 404."""

    def __init__(self, call: Call) -> None:
        self.call = call
        self.store = call.store
        self.actor = call.actor

    # -- hooks a resource overrides ----------------------------------------
    def resolve_scope(self) -> Scope:
        """The parent records named by the URL; 404 when one is missing or misplaced."""
        return {}

    def queryset(self, scope: Scope) -> list[Record]:
        """Every record under the scope that the actor may see."""
        raise NotImplementedError

    def represent(self, record: Record) -> dict[str, Any]:
        """The record as the serializer outputs it."""
        return dict(record)

    def represent_detail(self, record: Record) -> dict[str, Any]:
        """The record as an item's URL answers it (retrieve, update, partial update): the
        view's ``serializer_detail_class`` where it has one (drf-extensions'
        ``DetailSerializerMixin``), else :meth:`represent`."""
        return self.represent(record)

    def lookup(self, scope: Scope, raw: str) -> Record:
        """The record the URL's item id names, within the actor's queryset."""
        wanted = parse_id(raw)
        for record in self.queryset(scope):
            if record["id"] == wanted:
                return record
        raise NotFound()

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """Serializer validation beyond the schema; returns the values to store."""
        return data

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A new record from validated data (id and timestamps are added by the base)."""
        return dict(data)

    def on_destroy(self, record: Record, scope: Scope) -> None:
        """Remove what goes with the record (links, dependants)."""

    def orphans(self) -> list[Record]:
        """What a list under a missing parent holds (:attr:`lists_by_parent_filter`)."""
        return []

    def getter(self, field: str) -> Callable[[Record], Any]:
        """How search and ordering read a field (the record's own value by default)."""
        return lambda record: record.get(field)

    def orderable(self) -> tuple[str, ...]:
        """Fields ``?ordering=`` accepts: any readable field of the serializer."""
        return self.readable

    readable: ClassVar[tuple[str, ...]] = ("id",)

    # -- generic actions ---------------------------------------------------
    def list_page(self) -> dict[str, Any]:
        """GET on the collection: filtered, searched, ordered and paginated."""
        records = django_filters.apply(self.call, self._list_records(), self.filters)
        records = self._search(records)
        records = drf.order(records, self.call.query.get("ordering"), self.orderable(),
                            self.default_ordering, self.getter)
        page = drf.paginate(records, self.call.query, self.call.url)
        page["results"] = [self.represent(record) for record in page["results"]]
        return page

    def retrieve(self) -> dict[str, Any]:
        """GET on an item."""
        scope = self._scope_for("retrieve")
        return self.represent_detail(
            self.lookup(scope, self.call.path.get(self.lookup_param, "")))

    def create(self, body: dict[str, Any], from_form: bool = False) -> dict[str, Any]:
        """POST: validate, store with a new id, answer the full representation."""
        with self.store.transaction():
            scope = self._scope_for("create")
            data = self._writable(body, partial=False, from_form=from_form)
            cleaned = self.validate(data, scope, None)
            record = self.build(cleaned, scope)
            stamp = now_iso(self.call.world.clock)
            record = {"id": next_id(self.call, self.collection), **record,
                      "created_at": stamp, "updated_at": stamp}
            self.store.put(self.collection, str(record["id"]), record)
            return self.represent(record)

    def update(self, body: dict[str, Any], partial: bool, from_form: bool = False
               ) -> dict[str, Any]:
        """PUT replaces the writable fields; PATCH changes only those it names."""
        with self.store.transaction():
            scope = self._scope_for("partial_update" if partial else "update")
            instance = self.lookup(scope, self.call.path.get(self.lookup_param, ""))
            data = self._writable(body, partial=partial, from_form=from_form)
            cleaned = self.validate(data, scope, instance)
            record = {**instance, **cleaned, "updated_at": now_iso(self.call.world.clock)}
            self.store.put(self.collection, str(record["id"]), record)
            return self.represent_detail(record)

    def destroy(self) -> None:
        """DELETE: remove the record and whatever goes with it."""
        with self.store.transaction():
            scope = self._scope_for("destroy")
            instance = self.lookup(scope, self.call.path.get(self.lookup_param, ""))
            self.on_destroy(instance, scope)
            self.store.delete(self.collection, str(instance["id"]))

    # -- shared steps ------------------------------------------------------
    def _search(self, records: list[Record]) -> list[Record]:
        raw = self.call.query.get("search")
        if not drf.search_terms(raw) or not self.search_fields:
            return records
        getters = [self.getter(field) for field in self.search_fields]
        texts = None
        if all("__" not in field for field in self.search_fields):
            texts = self.store.derived(
                self.collection, ("search", self.search_fields),
                lambda rows: {row["id"]: drf.search_text(row, getters) for row in rows})
        return drf.search(records, raw, getters, texts)

    def _list_records(self) -> list[Record]:
        """The records a list holds before filters: the scope's queryset, or, under a parent
        that does not exist, :meth:`orphans` when the view only filters by its parents (a
        parent id that is not a number is still a 404: the filter's ValueError)."""
        try:
            scope = self._scope_for("list")
        except NotFound:
            if not (self.lists_by_parent_filter
                    and all(value.isdecimal() for key, value in self.call.path.items()
                            if key.startswith("parent_lookup_"))):
                raise
            return self.orphans()
        return self.queryset(scope)

    def _scope_for(self, action: str) -> Scope:
        """Permissions first (DRF's ``initial``), then the URL's parents."""
        require(self.call, action, self.permissions)
        return self.resolve_scope()

    def _writable(self, body: dict[str, Any], *, partial: bool, from_form: bool = False
                  ) -> dict[str, Any]:
        if from_form and not partial:  # a form's unticked box: ``default_empty_html``
            body = {**dict.fromkeys(set(self.writable) & set(boolean_fields()), False), **body}
        data = coerce({key: body[key] for key in self.writable if key in body})
        nul = [key for key, value in data.items() if isinstance(value, str) and "\x00" in value]
        if nul:  # DRF's CharField refuses NUL before any other rule of the serializer
            raise ValidationError({key: ["Null characters are not allowed."] for key in nul})
        if not partial:
            data = {**{k: v for k, v in self.defaults.items() if k not in data}, **data}
            missing = [key for key in self.required if key not in body]
            if missing:
                raise ValidationError({key: ["This field is required."] for key in missing})
        return data
