"""Validation: refused with nothing uploaded, polled Queued → InProgress → Processed or
Rejected with its findings, every write for the organisation declined (429 DS1 with
Retry-After) while it runs; and a submission token refused once it has expired (SC2)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sdr.probe.access import renew
from edumock.platforms.sdr.probe.common import (
    BASE,
    DATA_SETS,
    RUNNING,
    coherent,
    enrolment,
    error_code,
    fresh_token,
    learner,
    put,
    refused,
    remove,
    request_token,
    reset,
    stored,
)

ORDER = ("Queued", "InProgress", "Processed", "Rejected")


def _busy(probe: ProbeClient, response: httpx.Response, step: str) -> bool:
    """Declined while the run is going (429 DS1 with Retry-After); False when the server
    answered as if the run had already ended."""
    if response.status_code != 429:
        return False
    probe.expect(error_code(response) == "DS1", step,
                 f"429 with errorCode {error_code(response)}, not DS1")
    probe.expect(response.headers.get("retry-after", "").isdigit(), step,
                 "429 without a Retry-After in seconds")
    return True


def _writes_while_running(probe: ProbeClient, token: str, return_id: str,
                          submission: dict[str, list[dict[str, Any]]] | None,
                          step: str) -> list[tuple[str, httpx.Response]]:
    """A token request, and (``submission`` given) a validation request, an upload and a
    delete of every data set, sent while the run should be going."""
    label = f"{step}: token while running"
    answers = [(label, probe.call(label, "POST", f"{BASE}/token/{return_id}"))]
    if submission is None:
        return answers
    label = f"{step}: validate while running"
    answers.append((label, probe.call(label, "POST", f"{BASE}/validate/{token}")))
    for data_set in DATA_SETS:
        label = f"{step}: {data_set} upload while running"
        answers.append((label, put(probe, label, data_set, token, submission[data_set][:1])))
        label = f"{step}: {data_set} delete while running"
        answers.append((label, remove(probe, label, data_set, token,
                                      [probe.unique("absent-")])))
    return answers


def _run(probe: ProbeClient, token: str, return_id: str,
         submission: dict[str, list[dict[str, Any]]] | None, step: str) -> Any:
    """Request a run, check it locks the organisation (every write, when ``submission`` is
    given), and poll it to its verdict."""
    queued = probe.require_status(probe.call(step, "POST", f"{BASE}/validate/{token}"), 200,
                                  step)
    probe.expect(queued["status"] in RUNNING, step,
                 f"a new run is {queued['status']}, not queued or in progress")
    writes = _writes_while_running(probe, token, return_id, submission, step)
    seen: list[str] = []

    def read() -> httpx.Response:
        answer = probe.call(f"{step}: status", "GET", f"{BASE}/validation/{token}")
        if answer.status_code == 200:
            seen.append(answer.json()["status"])
        return answer

    def finished(answer: httpx.Response) -> bool:
        return bool(answer.status_code != 200 or answer.json().get("status") not in RUNNING)

    first = read()
    running = first.status_code == 200 and seen[-1] in RUNNING
    for label, answer in writes:
        if not _busy(probe, answer, label):
            probe.expect_status(answer, 200, label)
            probe.expect(not running, label, "accepted while the validation was still "
                                             f"{seen[-1] if seen else 'running'}, not 429")
    done = first if finished(first) else probe.poll(f"{step}: status", read, finished, 5)
    body = probe.require_status(done, 200, f"{step}: status")
    ranks = [ORDER.index(s) for s in seen if s in ORDER]
    probe.expect(ranks == sorted(ranks), f"{step}: status",
                 f"the run went {' → '.join(seen)}, not Queued → InProgress → its verdict")
    if probe.edumock:
        probe.expect("InProgress" in seen, f"{step}: status",
                     f"polled every 5 s the run was never seen InProgress: {seen}")
    return body


def validation(probe: ProbeClient) -> None:
    """Nothing to validate is refused; a coherent submission of all five data sets is
    Processed, one with an enrolment of an unknown student Rejected naming it, and the
    token's status follows."""
    return_id, token = fresh_token(probe)
    probe.expect_status(probe.call("status before any run", "GET",
                                   f"{BASE}/validation/{token}"), 400, "status before any run")
    probe.expect_status(probe.call("validate nothing", "POST", f"{BASE}/validate/{token}"),
                        400, "validate nothing")
    submission = coherent(probe)
    for data_set in DATA_SETS:
        stored(probe, f"upload {data_set}", data_set, token, submission[data_set], "Created")
    clean = _run(probe, token, return_id, submission, "validate")
    probe.expect(clean["status"] == "Processed" and clean["errorCount"] == 0, "validate",
                 f"a coherent submission ended {clean['status']} with {clean['errorCount']} "
                 f"errors: {clean.get('errors')}")
    status = request_token(probe, return_id, "token after a clean run")["submissionStatus"]
    probe.expect(status == "Validated", "token after a clean run",
                 f"submissionStatus is {status}, not Validated")
    orphan = enrolment(probe, learner(probe), submission["courses"][0])
    stored(probe, "upload orphan enrolment", "course-enrolments", token, [orphan], "Created")
    broken = _run(probe, token, return_id, None, "validate again")
    probe.expect(broken["status"] == "Rejected" and broken["errorCount"] >= 1, "validate again",
                 f"an enrolment of an unknown student ended {broken['status']} with "
                 f"{broken['errorCount']} errors")
    named = {e.get("localId") for e in broken.get("errors", [orphan])}
    probe.expect(orphan["localId"] in named, "validate again",
                 f"the errors do not name {orphan['localId']}")
    status = request_token(probe, return_id, "token after a rejected run")["submissionStatus"]
    probe.expect(status == "Pending", "token after a rejected run",
                 f"submissionStatus is {status}, not Pending")
    reset(probe, token, "clean up")


def expired_token(probe: ProbeClient) -> None:
    """Past its expiry a submission token is refused (SC2) and can still be reset. Only where
    time can be moved (edumock) and the run can renew its ESL token afterwards: played last,
    since it moves the sandbox clock past every token's lifetime."""
    if not probe.extras:
        return
    return_id, token = fresh_token(probe)
    expiry = request_token(probe, return_id, "the token's expiry")["tokenExpiry"]
    now = probe.login("read the sandbox clock", "GET", "/__admin/clock").json()["now"]
    probe.wait((datetime.fromisoformat(expiry) - datetime.fromisoformat(now)).total_seconds()
               + 1)
    if not renew(probe):
        return
    refused(probe, put(probe, "upload with the expired token", "learners", token,
                       [learner(probe)]), 400, "SC2", "upload with the expired token")
    reset(probe, token, "reset the expired token")
