"""Enrolment: enrol, unenrol, and the user's enrolment list with progress and certificates."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird.collections import BATCHES, COURSES, ENROLMENTS, USERS
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.errors import SunbirdError
from edumock.platforms.sunbird.models.batches import course_id_of, view
from edumock.platforms.sunbird.models.dates import batch_status, end_of_day
from edumock.world.store import InMemoryStore, Record


def enrolment_key(user_id: str, course_id: str, batch_id: str) -> str:
    """Store key of one enrolment."""
    return f"{user_id}:{course_id}:{batch_id}"


def _ids(request: dict[str, Any]) -> tuple[str, str, str]:
    course_id = course_id_of(request)
    if course_id is None:
        raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, "courseId")
    for name in ("batchId", "userId"):
        if not request.get(name):
            raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, name)
    return course_id, str(request["batchId"]), str(request["userId"])


def _batch_and_user(store: InMemoryStore, course_id: str, batch_id: str, user_id: str
                    ) -> Record:
    if store.get(USERS, user_id) is None:
        raise SunbirdError(e.INVALID_PARAMETER_VALUE, user_id, "userId")
    batch = store.get(BATCHES, batch_id)
    if batch is None or batch["courseId"] != course_id:
        raise SunbirdError(e.INVALID_COURSE_BATCH_ID)
    return batch


def enrol(store: InMemoryStore, request: dict[str, Any], now: datetime) -> dict[str, Any]:
    """Enrol a user in a batch, as ``CourseEnrolmentActor.validateEnrolment`` allows."""
    course_id, batch_id, user_id = _ids(request)
    with store.transaction():
        batch = _batch_and_user(store, course_id, batch_id, user_id)
        if str(batch.get("enrollmentType")) == "invite-only":
            raise SunbirdError(e.ENROLLMENT_TYPE_VALIDATION)
        if batch_status(batch, now) == 2:
            raise SunbirdError(e.BATCH_COMPLETED)
        enrollment_end = batch.get("enrollmentEndDate")
        if enrollment_end and now > end_of_day(date.fromisoformat(enrollment_end)):
            raise SunbirdError(e.ENROLLMENT_ENDED)
        key = enrolment_key(user_id, course_id, batch_id)
        existing = store.get(ENROLMENTS, key)
        if existing is not None and existing["active"]:
            raise SunbirdError(e.ALREADY_ENROLLED)
        store.put(ENROLMENTS, key, {
            "userId": user_id, "courseId": course_id, "collectionId": course_id,
            "batchId": batch_id, "active": True, "status": 0, "progress": 0,
            "completionPercentage": 0, "enrolledDate": timestamp(now),
            "dateTime": int(now.timestamp() * 1000), "completedOn": None,
            "contentStatus": {}, "lastReadContentId": None, "lastReadContentStatus": None,
            "issuedCertificates": [], "addedBy": request.get("addedBy")})
        return {"response": "SUCCESS"}


def unenrol(store: InMemoryStore, request: dict[str, Any]) -> dict[str, Any]:
    """Unenrol a user who is enrolled and has not completed the course."""
    course_id, batch_id, user_id = _ids(request)
    with store.transaction():
        _batch_and_user(store, course_id, batch_id, user_id)
        key = enrolment_key(user_id, course_id, batch_id)
        existing = store.get(ENROLMENTS, key)
        if existing is None or not existing["active"]:
            raise SunbirdError(e.NOT_ENROLLED)
        if existing["status"] == 2:
            raise SunbirdError(e.BATCH_COMPLETED)
        store.put(ENROLMENTS, key, {**existing, "active": False})
        return {"response": "SUCCESS"}


def _course_summary(course: Record) -> dict[str, Any]:
    return {key: course.get(key) for key in (
        "identifier", "name", "description", "primaryCategory", "contentType", "mimeType",
        "channel", "appIcon", "children", "leafNodes", "leafNodesCount", "status")}


def list_for(store: InMemoryStore, user_id: str, now: datetime) -> dict[str, Any]:
    """``result.courses``: the user's active enrolments with course and batch details."""
    courses = []
    for enrolment in store.find(ENROLMENTS, userId=user_id, active=True):
        course = store.get(COURSES, enrolment["courseId"]) or {}
        batch = store.get(BATCHES, enrolment["batchId"])
        batch_view = view(batch, now) if batch else {}
        courses.append({
            **{k: v for k, v in enrolment.items() if k != "contentStatus"},
            "contentId": enrolment["courseId"], "courseName": course.get("name"),
            "description": course.get("description"), "courseLogoUrl": course.get("appIcon"),
            "leafNodesCount": course.get("leafNodesCount", 0),
            "content": _course_summary(course),
            "batch": {key: batch_view.get(key) for key in (
                "identifier", "batchId", "name", "startDate", "endDate", "enrollmentEndDate",
                "enrollmentType", "createdFor", "status")},
            "certificates": [], "contentStatus": enrolment["contentStatus"]})
    return {"courses": courses}
