"""Sunbird batch scenarios: a batch's life (create, read back, update, find by filter and by
a fields-and-sort search) and the refusals of create, update and list."""

from __future__ import annotations

from datetime import timedelta

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sunbird.probe.common import (
    COURSE,
    course_and_today,
    new_batch,
    not_json,
    ok,
    post,
    refused,
    unknown_id,
)


def batch_life(probe: ProbeClient) -> None:
    """Create a batch, read it back, rename it, and find it by the new name."""
    batch = new_batch(probe)
    url = f"{COURSE}/batch/read/{batch['batchId']}"
    read = ok(probe, probe.call("read back", "GET", url), "read back")["response"]
    for name in ("courseId", "name", "enrollmentType", "startDate", "endDate"):
        probe.expect(read.get(name) == batch[name], "read back",
                     f"{name} is {read.get(name)!r}, not the {batch[name]!r} sent")
    probe.expect(read.get("status") == 1, "read back",
                 f"a batch starting today has status {read.get('status')!r}, not 1")
    renamed = probe.unique("Renamed batch ")
    ok(probe, post(probe, "update", f"{COURSE}/batch/update", {
        "id": batch["batchId"], "courseId": batch["courseId"], "name": renamed,
        "enrollmentType": "open", "startDate": batch["startDate"],
        "endDate": batch["endDate"], "description": "Updated by the probe"}, method="PATCH"),
        "update")
    read = ok(probe, probe.call("read the update", "GET", url), "read the update")["response"]
    probe.expect(read.get("name") == renamed and read.get("description") ==
                 "Updated by the probe", "read the update",
                 f"name and description are {read.get('name')!r}, "
                 f"{read.get('description')!r} after the update")
    found = ok(probe, post(probe, "list by name", f"{COURSE}/batch/list", {
        "filters": {"courseId": batch["courseId"], "name": renamed}}), "list by name")
    listed = [str(b.get("batchId")) for b in found["response"]["content"]]
    probe.expect(listed == [batch["batchId"]] and found["response"]["count"] == 1,
                 "list by name", f"filtering by the new name found {listed} "
                                 f"(count {found['response']['count']})")
    shown = ok(probe, post(probe, "list with fields and sort", f"{COURSE}/batch/list", {
        "filters": {"courseId": batch["courseId"], "status": 1},
        "fields": ["batchId", "name"], "sort_by": {"createdDate": "desc"}, "limit": 100}),
        "list with fields and sort")["response"]["content"]
    mine = [b for b in shown if str(b.get("batchId")) == batch["batchId"]]
    probe.expect(len(mine) == 1 and set(mine[0]) <= {"batchId", "name"}, "list with fields "
                 "and sort", f"the ongoing batches of the course show the new batch as {mine}")


def refused_batches(probe: ProbeClient) -> None:
    """The validator's refusals of create, update and list, each with its code, and a list
    whose body is not JSON."""
    course_id, today = course_and_today(probe)
    base = {"courseId": course_id, "name": probe.unique("Refused batch "),
            "enrollmentType": "open", "startDate": today.isoformat(),
            "endDate": (today + timedelta(days=30)).isoformat()}
    create = f"{COURSE}/batch/create"
    refused(probe, post(probe, "create without a course", create,
                        {k: v for k, v in base.items() if k != "courseId"}),
            "create without a course", "MANDATORY_PARAMETER_MISSING",
            message="Mandatory parameter courseId/collectionId is missing.")
    refused(probe, post(probe, "create with an unknown enrolment type", create,
                        {**base, "enrollmentType": "closed"}),
            "create with an unknown enrolment type", "INVALID_PARAMETER_VALUE")
    refused(probe, post(probe, "create starting yesterday", create,
                        {**base, "startDate": (today - timedelta(days=1)).isoformat()}),
            "create starting yesterday", "COURSE_BATCH_START_DATE_INVALID")
    refused(probe, post(probe, "create ending before it starts", create,
                        {**base, "endDate": today.isoformat()}),
            "create ending before it starts", "END_DATE_ERROR")
    refused(probe, post(probe, "create with a slashed date", create,
                        {**base, "startDate": today.strftime("%d/%m/%Y")}),
            "create with a slashed date", "DATE_FORMAT_ERRROR")
    refused(probe, post(probe, "create for an unknown course", create,
                        {**base, "courseId": f"do_{unknown_id(probe)}"}),
            "create for an unknown course", "INVALID_COURSE_ID")
    update = f"{COURSE}/batch/update"
    refused(probe, post(probe, "update without an id", update,
                        {k: v for k, v in base.items() if k != "name"}, method="PATCH"),
            "update without an id", "MANDATORY_PARAMETER_MISSING")
    refused(probe, post(probe, "update an unknown batch", update,
                        {**base, "id": unknown_id(probe)}, method="PATCH"),
            "update an unknown batch", "INVALID_COURSE_BATCH_ID")
    refused(probe, post(probe, "list without filters", f"{COURSE}/batch/list", {"limit": 1}),
            "list without filters", "INTERNAL_ERROR", 500)
    not_json(probe, "list with a body that is not JSON", f"{COURSE}/batch/list")
    after = ok(probe, post(probe, "nothing was created", f"{COURSE}/batch/list", {
        "filters": {"name": base["name"]}}), "nothing was created")["response"]
    probe.expect(after["count"] == 0, "nothing was created",
                 f"a refused create stored {after['count']} batches")


SCENARIOS = [
    ("batch life", batch_life),
    ("refused batches", refused_batches),
]
