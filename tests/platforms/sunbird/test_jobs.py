"""Data-exhaust job requests: submit, list by tag, progress on the sandbox clock."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.sunbird.conftest import Sunbird, ok, refused

SUBMIT = "/api/course/v1/jobrequest/submit"
LIST = "/api/course/v1/jobrequest/list"


def user_at_level(sunbird: Sunbird, level: str) -> str:
    """A seeded user whose root organisation has that security level."""
    orgs = {org["id"]: org["securityLevel"] for org in sunbird.state("organisations")}
    for user in sunbird.state("users"):
        if orgs.get(user["rootOrgId"]) == level:
            return str(user["id"])
    raise AssertionError(f"no seeded user in an organisation at {level}")


def as_level(sunbird: Sunbird, level: str) -> Sunbird:
    return Sunbird(sunbird.client, user_id=user_at_level(sunbird, level))


def job(tag: str = "course_batch", **extra: Any) -> dict[str, Any]:
    return {"tag": tag, "dataset": "progress-exhaust",
            "datasetConfig": {"batchId": "0126796199493140480"}, **extra}


def listed(sunbird: Sunbird, tag: str) -> list[dict[str, Any]]:
    result = ok(sunbird.get(f"{LIST}/{tag}"))
    assert result["count"] == len(result["jobs"])
    return list(result["jobs"])


def test_submit_answers_a_submitted_job_that_the_tag_lists(sunbird: Sunbird) -> None:
    caller = as_level(sunbird, "L1")
    result = ok(caller.post(SUBMIT, job("do_1_0126")))
    assert result["status"] == "SUBMITTED" and result["requestId"]
    assert result["tag"] == "do_1_0126" and result["dataset"] == "progress-exhaust"
    assert result["requestedBy"] == caller.user_id
    assert result["downloadUrls"] == [] and result["expires_at"] is None
    jobs = listed(caller, "do_1_0126")
    assert [j["requestId"] for j in jobs] == [result["requestId"]]
    assert jobs[0]["status"] == "SUBMITTED"


def test_the_job_moves_on_with_the_sandbox_clock(sunbird: Sunbird) -> None:
    caller = as_level(sunbird, "L1")
    request_id = ok(caller.post(SUBMIT, job("clock")))["requestId"]

    caller.advance(29)
    assert listed(caller, "clock")[0]["status"] == "SUBMITTED"

    caller.advance(1)
    processing = listed(caller, "clock")[0]
    assert processing["status"] == "PROCESSING"
    assert processing["downloadUrls"] == [] and processing["expires_at"] is None
    assert processing["dt_job_completed"] is None

    caller.advance(119)
    assert listed(caller, "clock")[0]["status"] == "PROCESSING"

    caller.advance(1)
    done = listed(caller, "clock")[0]
    assert done["requestId"] == request_id and done["status"] == "SUCCESS"
    assert done["downloadUrls"] and all(request_id in url for url in done["downloadUrls"])
    assert done["expires_at"] is not None and done["dt_job_completed"] is not None


@pytest.mark.parametrize("field", ["tag", "dataset", "datasetConfig"])
def test_mandatory_fields_are_named_when_missing(sunbird: Sunbird, field: str) -> None:
    caller = as_level(sunbird, "L1")
    request = job("missing")
    del request[field]
    refused(caller.post(SUBMIT, request), 400, "MANDATORY_PARAMETER_MISSING",
            f"Mandatory parameter {field} is missing.")
    request[field] = ""
    refused(caller.post(SUBMIT, request), 400, "MANDATORY_PARAMETER_MISSING",
            f"Mandatory parameter {field} is missing.")
    assert listed(caller, "missing") == []


def test_an_unknown_dataset_is_refused(sunbird: Sunbird) -> None:
    caller = as_level(sunbird, "L1")
    refused(caller.post(SUBMIT, job("bad", dataset="everything-exhaust")), 400,
            "INVALID_PARAMETER_VALUE",
            "Invalid value everything-exhaust for parameter dataset. Please provide a valid "
            "value.")
    assert listed(caller, "bad") == []


@pytest.mark.parametrize("level", ["L2", "L3"])
def test_protected_organisations_must_send_an_encryption_key(sunbird: Sunbird,
                                                            level: str) -> None:
    caller = as_level(sunbird, level)
    refused(caller.post(SUBMIT, job("secret")), 400, "MANDATORY_PARAMETER_MISSING",
            "Mandatory parameter encryptionKey is missing.")
    assert listed(caller, "secret") == []
    result = ok(caller.post(SUBMIT, job("secret", encryptionKey="s3cret")))
    assert result["status"] == "SUBMITTED"
    stored = [j for j in caller.state("jobs") if j["requestId"] == result["requestId"]]
    assert stored[0]["encrypted"] is True


@pytest.mark.parametrize("level", ["L1", "L4"])
def test_l1_and_l4_organisations_need_no_encryption_key(sunbird: Sunbird, level: str) -> None:
    caller = as_level(sunbird, level)
    result = ok(caller.post(SUBMIT, job("open")))
    stored = [j for j in caller.state("jobs") if j["requestId"] == result["requestId"]]
    assert stored[0]["encrypted"] is False


def test_the_list_only_shows_its_tag(sunbird: Sunbird) -> None:
    caller = as_level(sunbird, "L1")
    first = ok(caller.post(SUBMIT, job("tag-a")))["requestId"]
    ok(caller.post(SUBMIT, job("tag-b")))
    second = ok(caller.post(SUBMIT, job("tag-a", dataset="userinfo-exhaust")))["requestId"]
    assert [j["requestId"] for j in listed(caller, "tag-a")] == [first, second]


def test_the_list_of_an_unknown_tag_is_empty(sunbird: Sunbird) -> None:
    assert ok(sunbird.get(f"{LIST}/never-submitted")) == {"count": 0, "jobs": []}
