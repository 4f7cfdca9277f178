"""Submission tokens: one live token per organisation and return period.

A token is live until it expires or is deleted. Asking again for a return
while its token is live hands back the same token, so a client that retries
never ends up with two submissions for one return.

A deleted token is kept as a record (``deleted``, ``deletedAt``, ``recordsDeleted``) for
the admin API to show, but only the newest :data:`DELETED_KEPT` per organisation: the API
answers a deleted token exactly like one never issued (SC1), so forgetting older ones
changes no answer, and a client resetting its submission in a loop cannot grow the world.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from edumock.platforms.sdr.collections import TOKENS
from edumock.platforms.sdr.errors import SubmissionTokenExpired, SubmissionTokenNotFound
from edumock.platforms.sdr.models.timefmt import iso, parse_iso
from edumock.world.store import InMemoryStore, Record

DELETED_KEPT = 20
"""Deleted tokens each organisation keeps; older deletions are forgotten."""


def is_live(token: Record, now: datetime) -> bool:
    """Not deleted and not past its expiry."""
    return not token["deleted"] and now < parse_iso(token["tokenExpiry"])


def live_token_for(
    store: InMemoryStore, edumis: str, return_id: str, now: datetime
) -> Record | None:
    """The organisation's live token for a return, if there is one."""
    for token in store.find(TOKENS, edumis=edumis, returnId=return_id):
        if is_live(token, now):
            return token
    return None


def new_token(
    value: str, period: Record, now: datetime, lifetime_seconds: int, max_records: int
) -> Record:
    """A fresh token record for a return period."""
    return {
        "submissionToken": value,
        "edumis": period["edumis"],
        "returnId": period["returnId"],
        "returnYear": period["returnYear"],
        "returnMonth": period["returnMonth"],
        "submissionType": period["returnType"],
        "issuedAt": iso(now),
        "tokenExpiry": iso(now + timedelta(seconds=lifetime_seconds)),
        "maxRecordPerBatch": max_records,
        "deleted": False,
    }


def usable_token(store: InMemoryStore, edumis: str, value: str, now: datetime) -> Record:
    """The organisation's live token with that value, or the error a client would get.

    Another organisation's token is reported exactly like a missing one, so no
    caller can learn that it exists.
    """
    token = store.get(TOKENS, value)
    if token is None or token["edumis"] != edumis or token["deleted"]:
        raise SubmissionTokenNotFound(
            f"Submission token {value} was not found for organisation {edumis}.",
            submission_token=value,
        )
    if not is_live(token, now):
        raise SubmissionTokenExpired(
            f"Submission token {value} expired at {token['tokenExpiry']}.",
            submission_token=value, return_id=token["returnId"],
        )
    return token


def owned_token(store: InMemoryStore, edumis: str, value: str) -> Record:
    """The organisation's token (live or expired, not deleted), for reads and deletion."""
    token = store.get(TOKENS, value)
    if token is None or token["edumis"] != edumis or token["deleted"]:
        raise SubmissionTokenNotFound(
            f"Submission token {value} was not found for organisation {edumis}.",
            submission_token=value,
        )
    return token


def forget_old_deletions(store: InMemoryStore, edumis: str, kept: str,
                         limit: int = DELETED_KEPT) -> int:
    """Drop the organisation's oldest deleted tokens (by ``deletedAt``, then issue order)
    beyond ``limit``, never ``kept`` (the one just deleted); how many were dropped."""
    others = sorted((token for token in store.find(TOKENS, edumis=edumis)
                     if token["deleted"] and token["submissionToken"] != kept),
                    key=lambda token: parse_iso(token["deletedAt"]))
    surplus = others[:max(0, len(others) + 1 - limit)]
    for token in surplus:
        store.delete(TOKENS, token["submissionToken"])
    return len(surplus)


def token_view(
    token: Record, submission_status: str, results: list[dict[str, Any]]
) -> dict[str, Any]:
    """The token as ``POST /token/{returnId}`` answers it."""
    return {
        "submissionToken": token["submissionToken"],
        "tokenExpiry": token["tokenExpiry"],
        "maxRecordPerBatch": token["maxRecordPerBatch"],
        "maxBatchSize": token["maxRecordPerBatch"],
        "returnId": int(token["returnId"]),
        "edumis": int(token["edumis"]),
        "returnYear": token["returnYear"],
        "returnMonth": token["returnMonth"],
        "submissionStatus": submission_status,
        "submissionType": token["submissionType"],
        "submissionContentsUrl": f"/submissions/v1.0/validation/{token['submissionToken']}",
        "validationRunResults": results,
    }
