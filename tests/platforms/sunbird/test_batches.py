"""Batches: create and update validate in the real order; read, list and status from dates."""

from __future__ import annotations

import pytest

from tests.platforms.sunbird.conftest import Sunbird, ok, refused

CREATE = "/api/course/v1/batch/create"
UPDATE = "/api/course/v1/batch/update"


def _valid(sunbird: Sunbird, **changes):
    request = {"courseId": sunbird.course()["identifier"], "name": "Evening batch",
               "description": "d", "enrollmentType": "open", "startDate": "2026-08-12",
               "endDate": "2026-10-30"}
    request.update(changes)
    return {k: v for k, v in request.items() if v is not ...}


def test_create_returns_a_new_batch_id_that_can_be_read(sunbird: Sunbird):
    result = ok(sunbird.post(CREATE, _valid(sunbird, createdFor=["org"], mentors=["m"])))
    assert result["response"] == "SUCCESS"
    read = ok(sunbird.get(f"/api/course/v1/batch/read/{result['batchId']}"))["response"]
    assert read["name"] == "Evening batch" and read["status"] == 0
    assert read["createdBy"] == sunbird.user_id and read["cert_templates"] == {}
    assert read["collectionId"] == read["courseId"] == sunbird.course()["identifier"]


@pytest.mark.parametrize(("changes", "code", "message"), [
    ({"courseId": ...}, "MANDATORY_PARAMETER_MISSING",
     "Mandatory parameter courseId/collectionId is missing."),
    ({"name": ...}, "MANDATORY_PARAMETER_MISSING", "Mandatory parameter name is missing."),
    ({"enrollmentType": ...}, "MANDATORY_PARAMETER_MISSING",
     "Mandatory parameter enrollmentType is missing."),
    ({"enrollmentType": "closed"}, "INVALID_PARAMETER_VALUE",
     "Invalid value closed for parameter enrollmentType. Please provide a valid value."),
    ({"startDate": ...}, "MANDATORY_PARAMETER_MISSING",
     "Mandatory parameter startDate is missing."),
    ({"startDate": "12-08-2026"}, "DATE_FORMAT_ERRROR", "Date format error."),
    ({"startDate": "2026-08-09"}, "COURSE_BATCH_START_DATE_INVALID",
     "Batch start date should be either today or future date."),
    ({"endDate": "2026-08-12"}, "END_DATE_ERROR",
     "End date should be greater than start date."),
    ({"enrollmentEndDate": "2026-08-11"}, "ENROLLMENT_END_DATE_START_ERROR",
     "Enrollment End date should be greater than course batch start date."),
    ({"enrollmentEndDate": "2026-11-30"}, "ENROLLMENT_END_DATE_END_ERROR",
     "Enrollment End date should be lesser than course batch end date."),
    ({"createdFor": "org-1"}, "DATA_TYPE_ERROR", "Data type of createdFor should be Arrays."),
    ({"mentors": "m"}, "DATA_TYPE_ERROR", "Data type of mentors should be Arrays."),
    ({"courseId": "do_unknown"}, "INVALID_COURSE_ID",
     "Course doesnot exist. Please provide a valid course identifier"),
])
def test_create_refusals(sunbird: Sunbird, changes, code, message):
    before = len(sunbird.state("batches"))
    refused(sunbird.post(CREATE, _valid(sunbird, **changes)), 400, code, message)
    assert len(sunbird.state("batches")) == before


def test_the_first_problem_reported_is_the_real_services_first(sunbird: Sunbird):
    request = _valid(sunbird, name=..., enrollmentType="x", startDate="bad")
    refused(sunbird.post(CREATE, request), 400, "MANDATORY_PARAMETER_MISSING",
            "Mandatory parameter name is missing.")


def test_enrollment_type_is_case_insensitive_and_today_is_a_valid_start(sunbird: Sunbird):
    ok(sunbird.post(CREATE, _valid(sunbird, enrollmentType="Invite-Only",
                                   startDate="2026-08-10")))


def test_update_changes_named_fields(sunbird: Sunbird):
    batch_id = ok(sunbird.post(CREATE, _valid(sunbird)))["batchId"]
    result = ok(sunbird.patch(UPDATE, {"id": batch_id, "courseId": sunbird.course()[
        "identifier"], "name": "Renamed", "startDate": "2026-08-12", "endDate": "2026-12-01"}))
    assert result == {}
    read = ok(sunbird.get(f"/api/course/v1/batch/read/{batch_id}"))["response"]
    assert read["name"] == "Renamed" and read["endDate"] == "2026-12-01"
    assert read["updatedDate"] == "2026-08-10 09:30:00:000+0000"


