"""The Sunbird workflows ``edumock probe`` plays against any Sunbird Lern server.

Read-only scenarios come first (the credentials the gateway and the service refuse, every
GET operation on what listing finds, and every path's answer to a method it does not declare);
then batches (create, read, update, list, the
validator's refusals, another user's batch), enrolment and progress to completion and an
issued certificate, the aggregates, pages and sections, data-exhaust jobs on the clock, and
the CSV bulk uploads of locations, organisations and users polled to COMPLETED; last,
against edumock only, every operation's 500 through an injected fault.

With ``--token`` (the gateway API key) the user token comes from ``--header
x-authenticated-user-token:…`` and the user from its JWT subject (or ``--param userId=…``);
the course from an existing batch (or ``--param courseId=…``). Optional: ``--param
groupId=…`` (a group with members, for the aggregate), ``pageName``, ``batchId`` and
``processId`` (seeded records a read-only run reads), ``otherUserToken`` (another user, whom
the run's batch must refuse), ``templateId`` and ``unsignedTemplateId`` (certificate-template
assets with and without an issuer and signatories). Sunbird's API deletes nothing: what a run
creates carries the run's id in its name, and enrolments and certificate templates it adds it
takes back where the service allows (a completed enrolment stays).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping

from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.usage import UsageError
from edumock.platforms.sunbird.probe import (
    aggregates,
    batches,
    certificates,
    learning,
    pages,
    reads,
    sweeps,
    uploads,
)
from edumock.platforms.sunbird.probe.common import MINTED, USER_TOKEN

__all__ = ["SCENARIOS", "authenticate"]


def _subject(user_token: str) -> str | None:
    """The user a Keycloak-style token names: the part of ``sub`` after the last colon."""
    try:
        payload = user_token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return str(claims["sub"]).rsplit(":", 1)[-1]
    except (IndexError, KeyError, ValueError, TypeError):
        return None


def authenticate(probe: ProbeClient, token: str | None,
                 extra_headers: Mapping[str, str]) -> dict[str, str]:
    """``Authorization: Bearer <api key>`` and ``x-authenticated-user-token``."""
    user_token = next((v for k, v in extra_headers.items() if k.lower() == USER_TOKEN), None)
    if token is None:
        minted = probe.mint({"platform": "sunbird"})
        token, user_token = str(minted["apiKey"]), str(minted["userToken"])
        probe.params.setdefault("userId", str(minted["userId"]))
        probe.credentials[MINTED] = "yes"
    if user_token is None:
        raise UsageError(f"Sunbird calls need a user token: pass --header {USER_TOKEN}:<token>")
    user_id = probe.params.get("userId") or _subject(user_token)
    if user_id is None:
        raise UsageError("the user token names no user: pass --param userId=<id>")
    probe.params["userId"] = user_id
    return {"Authorization": f"Bearer {token}", USER_TOKEN: user_token}


SCENARIOS = [
    *reads.SCENARIOS,
    *sweeps.READ_ONLY_SCENARIOS,
    *batches.SCENARIOS,
    *learning.SCENARIOS,
    *certificates.SCENARIOS,
    *aggregates.SCENARIOS,
    *pages.SCENARIOS,
    *uploads.SCENARIOS,
    *sweeps.LAST_SCENARIOS,
]
