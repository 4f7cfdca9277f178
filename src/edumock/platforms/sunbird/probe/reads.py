"""Read-only Sunbird scenarios: the gateway's and the service's refusals of bad credentials,
and every GET operation on the records listing finds (or ``--param`` names)."""

from __future__ import annotations

import httpx

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sunbird.probe.common import (
    COURSE,
    DATA,
    USER_TOKEN,
    enrolled,
    ok,
    post,
    refused,
    unknown_id,
    without_user_token,
)


def _gateway(probe: ProbeClient, response: httpx.Response, step: str, message: str) -> None:
    """Kong's own 401: ``{"message": ...}``, not the envelope."""
    if probe.expect_status(response, 401, step):
        probe.expect(response.json() == {"message": message}, step,
                     f"the gateway's body is {response.text[:120]!r}, not "
                     f"{{'message': {message!r}}}")


def _unauthorized_user(probe: ProbeClient, response: httpx.Response, step: str) -> None:
    if refused(probe, response, step, "UNAUTHORIZED_USER", 401, "You are not authorized."):
        body = response.json()
        probe.expect(body["responseCode"] == "CLIENT_ERROR", step,
                     f"responseCode is {body['responseCode']!r}, not CLIENT_ERROR")


def credentials(probe: ProbeClient) -> None:
    """No API key and a wrong one are the gateway's 401s; no user token and a forged one the
    service's UNAUTHORIZED_USER; batch list needs the API key alone."""
    url = f"{COURSE}/batch/read/{probe.params.get('batchId') or unknown_id(probe)}"
    _gateway(probe, probe.call("no API key", "GET", url, credentials=False),
             "no API key", "Unauthorized")
    _gateway(probe, probe.call("a wrong API key", "GET", url,
                               headers={"Authorization": f"Bearer {probe.unique('wrong')}"}),
             "a wrong API key", "Invalid authentication credentials")
    with without_user_token(probe):
        _unauthorized_user(probe, probe.call("no user token", "GET", url), "no user token")
    _unauthorized_user(probe, probe.call("a forged user token", "GET", url, headers={
        USER_TOKEN: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJmOng6eSJ9.c2lnbmF0dXJl"}),
        "a forged user token")
    with without_user_token(probe):
        ok(probe, post(probe, "batch list with the API key alone", f"{COURSE}/batch/list",
                       {"filters": {"enrollmentType": "open"}, "limit": 1}),
           "batch list with the API key alone")


def seeded_reads(probe: ProbeClient) -> None:
    """Every GET operation: the user's enrolments, a batch, sections (listed, then read),
    a page, a job tag and an upload process; and the unknown ones."""
    courses = enrolled(probe, "enrolment list")
    batch_id = probe.params.get("batchId") or next(iter(courses), None)
    if batch_id is not None:
        read = ok(probe, probe.call("read a batch", "GET", f"{COURSE}/batch/read/{batch_id}"),
                  "read a batch")["response"]
        probe.expect(str(read.get("batchId")) == batch_id, "read a batch",
                     f"batch {batch_id} reads back as {read.get('batchId')!r}")
    unknown = ok(probe, probe.call("read an unknown batch", "GET",
                                   f"{COURSE}/batch/read/{unknown_id(probe)}"),
                 "read an unknown batch")
    probe.expect(unknown.get("response") == {}, "read an unknown batch",
                 f"an unknown batch reads as {unknown.get('response')!r}, not {{}}")
    sections = ok(probe, probe.call("list sections", "GET", f"{DATA}/page/section/list"),
                  "list sections")["response"]
    if sections:
        section_id = str(sections[0]["id"])
        section = ok(probe, probe.call("read a listed section", "GET",
                                       f"{DATA}/page/section/read/{section_id}"),
                     "read a listed section")["section"]
        probe.expect(str(section.get("id")) == section_id, "read a listed section",
                     f"section {section_id} reads back as {section.get('id')!r}")
    refused(probe, probe.call("read an unknown section", "GET",
                              f"{DATA}/page/section/read/{unknown_id(probe)}"),
            "read an unknown section", "SECTION_NOT_EXIST")
    if "pageName" in probe.params:
        page = ok(probe, probe.call("read a page", "GET",
                                    f"{DATA}/page/read/{probe.params['pageName']}"),
                  "read a page")["page"]
        probe.expect(page.get("name") == probe.params["pageName"], "read a page",
                     f"the page is named {page.get('name')!r}")
    refused(probe, probe.call("read an unknown page", "GET",
                              f"{DATA}/page/read/{probe.unique('no such page ')}"),
            "read an unknown page", "PAGE_NOT_EXIST", 404)
    jobs = ok(probe, probe.call("jobs of an unused tag", "GET",
                                f"{COURSE}/jobrequest/list/{probe.unique('probe-tag-')}"),
              "jobs of an unused tag")
    probe.expect(jobs.get("count") == 0 and jobs.get("jobs") == [], "jobs of an unused tag",
                 f"a tag no job has lists {jobs}")
    if "processId" in probe.params:
        ok(probe, probe.call("an upload's status", "GET",
                             f"{DATA}/upload/status/{probe.params['processId']}"),
           "an upload's status")
    refused(probe, probe.call("an unknown upload's status", "GET",
                              f"{DATA}/upload/status/{unknown_id(probe)}"),
            "an unknown upload's status", "RESOURCE_NOT_FOUND", 404)


SCENARIOS = [
    ("credentials", credentials),
    ("seeded reads", seeded_reads),
]
