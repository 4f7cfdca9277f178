"""Group activity aggregates and collection summaries."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.sunbird.conftest import Sunbird, client_error, ok, refused

AGG = "/api/data/v1/group/activity/agg"
SUMMARY = "/report/v1/collection/summary"
STATE_UPDATE = "/api/course/v1/content/state/update"
TEMPLATE = "/api/course/batch/cert/v1/template"


# helpers

def course_by_id(sunbird: Sunbird, course_id: str) -> dict[str, Any]:
    return next(c for c in sunbird.state("courses") if c["identifier"] == course_id)


def read_batch(sunbird: Sunbird, batch_id: str) -> dict[str, Any]:
    return dict(ok(sunbird.get(f"/api/course/v1/batch/read/{batch_id}"))["response"])


def batch_of(sunbird: Sunbird, course_id: str, status: int = 1) -> dict[str, Any]:
    """A seeded batch of that course, ongoing unless told otherwise."""
    for batch in sunbird.state("batches"):
        if batch["courseId"] == course_id:
            read = read_batch(sunbird, batch["batchId"])
            if read["status"] == status:
                return read
    raise AssertionError(f"no batch of {course_id} with status {status}")


def enrolled_in(sunbird: Sunbird, course_id: str, batch_id: str | None = None) -> set[str]:
    """Users with an enrolment (active or not) in the course, or in one batch of it."""
    return {e["userId"] for e in sunbird.state("enrolments")
            if e["courseId"] == course_id and batch_id in (None, e["batchId"])}


def complete(sunbird: Sunbird, batch: dict[str, Any], user_id: str) -> None:
    """Mark every leaf of the batch's course complete for the user."""
    leaves = course_by_id(sunbird, batch["courseId"])["leafNodes"]
    result = ok(sunbird.patch(STATE_UPDATE, {"userId": user_id, "contents": [
        {"contentId": leaf, "courseId": batch["courseId"], "batchId": batch["batchId"],
         "status": 2} for leaf in leaves]}))
    assert result == dict.fromkeys(leaves, "SUCCESS")


def aggregate(sunbird: Sunbird, group_id: str, course_id: str) -> dict[str, Any]:
    result = ok(sunbird.post(AGG, {"groupId": group_id, "activityId": course_id,
                                   "activityType": "Course"}))
    assert result["groupId"] == group_id
    assert result["activity"]["id"] == course_id and result["activity"]["type"] == "Course"
    return result


def metrics(result: dict[str, Any]) -> dict[str, Any]:
    return {m["metric"]: m["value"] for m in result["activity"]["agg"]}


def summary(sunbird: Sunbird, batch: dict[str, Any]) -> dict[str, Any]:
    return ok(sunbird.post(SUMMARY, {
        "filters": {"collectionId": batch["courseId"], "batchId": batch["batchId"]},
        "group_by": ["state", "dist"]}))


def counts(result: dict[str, Any], level: str, place: str) -> tuple[int, int]:
    row = next((r for r in result["summary"][level] if r[level] == place), None)
    return (row["enrolmentCount"], row["completionCount"]) if row else (0, 0)


def add_template(sunbird: Sunbird, batch: dict[str, Any]) -> Any:
    """Attach a seeded certificate template (its issuer and signatories the asset's)."""
    return sunbird.patch(f"{TEMPLATE}/add", {"batch": {
        "courseId": batch["courseId"], "batchId": batch["batchId"], "template": {
            "identifier": sunbird.certificate_asset()["identifier"],
            "criteria": {"enrollment": {"status": 2}}}}})


# group activity aggregate

def test_group_activity_checks_its_fields_in_order(sunbird: Sunbird) -> None:
    refused(sunbird.post(AGG, {}), 400, "GROUP_ID_MISSING", "GroupId is mandatory.")
    refused(sunbird.post(AGG, {"activityId": "do_1", "activityType": "Course"}), 400,
            "GROUP_ID_MISSING", "GroupId is mandatory.")
    refused(sunbird.post(AGG, {"groupId": "g-1", "activityType": "Course"}), 400,
            "ACTIVITY_ID_MISSING", "ActivityId is mandatory.")
    refused(sunbird.post(AGG, {"groupId": "g-1", "activityId": "do_1"}), 400,
            "ACTIVITY_TYPE_MISSING", "ActivityType is mandatory.")


def test_group_activity_of_an_unknown_group_is_not_found(sunbird: Sunbird) -> None:
    course = sunbird.course()
    refused(sunbird.post(AGG, {"groupId": "no-such-group", "activityId": course["identifier"],
                               "activityType": "Course"}),
            404, "RESOURCE_NOT_FOUND", "Requested resource not found")


def test_group_activity_of_a_group_without_members_is_a_codeless_client_error(client) -> None:
    snapshot = client.get("/__admin/snapshot").json()
    groups = snapshot["stores"]["sunbird"]["groups"]
    group_id = next(iter(groups))
    groups[group_id]["members"] = []
    assert client.put("/__admin/snapshot", json=snapshot).status_code == 200
    sunbird = Sunbird(client)
    client_error(sunbird.post(AGG, {"groupId": group_id, "activityId": "do_1",
                                    "activityType": "Course"}),
                 "No member found in this group.")


