"""Resolve the parents a nested URL names; an id under another parent is a 404."""

from __future__ import annotations

from edumock.platforms.tesla.collections import (
    ACTIVITIES,
    CONSENTS,
    COURSES,
    GROUPS,
    INSTITUTIONS,
    REPORTS,
    USERS,
    VLES,
)
from edumock.platforms.tesla.errors import NotFound
from edumock.platforms.tesla.models.base import parse_id
from edumock.platforms.tesla.models.context import Call
from edumock.world.store import Record


def institution(call: Call, param: str) -> Record:
    """The institution the URL names."""
    record = call.store.get(INSTITUTIONS, str(parse_id(call.path.get(param))))
    if record is None:
        raise NotFound()
    return record


def course(call: Call, institution_id: int, param: str) -> Record:
    """A course of one of the institution's VLEs."""
    record = call.store.get(COURSES, str(parse_id(call.path.get(param))))
    if record is None or vle_institution(call, record["vle_id"]) != institution_id:
        raise NotFound()
    return record


def vle_institution(call: Call, vle_id: int) -> int | None:
    """The institution owning a VLE."""
    vle = call.store.get(VLES, str(vle_id))
    return None if vle is None else int(vle["institution_id"])


def activity(call: Call, course_record: Record, param: str) -> Record:
    """An activity of the course."""
    record = call.store.get(ACTIVITIES, str(parse_id(call.path.get(param))))
    if record is None or record["course_id"] != course_record["id"]:
        raise NotFound()
    return record


def report(call: Call, activity_record: Record, param: str) -> Record:
    """A report of the activity."""
    record = call.store.get(REPORTS, str(parse_id(call.path.get(param))))
    if record is None or record["activity_id"] != activity_record["id"]:
        raise NotFound()
    return record


def learner(call: Call, institution_id: int, param: str) -> Record:
    """A learner of the institution."""
    record = call.store.get(USERS, str(parse_id(call.path.get(param))))
    if record is None or not record.get("is_learner") or record["institution_id"] != institution_id:
        raise NotFound()
    return record


def group(call: Call, institution_id: int, param: str) -> Record:
    """A course group of the institution."""
    record = call.store.get(GROUPS, str(parse_id(call.path.get(param))))
    if record is None or record["institution_id"] != institution_id:
        raise NotFound()
    return record


def consent(call: Call, institution_id: int, param: str) -> Record:
    """An informed consent version of the institution."""
    record = call.store.get(CONSENTS, str(parse_id(call.path.get(param))))
    if record is None or record["institution_id"] != institution_id:
        raise NotFound()
    return record
