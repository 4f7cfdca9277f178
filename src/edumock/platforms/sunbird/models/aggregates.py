"""Group activity aggregates and collection summaries, counted from live enrolments."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Any

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird.collections import BATCHES, COURSES, ENROLMENTS, GROUPS, USERS
from edumock.platforms.sunbird.errors import SunbirdError
from edumock.platforms.sunbird.models.fields import obj
from edumock.world.store import InMemoryStore


def group_activity(store: InMemoryStore, request: dict[str, Any], now: datetime
                   ) -> dict[str, Any]:
    """Enrolment and completion counts of a group's members for one course activity."""
    if not request.get("groupId"):
        raise SunbirdError(e.GROUP_ID_MISSING)
    if not request.get("activityId"):
        raise SunbirdError(e.ACTIVITY_ID_MISSING)
    if not request.get("activityType"):
        raise SunbirdError(e.ACTIVITY_TYPE_MISSING)
    group = store.get(GROUPS, str(request["groupId"]))
    if group is None:
        raise SunbirdError(e.RESOURCE_NOT_FOUND, status=404)
    if not group["members"]:
        raise SunbirdError(e.NO_GROUP_MEMBER)
    activity_id = str(request["activityId"])
    course = store.get(COURSES, activity_id) or {}
    stamp = int(now.timestamp() * 1000)
    members, enrolled, completed = [], 0, 0
    for user_id in group["members"]:
        rows = [r for r in store.find(ENROLMENTS, userId=user_id, courseId=activity_id)
                if r["active"]]
        best = max(rows, key=lambda r: (r["status"], r["progress"]), default=None)
        enrolled += best is not None
        completed += best is not None and best["status"] == 2
        members.append({"id": user_id, "userId": user_id, "role": "member",
                        "status": "active",
                        "agg": [{"metric": "completedCount",
                                 "value": (best or {}).get("progress", 0),
                                 "lastUpdatedOn": stamp}]})
    agg = [{"metric": "enrolmentCount", "lastUpdatedOn": stamp, "value": enrolled},
           {"metric": "completedCount", "lastUpdatedOn": stamp, "value": completed},
           {"metric": "leafNodesCount", "lastUpdatedOn": stamp,
            "value": course.get("leafNodesCount", 0)}]
    return {"activity": {"id": activity_id, "type": request["activityType"], "agg": agg},
            "groupId": group["id"], "members": members}


def collection_summary(store: InMemoryStore, request: dict[str, Any]) -> dict[str, Any]:
    """Enrolments, completions and certificates of a batch, optionally by state and district."""
    filters = obj(request.get("filters"))
    if not filters.get("collectionId"):
        raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, "courseId/collectionId")
    if not filters.get("batchId"):
        raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, "batchId")
    batch = store.get(BATCHES, str(filters["batchId"]))
    if batch is None or batch["courseId"] != filters["collectionId"]:
        raise SunbirdError(e.INVALID_COURSE_BATCH_ID)
    rows = store.find(ENROLMENTS, batchId=batch["batchId"], courseId=batch["courseId"],
                      active=True)
    course = store.get(COURSES, batch["courseId"]) or {}
    result: dict[str, Any] = {
        "collectionId": batch["courseId"], "name": course.get("name"),
        "batchId": batch["batchId"], "enrolmentCount": len(rows),
        "completionCount": sum(1 for r in rows if r["status"] == 2),
        "certificatesIssuedCount": sum(len(r.get("issuedCertificates", [])) for r in rows),
    }
    group_by = request.get("group_by") or request.get("groupBy") or []
    summary: dict[str, Any] = {}
    for level, field in (("state", "state"), ("dist", "district"), ("district", "district")):
        if level in group_by:
            summary[field] = _by(store, rows, field)
    if summary:
        result["summary"] = summary
    return result


def _by(store: InMemoryStore, rows: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    enrolled: Counter[str] = Counter()
    completed: Counter[str] = Counter()
    for row in rows:
        place = (store.get(USERS, row["userId"]) or {}).get(field) or "Unknown"
        enrolled[place] += 1
        completed[place] += row["status"] == 2
    return [{field: place, "enrolmentCount": enrolled[place],
             "completionCount": completed[place]} for place in sorted(enrolled)]
