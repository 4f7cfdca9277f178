"""A whole course life across both services, for people who arrived by bulk upload:
locations, a school and its users from CSV, then a batch with a certificate, enrolment,
progress to completion, the certificate in the enrolment list and the learner counted by the
collection summary under the uploaded state and district."""

from __future__ import annotations

from tests.platforms.sunbird.conftest import (
    LOCATION_UPLOAD,
    ORG_UPLOAD,
    USER_UPLOAD,
    Sunbird,
    ok,
)

LOCATIONS = "code,name,parentCode,parentId\n"


def poll_to_completion(admin: Sunbird, process_id: int) -> dict[str, object]:
    for _ in range(20):
        entry = admin.status(process_id)
        if entry["status"] == "COMPLETED":
            assert entry["failureResult"] == [], entry["failureResult"]
            return entry
        assert entry["status"] in ("NOT STARTED", "IN PROGRESS")
        admin.advance(1)
    raise AssertionError("the upload never completed")


def test_uploaded_learners_take_a_course_to_its_certificate(client):
    admin = Sunbird(client)
    uploads = [
        ok(admin.upload(LOCATION_UPLOAD, LOCATIONS + "OD,Odisha,,\n", type="state")),
        ok(admin.upload(LOCATION_UPLOAD, LOCATIONS + "OD01,Khordha,OD,\n", type="district")),
        ok(admin.upload(LOCATION_UPLOAD, LOCATIONS + "OD01B1,Bhubaneswar,OD01,\n",
                        type="block")),
        ok(admin.upload(ORG_UPLOAD, "SCHOOL NAME,BLOCK CODE,EXTERNAL ID,STATUS,DESCRIPTION\n"
                                    "Capital School,OD01B1,CAP-1,active,Uploaded\n")),
        ok(admin.upload(USER_UPLOAD, "NAME,EMAIL,MOBILE PHONE,SCHOOL EXTERNAL ID,USER_TYPE,ROLES\n"
                                     "Priya,priya@example.com,,CAP-1,student,PUBLIC\n"
                                     "Ravi,,9876512345,CAP-1,teacher,\"PUBLIC,COURSE_MENTOR\"\n"))]
    results = [poll_to_completion(admin, upload["processId"]) for upload in uploads]
    priya = results[-1]["successResult"][0]
    assert priya["orgName"] == "Capital School"

    course = admin.course(0)
    course_id = course["identifier"]
    asset = admin.certificate_asset(titled=False)
    batch_id = ok(admin.post("/api/course/v1/batch/create", {
        "courseId": course_id, "name": "Uploaded cohort", "enrollmentType": "open",
        "startDate": "2026-08-10", "endDate": "2026-12-31"}))["batchId"]
    ok(admin.patch("/api/course/batch/cert/v1/template/add", {"batch": {
        "courseId": course_id, "batchId": batch_id, "template": {
            "identifier": asset["identifier"], "criteria": {"enrollment": {"status": 2}}}}}))

    learner = Sunbird(client, user_id=priya["id"])
    mine = learner.complete_course(course, batch_id)
    assert mine["status"] == 2 and mine["completionPercentage"] == 100
    assert [c["name"] for c in mine["issuedCertificates"]] == [asset["name"]]

    summary = ok(admin.post("/report/v1/collection/summary", {
        "filters": {"collectionId": course_id, "batchId": batch_id},
        "group_by": ["state", "dist"]}))
    assert (summary["enrolmentCount"], summary["completionCount"],
            summary["certificatesIssuedCount"]) == (1, 1, 1)
    assert summary["summary"]["state"] == [
        {"state": "Odisha", "enrolmentCount": 1, "completionCount": 1}]
    districts = summary["summary"]["district"]
    assert [d["district"] for d in districts] == ["Khordha"]
