"""The envelope, the gateway key and the user token, as the real service and gateway answer."""

from __future__ import annotations

from tests.platforms.sunbird.conftest import Sunbird, ok, refused


def test_success_envelope_names_the_backend_operation_and_echoes_x_msgid(sunbird: Sunbird):
    batch = sunbird.state("batches")[0]
    response = sunbird.get(f"/api/course/v1/batch/read/{batch['batchId']}", **{"X-msgid": "m-1"})
    ok(response)
    body = response.json()
    assert body["id"] == "api.course.batch.read" and body["ver"] == "v1"
    assert body["params"] == {"resmsgid": None, "msgid": "m-1", "err": None,
                              "status": "success", "errmsg": None}
    assert body["ts"] == "2026-08-10 09:30:00:000+0000"


def test_batch_list_answers_as_batch_search(sunbird: Sunbird):
    response = sunbird.post("/api/course/v1/batch/list", {"filters": {}})
    ok(response)
    assert response.json()["id"] == "api.course.batch.search"


def test_missing_api_key_is_the_gateways_401(sunbird: Sunbird, client):
    response = client.post("/api/course/v1/enrol", json={"request": {}},
                           headers={"x-authenticated-user-token": sunbird.user_token})
    assert response.status_code == 401 and response.json() == {"message": "Unauthorized"}


def test_wrong_api_key_is_the_gateways_401(sunbird: Sunbird, client):
    response = client.post("/api/course/v1/enrol", json={"request": {}}, headers={
        "Authorization": "Bearer not-the-key", "x-authenticated-user-token": sunbird.user_token})
    assert response.status_code == 401
    assert response.json() == {"message": "Invalid authentication credentials"}


def test_missing_user_token_is_unauthorized_user_in_the_envelope(sunbird: Sunbird, client):
    response = client.post("/api/course/v1/enrol", json={"request": {}},
                           headers={"Authorization": f"Bearer {sunbird.api_key}"})
    body = refused(response, 401, "UNAUTHORIZED_USER", "You are not authorized.")
    assert body["params"]["status"] == "SERVER_ERROR"  # the real service's quirk
    assert body["id"] == "api.course.enroll"


def test_forged_or_expired_user_token_is_unauthorized(sunbird: Sunbird, client):
    forged = sunbird.headers(**{"x-authenticated-user-token": sunbird.user_token[:-4] + "AAAA"})
    refused(client.post("/api/course/v1/enrol", json={"request": {}}, headers=forged), 401,
            "UNAUTHORIZED_USER")
    sunbird.advance(3600)
    refused(sunbird.post("/api/course/v1/enrol", {}), 401, "UNAUTHORIZED_USER")


def test_unprotected_apis_need_only_the_api_key(sunbird: Sunbird, client):
    response = client.post("/api/course/v1/batch/list", json={"request": {"filters": {}}},
                           headers={"Authorization": f"Bearer {sunbird.api_key}"})
    ok(response)


def test_the_client_librarys_headers_are_accepted(sunbird: Sunbird):
    batch = sunbird.state("batches")[0]
    response = sunbird.get(f"/api/course/v1/batch/read/{batch['batchId']}", **{
        "X-Channel-Id": "channel-1", "X-App-Id": "app", "X-Device-Id": "device",
        "Content-Type": "application/json, text/plain",
        "Access-Control-Allow-Origin": "*"})
    ok(response)


def test_malformed_json_is_a_client_error_in_the_envelope(sunbird: Sunbird, client):
    response = client.post("/api/course/v1/enrol", content='{"request": ',
                           headers={**sunbird.headers(), "Content-Type": "application/json"})
    refused(response, 400, "INVALID_REQUESTED_DATA")


def test_unknown_path_under_a_sunbird_prefix_is_resource_not_found(sunbird: Sunbird):
    refused(sunbird.get("/api/course/v1/nothing"), 404, "RESOURCE_NOT_FOUND")


def test_admin_minting_for_an_unknown_user_is_refused(client):
    response = client.post("/__admin/tokens", json={"platform": "sunbird", "userId": "nobody"})
    assert response.status_code == 404
