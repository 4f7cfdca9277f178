"""Submission tokens: handed back while live, reset with everything they hold, and declined
for a return that is not the organisation's (R1), not open (R2) or not ``YYYYMM`` (CV1)."""

from __future__ import annotations

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sdr.probe.common import (
    BASE,
    fresh_token,
    learner,
    put,
    refused,
    request_token,
    reset,
    returns,
    token_path,
)


def submission_token(probe: ProbeClient) -> None:
    """A live token is handed back; a reset deletes it and what it held; a deleted token is
    unknown to every call."""
    return_id, token = fresh_token(probe)
    again = request_token(probe, return_id, "ask again")
    probe.expect(again["submissionToken"] == token, "ask again",
                 "asking again while the token is live gave another token")
    probe.expect(again["maxBatchSize"] == again["maxRecordPerBatch"], "ask again",
                 "maxBatchSize and maxRecordPerBatch differ")
    reset(probe, token, "reset")
    refused(probe, put(probe, "upload with the reset token", "learners", token,
                       [learner(probe)]), 400, "SC1", "upload with the reset token")
    refused(probe, probe.call("reset again", "DELETE", token_path(token)), 400, "SC1",
            "reset again")
    refused(probe, probe.call("validate the reset token", "POST", f"{BASE}/validate/{token}"),
            400, "SC1", "validate the reset token")
    refused(probe, probe.call("validation of the reset token", "GET",
                              f"{BASE}/validation/{token}"), 400, "SC1",
            "validation of the reset token")
    after = request_token(probe, return_id, "token after reset")
    probe.expect(after["submissionToken"] != token, "token after reset",
                 "the reset token was handed out again")
    reset(probe, after["submissionToken"], "clean up")


def declined_tokens(probe: ProbeClient) -> None:
    """No token for a return the organisation does not have (404 R1), for one whose window
    is not open (409), or for a returnId that is not YYYYMM (400 CV1)."""
    periods = returns(probe, "list returns")
    ids = {str(r["returnId"]) for r in periods}
    unknown = next(f"{year}01" for year in range(1990, 2100) if f"{year}01" not in ids)
    refused(probe, probe.call("a return not the organisation's", "POST",
                              f"{BASE}/token/{unknown}"), 404, "R1",
            "a return not the organisation's")
    shut = [r for r in periods if r.get("windowStatus", "") in ("Upcoming", "Closed")
            or r["returnStatus"] in ("Queued", "Processed")]
    if shut:
        step = f"a return whose window is {shut[0].get('windowStatus', 'not open').lower()}"
        probe.expect_status(probe.call(step, "POST", f"{BASE}/token/{shut[0]['returnId']}"),
                            409, step)
    refused(probe, probe.call("returnId not YYYYMM", "POST", f"{BASE}/token/2026AB",
                              invalid=True), 400, "CV1", "returnId not YYYYMM")
