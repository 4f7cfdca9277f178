"""Sunbird reporting scenarios: the group activity aggregate, the collection summary of a
listed batch, and a data-exhaust job followed on the clock from SUBMITTED to SUCCESS."""

from __future__ import annotations

from typing import Any

import httpx

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sunbird.probe.common import (
    COURSE,
    DATA,
    ok,
    open_batches,
    post,
    refused,
    seeded_group,
    unknown_id,
)

AGGREGATE = f"{DATA}/group/activity/agg"
SUMMARY = "/report/v1/collection/summary"
JOBS = f"{COURSE}/jobrequest"


def group_aggregate(probe: ProbeClient) -> None:
    """Each missing field of the aggregate its code, an unknown group 404; with ``--param
    groupId`` (and ``activityId``), or against edumock a seeded group, the group's counts."""
    content, _ = open_batches(probe)
    group_id, activity = probe.params.get("groupId"), probe.params.get("activityId")
    group = None if group_id else seeded_group(probe)
    if group is not None:
        group_id, activity = str(group["id"]), str(group["activities"][0]["id"])
    activity = activity or (str(content[0]["courseId"]) if content else unknown_id(probe))
    request = {"groupId": group_id or f"probe-{unknown_id(probe)}",
               "activityId": activity, "activityType": "Course"}
    for name, code in (("groupId", "GROUP_ID_MISSING"), ("activityId", "ACTIVITY_ID_MISSING"),
                       ("activityType", "ACTIVITY_TYPE_MISSING")):
        step = f"aggregate without {name}"
        refused(probe, post(probe, step, AGGREGATE,
                            {k: v for k, v in request.items() if k != name}), step, code)
    refused(probe, post(probe, "aggregate of an unknown group", AGGREGATE,
                        {**request, "groupId": f"probe-{unknown_id(probe)}"}),
            "aggregate of an unknown group", "RESOURCE_NOT_FOUND", 404)
    if group_id is None:
        return
    result = ok(probe, post(probe, "aggregate", AGGREGATE, request), "aggregate")
    metrics = {m.get("metric") for m in result["activity"]["agg"]}
    probe.expect({"enrolmentCount", "completedCount", "leafNodesCount"} <= metrics,
                 "aggregate", f"the activity's metrics are {sorted(map(str, metrics))}")
    probe.expect(bool(result.get("members")), "aggregate", "the group lists no members")


def collection_summary(probe: ProbeClient) -> None:
    """The summary of a listed batch, grouped by state; its refusals."""
    content, _ = open_batches(probe)
    probe.require(bool(content), "find a course", "no open batch to summarise")
    batch = content[0]
    filters = {"collectionId": str(batch["courseId"]), "batchId": str(batch["batchId"])}
    result = ok(probe, post(probe, "summary by state", SUMMARY,
                            {"filters": filters, "group_by": ["state"]}), "summary by state")
    probe.expect(isinstance(result.get("enrolmentCount"), int) and
                 result.get("batchId") == filters["batchId"], "summary by state",
                 f"the summary of batch {filters['batchId']} is {result}")
    for name in ("collectionId", "batchId"):
        step = f"summary without {name}"
        refused(probe, post(probe, step, SUMMARY, {"filters": {
            k: v for k, v in filters.items() if k != name}}), step,
            "MANDATORY_PARAMETER_MISSING")
    refused(probe, post(probe, "summary of an unknown batch", SUMMARY, {
        "filters": {**filters, "batchId": unknown_id(probe)}}),
        "summary of an unknown batch", "INVALID_COURSE_BATCH_ID")


def _submit(probe: ProbeClient, request: dict[str, Any]) -> dict[str, Any]:
    """Submit a job; an organisation whose exhausts are encrypted asks for a key first."""
    response = post(probe, "submit", f"{JOBS}/submit", request)
    params = (response.json().get("params") or {}) if response.status_code == 400 else {}
    if "encryptionKey" in str(params.get("errmsg")):
        response = post(probe, "submit with a key", f"{JOBS}/submit",
                        {**request, "encryptionKey": "Probe-Key-1234"})
        return ok(probe, response, "submit with a key")
    return ok(probe, response, "submit")


def exhaust_job(probe: ProbeClient) -> None:
    """A progress exhaust of a listed batch: refused without a tag or with an unknown
    dataset, then SUBMITTED, listed by its tag, PROCESSING and SUCCESS with download URLs."""
    content, _ = open_batches(probe)
    probe.require(bool(content), "find a course", "no open batch to report on")
    tag = f"{content[0]['courseId']}_{content[0]['batchId']}:{probe.unique('probe')}"
    request = {"tag": tag, "dataset": "progress-exhaust", "requestedBy": probe.params["userId"],
               "datasetConfig": {"batchId": str(content[0]["batchId"])},
               "output_format": "csv"}
    refused(probe, post(probe, "submit without a tag", f"{JOBS}/submit",
                        {k: v for k, v in request.items() if k != "tag"}),
            "submit without a tag", "MANDATORY_PARAMETER_MISSING")
    refused(probe, post(probe, "submit an unknown dataset", f"{JOBS}/submit",
                        {**request, "dataset": "probe-exhaust"}),
            "submit an unknown dataset", "INVALID_PARAMETER_VALUE")
    job = _submit(probe, request)
    probe.expect(job.get("status") == "SUBMITTED" and job.get("tag") == tag, "submit",
                 f"the new job is {job.get('status')!r} with tag {job.get('tag')!r}")

    def listed() -> httpx.Response:
        return probe.call("list by tag", "GET", f"{JOBS}/list/{tag}")

    jobs = ok(probe, listed(), "list by tag")
    probe.expect(jobs.get("count") == 1 and [j.get("requestId") for j in jobs["jobs"]]
                 == [job.get("requestId")], "list by tag", f"the tag lists {jobs}")

    def finished(response: httpx.Response) -> bool:
        return response.status_code != 200 or \
            response.json()["result"]["jobs"][0]["status"] in ("SUCCESS", "FAILED")

    done = ok(probe, probe.poll("list by tag", listed, finished, 30.0),
              "list by tag")["jobs"][0]
    probe.expect(done.get("status") == "SUCCESS" and bool(done.get("downloadUrls"))
                 and bool(done.get("expires_at")), "list by tag",
                 f"the finished job is {done}")


SCENARIOS = [
    ("group aggregate", group_aggregate),
    ("collection summary", collection_summary),
    ("exhaust job", exhaust_job),
]
