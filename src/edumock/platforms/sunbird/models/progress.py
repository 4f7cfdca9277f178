"""Content state: what a user has consumed in a course batch, completion and certificates.

When every leaf of the course is complete the enrolment becomes complete
(status 2, ``completedOn``) and each certificate template of the batch whose
criteria match is issued, once.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird.collections import BATCHES, COURSES, ENROLMENTS
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.errors import SunbirdError
from edumock.platforms.sunbird.models.dates import batch_status
from edumock.platforms.sunbird.models.enrolments import enrolment_key
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore, Record

_TS = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}:\d{3}[+-]\d{4}$")


def _state_items(request: dict[str, Any]) -> list[dict[str, Any]]:
    """``contents[]``, or the client library's flat single-content body."""
    contents = request.get("contents")
    if isinstance(contents, list):
        return [dict(item) for item in contents if isinstance(item, dict)]
    if request.get("contentId"):
        keys = ("contentId", "courseId", "collectionId", "batchId", "status", "lastAccessTime")
        return [{k: request[k] for k in keys if k in request}]
    return []


def _validate(item: dict[str, Any]) -> None:
    """``LearnerStateRequestValidator``'s per-content checks, in order."""
    for field in ("lastUpdatedTime", "lastCompletedTime"):
        if field in item and not (isinstance(item[field], str) and _TS.match(item[field])):
            raise SunbirdError(e.DATE_FORMAT_ERROR)
    if not item.get("courseId"):
        raise SunbirdError(e.COURSE_ID_REQUIRED)
    if not item.get("contentId"):
        raise SunbirdError(e.CONTENT_ID_REQUIRED)
    if item.get("status") is None:
        raise SunbirdError(e.CONTENT_STATUS_MISSING)
    if item["status"] not in (0, 1, 2):
        raise SunbirdError(e.INVALID_PROGRESS_STATUS)


def update(store: InMemoryStore, rng: SeededRandom, request: dict[str, Any], token_user: str,
           now: datetime) -> dict[str, Any]:
    """Record content states; complete the enrolment and issue certificates when due.

    Contents of an unknown batch are listed under ``BATCH_NOT_EXISTS`` and those of a
    batch not in progress under ``NOT_A_ON_GOING_BATCH``, unrecorded, as upstream.
    """
    if not request.get("userId"):
        raise SunbirdError(e.USERID_MISSING)
    user_id = str(request["userId"])
    items = _state_items(request)
    for item in items:
        _validate(item)
    result: dict[str, Any] = {}
    with store.transaction():
        for item in items:
            course_id = str(item["courseId"])
            batch = store.get(BATCHES, str(item.get("batchId")))
            if batch is None:
                result.setdefault("BATCH_NOT_EXISTS", []).append(item.get("batchId"))
                continue
            if batch_status(batch, now) != 1:
                result.setdefault("NOT_A_ON_GOING_BATCH", []).append(batch["batchId"])
                continue
            key = enrolment_key(user_id, course_id, batch["batchId"])
            enrolment = store.get(ENROLMENTS, key)
            if enrolment is None or not enrolment["active"]:
                raise SunbirdError(e.NOT_ENROLLED)
            status = int(item.get("status", 1))
            states = dict(enrolment["contentStatus"])
            states[item["contentId"]] = max(status, states.get(item["contentId"], 0))
            enrolment = {**enrolment, "contentStatus": states,
                         "lastReadContentId": item["contentId"],
                         "lastReadContentStatus": states[item["contentId"]]}
            store.put(ENROLMENTS, key, _with_completion(store, rng, enrolment, now))
            result[item["contentId"]] = "SUCCESS"
    return result


def _with_completion(store: InMemoryStore, rng: SeededRandom, enrolment: Record,
                     now: datetime) -> Record:
    course = store.get(COURSES, enrolment["courseId"]) or {}
    leaves = course.get("leafNodes", [])
    done = sum(1 for leaf in leaves if enrolment["contentStatus"].get(leaf) == 2)
    percentage = round(done * 100 / len(leaves)) if leaves else 0
    updated = {**enrolment, "progress": done, "completionPercentage": percentage,
               "status": 2 if leaves and done == len(leaves) else 1}
    if updated["status"] == 2 and enrolment["status"] != 2:
        updated["completedOn"] = int(now.timestamp() * 1000)
        updated["issuedCertificates"] = _issue(store, rng, updated, now)
    return updated


def _issue(store: InMemoryStore, rng: SeededRandom, enrolment: Record,
           now: datetime) -> list[dict[str, Any]]:
    batch = store.get(BATCHES, enrolment["batchId"]) or {}
    issued = list(enrolment.get("issuedCertificates", []))
    names = {certificate["templateId"] for certificate in issued}
    for identifier, template in sorted(batch.get("cert_templates", {}).items()):
        wanted = (template.get("criteria") or {}).get("enrollment", {}).get("status", 2)
        if identifier in names or wanted != 2:
            continue
        certificate_id = rng.uuid()
        issued.append({"name": template.get("name", identifier), "id": certificate_id,
                       "templateId": identifier, "token": rng.token_hex(3).upper(),
                       "lastIssuedOn": timestamp(now),
                       "templateUrl": template.get("url", "")})
    return issued


def read(store: InMemoryStore, request: dict[str, Any], token_user: str) -> dict[str, Any]:
    """``result.contentList`` for the token's user (``request.userId`` is only required)."""
    if not request.get("userId"):
        raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, "userId")
    course_ids = request.get("courseIds")
    course_id = request.get("courseId") or request.get("collectionId") or (
        course_ids[0] if isinstance(course_ids, list) and course_ids else None)
    if not course_id:
        raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, "courseId")
    if not request.get("batchId"):
        raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, "batchId")
    enrolment = store.get(ENROLMENTS, enrolment_key(token_user, str(course_id),
                                                    str(request["batchId"])))
    wanted = request.get("contentIds")
    states = (enrolment or {}).get("contentStatus", {})
    contents = [{"contentId": content, "status": status, "courseId": course_id,
                 "collectionId": course_id, "batchId": request["batchId"],
                 "userId": token_user, "completedCount": 1 if status == 2 else 0,
                 "viewCount": 1}
                for content, status in sorted(states.items())
                if not isinstance(wanted, list) or content in wanted]
    return {"contentList": contents}
