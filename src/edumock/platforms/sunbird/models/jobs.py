"""Data-exhaust job requests: SUBMITTED → PROCESSING → SUCCESS on the sandbox clock.

Organisations at security level L2 or L3 must send an ``encryptionKey``
(the exhaust is password protected); L1 and L4 need none.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird.collections import CONFIG, JOBS, ORGANISATIONS, USERS
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.errors import SunbirdError
from edumock.world.randomness import SeededRandom
from edumock.world.store import InMemoryStore, Record

ENCRYPTED_LEVELS = ("L2", "L3")
DATASETS = ("progress-exhaust", "response-exhaust", "userinfo-exhaust")


def submit(store: InMemoryStore, rng: SeededRandom, request: dict[str, Any], user_id: str,
           now: datetime) -> dict[str, Any]:
    """Queue a job for the requesting user's organisation."""
    for name in ("tag", "dataset", "datasetConfig"):
        if not request.get(name):
            raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, name)
    if request["dataset"] not in DATASETS:
        raise SunbirdError(e.INVALID_PARAMETER_VALUE, request["dataset"], "dataset")
    requester = store.get(USERS, str(request.get("requestedBy") or user_id)) or {}
    org = store.get(ORGANISATIONS, str(requester.get("rootOrgId", ""))) or {}
    level = org.get("securityLevel", "L1")
    if level in ENCRYPTED_LEVELS and not request.get("encryptionKey"):
        raise SunbirdError(e.MANDATORY_PARAMETER_MISSING, "encryptionKey")
    request_id = rng.token_hex(16).upper()
    job = {"requestId": request_id, "tag": request["tag"], "dataset": request["dataset"],
           "datasetConfig": request["datasetConfig"],
           "requestedBy": requester.get("id", user_id), "requestedChannel": org.get("channel"),
           "output_format": request.get("output_format", "csv"),
           "encrypted": level in ENCRYPTED_LEVELS, "submittedAt": now.isoformat()}
    with store.transaction():
        store.put(JOBS, request_id, job)
    return view(store, job, now)


def _status(store: InMemoryStore, job: Record, now: datetime) -> tuple[str, datetime]:
    config = store.get(CONFIG, "sunbird") or {}
    submitted = datetime.fromisoformat(job["submittedAt"])
    processing = submitted + timedelta(seconds=int(config.get("job_processing_seconds", 30)))
    done = processing + timedelta(seconds=int(config.get("job_completion_seconds", 120)))
    if now < processing:
        return "SUBMITTED", done
    if now < done:
        return "PROCESSING", done
    return "SUCCESS", done


def view(store: InMemoryStore, job: Record, now: datetime) -> dict[str, Any]:
    """The job as the list shows it, with download URLs once it has succeeded."""
    status, done = _status(store, job, now)
    success = status == "SUCCESS"
    return {"requestId": job["requestId"], "tag": job["tag"], "dataset": job["dataset"],
            "datasetConfig": job["datasetConfig"], "requestedBy": job["requestedBy"],
            "requestedChannel": job["requestedChannel"], "status": status,
            "output_format": job["output_format"],
            "dt_job_submitted": timestamp(datetime.fromisoformat(job["submittedAt"])),
            "dt_job_completed": timestamp(done) if success else None,
            "downloadUrls": [f"https://sunbird.edumock.local/exhaust/{job['requestId']}."
                             f"{job['output_format']}"] if success else [],
            "expires_at": timestamp(done + timedelta(days=7)) if success else None,
            "attempts": 1 if status != "SUBMITTED" else 0}


def list_jobs(store: InMemoryStore, tag: str, now: datetime) -> dict[str, Any]:
    """Every job of a tag, oldest first."""
    jobs = [view(store, job, now) for job in store.find(JOBS, tag=tag)]
    return {"count": len(jobs), "jobs": jobs}
