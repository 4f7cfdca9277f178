"""Pages and their sections; page names are unique per organisation."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird import ids
from edumock.platforms.sunbird.collections import PAGES, SECTIONS
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.errors import SunbirdError
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore, Record

SECTION_FIELDS = ("name", "sectionDataType", "searchQuery", "display", "alt", "description",
                  "imgUrl", "dynamicFilters", "dataSource", "status")
PAGE_FIELDS = ("name", "organisationId", "portalMap", "appMap")
JSON_TEXT_FIELDS = ("searchQuery", "display")
"""Stored as JSON text: the real actor writes them with Jackson before saving."""


def _section_fields(request: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    fields = {k: request.get(k) for k in names}
    for name in JSON_TEXT_FIELDS:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            fields[name] = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return fields


def _page_named(store: InMemoryStore, name: str, org: Any, skip: str | None = None
                ) -> Record | None:
    return next((p for p in store.find(PAGES, name=name)
                 if p.get("organisationId") == org and p["id"] != skip), None)


def create_page(store: InMemoryStore, rng: SeededRandom, request: dict[str, Any],
                user_id: str, now: datetime) -> dict[str, Any]:
    """A new page; the name must be new for the organisation."""
    if not request.get("name"):
        raise SunbirdError(e.PAGE_NAME_REQUIRED)
    with store.transaction():
        if _page_named(store, request["name"], request.get("organisationId")):
            raise SunbirdError(e.PAGE_ALREADY_EXIST)
        page_id = ids.page_id(rng)
        store.put(PAGES, page_id, {
            "id": page_id, **{k: request.get(k) for k in PAGE_FIELDS},
            "createdBy": user_id, "createdDate": timestamp(now), "updatedDate": None})
        return {"response": "SUCCESS", "pageId": page_id}


def update_page(store: InMemoryStore, request: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Change a page's fields (a rename must stay unique)."""
    if not request.get("id"):
        raise SunbirdError(e.PAGE_ID_REQUIRED)
    if "name" in request and not request["name"]:
        raise SunbirdError(e.PAGE_NAME_REQUIRED)
    with store.transaction():  # read inside: a racing update must not be overwritten
        page = store.get(PAGES, str(request["id"]))
        if page is None:
            raise SunbirdError(e.PAGE_NOT_EXIST)
        name = str(request.get("name", page["name"]))
        if _page_named(store, name, request.get("organisationId", page.get("organisationId")),
                       skip=page["id"]):
            raise SunbirdError(e.PAGE_ALREADY_EXIST)
        changes = {k: request[k] for k in PAGE_FIELDS if k in request}
        store.put(PAGES, page["id"], {**page, **changes, "updatedDate": timestamp(now)})
        return {"response": "SUCCESS"}


def _sections(store: InMemoryStore, mapping: Any) -> list[dict[str, Any]]:
    entries = mapping if isinstance(mapping, list) else []
    ordered = sorted((m for m in entries if isinstance(m, dict)),
                     key=lambda m: (m.get("index", 0), str(m.get("id"))))
    found = [store.get(SECTIONS, str(m.get("id"))) for m in ordered]
    return [dict(s) for s in found if s is not None]


def read_page(store: InMemoryStore, name: str) -> dict[str, Any]:
    """The page with its portal and app sections resolved."""
    page = next(iter(store.find(PAGES, name=name)), None)
    if page is None:
        raise SunbirdError(e.PAGE_NOT_EXIST, status=404)
    return {"page": {"name": page["name"], "id": page["id"],
                     "portalSections": _sections(store, page.get("portalMap")),
                     "appSections": _sections(store, page.get("appMap"))}}


def create_section(store: InMemoryStore, rng: SeededRandom, request: dict[str, Any],
                   user_id: str, now: datetime) -> dict[str, Any]:
    """A new section (name and data type are required)."""
    if not request.get("name"):
        raise SunbirdError(e.SECTION_NAME_MISSING)
    if not request.get("sectionDataType"):
        raise SunbirdError(e.SECTION_DATA_TYPE_MISSING)
    section_id = ids.page_id(rng)
    with store.transaction():
        store.put(SECTIONS, section_id, {
            "id": section_id, **_section_fields(request, SECTION_FIELDS),
            "status": request.get("status", 1), "createdBy": user_id,
            "createdDate": timestamp(now), "updatedBy": None, "updatedDate": None})
    return {"response": "SUCCESS", "sectionId": section_id, "pageId": section_id}


def update_section(store: InMemoryStore, request: dict[str, Any], user_id: str,
                   now: datetime) -> dict[str, Any]:
    """Change a section's fields."""
    if not request.get("id"):
        raise SunbirdError(e.SECTION_ID_REQUIRED)
    for field, error in (("name", e.SECTION_NAME_MISSING),
                         ("sectionDataType", e.SECTION_DATA_TYPE_MISSING)):
        if field in request and not request[field]:
            raise SunbirdError(error)
    with store.transaction():  # read inside: a racing update must not be overwritten
        section = store.get(SECTIONS, str(request["id"]))
        if section is None:
            raise SunbirdError(e.SECTION_NOT_EXIST)
        changes = _section_fields(request, tuple(k for k in SECTION_FIELDS if k in request))
        store.put(SECTIONS, section["id"], {**section, **changes, "updatedBy": user_id,
                                            "updatedDate": timestamp(now)})
    return {"response": "SUCCESS", "pageId": section["id"]}


def read_section(store: InMemoryStore, section_id: str) -> dict[str, Any]:
    """One section."""
    section = store.get(SECTIONS, section_id)
    if section is None:
        raise SunbirdError(e.SECTION_NOT_EXIST)
    return {"section": section}


def list_sections(store: InMemoryStore) -> dict[str, Any]:
    """Every section."""
    return {"response": store.values(SECTIONS)}
