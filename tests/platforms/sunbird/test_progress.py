"""Content state: recorded per user, course and batch; completion issues certificates once."""

from __future__ import annotations

from tests.platforms.sunbird.conftest import Sunbird, ok, refused

UPDATE = "/api/course/v1/content/state/update"
READ = "/api/course/v1/content/state/read"


def _enrolled(sunbird: Sunbird) -> tuple[dict, dict]:
    batch = sunbird.batch_in_state(1)
    ok(sunbird.enrol(batch))
    course = next(c for c in sunbird.state("courses") if c["identifier"] == batch["courseId"])
    return batch, course


def _contents(batch: dict, leaves: list[str], status: int = 2) -> list[dict]:
    return [{"contentId": leaf, "batchId": batch["batchId"], "courseId": batch["courseId"],
             "status": status, "lastAccessTime": "2026-08-10 09:30:00:000+0000"}
            for leaf in leaves]


def test_update_records_each_content_and_read_returns_it(sunbird: Sunbird):
    batch, course = _enrolled(sunbird)
    leaf = course["leafNodes"][0]
    result = ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id,
                                       "contents": _contents(batch, [leaf], 1)}))
    assert result == {leaf: "SUCCESS"}
    contents = ok(sunbird.post(READ, {"userId": sunbird.user_id, "courseId": batch["courseId"],
                                      "batchId": batch["batchId"]}))["contentList"]
    assert [(c["contentId"], c["status"]) for c in contents] == [(leaf, 1)]


def test_status_never_goes_back(sunbird: Sunbird):
    batch, course = _enrolled(sunbird)
    leaf = course["leafNodes"][0]
    ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "contents": _contents(batch, [leaf])}))
    ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id,
                              "contents": _contents(batch, [leaf], 1)}))
    contents = ok(sunbird.post(READ, {"userId": sunbird.user_id, "courseId": batch["courseId"],
                                      "batchId": batch["batchId"]}))["contentList"]
    assert contents[0]["status"] == 2


def test_the_client_librarys_flat_update_body_is_accepted(sunbird: Sunbird):
    batch, course = _enrolled(sunbird)
    leaf = course["leafNodes"][1]
    result = ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "courseId": batch["courseId"],
                                       "batchId": batch["batchId"], "contentId": leaf,
                                       "status": 2}))
    assert result == {leaf: "SUCCESS"}


def test_read_takes_the_user_from_the_token_not_the_request(sunbird: Sunbird):
    batch, course = _enrolled(sunbird)
    ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id,
                              "contents": _contents(batch, course["leafNodes"][:1])}))
    contents = ok(sunbird.post(READ, {"userId": "someone-else", "courseId": batch["courseId"],
                                      "batchId": batch["batchId"]}))["contentList"]
    assert len(contents) == 1 and contents[0]["userId"] == sunbird.user_id


def test_read_needs_user_course_and_batch(sunbird: Sunbird):
    refused(sunbird.post(READ, {"courseId": "c", "batchId": "b"}), 400,
            "MANDATORY_PARAMETER_MISSING", "Mandatory parameter userId is missing.")
    refused(sunbird.post(READ, {"userId": "u", "batchId": "b"}), 400,
            "MANDATORY_PARAMETER_MISSING", "Mandatory parameter courseId is missing.")
    refused(sunbird.post(READ, {"userId": "u", "courseIds": ["c"]}), 400,
            "MANDATORY_PARAMETER_MISSING", "Mandatory parameter batchId is missing.")


def test_update_refusals(sunbird: Sunbird):
    batch, course = _enrolled(sunbird)
    leaf = course["leafNodes"][0]
    bad_status = _contents(batch, [leaf], 7)
    refused(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "contents": bad_status}), 400,
            "INVALID_PROGRESS_STATUS",
            "Progress status value should be NOT_STARTED(0), STARTED(1), COMPLETED(2).")
    bad_time = _contents(batch, [leaf])
    bad_time[0]["lastCompletedTime"] = "2026-08-10T09:30:00Z"
    refused(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "contents": bad_time}), 400,
            "DATE_FORMAT_ERRROR", "Date format error.")
    collection_only = _contents(batch, [leaf])
    collection_only[0]["collectionId"] = collection_only[0].pop("courseId")
    refused(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "contents": collection_only}),
            400, "COURSE_ID_REQUIRED_ERROR", "Course id is mandatory.")
    no_content = _contents(batch, [leaf])
    del no_content[0]["contentId"]
    refused(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "contents": no_content}), 400,
            "CONTENT_ID_REQUIRED_ERROR", "Content id is mandatory.")
    no_status = _contents(batch, [leaf])
    del no_status[0]["status"]
    refused(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "contents": no_status}), 400,
            "CONTENT_STATUS_MISSING_ERROR", "content status is required .")
    refused(sunbird.patch(UPDATE, {"contents": _contents(batch, [leaf])}), 400,
            "USERID_MISSING", "UserId is mandatory.")


def test_contents_of_unknown_or_not_ongoing_batches_are_listed_not_recorded(sunbird: Sunbird):
    batch, course = _enrolled(sunbird)
    ended = sunbird.batch_in_state(2)
    contents = [*_contents(batch, course["leafNodes"][:1]),
                {**_contents(batch, ["do_a"])[0], "batchId": "0100"},
                {**_contents(ended, ["do_b"])[0]}]
    result = ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id, "contents": contents}))
    assert result == {course["leafNodes"][0]: "SUCCESS", "BATCH_NOT_EXISTS": ["0100"],
                      "NOT_A_ON_GOING_BATCH": [ended["batchId"]]}


def test_update_for_a_course_not_enrolled_changes_nothing(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    refused(sunbird.patch(UPDATE, {"userId": sunbird.user_id,
                                   "contents": _contents(batch, ["do_x"])}),
            400, "USER_NOT_ENROLLED_COURSE")


def test_completing_every_leaf_completes_the_enrolment_and_issues_certificates_once(
        sunbird: Sunbird):
    batch, course = _enrolled(sunbird)
    asset = sunbird.certificate_asset(titled=True)
    template = {"identifier": asset["identifier"], "criteria": {"enrollment": {"status": 2}},
                "issuer": {"name": "Edumock"}, "signatoryList": []}
    ok(sunbird.patch("/api/course/batch/cert/v1/template/add", {"batch": {
        "courseId": batch["courseId"], "batchId": batch["batchId"], "template": template}}))
    leaves = course["leafNodes"]
    ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id,
                              "contents": _contents(batch, leaves[:-1])}))
    listed = ok(sunbird.get(f"/api/course/v1/user/enrollment/list/{sunbird.user_id}"))
    partial = listed["courses"][0]
    assert partial["status"] == 1 and partial["issuedCertificates"] == []
    assert partial["completionPercentage"] == round((len(leaves) - 1) * 100 / len(leaves))
    ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id,
                              "contents": _contents(batch, leaves[-1:])}))
    ok(sunbird.patch(UPDATE, {"userId": sunbird.user_id,
                              "contents": _contents(batch, leaves[-1:])}))
    done = ok(sunbird.get(f"/api/course/v1/user/enrollment/list/{sunbird.user_id}"))[
        "courses"][0]
    assert done["status"] == 2 and done["completionPercentage"] == 100
    assert done["progress"] == len(leaves) and done["completedOn"] is not None
    assert [c["name"] for c in done["issuedCertificates"]] == [asset["data"]["title"]]
    refused(sunbird.post("/api/course/v1/unenrol", {
        "courseId": batch["courseId"], "batchId": batch["batchId"],
        "userId": sunbird.user_id}), 400, "COURSE_BATCH_ALREADY_COMPLETED")
