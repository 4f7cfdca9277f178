"""Every refusal under SDR's paths is an SDR problem document, never Connexion's default."""

from __future__ import annotations

from tests.platforms.sdr.conftest import Sdr, learner, problem


def test_unknown_route_under_the_sdr_prefix_is_an_sdr_404(client, sdr: Sdr):
    body = problem(client.get("/submissions/v1.0/nothing", headers=sdr.headers()), 404, "NF1")
    assert body["instance"] == "/submissions/v1.0/nothing"


def test_wrong_method_is_an_sdr_405_with_allow(client, sdr: Sdr):
    response = client.patch("/submissions/v1.0/learners", headers=sdr.headers(), json={})
    problem(response, 405, "MA1")
    assert set(response.headers["Allow"].replace(" ", "").split(",")) >= {"PUT", "DELETE"}


def test_unsupported_content_type_is_an_sdr_415(client, sdr: Sdr):
    response = client.put("/submissions/v1.0/learners", content="localId=1",
                          headers=sdr.headers(**{"Content-Type": "text/plain"}))
    problem(response, 415, "CT1")


def test_malformed_json_is_an_sdr_400_and_stores_nothing(client, sdr: Sdr):
    sdr.token()
    response = client.put("/submissions/v1.0/learners", content='{"submissionToken": ',
                          headers=sdr.headers(**{"Content-Type": "application/json"}))
    body = problem(response, 400, "CV1")
    assert "Expecting value" in body["detail"]
    assert sdr.state("learners") == []


def test_empty_body_is_an_sdr_400(client, sdr: Sdr):
    response = client.put("/submissions/v1.0/learners", content="",
                          headers=sdr.headers(**{"Content-Type": "application/json"}))
    problem(response, 400, "CV1")


def test_body_of_the_wrong_type_is_an_sdr_400(client, sdr: Sdr):
    response = client.put("/submissions/v1.0/learners", json=[learner("L1")],
                          headers=sdr.headers())
    body = problem(response, 400, "CV1")
    assert body["errors"]["$"] == ["[{'localId': 'L1', 'studentIdentificationCode': 'SL1', "
                                   "'nationalStudentNumber': 123456789, 'gender': 'F', "
                                   "'dateOfBirth': '2001-04-12', 'nameIdCode': 'NGATA', "
                                   "'ethnicity': ['211']}] is not of type 'object'"]


def test_body_missing_submission_token_names_the_field(client, sdr: Sdr):
    response = client.put("/submissions/v1.0/learners", json={"content": [learner("L1")]},
                          headers=sdr.headers())
    body = problem(response, 400, "CV1")
    assert body["errors"]["$"] == ["'submissionToken' is a required property"]


def test_problem_documents_carry_every_reference_field(sdr: Sdr):
    body = problem(sdr.request_token("201901"), 404, "R1")
    assert set(body) == {"type", "title", "status", "detail", "instance", "errorCode",
                         "errorCodes", "errors"}
    assert set(body["errors"]) == {"returnId", "submissionToken", "content"}
    assert body["errorCodes"] == ["R1"]


def test_paths_no_platform_owns_get_problem_json(client):
    response = client.get("/definitely/not/here")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404