@pytest.mark.parametrize(("changes", "code"), [
    ({"courseId": None}, "MANDATORY_PARAMETER_MISSING"),
    ({"status": 7}, "INVALID_PROGRESS_STATUS"),
    ({"name": " "}, "INVALID_PARAMETER_VALUE"),
    ({"enrollmentType": "closed"}, "INVALID_PARAMETER_VALUE"),
    ({"id": None}, "MANDATORY_PARAMETER_MISSING"),
    ({"id": "0199999"}, "INVALID_COURSE_BATCH_ID"),
    ({"startDate": "2026/08/12"}, "DATE_FORMAT_ERRROR"),
    ({"startDate": None}, "DATE_FORMAT_ERRROR"),
    ({"endDate": "2026-08-01"}, "END_DATE_ERROR"),
])
def test_update_refusals(sunbird: Sunbird, changes, code):
    batch_id = ok(sunbird.post(CREATE, _valid(sunbird)))["batchId"]
    request = {"id": batch_id, "courseId": sunbird.course()["identifier"],
               "startDate": "2026-08-12", **changes}
    refused(sunbird.patch(UPDATE, {k: v for k, v in request.items() if v is not None}), 400,
            code)


def test_update_end_date_in_the_past_is_refused(sunbird: Sunbird):
    ended = sunbird.batch_in_state(2)
    refused(sunbird.patch(UPDATE, {"id": ended["batchId"], "courseId": ended["courseId"],
                                   "startDate": ended["startDate"], "endDate": "2026-08-01"}),
            400, "INVALID_BATCH_END_DATE_ERROR", "Please provide valid End Date.")


def test_an_ended_batch_is_closed_to_updates(sunbird: Sunbird):
    ended = sunbird.batch_in_state(2)
    refused(sunbird.patch(UPDATE, {"id": ended["batchId"], "courseId": ended["courseId"],
                                   "startDate": ended["startDate"], "name": "Late"}),
            400, "COURSE_BATCH_END_DATE_ERROR", "Batch has been closed.")


def test_only_the_creator_or_a_mentor_may_update(sunbird: Sunbird):
    batch_id = ok(sunbird.post(CREATE, _valid(sunbird, mentors=[])))["batchId"]
    request = {"id": batch_id, "courseId": sunbird.course()["identifier"],
               "startDate": "2026-08-12", "name": "Mine"}
    creator = sunbird.user_id
    other = next(u["id"] for u in sunbird.state("users") if u["id"] != creator)
    sunbird.login(other)
    refused(sunbird.patch(UPDATE, request), 401, "UNAUTHORIZED_USER")
    sunbird.login(creator)
    ok(sunbird.patch(UPDATE, {**request, "mentors": [other]}))
    sunbird.login(other)
    ok(sunbird.patch(UPDATE, request))


def test_read_of_an_unknown_batch_is_an_empty_response(sunbird: Sunbird):
    assert ok(sunbird.get("/api/course/v1/batch/read/0100000")) == {"response": {}}


def test_status_follows_the_dates_on_the_sandbox_clock(sunbird: Sunbird):
    batch_id = ok(sunbird.post(CREATE, _valid(sunbird)))["batchId"]
    path = f"/api/course/v1/batch/read/{batch_id}"
    assert ok(sunbird.get(path))["response"]["status"] == 0
    sunbird.advance(3 * 86400)
    sunbird.login(sunbird.user_id)  # a fresh token after the clock moved
    assert ok(sunbird.get(path))["response"]["status"] == 1
    sunbird.advance(90 * 86400)
    sunbird.login(sunbird.user_id)
    assert ok(sunbird.get(path))["response"]["status"] == 2


def test_list_filters_limits_and_sorts(sunbird: Sunbird):
    course = sunbird.course()["identifier"]
    result = ok(sunbird.post("/api/course/v1/batch/list", {"filters": {"courseId": course}}))
    content = result["response"]["content"]
    assert result["response"]["count"] == len(content) == 3
    assert {b["courseId"] for b in content} == {course}
    ongoing = ok(sunbird.post("/api/course/v1/batch/list", {
        "filters": {"courseId": course, "status": 1}}))["response"]
    assert ongoing["count"] == 1 and ongoing["content"][0]["status"] == 1
    limited = ok(sunbird.post("/api/course/v1/batch/list", {
        "filters": {}, "limit": 2, "sort_by": {"startDate": "desc"}}))["response"]
    dates = [b["startDate"] for b in limited["content"]]
    assert len(dates) == 2 and dates == sorted(dates, reverse=True)
    assert limited["count"] == len(sunbird.state("batches"))


def test_list_without_filters_fails_as_the_real_service_does(sunbird: Sunbird):
    body = refused(sunbird.post("/api/course/v1/batch/list", {}), 500, "INTERNAL_ERROR",
                   "Process failed,please try again later.")
    assert body["params"]["status"] == "SERVER_ERROR"
