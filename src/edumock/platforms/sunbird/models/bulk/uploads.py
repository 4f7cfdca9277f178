"""Accepting an upload: check the file as the service does before answering, then queue it.

Everything the real service refuses before it answers (no file, too large,
empty, bad header, missing columns, a missing location ``type``) is refused
here with its message and creates nothing; rows are only read later, by
:mod:`processing`.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird.errors import upload_refused
from edumock.platforms.sunbird.models.bulk import processing
from edumock.platforms.sunbird.models.bulk.csvfile import (
    LOCATION_COLUMNS,
    ORG_COLUMNS,
    USER_COLUMNS,
    Columns,
    read_upload,
)
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore

COLUMNS: dict[str, Columns] = {"user": USER_COLUMNS, "organisation": ORG_COLUMNS,
                               "location": LOCATION_COLUMNS}


def accept(store: InMemoryStore, rng: SeededRandom, now: datetime, object_type: str,
           data: bytes | None, form: dict[str, Any], uploader: str) -> dict[str, Any]:
    """Check and queue one upload; ``{"processId": ...}``."""
    if data is None:
        raise upload_refused(e.MISSING_FILE_ATTACHMENT)
    config = store.get(c.CONFIG, "sunbird") or {}
    megabytes = int(config.get("upload_max_megabytes", 10))
    if len(data) > megabytes * 1024 * 1024:
        raise upload_refused(e.MAX_SIZE_EXCEEDED, f"{megabytes}MB")
    if object_type == "location" and not str(form.get("type") or "").strip():
        raise upload_refused(e.MANDATORY_PARAMETER_MISSING, "type")
    organisation_id = str(form.get("organisationId") or "").strip() or None
    if object_type == "user" and organisation_id and store.get(
            c.ORGANISATIONS, organisation_id) is None:
        raise upload_refused(e.INVALID_ORG_DATA)
    upload = read_upload(data, COLUMNS[object_type])
    with store.transaction():  # schedule inside: racing uploads queue one behind another
        process_id = int("1" + rng.digits(15))
        starts, finishes = processing.schedule(store, now, upload.row_count)
        process = {
            "processId": process_id, "objectType": object_type, "createdBy": uploader,
            "organisationId": organisation_id,
            "locationType": str(form.get("type") or "").strip() or None,
            "fields": list(upload.fields), "taskCount": upload.row_count, "processedCount": 0,
            "offset": upload.data_offset, "createdAt": now.isoformat(),
            "startsAt": starts.isoformat(), "finishesAt": finishes.isoformat(),
            "successResult": [], "failureResult": []}
        store.put(c.UPLOADS, str(process_id), process)
        store.put(c.UPLOAD_FILES, str(process_id), {"processId": process_id,
                                                    "text": upload.text})
    return {"processId": process_id}


def status(store: InMemoryStore, process_id: str, now: datetime) -> dict[str, Any]:
    """``{"response": [<the process's status>]}``; an unknown id is a 404."""
    process = store.get(c.UPLOADS, process_id.strip())
    if process is None:
        raise upload_refused(e.RESOURCE_NOT_FOUND, status=404)
    return {"response": [processing.status(process, now)]}
