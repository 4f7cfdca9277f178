"""The Sunbird workflows ``edumock probe`` plays against any Sunbird Lern server: a course
batch created, read back, updated and found; an enrolment with content progress, listed and
withdrawn; an enrolment the service refuses, which must change nothing; and a bulk user upload
polled until it completes.

With ``--token`` (the gateway API key) the user token comes from ``--header
x-authenticated-user-token:…`` and the user from its JWT subject (or ``--param userId=…``);
the course from an existing batch (or ``--param courseId=…``).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

import httpx

from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.usage import UsageError

COURSE = "/api/course/v1"
USER_TOKEN = "x-authenticated-user-token"


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
    if user_token is None:
        raise UsageError(f"Sunbird calls need a user token: pass --header {USER_TOKEN}:<token>")
    user_id = probe.params.get("userId") or _subject(user_token)
    if user_id is None:
        raise UsageError("the user token names no user: pass --param userId=<id>")
    probe.params["userId"] = user_id
    return {"Authorization": f"Bearer {token}", USER_TOKEN: user_token}


# -- shared steps ---------------------------------------------------------------------
def _ok(probe: ProbeClient, response: httpx.Response, step: str) -> dict[str, Any]:
    """A success envelope's ``result``."""
    body = probe.require_status(response, 200, step)
    probe.expect(body["responseCode"] == "OK" and body["params"]["err"] is None, step,
                 f"a 200 that is not a success envelope: {body['params']}")
    result: dict[str, Any] = body["result"]
    return result


def _post(probe: ProbeClient, step: str, path: str, request: dict[str, Any],
          method: str = "POST") -> httpx.Response:
    return probe.call(step, method, path, json={"request": request})


def _course_and_today(probe: ProbeClient) -> tuple[str, date]:
    """A course that has batches, and the server's today (from the envelope's ``ts``)."""
    step = "find a course"
    response = _post(probe, step, f"{COURSE}/batch/list",
                     {"filters": {"enrollmentType": "open"}, "limit": 1})
    result = _ok(probe, response, step)
    today = date.fromisoformat(str(response.json()["ts"])[:10])
    if "courseId" in probe.params:
        return probe.params["courseId"], today
    content = result["response"]["content"]
    probe.require(bool(content), step, "no open batch to take a course from; pass "
                                       "--param courseId=<id>")
    return str(content[0]["courseId"]), today


def _new_batch(probe: ProbeClient) -> dict[str, Any]:
    """A batch of a course, open from the server's today for sixty days."""
    course_id, today = _course_and_today(probe)
    batch = {"courseId": course_id, "name": probe.unique("Probe batch "),
             "enrollmentType": "open", "startDate": today.isoformat(),
             "endDate": (today + timedelta(days=60)).isoformat()}
    result = _ok(probe, _post(probe, "create batch", f"{COURSE}/batch/create", batch),
                 "create batch")
    probe.expect(result.get("response") == "SUCCESS", "create batch",
                 f"result.response is {result.get('response')!r}, not SUCCESS")
    probe.require(bool(result.get("batchId")), "create batch", "no batchId in the answer")
    return {**batch, "batchId": str(result["batchId"])}


def _enrolled(probe: ProbeClient, step: str) -> dict[str, Any]:
    """The user's enrolments, by batch id."""
    result = _ok(probe, probe.call(step, "GET", f"{COURSE}/user/enrollment/list/"
                                   f"{probe.params['userId']}"), step)
    return {str(c["batchId"]): c for c in result.get("courses") or []}


# -- scenarios ----------------------------------------------------------------------------
def batch_life(probe: ProbeClient) -> None:
    """Create a batch, read it back, rename it, and find it by the new name."""
    batch = _new_batch(probe)
    url = f"{COURSE}/batch/read/{batch['batchId']}"
    read = _ok(probe, probe.call("read back", "GET", url), "read back")["response"]
    for name in ("courseId", "name", "enrollmentType", "startDate", "endDate"):
        probe.expect(read.get(name) == batch[name], "read back",
                     f"{name} is {read.get(name)!r}, not the {batch[name]!r} sent")
    renamed = probe.unique("Renamed batch ")
    _ok(probe, _post(probe, "update", f"{COURSE}/batch/update", {
        "id": batch["batchId"], "courseId": batch["courseId"], "name": renamed,
        "enrollmentType": "open", "startDate": batch["startDate"],
        "endDate": batch["endDate"]}, method="PATCH"), "update")
    read = _ok(probe, probe.call("read the update", "GET", url), "read the update")["response"]
    probe.expect(read.get("name") == renamed, "read the update",
                 f"name is {read.get('name')!r} after renaming it {renamed!r}")
    found = _ok(probe, _post(probe, "list by name", f"{COURSE}/batch/list", {
        "filters": {"courseId": batch["courseId"], "name": renamed}}), "list by name")
    listed = [str(b.get("batchId")) for b in found["response"]["content"]]
    probe.expect(listed == [batch["batchId"]] and found["response"]["count"] == 1,
                 "list by name", f"filtering by the new name found {listed} "
                                 f"(count {found['response']['count']})")


