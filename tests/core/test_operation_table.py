"""One operation table: the router, the journal, coverage, ``Prefer`` and the checker name the
same operation for every request, because they all ask the table once."""

from __future__ import annotations

import re
from typing import Any

from edumock.contract.operations import Contract, Operations, SpecDocument, specificity
from edumock.settings import specs_dir

IC = "/api/v2/institution/1/ic"


def tesla_token(client: Any) -> dict[str, str]:
    token = client.post("/__admin/tokens", json={"platform": "tesla", "superuser": True})
    return {"Authorization": f"JWT {token.json()['token']}"}


def last_entry(client: Any) -> dict[str, Any]:
    entries: list[dict[str, Any]] = client.get("/__admin/requests").json()["requests"]
    return entries[-1]


def test_a_fixed_path_is_never_taken_by_its_templated_sibling(client) -> None:
    """``PUT ic/current/`` is Django's 405 (the fixed route is tried first), and the journal
    and coverage agree: no call to ``ic.update`` happened."""
    auth = tesla_token(client)
    refused = client.put(f"{IC}/current/", headers=auth, json={})
    assert refused.status_code == 405 and refused.headers["allow"] == "GET, HEAD, OPTIONS"
    entry = last_entry(client)
    assert (entry["operationId"], entry["status"]) == (None, 405)
    coverage = client.get("/__admin/coverage", params={"platform": "tesla"}).json()
    calls = {op["operationId"]: op["calls"]
             for op in coverage["platforms"]["tesla"]["operations"]}
    assert calls["ic.update"] == 0 and calls["ic.current"] == 0
    assert client.get(f"{IC}/current/", headers=auth).status_code == 200
    assert last_entry(client)["operationId"] == "ic.current"


def test_prefer_and_faults_read_the_same_answer(client) -> None:
    auth = tesla_token(client)
    preferred = client.put(f"{IC}/current/", headers={**auth, "Prefer": "code=404"}, json={})
    assert preferred.status_code == 405  # no operation takes it, so nothing to prefer
    fault = client.post("/__admin/faults", json={
        "path": "/api/v2/institution/{x}/ic/{pk}/", "status": 503})
    assert fault.status_code == 201, fault.text
    assert client.get(f"{IC}/current/", headers=auth).status_code == 200
    assert client.get(f"{IC}/1/", headers=auth).status_code == 503


def _concrete(template: str) -> str:
    return re.sub(r"\{[^}]+\}", "7", template)


def test_router_journal_coverage_and_checker_agree_on_every_operation(app, client) -> None:
    table: Operations = app.sandbox.operations
    checkers = {p.name: Contract(p.name, [specs_dir() / spec for spec in p.specs])
                for p in app.sandbox.platforms}
    for operation in table.operations:
        if operation.platform is None:
            continue
        path = _concrete(operation.template)
        expected = table.resolve(operation.method, path).operation
        assert expected is not None, operation.key
        client.request(operation.method, path, headers={"Content-Type": "application/json"},
                       content=b"{}" if operation.method in ("POST", "PUT", "PATCH") else None)
        journaled = last_entry(client)
        assert journaled["operationId"] == expected.operation_id, operation.key
        checked, _ = checkers[operation.platform].match(operation.method, path)
        assert checked is not None and checked.operation_id == expected.operation_id
        assert checked.template == expected.template
    coverage = client.get("/__admin/coverage").json()["platforms"]
    called = {op["operationId"] for platform in coverage.values()
              for op in platform["operations"] if op["calls"]}
    assert called == {op.operation_id for op in table.operations if op.platform is not None
                      and table.resolve(op.method, _concrete(op.template)).operation is op}


def test_precedence_is_most_literal_first_then_the_method(tmp_path) -> None:
    spec = tmp_path / "tiny.yaml"
    spec.write_text("""
openapi: 3.0.3
info: {title: tiny, version: "1"}
paths:
  /t/{id}/:
    get: {operationId: item.read, responses: {"200": {description: ok}}}
    put: {operationId: item.update, responses: {"200": {description: ok}}}
  /t/current/:
    get: {operationId: item.current, responses: {"200": {description: ok}}}
""")
    table = Operations([SpecDocument.read("tiny", spec)], owners={"tiny": ("/t/",)})
    assert table.resolve("GET", "/t/current/").operation_id == "item.current"
    refused = table.resolve("PUT", "/t/current/")
    assert (refused.operation, refused.allowed, refused.platform) == (None, ("GET",), "tiny")
    assert table.resolve("PUT", "/t/9/").operation_id == "item.update"
    assert table.resolve("PUT", "/t/9/").path_params == {"id": "9"}
    assert table.resolve("GET", "/t/9").redirect == "/t/9/"
    nowhere = table.resolve("GET", "/t/9/x/")
    assert (nowhere.operation, nowhere.allowed, nowhere.redirect) == (None, (), None)
    assert specificity("/t/current/") < specificity("/t/{id}/")


def test_remembered_answers_are_bounded(app) -> None:
    from edumock.contract.operations import REMEMBERED

    table: Operations = app.sandbox.operations
    for index in range(REMEMBERED + 50):
        assert table.resolve("GET", f"/api/v2/institution/{index}/").operation is not None
    assert len(table._answers) == REMEMBERED