def test_group_activity_counts_enrolments_and_completions(sunbird: Sunbird) -> None:
    group = sunbird.state("groups")[0]
    course_id = group["activities"][0]["id"]
    batch = batch_of(sunbird, course_id)
    fresh = [m for m in group["members"] if m not in enrolled_in(sunbird, course_id)]
    assert len(fresh) >= 2, "the seeded group needs two members outside the course"
    before = metrics(aggregate(sunbird, group["id"], course_id))

    for member in fresh[:2]:
        ok(sunbird.enrol(batch, member))
    enrolled = metrics(aggregate(sunbird, group["id"], course_id))
    assert enrolled["enrolmentCount"] == before["enrolmentCount"] + 2
    assert enrolled["completedCount"] == before["completedCount"]

    complete(sunbird, batch, fresh[0])
    result = aggregate(sunbird, group["id"], course_id)
    after = metrics(result)
    assert after["enrolmentCount"] == before["enrolmentCount"] + 2
    assert after["completedCount"] == before["completedCount"] + 1
    leaves = course_by_id(sunbird, course_id)["leafNodes"]
    assert after["leafNodesCount"] == len(leaves)
    assert {m["userId"] for m in result["members"]} == set(group["members"])
    member = next(m for m in result["members"] if m["userId"] == fresh[0])
    assert member["agg"][0] == {"metric": "completedCount", "value": len(leaves),
                                "lastUpdatedOn": member["agg"][0]["lastUpdatedOn"]}


def test_group_activity_ignores_non_members_and_unenrolled_members(sunbird: Sunbird) -> None:
    group = sunbird.state("groups")[0]
    course_id = group["activities"][0]["id"]
    batch = batch_of(sunbird, course_id)
    outsiders = [u["id"] for u in sunbird.state("users")
                 if u["id"] not in group["members"]
                 and u["id"] not in enrolled_in(sunbird, course_id)]
    fresh = [m for m in group["members"] if m not in enrolled_in(sunbird, course_id)]
    before = metrics(aggregate(sunbird, group["id"], course_id))

    ok(sunbird.enrol(batch, outsiders[0]))
    assert metrics(aggregate(sunbird, group["id"], course_id)) == before

    ok(sunbird.enrol(batch, fresh[0]))
    ok(sunbird.post("/api/course/v1/unenrol", {"courseId": batch["courseId"],
                                               "batchId": batch["batchId"],
                                               "userId": fresh[0]}))
    assert metrics(aggregate(sunbird, group["id"], course_id)) == before


# collection summary

def test_collection_summary_counts_enrolments_completions_and_certificates(
        sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    taken = enrolled_in(sunbird, batch["courseId"], batch["batchId"])
    users = [u for u in sunbird.state("users") if u["id"] not in taken]
    first = users[0]
    second = next(u for u in users if u["state"] != first["state"])
    before = summary(sunbird, batch)
    assert before["collectionId"] == batch["courseId"] and before["batchId"] == batch["batchId"]
    assert before["name"] == course_by_id(sunbird, batch["courseId"])["name"]

    ok(add_template(sunbird, batch))
    ok(sunbird.enrol(batch, first["id"]))
    ok(sunbird.enrol(batch, second["id"]))
    complete(sunbird, batch, first["id"])
    after = summary(sunbird, batch)

    assert after["enrolmentCount"] == before["enrolmentCount"] + 2
    assert after["completionCount"] == before["completionCount"] + 1
    assert after["certificatesIssuedCount"] == before["certificatesIssuedCount"] + 1
    for user, completed in ((first, 1), (second, 0)):
        enrolments, completions = counts(before, "state", user["state"])
        assert counts(after, "state", user["state"]) == (enrolments + 1, completions + completed)
        enrolments, completions = counts(before, "district", user["district"])
        assert counts(after, "district", user["district"]) == (enrolments + 1,
                                                                completions + completed)
    assert sum(r["enrolmentCount"] for r in after["summary"]["state"]) == after["enrolmentCount"]
    assert (sum(r["completionCount"] for r in after["summary"]["district"])
            == after["completionCount"])


def test_collection_summary_without_a_template_issues_no_certificate(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    taken = enrolled_in(sunbird, batch["courseId"], batch["batchId"])
    user = next(u for u in sunbird.state("users") if u["id"] not in taken)
    before = summary(sunbird, batch)
    ok(sunbird.enrol(batch, user["id"]))
    complete(sunbird, batch, user["id"])
    after = summary(sunbird, batch)
    assert after["completionCount"] == before["completionCount"] + 1
    assert after["certificatesIssuedCount"] == before["certificatesIssuedCount"]


def test_collection_summary_without_group_by_has_no_summary(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    result = ok(sunbird.post(SUMMARY, {"filters": {"collectionId": batch["courseId"],
                                                   "batchId": batch["batchId"]}}))
    assert "summary" not in result and result["batchId"] == batch["batchId"]


@pytest.mark.parametrize("missing", ["collectionId", "batchId"])
def test_collection_summary_needs_collection_and_batch(sunbird: Sunbird, missing: str) -> None:
    batch = sunbird.batch_in_state(1)
    filters = {"collectionId": batch["courseId"], "batchId": batch["batchId"]}
    del filters[missing]
    name = "courseId/collectionId" if missing == "collectionId" else missing
    refused(sunbird.post(SUMMARY, {"filters": filters}), 400, "MANDATORY_PARAMETER_MISSING",
            f"Mandatory parameter {name} is missing.")


def test_collection_summary_refuses_a_batch_of_another_collection(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    other = next(c for c in sunbird.state("courses") if c["identifier"] != batch["courseId"])
    refused(sunbird.post(SUMMARY, {"filters": {"collectionId": other["identifier"],
                                               "batchId": batch["batchId"]}}),
            400, "INVALID_COURSE_BATCH_ID", "Invalid course batch id ")
    refused(sunbird.post(SUMMARY, {"filters": {"collectionId": batch["courseId"],
                                               "batchId": "0100000000000000000"}}),
            400, "INVALID_COURSE_BATCH_ID")
