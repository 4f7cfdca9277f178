"""What fuzzing our contracts found, one request each, so a fix cannot quietly come undone.

Every request here used to be answered with a 500 (or a response breaking our
spec); docs/reliability.md says which run found it and where it was fixed.
"""

from __future__ import annotations

from typing import Any

import pytest

from edumock.platforms.tesla.errors import DJANGO_NOT_FOUND

TESLA = "/api/v2/institution/1"


@pytest.fixture
def tesla(client: Any) -> dict[str, str]:
    minted = client.post("/__admin/tokens", json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()
    return {"Authorization": f"JWT {minted['token']}"}


@pytest.fixture
def sdr(client: Any) -> dict[str, str]:
    minted = client.post("/__admin/tokens", json={"platform": "sdr", "edumis": "6004"}).json()
    return {"Authorization": f"Bearer {minted['token']}", "EID": "6004"}


@pytest.fixture
def sunbird(client: Any) -> dict[str, str]:
    minted = client.post("/__admin/tokens", json={"platform": "sunbird"}).json()
    return {"Authorization": f"Bearer {minted['apiKey']}",
            "x-authenticated-user-token": minted["userToken"]}


def test_a_newline_in_a_path_parameter_is_routed_like_any_other_value(
        client: Any, tesla: dict[str, str], sdr: dict[str, str]) -> None:
    """Such paths used to miss Connexion's routes yet reach Flask's view: a 500."""
    response = client.get(f"{TESLA}/vle/%0A/", headers=tesla)
    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
    response = client.get(f"{TESLA}/vle/%0A", headers=tesla, follow_redirects=False)
    assert response.status_code == 301  # like any path without its slash, not the list's route
    assert response.headers["location"] == f"{TESLA}/vle/%0A/"
    response = client.delete("/submissions/v1.0/token/%0A/delete", headers=sdr)
    assert response.status_code == 400
    assert response.json()["errorCode"] == "SC1"
    assert response.json()["instance"] == "/submissions/v1.0/token/\n/delete"


def test_a_path_no_operation_matches_is_the_platforms_404(
        client: Any, tesla: dict[str, str], sdr: dict[str, str]) -> None:
    """Flask's own slash redirects used to surface as 500s."""
    response = client.get(f"{TESLA}/vle//", headers=tesla)
    assert (response.status_code, response.text) == (404, DJANGO_NOT_FOUND)
    response = client.get("/submissions/v1.0//returns", headers=sdr)
    assert (response.status_code, response.json()["errorCode"]) == (404, "NF1")


def test_a_multipart_body_without_a_boundary_is_a_malformed_body(
        client: Any, tesla: dict[str, str], sunbird: dict[str, str]) -> None:
    response = client.post(f"{TESLA}/ic/1/document/", content=b"{}",
                           headers={**tesla, "Content-Type": "multipart/form-data"})
    assert (response.status_code, response.json()) == (400, {
        "detail": "Multipart form parse error - Missing boundary in multipart."})
    response = client.post("/api/user/v1/upload",
                           headers={**sunbird, "Content-Type": "multipart/form-data"})
    assert response.status_code == 400
    assert response.json()["params"]["err"] == "INVALID_REQUESTED_DATA"


@pytest.mark.parametrize("paging", [{"limit": "x"}, {"offset": "x"}, {"limit": -1}])
def test_batch_search_paging_must_be_a_count(client: Any, sunbird: dict[str, str],
                                             paging: dict[str, Any]) -> None:
    response = client.post("/api/course/v1/batch/list", headers=sunbird,
                           json={"request": {"filters": {}, **paging}})
    assert response.status_code == 400
    assert response.json()["params"]["err"] == "INVALID_REQUESTED_DATA"


def test_batch_search_paging_may_still_be_null(client: Any, sunbird: dict[str, str]) -> None:
    response = client.post("/api/course/v1/batch/list", headers=sunbird,
                           json={"request": {"filters": {}, "limit": None, "offset": None}})
    assert response.status_code == 200


@pytest.mark.parametrize(("path", "status"), [
    (f"{TESLA}/learner/%C2%B3/", 404),  # "³" is a digit that int() refuses
    (f"{TESLA}/group/?parent=%C2%B2", 400),  # not one of the choices, as the real server says
    (f"{TESLA}/group/?parent=--1", 400),
    (f"{TESLA}/course/1/activity/1/report/?level=%C2%B2", 200),  # not a number: nothing matches
    (f"{TESLA}/course/1/activity/1/report/?identity_level__gte=--2", 400),  # not a number
])
def test_tesla_ids_and_numeric_filters_that_are_not_numbers(
        client: Any, tesla: dict[str, str], path: str, status: int) -> None:
    assert client.get(path, headers=tesla).status_code == status


def test_an_informed_consent_version_with_a_superscript_is_refused(
        client: Any, tesla: dict[str, str]) -> None:
    response = client.post(f"{TESLA}/ic/", headers=tesla, json={
        "version": "1.\u00b2.3", "valid_from": "2026-09-01T00:00:00Z"})
    assert response.status_code == 400
    assert list(response.json()) == ["version"]


def test_pagination_links_are_uris_whatever_the_path_holds(
        client: Any, tesla: dict[str, str]) -> None:
    response = client.get("/api/v2/institution/%C3%A9/instrument/?limit=1", headers=tesla)
    assert response.status_code == 200
    assert response.json()["next"] == (
        "http://testserver/api/v2/institution/%C3%A9/instrument/?limit=1&offset=1")


def test_a_problem_documents_instance_is_the_path_as_requested(
        client: Any, sdr: dict[str, str]) -> None:
    """Starlette's ``url.path`` drops tabs and newlines; the problem named another path."""
    response = client.get("/submissions/v1.0/validation/a%09b",
                          headers={"Authorization": sdr["Authorization"]})
    assert response.status_code == 400
    assert response.json()["instance"] == "/submissions/v1.0/validation/a\tb"


def test_an_admin_405_names_the_methods_the_path_declares(client: Any) -> None:
    """RFC 9110: a 405 carries ``Allow``; the admin API's used to carry none, or one route's."""
    response = client.request("OPTIONS", "/__admin/faults")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, POST, DELETE, HEAD"


def test_a_fixed_path_answers_only_its_own_methods(client: Any, tesla: dict[str, str]) -> None:
    """``ic/current/`` declares GET; PUT used to reach ``ic/{id}/`` with the id "current", and
    the ``Allow`` of a 405 there listed both paths' methods. Django tries the fixed route first;
    its OPTIONS describes that route, not ``ic/{id}/``."""
    response = client.request("PUT", f"{TESLA}/ic/current/", headers=tesla, json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET, HEAD, OPTIONS"
    described = client.request("OPTIONS", f"{TESLA}/ic/current/", headers=tesla)
    assert (described.status_code, described.json()["name"]) == (200, "Current")


def test_a_json_null_is_a_body_of_the_wrong_type(client: Any, tesla: dict[str, str],
                                                  sunbird: dict[str, str]) -> None:
    """An optional body may be left out; a ``null`` or blank one used to pass as if it had
    been."""
    json_type = {"Content-Type": "application/json"}
    response = client.post("/api/course/v1/user/enrollment/list", content=b"null",
                           headers={**sunbird, **json_type})
    assert response.status_code == 400
    assert response.json()["params"]["err"] == "INVALID_REQUESTED_DATA"
    assert client.post("/__admin/reset", content=b"null", headers=json_type).status_code == 400
    assert client.post("/__admin/reset", content=b"", headers=json_type).status_code == 200
    response = client.post("/__admin/reset", content=b"\n", headers=json_type)  # not left out
    assert (response.status_code, response.json()["detail"]) == (
        400, "Expecting value: line 2 column 1 (char 1)")
    response = client.post(f"{TESLA}/group/", content=b"null", headers={**tesla, **json_type})
    assert (response.status_code, response.json()) == (
        400, {"non_field_errors": ["No data provided"]})
