"""The request journal: every platform request with its operation, verdict and changes;
filters, clearing, the size cap, verification with a diff, and near-miss hints."""

from __future__ import annotations

from typing import Any

from edumock.settings import Settings
from edumock.testing import build_app

LEARNERS = "/api/v2/institution/1/learner/"


def tesla(client: Any, world: str | None = None) -> dict[str, str]:
    scope = {"X-Edumock-World": world} if world else {}
    token = client.post("/__admin/tokens", headers=scope, json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    return {"Authorization": f"JWT {token}", **scope}


def journal(client: Any, **filters: Any) -> list[dict[str, Any]]:
    response = client.get("/__admin/requests", params=filters)
    assert response.status_code == 200, response.text
    return list(response.json()["requests"])


def domain(client: Any) -> str:
    return str(client.get("/api/v2/institution/1/", headers=tesla(client)).json()["mail_domain"])


def test_requests_are_journaled_with_operation_verdict_and_changes(client):
    mail = domain(client)
    created = client.post(LEARNERS, headers=tesla(client),
                          json={"email": f"j1@{mail}", "uid": "j1"})
    assert created.status_code == 201
    refused = client.post(LEARNERS, headers=tesla(client),
                          json={"email": "j2@elsewhere.org", "uid": "j2"})
    assert refused.status_code == 400
    client.get(LEARNERS)  # no credentials
    posts = journal(client, method="post")
    assert [(e["status"], e["verdict"]) for e in posts] == [(201, "ok"), (400, "refused")]
    first = posts[0]
    assert first["platform"] == "tesla" and first["operationId"].endswith("create")
    assert first["world"] == "default" and '"uid":"j1"' in first["requestBody"]
    created_users = [c for c in first["changes"] if c["collection"] == "users"]
    assert [(c["store"], c["kind"]) for c in created_users] == [("tesla", "created")]
    assert posts[1]["changes"] == []  # a refusal changes nothing
    assert journal(client, verdict="forbidden")[0]["path"] == LEARNERS  # DRF: anonymous
    assert all(not e["path"].startswith("/__admin") for e in journal(client))


def test_filters_limit_and_clear(client):
    for _ in range(3):
        client.get(LEARNERS, headers=tesla(client))
    client.get("/api/v2/institution/1/", headers=tesla(client))
    assert len(journal(client, path=LEARNERS)) == 3
    assert len(journal(client, path="/api/v2/institution/*")) == 4
    assert len(journal(client, limit=1)) == 1
    assert len(journal(client, status=200, platform="tesla")) == 4
    assert client.delete("/__admin/requests").json()["cleared"] == 4
    assert journal(client) == []


def test_journals_are_per_world(client):
    client.get(LEARNERS, headers=tesla(client, "w-journal"))
    assert journal(client, path=LEARNERS) == []
    scoped = client.get("/__admin/requests", headers={"X-Edumock-World": "w-journal"}).json()
    assert [e["world"] for e in scoped["requests"]] == ["w-journal"]


def test_verification_counts_calls_and_explains_a_miss(client):
    mail = domain(client)
    client.post(LEARNERS, headers=tesla(client), json={"email": f"v1@{mail}", "uid": "v1"})
    operation = journal(client, method="POST")[0]["operationId"]
    hit = client.post("/__admin/requests/verify", json={
        "operationId": operation, "count": 1, "body": {"uid": "v1"}}).json()
    assert hit["verified"] is True and hit["actual"] == 1
    miss = client.post("/__admin/requests/verify", json={
        "operationId": operation, "atLeast": 1, "body": {"uid": "v2", "email": f"v1@{mail}"}}
    ).json()
    assert miss["verified"] is False and miss["actual"] == 0
    assert miss["diff"][0]["differences"] == ['$.uid: expected "v2", got "v1"']
    assert "among 1 call(s)" in miss["message"]
    never = client.post("/__admin/requests/verify", json={"operationId": "nope.nothing"}).json()
    assert never["verified"] is False and "never called" in never["message"]


def test_a_request_no_operation_declares_gets_near_misses(client):
    client.get("/api/v2/institution/1/learners/", headers=tesla(client))
    entry = journal(client, verdict="no-route")[0]
    best = entry["nearMisses"][0]
    assert best["path"] == "/api/v2/institution/{parent_lookup_institution_id}/learner/"
    assert "path segment 5: sent 'learners', declared 'learner'" in best["differences"]
    client.delete("/api/v2/institution/1/", headers=tesla(client))
    wrong_method = journal(client, verdict="no-route")[-1]["nearMisses"]
    assert any(m["differences"] == ["method: sent DELETE, declared GET"]
               for m in wrong_method)


def test_the_journal_is_capped():
    app = build_app(Settings(journal_size=2))
    with app.test_client() as client:
        for _ in range(5):
            client.get("/api/v2/nowhere/")
        listed = client.get("/__admin/requests").json()
        assert listed["count"] == 2 and listed["capacity"] == 2 and listed["dropped"] == 3
        assert [e["id"] for e in listed["requests"]] == [4, 5]


def test_a_request_breaking_the_spec_says_what_differed(client):
    client.post(LEARNERS, headers=tesla(client), json={"email": "no-uid@example.org"})
    entry = journal(client, verdict="invalid-request")[0]
    assert entry["problems"] == ["$: 'uid' is a required property"]
    assert entry["hint"].endswith("broke its spec: $: 'uid' is a required property")


def test_entries_since_a_sandbox_time(client):
    client.get(LEARNERS, headers=tesla(client))
    later = client.post("/__admin/clock", json={"advance": 60}).json()["now"]
    client.get(LEARNERS, headers=tesla(client))
    assert len(journal(client, since=later)) == 1
    assert client.get("/__admin/requests", params={"since": "yesterday"}).status_code == 400


def test_the_journal_is_bounded_in_bytes_too():
    from edumock.world.journal import Journal, JournalEntry

    def entry(number: int, body: str) -> JournalEntry:
        return JournalEntry(id=number, time="", world="default", platform=None,
                            operation_id=None, method="GET", path="/", query="", status=200,
                            verdict="ok", duration_ms=0.0, request_headers={"a": "b"},
                            request_body="", response_body=body)

    journal = Journal(size=1000, byte_budget=11_000)
    for number in range(1, 11):
        journal.add(entry(number, "x" * 3000))
    kept = [e.id for e in journal.entries()]
    assert kept == [8, 9, 10] and journal.dropped == 7  # three of about 3.5 KB fit in 11 KB
    journal.add(entry(11, "y" * 50_000))  # larger than the whole budget: kept alone
    assert [e.id for e in journal.entries()] == [11]
    journal.clear()
    journal.add(entry(12, "z"))
    assert [e.id for e in journal.entries()] == [12]
