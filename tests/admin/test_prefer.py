"""``Prefer: code=NNN``: the operation's documented answer for that status, in the platform's
format or from the spec's schema, without running the handler."""

from __future__ import annotations

from typing import Any

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
