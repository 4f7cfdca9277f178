"""Sunbird learning scenarios: enrolment with progress, listed both ways and withdrawn;
the refusals of enrol, unenrol and progress."""

from __future__ import annotations

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sunbird.probe.common import (
    COURSE,
    course_and_today,
    enrolled,
    leaves_of,
    new_batch,
    not_json,
    ok,
    post,
    refused,
    unknown_id,
)

STATE = f"{COURSE}/content/state"


def enrolment_and_progress(probe: ProbeClient) -> None:
    """Enrol, see the enrolment listed (GET and the v2 POST), record progress on one content
    and read it back, then unenrol and see the enrolment gone."""
    batch = new_batch(probe)
    user = probe.params["userId"]
    ids = {"courseId": batch["courseId"], "batchId": batch["batchId"], "userId": user}
    ok(probe, post(probe, "enrol", f"{COURSE}/enrol", ids), "enrol")
    enrolment = enrolled(probe, "enrolment list").get(batch["batchId"])
    if enrolment is None:
        probe.fail("enrolment list", "the new enrolment is not listed")
    listed = ok(probe, post(probe, "enrolment list (v2)", f"{COURSE}/user/enrollment/list",
                            {"userId": user}), "enrolment list (v2)").get("courses") or []
    probe.expect(batch["batchId"] in {str(c.get("batchId")) for c in listed},
                 "enrolment list (v2)", "the new enrolment is not in the POST list")
    refused(probe, post(probe, "enrol again", f"{COURSE}/enrol", ids), "enrol again",
            "USER_ALREADY_ENROLLED_COURSE")
    leaf = leaves_of(probe, enrolment, "enrolment list")[0]
    updated = ok(probe, post(probe, "update progress", f"{STATE}/update", {
        "userId": user, "contents": [{**ids, "contentId": leaf, "status": 1}]},
        method="PATCH"), "update progress")
    probe.expect(updated.get(leaf) == "SUCCESS", "update progress",
                 f"the answer for {leaf} is {updated.get(leaf)!r}, not SUCCESS")
    states = ok(probe, post(probe, "read progress", f"{STATE}/read", {
        **ids, "contentIds": [leaf]}), "read progress").get("contentList") or []
    state = next((s for s in states if s.get("contentId") == leaf), None)
    probe.expect(state is not None and state.get("status") == 1, "read progress",
                 f"{leaf} reads back as {state}, not status 1")
    _refused_progress(probe, ids, leaf)
    ok(probe, post(probe, "unenrol", f"{COURSE}/unenrol", ids), "unenrol")
    probe.expect(batch["batchId"] not in enrolled(probe, "list after unenrol"),
                 "list after unenrol", "the withdrawn enrolment is still listed")
    refused(probe, post(probe, "unenrol again", f"{COURSE}/unenrol", ids), "unenrol again",
            "USER_NOT_ENROLLED_COURSE")
    ok(probe, post(probe, "enroll after withdrawing", f"{COURSE}/enroll", ids),
       "enroll after withdrawing")
    probe.expect(batch["batchId"] in enrolled(probe, "list after enrolling again"),
                 "list after enrolling again", "the renewed enrolment is not listed")
    ok(probe, post(probe, "unenroll", f"{COURSE}/unenroll", ids), "unenroll")
    probe.expect(batch["batchId"] not in enrolled(probe, "list after unenroll"),
                 "list after unenroll", "the enrolment withdrawn by unenroll is still listed")


def _refused_progress(probe: ProbeClient, ids: dict[str, str], leaf: str) -> None:
    content = {**ids, "contentId": leaf, "status": 2}
    update = f"{STATE}/update"
    refused(probe, post(probe, "progress without a user", update, {"contents": [content]},
                        method="PATCH"), "progress without a user", "USERID_MISSING")
    refused(probe, post(probe, "progress without a status", update, {
        "userId": ids["userId"], "contents": [{k: v for k, v in content.items()
                                               if k != "status"}]}, method="PATCH"),
            "progress without a status", "CONTENT_STATUS_MISSING_ERROR")
    refused(probe, post(probe, "progress with status 5", update, {
        "userId": ids["userId"], "contents": [{**content, "status": 5}]}, method="PATCH"),
        "progress with status 5", "INVALID_PROGRESS_STATUS")
    unknown = ok(probe, post(probe, "progress in an unknown batch", update, {
        "userId": ids["userId"], "contents": [{**content, "batchId": unknown_id(probe)}]},
        method="PATCH"), "progress in an unknown batch")
    probe.expect("BATCH_NOT_EXISTS" in unknown and leaf not in unknown,
                 "progress in an unknown batch", f"answered {unknown}, not BATCH_NOT_EXISTS")
    refused(probe, post(probe, "read progress without a batch", f"{STATE}/read", {
        "userId": ids["userId"], "courseId": ids["courseId"]}),
        "read progress without a batch", "MANDATORY_PARAMETER_MISSING")
    states = ok(probe, post(probe, "read after the refusals", f"{STATE}/read", {
        **ids, "contentIds": [leaf]}), "read after the refusals").get("contentList") or []
    probe.expect([s.get("status") for s in states if s.get("contentId") == leaf] == [1],
                 "read after the refusals", f"refused updates changed {leaf}: {states}")


def refused_enrolment(probe: ProbeClient) -> None:
    """An enrolment in a batch that does not exist is refused and lists nothing new; the
    enrolment list refuses a body that is not JSON."""
    course_id, _ = course_and_today(probe)
    before = enrolled(probe, "list before")
    ids = {"courseId": course_id, "batchId": unknown_id(probe),
           "userId": probe.params["userId"]}
    refused(probe, post(probe, "enrol in an unknown batch", f"{COURSE}/enrol", ids),
            "enrol in an unknown batch", "INVALID_COURSE_BATCH_ID")
    refused(probe, post(probe, "enroll without a batch", f"{COURSE}/enroll",
                        {k: v for k, v in ids.items() if k != "batchId"}),
            "enroll without a batch", "MANDATORY_PARAMETER_MISSING")
    refused(probe, post(probe, "unenroll from an unknown batch", f"{COURSE}/unenroll", ids),
            "unenroll from an unknown batch", "INVALID_COURSE_BATCH_ID")
    not_json(probe, "enrolment list (v2) with a body that is not JSON",
             f"{COURSE}/user/enrollment/list")
    after = enrolled(probe, "list after")
    probe.expect(sorted(after) == sorted(before), "list after",
                 f"the refused enrolment changed the list: {sorted(set(after) - set(before))}")


SCENARIOS = [
    ("enrolment and progress", enrolment_and_progress),
    ("refused enrolment", refused_enrolment),
]
