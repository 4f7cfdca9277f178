"""What the SDR scenarios share: the run's organisation, records only this run makes, and
the steps every workflow takes (find an open return, get a token, upload, delete, reset)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from edumock.conformance.probe_client import ProbeClient

BASE = "/submissions/v1.0"
RUNNING = ("Queued", "InProgress")
DATA_SETS = ("learners", "courses", "course-enrolments", "course-completions",
             "qualification-completions")
PROBLEM_JSON = "application/problem+json"

Record = dict[str, Any]


# -- records this run can recognise as its own ----------------------------------------
def nsn(seed: int) -> int:
    """A National Student Number whose modulus-11 check digit holds."""
    body = 10_000_000 + seed * 7919 % 89_000_000
    while True:
        total = sum(int(d) * w for w, d in enumerate(reversed(str(body)), start=2))
        check = (11 - total % 11) % 11
        if check != 10:
            return body * 10 + check
        body += 1


def learner(probe: ProbeClient) -> Record:
    code = probe.unique("P")[-10:]
    return {"localId": f"L-{code}", "studentIdentificationCode": code,
            "nationalStudentNumber": nsn(int.from_bytes(code.encode()) % 89_000_000),
            "gender": "F", "dateOfBirth": "2001-04-12", "nameIdCode": "NGATA",
            "ethnicity": ["211"]}


def course(probe: ProbeClient) -> Record:
    code = probe.unique("C")[-20:]
    return {"localId": f"C-{code}", "courseCode": code, "courseTitle": "Probe course",
            "qualificationCode": "PRB1", "nzscedFieldOfStudy": "010101",
            "levelOnNzRegister": 5, "eftsFactor": 0.125}


def enrolment(probe: ProbeClient, student: Record, taught: Record) -> Record:
    return {"localId": probe.unique("E-"),
            "studentIdentificationCode": student["studentIdentificationCode"],
            "qualificationCode": taught["qualificationCode"], "courseCode": taught["courseCode"],
            "courseStartDate": "2026-02-23", "courseEndDate": "2026-06-19",
            "sourceOfFunding": "01"}


def course_completion(probe: ProbeClient, student: Record, taught: Record) -> Record:
    return {"localId": probe.unique("CC-"),
            "studentIdentificationCode": student["studentIdentificationCode"],
            "courseCode": taught["courseCode"], "qualificationCode": taught["qualificationCode"],
            "completionCode": 2, "completionDate": "2026-06-19"}


def qualification_completion(probe: ProbeClient, student: Record, taught: Record) -> Record:
    return {"localId": probe.unique("QC-"),
            "studentIdentificationCode": student["studentIdentificationCode"],
            "nationalStudentNumber": student["nationalStudentNumber"],
            "qualificationCode": taught["qualificationCode"], "yearCompleted": 2026}


def coherent(probe: ProbeClient) -> dict[str, list[Record]]:
    """One learner on one course with its enrolment and completions: a submission that
    validates without errors."""
    student, taught = learner(probe), course(probe)
    return {"learners": [student], "courses": [taught],
            "course-enrolments": [enrolment(probe, student, taught)],
            "course-completions": [course_completion(probe, student, taught)],
            "qualification-completions": [qualification_completion(probe, student, taught)]}


MAKERS: dict[str, Callable[[ProbeClient], Record]] = {
    "learners": learner, "courses": course,
    "course-enrolments": lambda probe: enrolment(probe, learner(probe), course(probe)),
    "course-completions": lambda probe: course_completion(probe, learner(probe), course(probe)),
    "qualification-completions":
        lambda probe: qualification_completion(probe, learner(probe), course(probe)),
}
"""A fresh, schema-valid record of each data set."""


# -- steps -------------------------------------------------------------------------
def eid(probe: ProbeClient) -> str:
    return next((v for k, v in probe.headers.items() if k.lower() == "eid"), "")


def error_code(response: httpx.Response) -> str | None:
    try:
        body = response.json()
    except ValueError:
        return None
    return body.get("errorCode") if isinstance(body, dict) else None


def refused(probe: ProbeClient, response: httpx.Response, status: int, code: str,
            step: str) -> Any:
    """The step was refused with ``status`` and TEC's ``code``; the problem document is
    returned (None when the status was wrong)."""
    if not probe.expect_status(response, status, step):
        return None
    probe.expect(error_code(response) == code, step,
                 f"refused with errorCode {error_code(response)}, not {code}")
    return response.json() if response.content else None


def returns(probe: ProbeClient, step: str) -> list[Record]:
    """Every return period of the organisation (Indicative ones included)."""
    body = probe.require_status(probe.call(step, "GET", f"{BASE}/returns", params={
        "includeIndicative": "true", "pageSize": 100}), 200, step)
    return list(body["results"])


def open_return(probe: ProbeClient) -> str:
    open_ones = [r for r in returns(probe, "find an open return")
                 if r.get("windowStatus", "Open") == "Open" and r["returnStatus"] == "Accumulate"]
    probe.require(bool(open_ones), "find an open return",
                  "no return period of the organisation is open for submissions")
    return str(open_ones[0]["returnId"])


def request_token(probe: ProbeClient, return_id: str, step: str) -> Record:
    body: Record = probe.require_status(
        probe.call(step, "POST", f"{BASE}/token/{return_id}"), 200, step)
    probe.expect(str(body["returnId"]) == return_id and str(body["edumis"]) == eid(probe),
                 step, f"the token is for return {body['returnId']} of {body['edumis']}, not "
                       f"{return_id} of {eid(probe)}")
    return body


def token_path(token: str) -> str:
    return f"{BASE}/token/{token}/delete"


def reset(probe: ProbeClient, token: str, step: str) -> None:
    probe.require_status(probe.call(step, "DELETE", token_path(token)), 204, step)


def fresh_token(probe: ProbeClient) -> tuple[str, str]:
    """A token with nothing uploaded: whatever an earlier run left is reset first. The token
    is reset at the end of the run unless the scenario resets it."""
    return_id = open_return(probe)
    reset(probe, request_token(probe, return_id, "token")["submissionToken"], "reset")
    token = str(request_token(probe, return_id, "fresh token")["submissionToken"])
    probe.created(token_path(token))
    return return_id, token


def put(probe: ProbeClient, step: str, data_set: str, token: str, records: list[Record],
        **options: Any) -> httpx.Response:
    return probe.call(step, "PUT", f"{BASE}/{data_set}",
                      json={"submissionToken": token, "content": records}, **options)


def stored(probe: ProbeClient, step: str, data_set: str, token: str, records: list[Record],
           status: str) -> None:
    """Upload ``records``; each must be acknowledged with ``status``."""
    body = probe.require_status(put(probe, step, data_set, token, records), 200, step)
    answered = {entry["localId"]: entry for entry in body["content"]}
    for record in records:
        entry = answered.get(record["localId"])
        probe.expect(entry is not None and not entry["errors"]
                     and entry.get("status", status) == status, step,
                     f"{record['localId']} was not acknowledged as {status}: {entry}")


def remove(probe: ProbeClient, step: str, data_set: str, token: str,
           local_ids: list[str], **options: Any) -> httpx.Response:
    return probe.call(step, "DELETE", f"{BASE}/{data_set}", json={
        "submissionToken": token, "content": [{"localId": i} for i in local_ids]}, **options)


def delete(probe: ProbeClient, step: str, data_set: str, token: str, local_id: str) -> list[Any]:
    """Delete one record by ``localId``; the errors the answer gives for it."""
    body = probe.require_status(remove(probe, step, data_set, token, [local_id]), 200, step)
    entry = next((e for e in body["content"] if e["localId"] == local_id), None)
    if entry is None:
        probe.fail(step, f"the answer does not mention {local_id}")
    return list(entry["errors"])
