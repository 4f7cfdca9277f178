"""A whole course life: batch, certificate template, enrolment, progress to completion,
certificate in the enrolment list, counted by the collection summary and the group aggregate."""

from __future__ import annotations

from tests.platforms.sunbird.conftest import Sunbird, ok


def test_a_course_life_from_batch_to_certificate_and_reports(client):
    group = Sunbird(client).state("groups")[0]
    course_id = group["activities"][0]["id"]
    learner = Sunbird(client, user_id=group["members"][0])
    course = next(c for c in learner.state("courses") if c["identifier"] == course_id)

    asset = learner.certificate_asset(titled=True)
    batch_id = ok(learner.post("/api/course/v1/batch/create", {
        "courseId": course_id, "name": "Life batch", "enrollmentType": "open",
        "startDate": "2026-08-10", "endDate": "2026-12-31"}))["batchId"]
    ok(learner.patch("/api/course/batch/cert/v1/template/add", {"batch": {
        "courseId": course_id, "batchId": batch_id, "template": {
            "identifier": asset["identifier"], "criteria": {"enrollment": {"status": 2}}}}}))
    read = ok(learner.get(f"/api/course/v1/batch/read/{batch_id}"))["response"]
    assert list(read["cert_templates"]) == [asset["identifier"]]

    mine = learner.complete_course(course, batch_id)
    assert mine["status"] == 2 and mine["completionPercentage"] == 100
    assert [c["name"] for c in mine["issuedCertificates"]] == [asset["data"]["title"]]

    summary = ok(learner.post("/report/v1/collection/summary", {
        "filters": {"collectionId": course_id, "batchId": batch_id},
        "group_by": ["state", "dist"]}))
    assert (summary["enrolmentCount"], summary["completionCount"],
            summary["certificatesIssuedCount"]) == (1, 1, 1)
    user = next(u for u in learner.state("users") if u["id"] == learner.user_id)
    assert summary["summary"]["state"] == [
        {"state": user["state"], "enrolmentCount": 1, "completionCount": 1}]

    agg = ok(learner.post("/api/data/v1/group/activity/agg", {
        "groupId": group["id"], "activityId": course_id, "activityType": "Course"}))
    metrics = {m["metric"]: m["value"] for m in agg["activity"]["agg"]}
    assert metrics["completedCount"] >= 1 and metrics["enrolmentCount"] >= 1
    assert metrics["leafNodesCount"] == len(course["leafNodes"])
    member = next(m for m in agg["members"] if m["userId"] == learner.user_id)
    assert member["agg"][0]["value"] == len(course["leafNodes"])
