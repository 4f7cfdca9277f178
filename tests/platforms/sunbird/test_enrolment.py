"""Enrol and unenrol with the real checks, both spellings, and the user's enrolment list."""

from __future__ import annotations

import pytest

from tests.platforms.sunbird.conftest import Sunbird, ok, refused


def test_enrol_into_an_ongoing_batch_and_list_it(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    assert ok(sunbird.enrol(batch)) == {"response": "SUCCESS"}
    courses = ok(sunbird.get(f"/api/course/v1/user/enrollment/list/{sunbird.user_id}"))[
        "courses"]
    assert len(courses) == 1
    entry = courses[0]
    assert entry["batchId"] == batch["batchId"] and entry["courseId"] == batch["courseId"]
    assert entry["status"] == 0 and entry["completionPercentage"] == 0
    assert entry["progress"] == 0 and entry["issuedCertificates"] == []
    assert entry["batch"]["status"] == 1 and entry["content"]["identifier"] == batch["courseId"]
    assert entry["leafNodesCount"] == len(entry["content"]["leafNodes"])


def test_enrol_into_an_upcoming_batch_is_allowed(sunbird: Sunbird):
    ok(sunbird.enrol(sunbird.batch_in_state(0)))


@pytest.mark.parametrize("field", ["courseId", "batchId", "userId"])
def test_enrol_needs_every_id(sunbird: Sunbird, field: str):
    batch = sunbird.batch_in_state(1)
    request = {"courseId": batch["courseId"], "batchId": batch["batchId"],
               "userId": sunbird.user_id}
    del request[field]
    refused(sunbird.post("/api/course/v1/enrol", request), 400, "MANDATORY_PARAMETER_MISSING",
            f"Mandatory parameter {field} is missing.")


def test_enrol_of_an_unknown_user_or_batch(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    refused(sunbird.enrol(batch, user_id="nobody"), 400, "INVALID_PARAMETER_VALUE")
    refused(sunbird.post("/api/course/v1/enrol", {
        "courseId": batch["courseId"], "batchId": "0100", "userId": sunbird.user_id}),
        400, "INVALID_COURSE_BATCH_ID", "Invalid course batch id ")
    other_course = next(c["identifier"] for c in sunbird.state("courses")
                        if c["identifier"] != batch["courseId"])
    refused(sunbird.post("/api/course/v1/enrol", {
        "courseId": other_course, "batchId": batch["batchId"], "userId": sunbird.user_id}),
        400, "INVALID_COURSE_BATCH_ID")


def test_no_enrolment_into_an_ended_batch(sunbird: Sunbird):
    refused(sunbird.enrol(sunbird.batch_in_state(2)), 400, "COURSE_BATCH_ALREADY_COMPLETED",
            "Course batch is already completed.")


def test_no_enrolment_after_the_enrollment_end_date(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    ok(sunbird.patch("/api/course/v1/batch/update", {
        "id": batch["batchId"], "courseId": batch["courseId"], "startDate": batch["startDate"],
        "enrollmentEndDate": "2026-08-10"}))
    sunbird.advance(86400)
    sunbird.login(sunbird.user_id)
    refused(sunbird.enrol(batch), 400, "COURSE_BATCH_ENROLLMENT_DATE_ENDED",
            "Course batch enrollment date has ended.")


def test_no_double_enrolment(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    ok(sunbird.enrol(batch))
    refused(sunbird.enrol(batch), 400, "USER_ALREADY_ENROLLED_COURSE",
            "User has already Enrolled this course .")


def test_unenrol_then_enrol_again(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    ok(sunbird.enrol(batch))
    request = {"courseId": batch["courseId"], "batchId": batch["batchId"],
               "userId": sunbird.user_id}
    assert ok(sunbird.post("/api/course/v1/unenrol", request)) == {"response": "SUCCESS"}
    assert ok(sunbird.get(f"/api/course/v1/user/enrollment/list/{sunbird.user_id}"))[
        "courses"] == []
    ok(sunbird.enrol(batch))


def test_unenrol_when_not_enrolled(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    refused(sunbird.post("/api/course/v1/unenrol", {
        "courseId": batch["courseId"], "batchId": batch["batchId"],
        "userId": sunbird.user_id}), 400, "USER_NOT_ENROLLED_COURSE",
        "User is not enrolled to given course batch.")


def test_the_client_librarys_spellings_and_v2_list(sunbird: Sunbird, client):
    batch = sunbird.batch_in_state(1)
    request = {"courseId": batch["courseId"], "batchId": batch["batchId"],
               "userId": sunbird.user_id}
    response = sunbird.post("/api/course/v1/enroll", request)
    assert ok(response) == {"response": "SUCCESS"}
    assert response.json()["id"] == "api.course.enroll"
    listed = client.post("/api/course/v1/user/enrollment/list",
                         json={"request": {"userId": sunbird.user_id}},
                         headers={"Authorization": f"Bearer {sunbird.api_key}"})
    assert [c["batchId"] for c in ok(listed)["courses"]] == [batch["batchId"]]
    assert listed.json()["ver"] == "v2"
    assert ok(sunbird.post("/api/course/v1/unenroll", request)) == {"response": "SUCCESS"}


def test_no_self_enrolment_into_an_invite_only_batch(sunbird: Sunbird):
    created = ok(sunbird.post("/api/course/v1/batch/create", {
        "courseId": sunbird.course()["identifier"], "name": "Invited",
        "enrollmentType": "invite-only", "startDate": "2026-08-10"}))
    batch = {"courseId": sunbird.course()["identifier"], "batchId": created["batchId"]}
    refused(sunbird.enrol(batch), 400, "ENROLLMENT_TYPE_VALIDATION",
            "Enrollment type should be invite-only.")
