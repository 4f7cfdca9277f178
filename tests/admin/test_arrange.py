"""Arranging state through the admin API: records pass the platform's rules for their
collection, get the platform's ids, show through the platform's API, land in the request's
world (all or nothing) and are journaled as admin changes."""

from __future__ import annotations

from typing import Any

import pytest

from edumock.registry import PLATFORMS

TESLA_USERS = "/__admin/state/tesla/users"


def arrange(client: Any, platform: str, collection: str, body: Any, **headers: str) -> Any:
    return client.post(f"/__admin/state/{platform}/{collection}", json=body, headers=headers)


def stored(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 201, response.text
    return list(response.json()["records"])


def refused(response: Any, field: str, index: int | None = None) -> dict[str, Any]:
    assert response.status_code == 400, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["field"] == field and body.get("index") == index
    assert body["title"] == "Bad Request" and field in body["detail"]
    return dict(body)


def count(client: Any, platform: str, collection: str) -> int:
    return int(client.get(f"/__admin/state/{platform}")
               .json()["collections"][collection])


def tesla_headers(client: Any) -> dict[str, str]:
    token = client.post("/__admin/tokens", json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    return {"Authorization": f"JWT {token}"}


@pytest.mark.parametrize("platform", PLATFORMS, ids=lambda p: p.name)
def test_every_collection_has_rules_and_refuses_what_is_not_an_object(client, platform):
    assert set(platform.arrange) == set(platform.collections)
    for collection in platform.collections:
        response = arrange(client, platform.name, collection, [{}])
        required = platform.arrange[collection].schema.get("required")
        if required:
            refused(response, required[0], index=0)
        else:
            assert response.status_code == 201, response.text


def test_a_tesla_learner_arranged_is_one_the_api_serves(client):
    record = stored(arrange(client, "tesla", "users", {
        "institution_id": 1, "email": "given@pu1.ac.nz", "uid": "given-1",
        "is_learner": True, "first_name": "Aroha"}))[0]
    assert record["username"] == "given@pu1.ac.nz" and record["learner_id"]
    page = client.get("/api/v2/institution/1/learner/?search=given@pu1.ac.nz",
                      headers=tesla_headers(client)).json()
    assert [learner["id"] for learner in page["results"]] == [record["id"]]
    created = client.post("/api/v2/institution/1/learner/", headers=tesla_headers(client),
                          json={"email": "later@pu1.ac.nz", "uid": "later"}).json()
    assert created["id"] == record["id"] + 1  # ids continue the collection's sequence


def test_a_chosen_tesla_id_moves_the_sequence_past_it(client):
    record = stored(arrange(client, "tesla", "groups", {
        "id": 500, "institution_id": 1, "name": "Hand-picked"}))[0]
    assert record["id"] == 500
    follow = stored(arrange(client, "tesla", "groups", {"institution_id": 1, "name": "Next"}))
    assert follow[0]["id"] == 501
    refused(arrange(client, "tesla", "groups", {"id": 500, "institution_id": 1, "name": "x"}),
            "id")


@pytest.mark.parametrize(("record", "field"), [
    ({"institution_id": 1, "uid": "no-mail"}, "email"),
    ({"institution_id": "1", "email": "typed@pu1.ac.nz"}, "institution_id"),
    ({"institution_id": 1, "email": "x@pu1.ac.nz", "is_learner": "yes"}, "is_learner"),
    ({"institution_id": 99, "email": "x@pu1.ac.nz"}, "institution_id"),
    ({"institution_id": 1, "email": "someone@elsewhere.org"}, "email"),
])
def test_tesla_users_breaking_their_rules_are_refused(client, record, field):
    before = count(client, "tesla", "users")
    refused(arrange(client, "tesla", "users", record), field)
    assert count(client, "tesla", "users") == before


def test_a_tesla_email_or_uid_already_used_is_refused(client):
    taken = client.get(TESLA_USERS).json()["records"]
    learner = next(u for u in taken if u.get("is_learner") and u["institution_id"] == 1)
    refused(arrange(client, "tesla", "users", {
        "institution_id": 1, "email": learner["email"].upper(), "uid": "fresh"}), "email")
    refused(arrange(client, "tesla", "users", {
        "institution_id": 1, "email": "fresh@pu1.ac.nz", "uid": learner["uid"]}), "uid")


def test_a_refused_list_writes_nothing(client):
    before = count(client, "tesla", "users")
    body = refused(arrange(client, "tesla", "users", [
        {"institution_id": 1, "email": "one@pu1.ac.nz", "uid": "one"},
        {"institution_id": 1, "email": "one@pu1.ac.nz", "uid": "two"}]), "email", index=1)
    assert body["detail"].startswith("[1].email")
    assert count(client, "tesla", "users") == before
    sequence = client.get("/__admin/state/tesla/sequences").json()["records"]
    assert stored(arrange(client, "tesla", "users", {
        "institution_id": 1, "email": "one@pu1.ac.nz", "uid": "one"}))[0]["id"] == before + 1
    assert sequence  # the refused list did not move the sequence either


def test_consents_keep_their_unique_version(client):
    existing = client.get("/__admin/state/tesla/informed_consents").json()["records"][0]
    refused(arrange(client, "tesla", "informed_consents", {
        "institution_id": existing["institution_id"], "version": existing["version"]}),
        "version")


def test_an_sdr_return_period_arranged_takes_a_token(client):
    headers = {"Authorization": "Bearer " + client.post("/__admin/tokens", json={
        "platform": "sdr", "edumis": "6004"}).json()["token"], "EID": "6004"}
    period = stored(arrange(client, "sdr", "returns", {
        "edumis": "6004", "returnId": "209901", "openWindowDate": "2026-01-01T00:00:00Z",
        "closeWindowDate": "2099-02-20T23:59:59Z"}))[0]
    assert (period["returnYear"], period["returnMonth"], period["returnType"]) == (
        2099, 1, "Indicative")
    granted = client.post("/submissions/v1.0/token/209901", headers=headers)
    assert granted.status_code == 200, granted.text
    refused(arrange(client, "sdr", "returns", {
        "edumis": "0000", "returnId": "209901", "openWindowDate": "x",
        "closeWindowDate": "y"}), "edumis")
    refused(arrange(client, "sdr", "tokens", {"edumis": "6004", "returnId": "209901"}),
            "returnId")  # one live token per organisation and return


def test_sdr_uploaded_records_hang_off_a_token(client):
    refused(arrange(client, "sdr", "learners", {
        "submissionToken": "nope", "localId": "L1", "record": {}}), "submissionToken")
    refused(arrange(client, "sdr", "learners", {"submissionToken": "nope", "localId": "L1"}),
            "record")


def test_a_sunbird_batch_arranged_is_read_through_the_api(client):
    course = client.get("/__admin/state/sunbird/courses").json()["records"][0]
    batch = stored(arrange(client, "sunbird", "batches", {
        "courseId": course["identifier"], "name": "Arranged batch",
        "startDate": "2026-08-01"}))[0]
    assert batch["batchId"] == batch["id"] == batch["identifier"]
    assert batch["batchId"].isdecimal() and batch["cert_templates"] == {}
    creds = client.post("/__admin/tokens", json={"platform": "sunbird"}).json()
    read = client.get(f"/api/course/v1/batch/read/{batch['batchId']}", headers={
        "Authorization": f"Bearer {creds['apiKey']}",
        "x-authenticated-user-token": creds["userToken"]})
    assert read.status_code == 200, read.text
    assert read.json()["result"]["response"]["name"] == "Arranged batch"
    refused(arrange(client, "sunbird", "batches", {
        "courseId": "do_missing", "name": "x", "startDate": "2026-08-01"}), "courseId")


def test_sunbird_keeps_one_enrolment_per_user_and_batch_and_unique_emails(client):
    enrolment = client.get("/__admin/state/sunbird/enrolments").json()["records"][0]
    refused(arrange(client, "sunbird", "enrolments", {
        "userId": enrolment["userId"], "batchId": enrolment["batchId"]}), "batchId")
    org = client.get("/__admin/state/sunbird/organisations").json()["records"][0]
    user = {"firstName": "Asha", "rootOrgId": org["id"], "email": "asha@example.org"}
    made = stored(arrange(client, "sunbird", "users", user))[0]
    assert made["id"] == made["userId"] and made["organisationId"] == org["id"]
    refused(arrange(client, "sunbird", "users", {**user, "email": "ASHA@example.org"}),
            "email")


def test_arranging_and_removing_follow_the_world_header(client):
    w1 = {"X-Edumock-World": "arrange-w1"}
    record = stored(arrange(client, "tesla", "users", {
        "institution_id": 1, "email": "w1@pu1.ac.nz", "uid": "w1"}, **w1))[0]
    default = client.get(TESLA_USERS).json()["records"]
    assert all(user["email"] != "w1@pu1.ac.nz" for user in default)
    in_w1 = client.get(TESLA_USERS, headers=w1).json()["records"]
    assert any(user["id"] == record["id"] for user in in_w1)
    assert client.delete(f"{TESLA_USERS}/{record['id']}").status_code == 404
    assert client.delete(f"{TESLA_USERS}/{record['id']}", headers=w1).status_code == 204


def test_both_calls_are_journaled_as_admin_changes(client):
    client.delete("/__admin/requests")
    record = stored(arrange(client, "tesla", "groups", {"institution_id": 1, "name": "J"}))[0]
    arrange(client, "tesla", "groups", {"institution_id": 1})
    client.delete(f"/__admin/state/tesla/groups/{record['id']}")
    client.get("/__admin/state/tesla/groups")  # a read is not journaled
    entries = client.get("/__admin/requests", params={"verdict": "admin"}).json()["requests"]
    assert [(e["operationId"], e["status"], e["platform"]) for e in entries] == [
        ("state.arrange", 201, "tesla"), ("state.arrange", 400, "tesla"),
        ("state.remove", 204, "tesla")]
    created = {(c["collection"], c["key"], c["kind"]) for c in entries[0]["changes"]}
    assert ("groups", str(record["id"]), "created") in created
    assert entries[2]["changes"] == [{"store": "tesla", "collection": "groups",
                                      "key": str(record["id"]), "kind": "deleted"}]
    assert client.get("/__admin/coverage", params={"platform": "tesla"}).json()[
        "platforms"]["tesla"]["refusals"] == {}


def test_unknown_platforms_collections_and_records_are_404_problems(client):
    for response in (arrange(client, "moodle", "users", {}),
                     arrange(client, "tesla", "learners", {}),
                     client.delete("/__admin/state/tesla/users/99999"),
                     client.delete("/__admin/state/nope/users/1")):
        assert response.status_code == 404, response.text
        assert response.headers["content-type"] == "application/problem+json"
    assert arrange(client, "tesla", "users", "a string").status_code == 400
    assert arrange(client, "tesla", "users", []).status_code == 400