def enrolment_and_progress(probe: ProbeClient) -> None:
    """Enrol, see the enrolment listed, record progress on one content and read it back,
    then unenrol and see the enrolment gone."""
    batch = _new_batch(probe)
    user = probe.params["userId"]
    ids = {"courseId": batch["courseId"], "batchId": batch["batchId"], "userId": user}
    _ok(probe, _post(probe, "enrol", f"{COURSE}/enrol", ids), "enrol")
    enrolment = _enrolled(probe, "enrolment list").get(batch["batchId"])
    if enrolment is None:
        probe.fail("enrolment list", "the new enrolment is not listed")
    again = _post(probe, "enrol again", f"{COURSE}/enrol", ids)
    probe.expect_status(again, 400, "enrol again")
    leaves = (enrolment.get("content") or {}).get("leafNodes") or []
    probe.require(bool(leaves), "enrolment list", "the enrolment lists no leaf contents")
    leaf = str(leaves[0])
    updated = _ok(probe, _post(probe, "update progress", f"{COURSE}/content/state/update", {
        "userId": user, "contents": [{**ids, "contentId": leaf, "status": 1}]},
        method="PATCH"), "update progress")
    probe.expect(updated.get(leaf) == "SUCCESS", "update progress",
                 f"the answer for {leaf} is {updated.get(leaf)!r}, not SUCCESS")
    states = _ok(probe, _post(probe, "read progress", f"{COURSE}/content/state/read", {
        **ids, "contentIds": [leaf]}), "read progress").get("contentList") or []
    state = next((s for s in states if s.get("contentId") == leaf), None)
    probe.expect(state is not None and state.get("status") == 1, "read progress",
                 f"{leaf} reads back as {state}, not status 1")
    _ok(probe, _post(probe, "unenrol", f"{COURSE}/unenrol", ids), "unenrol")
    probe.expect(batch["batchId"] not in _enrolled(probe, "list after unenrol"),
                 "list after unenrol", "the withdrawn enrolment is still listed")


def refused_enrolment(probe: ProbeClient) -> None:
    """An enrolment in a batch that does not exist is refused and lists nothing new."""
    course_id, _ = _course_and_today(probe)
    before = _enrolled(probe, "list before")
    refused = _post(probe, "enrol in an unknown batch", f"{COURSE}/enrol", {
        "courseId": course_id, "batchId": f"0{probe.unique('9')}",
        "userId": probe.params["userId"]})
    if probe.expect_status(refused, 400, "enrol in an unknown batch"):
        err = refused.json()["params"]["err"]
        probe.expect(bool(err), "enrol in an unknown batch", "the refusal names no error code")
    after = _enrolled(probe, "list after")
    probe.expect(sorted(after) == sorted(before), "list after",
                 f"the refused enrolment changed the list: {sorted(set(after) - set(before))}")


def _upload(probe: ProbeClient, step: str, csv: str) -> dict[str, Any]:
    """Upload a users CSV and poll its process until it completes; the completed status."""
    result = _ok(probe, probe.call(step, "POST", "/api/user/v1/upload", files={
        "user": ("users.csv", csv.encode(), "text/csv")}), step)
    process = result["processId"]

    def status() -> httpx.Response:
        return probe.call(f"{step}: status", "GET", f"/api/data/v1/upload/status/{process}")

    def completed(response: httpx.Response) -> bool:
        return response.status_code != 200 or \
            response.json()["result"]["response"][0]["status"] == "COMPLETED"

    done = _ok(probe, probe.poll(f"{step}: status", status, completed, 1.0),
               f"{step}: status")["response"][0]
    probe.expect(done.get("objectType") == "user", f"{step}: status",
                 f"objectType is {done.get('objectType')!r}, not user")
    return dict(done)


def bulk_user_upload(probe: ProbeClient) -> None:
    """A users CSV is processed to a created user; the same e-mail again is a failed row."""
    email = f"{probe.unique('probe')}@example.org"
    csv = f"firstName,email,userType,roles\nProbe learner,{email},student,PUBLIC\n"
    first = _upload(probe, "upload", csv)
    created = [row.get("email") for row in first.get("successResult") or []]
    probe.expect(created == [email] and not first.get("failureResult"), "upload: status",
                 f"the row was not created: {first}")
    second = _upload(probe, "upload again", csv)
    probe.expect(not second.get("successResult") and len(second.get("failureResult") or []) == 1,
                 "upload again: status",
                 f"the same e-mail again was not refused as a row: {second}")


SCENARIOS = [
    ("batch life", batch_life),
    ("enrolment and progress", enrolment_and_progress),
    ("refused enrolment", refused_enrolment),
    ("bulk user upload", bulk_user_upload),
]
