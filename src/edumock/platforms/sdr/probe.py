"""The SDR workflows ``edumock probe`` plays against any SDR server: return periods, the
submission token and its reset, batched uploads and deletes with their state effects, and a
validation run from queued to its verdict.

SDR has no way to read uploaded records back, so their effects are observed as the API shows
them: a re-upload of a stored ``localId`` is ``Updated``, one never stored is ``Created``, a
deleted one cannot be deleted again, and validation judges exactly what was kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.usage import UsageError

EDUMIS = "6004"
"""The organisation a run acts for when it mints its own credentials."""
BASE = "/submissions/v1.0"
RUNNING = ("Queued", "InProgress")


def authenticate(probe: ProbeClient, token: str | None,
                 extra_headers: Mapping[str, str]) -> dict[str, str]:
    """``Authorization: Bearer <ESL token>`` and ``EID`` (from ``--header EID:…``, or the
    organisation edumock mints the token for)."""
    eid = next((value for name, value in extra_headers.items() if name.lower() == "eid"), None)
    if token is None:
        minted = probe.mint({"platform": "sdr", "edumis": eid or EDUMIS})
        token, eid = str(minted["token"]), eid or str(minted.get("edumis", EDUMIS))
    elif eid is None:
        raise UsageError("SDR calls act for one organisation: pass --header EID:<edumis>")
    return {"Authorization": f"Bearer {token}", "EID": eid}


# -- records -----------------------------------------------------------------
def _nsn(seed: int) -> int:
    """A National Student Number whose modulus-11 check digit holds."""
    body = 10_000_000 + seed * 7919 % 89_000_000
    while True:
        total = sum(int(d) * w for w, d in enumerate(reversed(str(body)), start=2))
        check = (11 - total % 11) % 11
        if check != 10:
            return body * 10 + check
        body += 1


def _learner(probe: ProbeClient) -> dict[str, Any]:
    code = probe.unique("P")[:10]
    return {"localId": f"L-{code}", "studentIdentificationCode": code,
            "nationalStudentNumber": _nsn(int.from_bytes(code.encode()) % 89_000_000),
            "gender": "F", "dateOfBirth": "2001-04-12", "nameIdCode": "NGATA",
            "ethnicity": ["211"]}


def _course(probe: ProbeClient) -> dict[str, Any]:
    code = probe.unique("C")[:20]
    return {"localId": f"C-{code}", "courseCode": code, "courseTitle": "Probe course",
            "qualificationCode": "PRB1", "nzscedFieldOfStudy": "010101",
            "levelOnNzRegister": 5, "eftsFactor": 0.125}


def _enrolment(probe: ProbeClient, learner: dict[str, Any],
               course: dict[str, Any]) -> dict[str, Any]:
    return {"localId": probe.unique("E-"),
            "studentIdentificationCode": learner["studentIdentificationCode"],
            "qualificationCode": course["qualificationCode"], "courseCode": course["courseCode"],
            "courseStartDate": "2026-02-23", "courseEndDate": "2026-06-19",
            "sourceOfFunding": "01"}


# -- steps shared by the scenarios -----------------------------------------------
def _eid(probe: ProbeClient) -> str:
    return next((v for k, v in probe.headers.items() if k.lower() == "eid"), "")


def _open_return(probe: ProbeClient) -> str:
    body = probe.require_status(probe.call(
        "find an open return", "GET", f"{BASE}/returns",
        params={"includeIndicative": "true", "pageSize": 100}), 200, "find an open return")
    open_ones = [r for r in body["results"]
                 if r.get("windowStatus", "Open") == "Open" and r["returnStatus"] == "Accumulate"]
    probe.require(bool(open_ones), "find an open return",
                  "no return period of the organisation is open for submissions")
    return str(open_ones[0]["returnId"])


def _request_token(probe: ProbeClient, return_id: str, step: str) -> dict[str, Any]:
    body: dict[str, Any] = probe.require_status(
        probe.call(step, "POST", f"{BASE}/token/{return_id}"), 200, step)
    probe.expect(str(body["returnId"]) == return_id and str(body["edumis"]) == _eid(probe),
                 step, f"the token is for return {body['returnId']} of {body['edumis']}, not "
                       f"{return_id} of {_eid(probe)}")
    return body


def _reset(probe: ProbeClient, token: str, step: str) -> None:
    probe.require_status(probe.call(step, "DELETE", f"{BASE}/token/{token}/delete"), 204, step)


def _fresh_token(probe: ProbeClient) -> tuple[str, str]:
    """A token with nothing uploaded: whatever an earlier run left is reset first."""
    return_id = _open_return(probe)
    _reset(probe, _request_token(probe, return_id, "token")["submissionToken"], "reset")
    return return_id, _request_token(probe, return_id, "fresh token")["submissionToken"]


def _put(probe: ProbeClient, step: str, data_set: str, token: str,
         records: list[dict[str, Any]]) -> Any:
    return probe.call(step, "PUT", f"{BASE}/{data_set}",
                      json={"submissionToken": token, "content": records})


def _stored(probe: ProbeClient, step: str, data_set: str, token: str,
            records: list[dict[str, Any]], status: str) -> None:
    """Upload ``records``; each must be acknowledged with ``status``."""
    body = probe.require_status(_put(probe, step, data_set, token, records), 200, step)
    answered = {entry["localId"]: entry for entry in body["content"]}
    for record in records:
        entry = answered.get(record["localId"])
        probe.expect(entry is not None and not entry["errors"]
                     and entry.get("status", status) == status, step,
                     f"{record['localId']} was not acknowledged as {status}: {entry}")


def _delete(probe: ProbeClient, step: str, token: str, local_id: str) -> list[Any]:
    body = probe.require_status(probe.call(
        step, "DELETE", f"{BASE}/learners",
        json={"submissionToken": token, "content": [{"localId": local_id}]}), 200, step)
    entry = next((e for e in body["content"] if e["localId"] == local_id), None)
    if entry is None:
        probe.fail(step, f"the answer does not mention {local_id}")
    return list(entry["errors"])


# -- scenarios -----------------------------------------------------------------------
def return_periods(probe: ProbeClient) -> None:
    """Walk every page of the return periods: sizes, total and ids agree; past the end is
    refused."""
    seen: list[Any] = []
    page, total = 1, None
    while total is None or len(seen) < total:
        step = f"returns page {page}"
        body = probe.require_status(probe.call(step, "GET", f"{BASE}/returns", params={
            "includeIndicative": "true", "pageSize": 5, "page": page}), 200, step)
        total = total if total is not None else body["totalCount"]
        if total == 0:
            break
        probe.expect(body["totalCount"] == total, step,
                     f"totalCount changed from {total} to {body['totalCount']}")
        probe.expect(len(body["results"]) == min(5, total - len(seen)), step,
                     f"{len(body['results'])} returns on the page; {min(5, total - len(seen))} "
                     f"expected of {total}")
        probe.require(bool(body["results"]), step, "an empty page before the end")
        probe.expect(all(str(r["edumis"]) == _eid(probe) for r in body["results"]), step,
                     f"returns of another organisation than EID {_eid(probe)}")
        seen.extend(r["returnId"] for r in body["results"])
        page += 1
    probe.expect(len(set(seen)) == len(seen), "returns", "a return period appears twice")
    if not seen:
        return
    past = probe.call("page past the end", "GET", f"{BASE}/returns",
                      params={"includeIndicative": "true", "pageSize": 5, "page": page})
    probe.expect(past.status_code == 400 or (
        past.status_code == 200 and not past.json().get("results")), "page past the end",
        f"a page past the last answered {past.status_code} with records")


def submission_token(probe: ProbeClient) -> None:
    """A live token is handed back; a reset deletes it and what it held."""
    return_id, token = _fresh_token(probe)
    again = _request_token(probe, return_id, "ask again")
    probe.expect(again["submissionToken"] == token, "ask again",
                 "asking again while the token is live gave another token")
    _reset(probe, token, "reset")
    refused = _put(probe, "upload with the reset token", "learners", token, [_learner(probe)])
    probe.expect_status(refused, 400, "upload with the reset token")
    after = _request_token(probe, return_id, "token after reset")
    probe.expect(after["submissionToken"] != token, "token after reset",
                 "the reset token was handed out again")
    _reset(probe, after["submissionToken"], "clean up")


def uploads_and_deletes(probe: ProbeClient) -> None:
    """Stored records are replaced, a refused batch keeps nothing, a deleted record is gone."""
    _, token = _fresh_token(probe)
    first, second, kept, twice = (_learner(probe) for _ in range(4))
    _stored(probe, "upload", "learners", token, [first, second], "Created")
    _stored(probe, "upload again", "learners", token, [first], "Updated")
    refused = _put(probe, "batch repeating a localId", "learners", token, [kept, twice, twice])
    probe.expect_status(refused, 400, "batch repeating a localId")
    _stored(probe, "upload after the refused batch", "learners", token, [kept], "Created")
    probe.expect(_delete(probe, "delete", token, second["localId"]) == [], "delete",
                 f"deleting {second['localId']} reported errors")
    probe.expect(bool(_delete(probe, "delete again", token, second["localId"])),
                 "delete again", f"{second['localId']} could be deleted twice")
    _stored(probe, "upload the deleted record", "learners", token, [second], "Created")
    _reset(probe, token, "clean up")


def _run_validation(probe: ProbeClient, token: str, return_id: str, step: str) -> Any:
    queued = probe.require_status(probe.call(step, "POST", f"{BASE}/validate/{token}"), 200,
                                  step)
    probe.expect(queued["status"] in RUNNING, step,
                 f"a new run is {queued['status']}, not queued or in progress")
    busy = probe.call(f"{step}: token while running", "POST", f"{BASE}/token/{return_id}")
    if busy.status_code == 429:
        probe.expect("retry-after" in busy.headers, f"{step}: token while running",
                     "429 without Retry-After")

    def read() -> Any:
        return probe.call(f"{step}: status", "GET", f"{BASE}/validation/{token}")

    def finished(response: Any) -> bool:
        return bool(response.status_code != 200 or response.json().get("status") not in RUNNING)

    first = read()
    if busy.status_code != 429:
        probe.expect(busy.status_code == 200 and finished(first), f"{step}: token while running",
                     f"a token request during the run answered {busy.status_code}, not 429")
    done = first if finished(first) else probe.poll(f"{step}: status", read, finished, 5)
    return probe.require_status(done, 200, f"{step}: status")


def validation(probe: ProbeClient) -> None:
    """Nothing to validate is refused; a coherent submission is Processed, a broken one
    Rejected, and the token's status follows."""
    return_id, token = _fresh_token(probe)
    probe.expect_status(probe.call("validate nothing", "POST", f"{BASE}/validate/{token}"),
                        400, "validate nothing")
    learner, course = _learner(probe), _course(probe)
    _stored(probe, "upload learner", "learners", token, [learner], "Created")
    _stored(probe, "upload course", "courses", token, [course], "Created")
    _stored(probe, "upload enrolment", "course-enrolments", token,
            [_enrolment(probe, learner, course)], "Created")
    clean = _run_validation(probe, token, return_id, "validate")
    probe.expect(clean["status"] == "Processed" and clean["errorCount"] == 0, "validate",
                 f"a coherent submission ended {clean['status']} with {clean['errorCount']} "
                 f"errors: {clean.get('errors')}")
    status = _request_token(probe, return_id, "token after a clean run")["submissionStatus"]
    probe.expect(status == "Validated", "token after a clean run",
                 f"submissionStatus is {status}, not Validated")
    orphan = _enrolment(probe, _learner(probe), course)
    _stored(probe, "upload orphan enrolment", "course-enrolments", token, [orphan], "Created")
    broken = _run_validation(probe, token, return_id, "validate again")
    probe.expect(broken["status"] == "Rejected" and broken["errorCount"] >= 1, "validate again",
                 f"an enrolment of an unknown student ended {broken['status']} with "
                 f"{broken['errorCount']} errors")
    named = {e.get("localId") for e in broken.get("errors", [orphan])}
    probe.expect(orphan["localId"] in named, "validate again",
                 f"the errors do not name {orphan['localId']}")
    status = _request_token(probe, return_id, "token after a rejected run")["submissionStatus"]
    probe.expect(status == "Pending", "token after a rejected run",
                 f"submissionStatus is {status}, not Pending")
    _reset(probe, token, "clean up")


SCENARIOS = [
    ("return periods", return_periods),
    ("submission token", submission_token),
    ("uploads and deletes", uploads_and_deletes),
    ("validation", validation),
]
