"""``Prefer: code=NNN``: the operation's documented answer for that status, in the platform's
format or from the spec's schema, without running the handler."""

from __future__ import annotations

from typing import Any

import pytest

from edumock.cli.conformance import contract_for
from edumock.conformance.exchange import Exchange
from edumock.conformance.report import judge
from edumock.contract.operations import Contract
from edumock.serving.prefer import preferred_code
from edumock.settings import specs_dir

LEARNERS = "/api/v2/institution/1/learner/"


def users(client: Any) -> int:
    return len(client.get("/__admin/state/tesla/users").json()["records"])


def test_an_error_status_comes_in_the_platforms_format_and_changes_nothing(client):
    before = users(client)
    response = client.post(LEARNERS, json={"email": "x@y.z", "uid": "p1"},
                           headers={"Prefer": "code=403"})
    assert response.status_code == 403 and set(response.json()) == {"detail"}
    sunbird = client.post("/api/course/v1/batch/create", json={"request": {}},
                          headers={"Prefer": "code=404"})
    assert sunbird.status_code == 404 and sunbird.json()["responseCode"] == "RESOURCE_NOT_FOUND"
    assert users(client) == before
    entry = client.get("/__admin/requests", params={"verdict": "prefer"}).json()["requests"]
    assert [e["status"] for e in entry] == [403, 404]


def test_a_success_status_is_built_from_the_spec_and_conforms_to_it(client):
    before = users(client)
    response = client.post(LEARNERS, json={}, headers={"Prefer": "code=201"})
    assert response.status_code == 201
    body = response.json()
    assert isinstance(body, dict) and body
    assert users(client) == before
    request = response.request
    exchange = Exchange(1, "POST", str(request.url), 201, tuple(request.headers.items()),
                        request.content, tuple(response.headers.items()), response.content)
    report = judge(Contract("tesla", [specs_dir() / "tesla.yaml"]), [exchange], "prefer")
    assert [f for f in report.findings if f.rule.startswith("response")] == []


def test_an_undocumented_status_is_refused_naming_the_documented_ones(client):
    response = client.get(LEARNERS, headers={"Prefer": "code=418"})
    assert response.status_code == 400
    assert response.json()["detail"] == (
        "Prefer: code=418 is not documented for GET /api/v2/institution/"
        "{parent_lookup_institution_id}/learner/ (documented: 200, 400, 401, 403, 404, 405)")


def test_the_header_is_read_as_prism_reads_it():
    assert preferred_code("code=409") == 409
    assert preferred_code('example=x, code="500"') == 500
    assert preferred_code("dynamic=true") is None and preferred_code(None) is None


def _judged(client: Any, platform: str, method: str, path: str, status: int,
            prefer: str) -> Any:
    response = client.request(method, path, json={} if method != "GET" else None,
                              headers={"Prefer": prefer})
    assert response.status_code == status, (prefer, response.text)
    request = response.request
    exchange = Exchange(1, method, str(request.url), status, tuple(request.headers.items()),
                        request.content, tuple(response.headers.items()), response.content)
    report = judge(contract_for(platform), [exchange], "prefer")
    assert [f for f in report.findings if f.rule.startswith("response")] == [], prefer
    return response


@pytest.mark.parametrize(("platform", "method", "path"), [
    ("tesla", "GET", LEARNERS), ("sdr", "GET", "/submissions/v1.0/returns"),
    ("sunbird", "POST", "/api/course/v1/batch/create")])
def test_every_documented_status_answers_in_its_documented_shape(client, platform: str,
                                                                  method: str, path: str):
    operation, _ = contract_for(platform).match(method, path)
    assert operation is not None
    statuses = [int(key) for key in operation.responses if key.isdigit()]
    assert len(statuses) >= 4
    for status in statuses:
        response = _judged(client, platform, method, path, status, f"code={status}")
        if status != 204:
            assert "json" in response.headers["content-type"], response.text


def test_a_tesla_404_is_drfs_not_found_not_a_page(client):
    response = client.get(LEARNERS, headers={"Prefer": "code=404"})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert response.json() == {"detail": "Not found."}
    unauthenticated = client.get(LEARNERS, headers={"Prefer": "code=401"})
    assert unauthenticated.headers["www-authenticate"] == "JWT"


def test_an_injected_404_on_a_declared_operation_is_a_record_not_found(client):
    fault = client.post("/__admin/faults", json={"operationId": "learner.list", "status": 404})
    assert fault.status_code in (200, 201), fault.text
    response = client.get(LEARNERS)
    assert response.status_code == 404 and response.headers["content-type"] == "application/json"


def test_a_named_example_is_chosen(client):
    unknown = client.get(LEARNERS, headers={"Prefer": "example=nothing"})
    assert unknown.status_code == 400 and "example=nothing" in unknown.json()["detail"]
