"""Course batches: create, update, read and search.

Create and update validate in ``CourseBatchRequestValidator``'s order, so the
first problem reported is the one the real service reports. Status is never
stored: it follows the batch's dates on the sandbox clock.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird import ids
from edumock.platforms.sunbird.collections import BATCHES, COURSES
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.errors import SunbirdError
from edumock.platforms.sunbird.models.dates import batch_status, parse_day
from edumock.platforms.sunbird.models.fields import obj
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore, Record

ENROLLMENT_TYPES = ("open", "invite-only")
LIST_FIELDS = ("createdFor", "mentors")
TEXT_FIELDS = ("name", "description", "tandc")


def _missing(name: str) -> SunbirdError:
    return SunbirdError(e.MANDATORY_PARAMETER_MISSING, name)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _enrollment_type(request: dict[str, Any]) -> str:
    value = request.get("enrollmentType")
    if _blank(value):
        raise _missing("enrollmentType")
    if str(value).lower() not in ENROLLMENT_TYPES:
        raise SunbirdError(e.INVALID_PARAMETER_VALUE, value, "enrollmentType")
    return str(value).lower()


def _lists(request: dict[str, Any]) -> None:
    """Lists of ids and text fields of the right type: a batch stored with a number for its
    name could never be read back as the spec describes it."""
    for name in LIST_FIELDS:
        value = request.get(name)
        if name in request and not (isinstance(value, list)
                                    and all(isinstance(item, str) for item in value)):
            raise SunbirdError(e.DATA_TYPE_ERROR, name, "Arrays")
    for name in TEXT_FIELDS:
        if request.get(name) is not None and not isinstance(request[name], str):
            raise SunbirdError(e.DATA_TYPE_ERROR, name, "String")


def course_id_of(request: dict[str, Any]) -> str | None:
    """``courseId``, or the newer ``collectionId``."""
    value = request.get("courseId") or request.get("collectionId")
    return None if _blank(value) else str(value)


def validate_create(store: InMemoryStore, request: dict[str, Any], now: datetime) -> None:
    """The create checks, in the real order."""
    course_id = course_id_of(request)
    if course_id is None:
        raise _missing("courseId/collectionId")
    if _blank(request.get("name")):
        raise _missing("name")
    _enrollment_type(request)
    if _blank(request.get("startDate")):
        raise _missing("startDate")
    start = parse_day(request["startDate"])
    if start < now.date():
        raise SunbirdError(e.BATCH_START_DATE_INVALID)
    end = parse_day(request["endDate"]) if not _blank(request.get("endDate")) else None
    if end is not None and end <= start:
        raise SunbirdError(e.END_DATE_ERROR)
    if not _blank(request.get("enrollmentEndDate")):
        enrollment_end = parse_day(request["enrollmentEndDate"])
        if enrollment_end < start:
            raise SunbirdError(e.ENROLLMENT_END_BEFORE_START)
        if end is not None and enrollment_end > end:
            raise SunbirdError(e.ENROLLMENT_END_AFTER_END)
    _lists(request)
    if store.get(COURSES, course_id) is None:
        raise SunbirdError(e.INVALID_COURSE_ID)


def create(store: InMemoryStore, rng: SeededRandom, request: dict[str, Any], user_id: str,
           now: datetime) -> dict[str, Any]:
    """Store a new batch; answers the real ``{response, batchId}``."""
    with store.transaction():
        validate_create(store, request, now)
        batch = ids.batch_id(rng)
        course_id = course_id_of(request)
        record = {
            "batchId": batch, "id": batch, "identifier": batch, "courseId": course_id,
            "collectionId": course_id, "name": request["name"],
            "description": request.get("description"),
            "enrollmentType": _enrollment_type(request), "startDate": request["startDate"],
            "endDate": request.get("endDate") or None,
            "enrollmentEndDate": request.get("enrollmentEndDate") or None,
            "createdFor": request.get("createdFor", []), "mentors": request.get("mentors", []),
            "createdBy": user_id, "createdDate": timestamp(now), "updatedDate": None,
            "tandc": request.get("tandc"), "cert_templates": {}}
        store.put(BATCHES, batch, record)
        return {"response": "SUCCESS", "batchId": batch}


def validate_update(store: InMemoryStore, request: dict[str, Any], user_id: str,
                    now: datetime) -> Record:
    """The validator's then the actor's update checks, in order; answers the stored batch."""
    if course_id_of(request) is None:
        raise _missing("courseId/collectionId")
    if "status" in request and str(request["status"]) not in ("0", "1", "2"):
        raise SunbirdError(e.INVALID_PROGRESS_STATUS)
    if "name" in request and _blank(request["name"]):
        raise SunbirdError(e.INVALID_PARAMETER_VALUE, request["name"], "name")
    if "enrollmentType" in request:
        _enrollment_type(request)
    if _blank(request.get("id")):
        raise _missing("id")
    start = parse_day(request.get("startDate"))  # required: the validator parses it as is
    if not _blank(request.get("endDate")):
        end = parse_day(request["endDate"])
        if end <= start:
            raise SunbirdError(e.END_DATE_ERROR)
        if end < now.date():
            raise SunbirdError(e.INVALID_BATCH_END_DATE)
    _lists(request)
    batch = store.get(BATCHES, str(request["id"]))
    if batch is None or batch["courseId"] != course_id_of(request):
        raise SunbirdError(e.INVALID_COURSE_BATCH_ID)
    if batch_status(batch, now) == 2:
        raise SunbirdError(e.BATCH_CLOSED)
    if user_id != batch.get("createdBy") and user_id not in batch.get("mentors", []):
        raise e.unauthorized()
    return batch


UPDATABLE = ("name", "description", "startDate", "endDate", "enrollmentEndDate",
             "enrollmentType", "createdFor", "mentors", "tandc")


def update(store: InMemoryStore, request: dict[str, Any], user_id: str, now: datetime
           ) -> dict[str, Any]:
    """Change the named fields of a batch (its creator or a mentor only)."""
    with store.transaction():
        batch = validate_update(store, request, user_id, now)
        changes = {k: request[k] for k in UPDATABLE if k in request}
        if "enrollmentType" in changes:
            changes["enrollmentType"] = str(changes["enrollmentType"]).lower()
        store.put(BATCHES, batch["batchId"], {**batch, **changes, "updatedDate": timestamp(now)})
        return {}


def view(batch: Record, now: datetime) -> dict[str, Any]:
    """A batch as read and search answer it, status from the clock."""
    return {**batch, "status": batch_status(batch, now)}


def read(store: InMemoryStore, batch_id: str, now: datetime) -> dict[str, Any]:
    """``result.response`` for one batch; an unknown id answers an empty one, as upstream."""
    batch = store.get(BATCHES, batch_id)
    return {"response": view(batch, now) if batch is not None else {}}


def _matches(batch: dict[str, Any], filters: dict[str, Any]) -> bool:
    for field, wanted in filters.items():
        value = batch.get(field)
        options = wanted if isinstance(wanted, list) else [wanted]
        if isinstance(value, list):
            if not any(option in value for option in options):
                return False
        elif value not in options and str(value) not in [str(o) for o in options]:
            return False
    return True


def search(store: InMemoryStore, request: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Batches matching ``filters``; without filters the real service fails with a 500."""
    filters = request.get("filters")
    if not isinstance(filters, dict):
        raise SunbirdError(e.INTERNAL_ERROR, status=500, status_field="SERVER_ERROR")
    batches = [view(b, now) for b in store.values(BATCHES)]
    found = [b for b in batches if _matches(b, filters)]
    sort_by = request.get("sort_by") or {}
    for field, direction in reversed(list(obj(sort_by).items())):
        def sort_key(batch: dict[str, Any], field: str = str(field)) -> str:
            return str(batch.get(field) or "")

        found.sort(key=sort_key, reverse=str(direction).lower() == "desc")
    offset = int(request.get("offset") or 0)
    limit = request.get("limit")
    page = found[offset:offset + int(limit)] if limit is not None else found[offset:]
    fields = request.get("fields")
    if isinstance(fields, list) and fields:
        page = [{k: b.get(k) for k in fields} for b in page]
    return {"response": {"count": len(found), "content": page}}
