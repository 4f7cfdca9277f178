"""One row of an organisation upload: create a school in a location, or update one by id.

New organisations belong to the uploader's root organisation (its channel);
``status`` is ``active`` or ``inactive`` in any case; ``locationCode`` names
a known location (the seed's column is BLOCK CODE), whose state and district
the organisation and its users take; an external id is unique within the
channel.
"""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird import ids
from edumock.platforms.sunbird.models import locations
from edumock.platforms.sunbird.models.bulk.context import RowContext, entry, external_key, fail
from edumock.platforms.sunbird.models.bulk.csvfile import Row
from edumock.world.store import Record

STATUSES = {"active": 1, "inactive": 0}


def _status(row: Row) -> int:
    value = str(row.get("status") or "active").lower()
    if value not in STATUSES:
        raise fail("Please provide valid {0}.", "organisationstatus")
    return STATUSES[value]


def _location(ctx: RowContext, row: Row, operation: str) -> Record:
    code = str(row["locationCode"])
    location: Record | None = ctx.index("locations.code", c.LOCATIONS, "code").get(code.lower())
    if location is None:
        raise fail("Invalid value {0} for parameter {1}. Please provide a valid value.", code,
                   "locationCode", operation=operation)
    return location


def apply(ctx: RowContext, row: Row) -> Record:
    """Create or update one organisation; the success entry, or RowFailed."""
    status = _status(row)
    org_id = row.get("organisationId")
    existing = ctx.store.get(c.ORGANISATIONS, org_id) if org_id else None
    operation = "update" if org_id else "create"
    root = ctx.root_org
    if org_id and (existing is None or existing.get("channel") != root.get("channel")):
        raise fail("Please provide valid {0}.", "organisationid", operation=operation)
    for name in ("orgName", "locationCode"):
        if not row.get(name):
            raise fail("Mandatory parameter {0} is missing.", name, operation=operation)
    location = _location(ctx, row, operation)
    external = row.get("externalId")
    holder = ctx.index("orgs.external", c.ORGANISATIONS, external_key).get(
        f"{root.get('channel')}:{external}".lower()) if external else None
    if holder is not None and holder["id"] != org_id:
        raise fail("Value {0} for {1} is already in use.", external, "externalId",
                   operation=operation)
    places = locations.by_id(ctx.store)
    changes: dict[str, Any] = {
        "orgName": row["orgName"], "status": status, **locations.placement(places, location)}
    changes.update({name: row[name] for name in ("externalId", "description") if row.get(name)})
    if existing:
        record = {**existing, **changes, "updatedBy": ctx.process["createdBy"],
                  "updatedDate": ctx.stamp}
    else:
        record = {"id": ids.page_id(ctx.rng), "externalId": None, "description": None, **changes,
                  "channel": root.get("channel"), "rootOrgId": root.get("id"),
                  "isTenant": False, "organisationType": "school",
                  "securityLevel": root.get("securityLevel", "L1"),
                  "createdBy": ctx.process["createdBy"], "createdDate": ctx.stamp}
    org_id = str(record["id"])
    with ctx.store.transaction():
        ctx.store.put(c.ORGANISATIONS, org_id, record)
    if existing:
        ctx.forget("orgs.external", external_key(existing))
    ctx.remember("orgs.external", external_key(record), record)
    return entry(row, operation, **{**record, "organisationId": org_id,
                                    "locationCode": location["code"],
                                    "locationName": location["name"]})
