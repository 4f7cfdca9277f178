"""Sunbird bulk upload scenarios: users, then a location, an organisation in it and a user
in that organisation, each CSV polled to COMPLETED and judged row by row; the refusals of a
file; and a user made by upload whom the run's batch refuses to let update it."""

from __future__ import annotations

from typing import Any

import httpx

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sunbird.probe.common import (
    COURSE,
    DATA,
    USER_TOKEN,
    new_batch,
    ok,
    other_user_token,
    post,
    refused,
    skip,
    unknown_id,
)

USERS = "/api/user/v1/upload"
ORGANISATIONS = "/api/org/v1/upload"
LOCATIONS = f"{DATA}/bulk/location/upload"
OBJECT_TYPES = {USERS: "user", ORGANISATIONS: "organisation", LOCATIONS: "location"}
PARTS = {USERS: "user", ORGANISATIONS: "org", LOCATIONS: "csvFile"}


def _send(probe: ProbeClient, step: str, path: str, csv: str,
          form: dict[str, str] | None = None) -> httpx.Response:
    return probe.call(step, "POST", path, data=form, files={
        PARTS[path]: (f"{PARTS[path]}.csv", csv.encode(), "text/csv")})


def upload(probe: ProbeClient, step: str, path: str, csv: str,
           form: dict[str, str] | None = None, *, as_text: bool = False) -> dict[str, Any]:
    """Upload a CSV (a file part, or ``as_text`` the ``data`` form field) and poll its process
    until it completes; the completed status."""
    response = probe.call(step, "POST", path, data={**(form or {}), "data": csv}) if as_text \
        else _send(probe, step, path, csv, form)
    process = ok(probe, response, step)["processId"]
    probe.expect(isinstance(process, int), step, f"processId {process!r} is not a number")

    def status() -> httpx.Response:
        return probe.call(f"{step}: status", "GET", f"{DATA}/upload/status/{process}")

    def completed(response: httpx.Response) -> bool:
        return response.status_code != 200 or \
            response.json()["result"]["response"][0]["status"] == "COMPLETED"

    done = ok(probe, probe.poll(f"{step}: status", status, completed, 1.0),
              f"{step}: status")["response"][0]
    probe.expect(done.get("objectType") == OBJECT_TYPES[path], f"{step}: status",
                 f"objectType is {done.get('objectType')!r}, not {OBJECT_TYPES[path]}")
    return dict(done)


def _one_created(probe: ProbeClient, step: str, done: dict[str, Any], field: str,
                 value: str) -> dict[str, Any]:
    """The completed process created exactly the one row sent."""
    rows = done.get("successResult") or []
    if not probe.expect([row.get(field) for row in rows] == [value]
                        and not done.get("failureResult"), step,
                        f"the row with {field} {value!r} was not created: {done}"):
        skip()
    row: dict[str, Any] = rows[0]
    probe.expect(row.get("operation") == "create", step,
                 f"operation is {row.get('operation')!r}, not create")
    return row


def bulk_user_upload(probe: ProbeClient) -> None:
    """A users CSV is processed to a created user; the same e-mail again is a failed row;
    a file the service cannot read is refused before any process starts."""
    email = f"{probe.unique('probe')}@example.org"
    csv = f"firstName,email,userType,roles\nProbe learner,{email},student,PUBLIC\n"
    first = upload(probe, "upload", USERS, csv)
    _one_created(probe, "upload: status", first, "email", email)
    second = upload(probe, "upload again", USERS, csv)
    failed = second.get("failureResult") or []
    probe.expect(not second.get("successResult") and len(failed) == 1
                 and failed[0].get("err_msg") == "Email already exists.",
                 "upload again: status",
                 f"the same e-mail again was not refused as a row: {second}")
    for step, sent, code in (
            ("a header and no row", "firstName,email,userType,roles\n", "EMPTY_CSV_FILE"),
            ("an unknown column", "firstName,userType,roles,shoeSize\nA,student,PUBLIC,9\n",
             "INVALID_COLUMNS"),
            ("no roles column", "firstName,email,userType\nA,a@example.org,student\n",
             "MANDATORY_PARAMETER_MISSING")):
        refused(probe, _send(probe, step, USERS, sent), step, code)
    refused(probe, _send(probe, "an unknown organisation", USERS, csv,
                         {"organisationId": unknown_id(probe)}),
            "an unknown organisation", "INVALID_ORG_DATA")
    refused(probe, probe.call("no file", "POST", USERS, data={"organisationId": ""}),
            "no file", "MISSING_FILE_ATTACHMENT", message="Missing file attachment.")


