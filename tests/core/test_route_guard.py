"""Each API's router is entered only for paths its operations could match; what a client sees
stays what Starlette's routers answer, slash redirects included."""

from __future__ import annotations

import pytest

from edumock.middleware.chaining import _heads


@pytest.mark.parametrize(("path", "location"), [
    ("/api/v2/institution/1/learner", "/api/v2/institution/1/learner/"),
    ("/api/v2/institution", "/api/v2/institution/"),
    ("/submissions/v1.0/returns/", "/submissions/v1.0/returns"),
])
def test_a_path_one_slash_away_is_still_redirected(client, path: str, location: str) -> None:
    reply = client.get(path, follow_redirects=False)
    assert reply.status_code == 307
    assert reply.headers["location"].endswith(location)


def test_paths_no_api_declares_are_not_found(client) -> None:
    assert client.get("/nowhere").status_code == 404


def test_heads_are_the_literal_starts_of_templated_paths_and_the_fixed_paths() -> None:
    heads = _heads({"paths": {"/a/{id}/b/": {}, "/": {}, "/c/d": {}}})
    assert heads.prefixes == ("/a",) and heads.exact == frozenset({"", "/c/d"})
    assert heads.admit("/a/1/b/") and heads.admit("/c/d/") and heads.admit("/")
    assert not heads.admit("/c/d/e") and not heads.admit("/elsewhere")
    assert _heads({"paths": {}}).admit("/anything")


def test_remembered_routes_still_tell_methods_apart(client) -> None:
    token = client.post("/__admin/tokens", json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    auth = {"Authorization": f"JWT {token}"}
    path = "/api/v2/institution/1/learner/"
    for _ in range(3):
        assert client.get(path, headers=auth).status_code == 200
    before = client.get(path, headers=auth).json()["count"]
    created = client.post(path, headers=auth, json={"uid": "route-1", "email": "r1@pu1.ac.nz"})
    assert created.status_code == 201, created.text
    refused = client.put(path, headers=auth, json={})
    assert refused.status_code == 405
    assert client.get(path, headers=auth).json()["count"] == before + 1
