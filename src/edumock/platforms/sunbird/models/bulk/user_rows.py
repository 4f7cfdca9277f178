"""One row of a user upload: create a user (no ``userId``) or update one, in an organisation.

The organisation is the row's ``orgId`` or ``orgExternalId`` (looked up in
the uploader's channel), else the upload's ``organisationId``, else the
uploader's root organisation; it must be active and in the uploader's
channel. Roles are a comma-separated list of known role names in capitals
(``PUBLIC`` is every user's anyway); every user needs an email or a phone,
neither used by another user.
"""

from __future__ import annotations

import re
from typing import Any

from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird.models.bulk.context import (
    RowContext,
    RowFailed,
    entry,
    external_key,
    fail,
)
from edumock.platforms.sunbird.models.bulk.csvfile import USER_COLUMNS, Row
from edumock.world.store import Record

ROLES = frozenset({
    "SYSTEM_ADMINISTRATION", "ADMIN", "ORG_ADMIN", "ORG_MODERATOR", "ORG_MANAGEMENT",
    "MEMBERSHIP_MANAGEMENT", "PUBLIC", "BOOK_CREATOR", "BOOK_REVIEWER", "COURSE_ADMIN",
    "COURSE_MENTOR", "CONTENT_CREATOR", "CONTENT_REVIEWER", "CONTENT_CURATION", "REPORT_ADMIN",
    "REPORT_VIEWER", "PROGRAM_MANAGER", "PROGRAM_DESIGNER"})
"""The documented system roles (the real service reads them from its role table)."""

USER_TYPES = ("administrator", "teacher", "student", "parent", "other")
"""The default profile personas."""

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\d{10}$")


def _roles(row: Row) -> list[str]:
    names = [name.strip() for name in str(row.get("roles") or "").split(",") if name.strip()]
    if any(name not in ROLES for name in names):
        raise fail("Invalid role value provided in request.")
    return ["PUBLIC", *sorted({name for name in names if name != "PUBLIC"})]


def _organisation(ctx: RowContext, row: Row) -> Record:
    org_id, external_id = row.get("orgId"), row.get("orgExternalId")
    channel = ctx.root_org.get("channel")
    by_id = ctx.store.get(c.ORGANISATIONS, org_id) if org_id else None
    by_external = ctx.index("orgs.external", c.ORGANISATIONS, external_key).get(
        f"{channel}:{external_id}".lower()) if external_id else None
    if (org_id and by_id is None) or (external_id and by_external is None):
        raise fail("Please provide valid {0}.", "organisationid")
    if by_id and by_external and by_id["id"] != by_external["id"]:
        raise fail("Conflicting values for {0} ({1}) and {2} ({3}).", "organisationId", org_id,
                   "orgExternalId", external_id)
    default_id = ctx.process.get("organisationId") or ctx.root_org.get("id")
    org = by_id or by_external or ctx.store.get(c.ORGANISATIONS, str(default_id)) or {}
    if org.get("channel") != channel:
        raise fail("Root organisation channel of uploader user is conflicting with that of "
                   "specified organisation ID/orgExternalId channel value.")
    if org.get("status", 1) != 1:
        raise fail("Please provide valid {0}.", "organisationstatus")
    return org


def _contact(ctx: RowContext, row: Row, user_id: str | None) -> None:
    email, phone = row.get("email"), row.get("phone")
    if email and not EMAIL.match(email):
        raise fail("Invalid format for given {0}.", "email")
    if phone and not PHONE.match(phone):
        raise fail("Invalid format for given {0}.", "phone")
    owner = ctx.index("users.email", c.USERS, "email").get(email.lower()) if email else None
    if owner is not None and owner["id"] != user_id:
        raise fail("Email already exists.")
    owner = ctx.index("users.phone", c.USERS, "phone").get(phone) if phone else None
    if owner is not None and owner["id"] != user_id:
        raise fail("Phone already in use. Please provide different phone number.")


def _checked(ctx: RowContext, row: Row) -> tuple[str, list[str], Record]:
    for name in USER_COLUMNS.mandatory:
        if not row.get(name):
            raise fail("Mandatory parameter {0} is missing.", name)
    user_type = str(row["userType"]).lower()
    if user_type not in USER_TYPES:
        raise fail("Invalid value {0} for parameter {1}. Please provide a valid value.",
                   row["userType"], "userType")
    return user_type, _roles(row), _organisation(ctx, row)


def apply(ctx: RowContext, row: Row) -> Record:
    """Create or update one user; the success entry, or RowFailed (with the row's operation,
    as the service reports every failed user row)."""
    user_id = row.get("userId")
    try:
        user_type, roles, org = _checked(ctx, row)
        existing = ctx.store.get(c.USERS, user_id) if user_id else None
        if user_id and existing is None:
            raise fail("Please provide valid {0}.", "userId")
        if not existing and not row.get("email") and not row.get("phone"):
            raise fail("Please provide either email or phone.")
        _contact(ctx, row, user_id)
    except RowFailed as failed:
        failed.operation = "update" if user_id else "create"
        raise
    changes: dict[str, Any] = {
        "firstName": row["firstName"], "userType": user_type, "roles": roles,
        "rootOrgId": org.get("rootOrgId", org["id"]), "organisationId": org["id"],
        "channel": org.get("channel"), "state": org.get("state"),
        "district": org.get("district")}
    changes.update({name: row[name] for name in ("email", "phone") if row.get(name)})
    if existing:
        record = {**existing, **changes, "updatedBy": ctx.process["createdBy"],
                  "updatedDate": ctx.stamp}
    else:
        new_id = ctx.rng.uuid()
        handle = str(row["firstName"]).split()[0].lower()
        record = {"id": new_id, "userId": new_id, "lastName": None,
                  "userName": f"{handle}_{ctx.rng.digits(4)}",
                  "email": None, "phone": None, **changes, "status": 1,
                  "createdBy": ctx.process["createdBy"], "createdDate": ctx.stamp}
    user_id = str(record["id"])
    with ctx.store.transaction():
        ctx.store.put(c.USERS, user_id, record)
    for name, index in (("email", "users.email"), ("phone", "users.phone")):
        if existing and existing.get(name) != record.get(name):
            ctx.forget(index, existing.get(name))
        ctx.remember(index, record.get(name), record)
    return entry(row, "update" if existing else "create", id=user_id, userId=user_id,
                 orgName=org.get("orgName"), organisationId=org["id"],
                 createdBy=ctx.process["createdBy"], channel=org.get("channel"))