def organisation_tree(probe: ProbeClient) -> None:
    """A new state by location upload, a school in it by organisation upload, and a user in
    that school by a CSV sent as text; a location upload without its type is refused."""
    code = probe.unique("PRB").upper()
    locations = f"code,name,parentCode,parentId\n{code},Probe state {code},,\n"
    refused(probe, _send(probe, "locations without a type", LOCATIONS, locations),
            "locations without a type", "MANDATORY_PARAMETER_MISSING",
            message="Mandatory parameter type is missing.")
    state = _one_created(probe, "locations: status", upload(
        probe, "locations", LOCATIONS, locations, {"type": "state"}), "code", code)
    probe.expect(state.get("type") == "state" and bool(state.get("id")), "locations: status",
                 f"the new location is {state}")
    external = probe.unique("PRBX")
    school = f"orgName,locationCode,status,externalId\nProbe school {code},{code},active," \
             f"{external}\n"
    refused(probe, _send(probe, "organisations without a status column", ORGANISATIONS,
                         "orgName,locationCode\nProbe school,X\n"),
            "organisations without a status column", "MANDATORY_PARAMETER_MISSING",
            message="Mandatory parameter status is missing.")
    org = _one_created(probe, "organisations: status",
                       upload(probe, "organisations", ORGANISATIONS, school),
                       "externalId", external)
    org_id = str(org.get("organisationId") or "")
    probe.require(bool(org_id), "organisations: status", f"no organisationId in {org}")
    email = f"{probe.unique('probe')}@example.org"
    user = _one_created(probe, "users as text: status", upload(
        probe, "users as text", USERS, f"firstName,email,userType,roles,orgId\n"
        f"Probe teacher,{email},teacher,PUBLIC COURSE_MENTOR,{org_id}\n".replace(
            "PUBLIC COURSE_MENTOR", '"PUBLIC,COURSE_MENTOR"'), as_text=True),
        "email", email)
    probe.expect(str(user.get("organisationId")) == org_id, "users as text: status",
                 f"the user is in organisation {user.get('organisationId')!r}, not {org_id}")
    probe.params.setdefault("uploadedUserId", str(user.get("userId") or user.get("id")))


def another_users_batch(probe: ProbeClient) -> None:
    """A user who neither created nor mentors the run's batch may not update it (401
    UNAUTHORIZED_USER), and the batch keeps its name. Needs a user the uploads made and a
    token of theirs (minted by edumock, or ``--param otherUserToken``)."""
    other = probe.params.get("uploadedUserId")
    token = other_user_token(probe, other) if other else probe.params.get("otherUserToken")
    if token is None:
        skip()
    batch = new_batch(probe)
    response = post(probe, "update as another user", f"{COURSE}/batch/update", {
        "id": batch["batchId"], "courseId": batch["courseId"], "name": probe.unique("Taken "),
        "startDate": batch["startDate"], "endDate": batch["endDate"]}, method="PATCH",
        headers={USER_TOKEN: token})
    refused(probe, response, "update as another user", "UNAUTHORIZED_USER", 401)
    read = ok(probe, probe.call("read it back", "GET",
                                f"{COURSE}/batch/read/{batch['batchId']}"),
              "read it back")["response"]
    probe.expect(read.get("name") == batch["name"], "read it back",
                 f"another user renamed the batch to {read.get('name')!r}")


SCENARIOS = [
    ("bulk user upload", bulk_user_upload),
    ("organisation tree", organisation_tree),
    ("another user's batch", another_users_batch),
]
