"""One row of a location upload: create the location under its parent, or update it by code.

The rules and messages are ``LocationRequestValidator``'s: a state has no
parent, any other type names a parent exactly one level up by ``parentCode``
or ``parentId``, and an existing code updates that location (its type cannot
change).
"""

from __future__ import annotations

from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird.models import locations
from edumock.platforms.sunbird.models.bulk.context import RowContext, entry, fail
from edumock.platforms.sunbird.models.bulk.csvfile import Row
from edumock.world.store import Record


def _parent(ctx: RowContext, row: Row, location_type: str, operation: str) -> Record | None:
    code, parent_id = row.get("parentCode"), row.get("parentId")
    wanted = locations.parent_type(location_type)
    if wanted is None:
        if code or parent_id:
            raise fail("For top level location, {0} is not allowed.", "parentId or parentCode",
                       operation=operation)
        return None
    if not code and not parent_id:
        raise fail("Mandatory parameter {0} is missing.", "parentId or parentCode",
                   operation=operation)
    by_code = ctx.index("locations.code", c.LOCATIONS, "code")
    by_id = ctx.index("locations.id", c.LOCATIONS, "id")
    parent: Record | None = by_code.get(code.lower()) if code else None
    if code and parent is None:
        raise fail("Please provide valid {0}.", "parentCode", operation=operation)
    if parent_id:
        named: Record | None = by_id.get(parent_id.lower())
        if named is None:
            raise fail("Please provide valid {0}.", "parentId", operation=operation)
        if parent is not None and parent["id"] != named["id"]:
            raise fail("Please provide valid {0}.", "parentId or parentCode",
                       operation=operation)
        parent = named
    if parent is None or parent["type"] != wanted:
        raise fail("Please provide valid {0}.", "parentId or parentCode", operation=operation)
    return parent


def apply(ctx: RowContext, row: Row) -> Record:
    """Create or update one location; the success entry, or RowFailed."""
    location_type = str(ctx.process.get("locationType") or "").strip().lower()
    row = {**row, "type": location_type}
    code = row.get("code")
    if not code:
        raise fail("Mandatory parameter {0} is missing.", "code")
    existing = ctx.index("locations.code", c.LOCATIONS, "code").get(code.lower())
    operation = "update" if existing else "create"
    if location_type not in locations.TYPES:
        raise fail("Invalid {0}: {1}. Valid values are: {2}.", "type", location_type,
                   "[" + ", ".join(locations.TYPES) + "]", operation=operation)
    if existing and existing["type"] != location_type:
        raise fail("Update of {0} is not allowed.", "type", operation=operation)
    if not row.get("name") and not existing:
        raise fail("Mandatory parameter {0} is missing.", "name", operation=operation)
    named_parent = row.get("parentCode") or row.get("parentId")
    parent = _parent(ctx, row, location_type, operation) if named_parent or not existing else (
        ctx.index("locations.id", c.LOCATIONS, "id").get(str(existing["parentId"]).lower()))
    location_id = existing["id"] if existing else ctx.rng.uuid()
    name = str(row.get("name") or (existing or {}).get("name"))
    record = locations.new_location(location_id, code, name, location_type, parent)
    with ctx.store.transaction():
        ctx.store.put(c.LOCATIONS, location_id, record)
    ctx.remember("locations.code", code, record)
    ctx.remember("locations.id", location_id, record)
    return entry(row, operation, id=location_id,
                 parentId=record["parentId"], parentCode=parent["code"] if parent else None)
