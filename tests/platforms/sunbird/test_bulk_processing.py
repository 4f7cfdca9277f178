"""Upload processes on the sandbox clock: queued, in progress with counts, completed; one after
another; deterministic; their records visible to every other call and to the admin API."""

from __future__ import annotations

from tests.platforms.sunbird.conftest import (
    LOCATION_UPLOAD,
    ORG_UPLOAD,
    STATUS,
    USER_UPLOAD,
    Sunbird,
    ok,
)

HEADER = "NAME,EMAIL,SCHOOL ID,USER_TYPE,ROLES"


def users_csv(school: str, count: int, prefix: str = "p") -> str:
    rows = [f"Learner {n},{prefix}{n}@example.com,{school},student,PUBLIC" for n in range(count)]
    return "\n".join((HEADER, *rows)) + "\n"


def test_not_started_then_in_progress_with_counts_then_completed(sunbird: Sunbird):
    school = sunbird.my_org()["id"]
    before = len(sunbird.state("users"))
    process_id = ok(sunbird.upload(USER_UPLOAD, users_csv(school, 3000)))["processId"]
    queued = sunbird.status(process_id)
    assert queued == {"processId": process_id, "status": "NOT STARTED",
                      "message": "Operation is not started.", "taskCount": 3000,
                      "processedCount": 0}
    assert len(sunbird.state("users")) == before
    sunbird.advance(2 + 1.5)  # the start delay, then 1.5 s at 1,000 rows a second
    running = sunbird.status(process_id)
    assert running["status"] == "IN PROGRESS" and running["message"] == "Operation is in progress."
    assert running["processedCount"] == 1500 and "successResult" not in running
    assert len(sunbird.state("users")) == before + 1500
    sunbird.advance(1.5)
    done = sunbird.status(process_id)
    assert done["status"] == "COMPLETED" and done["objectType"] == "user"
    assert len(done["successResult"]) == 3000 and done["failureResult"] == []
    assert len(sunbird.state("users")) == before + 3000
    assert sunbird.state("upload_files") == []  # the text is dropped once processed


def test_processes_run_one_after_another(sunbird: Sunbird):
    school = sunbird.my_org()["id"]
    first = ok(sunbird.upload(USER_UPLOAD, users_csv(school, 4000, "a")))["processId"]
    second = ok(sunbird.upload(USER_UPLOAD, users_csv(school, 10, "b")))["processId"]
    sunbird.advance(5)
    assert sunbird.status(first)["status"] == "IN PROGRESS"
    assert sunbird.status(second)["status"] == "NOT STARTED"
    sunbird.advance(1.1)
    assert sunbird.status(first)["status"] == "COMPLETED"
    assert sunbird.status(second)["status"] == "COMPLETED"


def test_a_later_upload_sees_what_an_earlier_one_created(sunbird: Sunbird):
    ok(sunbird.upload(LOCATION_UPLOAD, "code,name,parentCode,parentId\nGA,Goa,,\n",
                      type="state"))
    ok(sunbird.upload(LOCATION_UPLOAD, "code,name,parentCode,parentId\nGA01,North Goa,GA,\n",
                      type="district"))
    ok(sunbird.upload(LOCATION_UPLOAD, "code,name,parentCode,parentId\nGA01B1,Bardez,GA01,\n",
                      type="block"))
    org = ok(sunbird.upload(ORG_UPLOAD, "SCHOOL NAME,BLOCK CODE,EXTERNAL ID,STATUS\n"
                                        "Bardez School,GA01B1,BRD-1,active\n"))["processId"]
    sunbird.advance(30)
    entry = sunbird.status(org)
    assert entry["failureResult"] == [] and entry["successResult"][0]["locationName"] == "Bardez"


def test_the_same_uploads_give_the_same_records(client):
    def run() -> list[dict[str, object]]:
        client.post("/__admin/reset", json={"seed": 42})
        sunbird = Sunbird(client)
        sunbird.processed(USER_UPLOAD, users_csv(sunbird.my_org()["id"], 20))
        return sunbird.state("users")

    assert run() == run()


def test_uploaded_records_show_in_the_admin_state_once_due(sunbird: Sunbird):
    ok(sunbird.upload(LOCATION_UPLOAD, "code,name,parentCode,parentId\nSK,Sikkim,,\n",
                      type="state"))
    assert "SK" not in {p["code"] for p in sunbird.state("locations")}
    sunbird.advance(3)  # no Sunbird call in between: the admin API applies what is due
    place = next(p for p in sunbird.state("locations") if p["code"] == "SK")
    assert place["type"] == "state" and place["id"]
    counts = sunbird.client.get("/__admin/state/sunbird").json()["collections"]
    assert counts["uploads"] == 1 and counts["upload_files"] == 0


def test_an_uploaded_user_can_sign_in_and_enrol(sunbird: Sunbird):
    created = sunbird.processed(USER_UPLOAD, users_csv(sunbird.my_org()["id"], 1))
    learner = Sunbird(sunbird.client, user_id=created["successResult"][0]["id"])
    batch = learner.batch_in_state(1)
    assert ok(learner.enrol(batch)) == {"response": "SUCCESS"}
    courses = ok(learner.get(f"/api/course/v1/user/enrollment/list/{learner.user_id}"))
    assert [c["batchId"] for c in courses["courses"]] == [batch["batchId"]]


def test_status_answers_in_the_envelope(sunbird: Sunbird):
    process_id = ok(sunbird.upload(USER_UPLOAD, users_csv(sunbird.my_org()["id"], 1)))[
        "processId"]
    body = sunbird.get(STATUS.format(process_id), **{"X-msgid": "m-1"}).json()
    assert body["id"] == "api.upload.status" and body["ver"] == "v1"
    assert body["params"]["msgid"] == "m-1"


def test_a_row_that_breaks_unexpectedly_fails_alone(sunbird: Sunbird, monkeypatch, caplog):
    from edumock.platforms.sunbird.models.bulk import processing

    real = processing.APPLY["user"]

    def flaky(context, row):
        if row["firstName"] == "Learner 1":
            raise KeyError("boom")
        return real(context, row)

    monkeypatch.setitem(processing.APPLY, "user", flaky)
    entry = sunbird.processed(USER_UPLOAD, users_csv(sunbird.my_org()["id"], 3))
    assert [row["firstName"] for row in entry["successResult"]] == ["Learner 0", "Learner 2"]
    assert [(row["firstName"], row["err_msg"]) for row in entry["failureResult"]] == [
        ("Learner 1", "server error")]
    assert "failed unexpectedly" in caplog.text
