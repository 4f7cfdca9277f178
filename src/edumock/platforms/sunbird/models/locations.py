"""The location hierarchy: state → district → block → cluster → school, each child one level
below its parent. Organisations sit in a location; users take their state and district from
their organisation's locations, which is what the collection summary counts by."""

from __future__ import annotations

from edumock.platforms.sunbird.collections import LOCATIONS
from edumock.world.store import InMemoryStore, Record

TYPES: tuple[str, ...] = ("state", "district", "block", "cluster", "school")
"""``sunbird_valid_location_types``, top first."""


def parent_type(location_type: str) -> str | None:
    """The type a location of this type must have as its parent (None for a state)."""
    index = TYPES.index(location_type)
    return TYPES[index - 1] if index else None


def new_location(location_id: str, code: str, name: str, location_type: str,
                 parent: Record | None) -> Record:
    """A location record as the location API shows it."""
    return {"id": location_id, "code": code, "name": name, "type": location_type,
            "parentId": parent["id"] if parent else None}


def ancestry(locations: dict[str, Record], location: Record) -> list[Record]:
    """The location and its ancestors, top first; ``locations`` maps id → location."""
    chain = [location]
    while chain[-1].get("parentId") and chain[-1]["parentId"] in locations and len(chain) < 8:
        chain.append(locations[chain[-1]["parentId"]])
    return chain[::-1]


def placement(locations: dict[str, Record], location: Record) -> Record:
    """What an organisation in ``location`` records: the location ids and the state and district
    names (the fields users inherit)."""
    chain = ancestry(locations, location)
    names = {place["type"]: place["name"] for place in chain}
    return {"locationIds": [place["id"] for place in chain],
            "locationCode": [location["code"]],
            "state": names.get("state"), "district": names.get("district")}


def by_id(store: InMemoryStore) -> dict[str, Record]:
    """Every location by id (an index rebuilt only after the collection changes)."""
    return store.derived(LOCATIONS, "by_id", lambda records: {r["id"]: r for r in records})


def by_code(store: InMemoryStore) -> dict[str, Record]:
    """Every location by code."""
    return store.derived(LOCATIONS, "by_code", lambda records: {r["code"]: r for r in records})
