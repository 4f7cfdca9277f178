"""The operation table routes as Starlette's routers did: slash redirects, 404s, methods told
apart on remembered paths."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("path", "status", "location"), [
    ("/api/v2/institution/1/learner", 301, "/api/v2/institution/1/learner/"),
    ("/api/v2/institution", 301, "/api/v2/institution/"),
    ("/submissions/v1.0/returns/", 307, "http://testserver/submissions/v1.0/returns"),
])
def test_a_path_one_slash_away_is_still_redirected(client, path: str, status: int,
                                                   location: str) -> None:
    # Starlette's 307 to the absolute URL, unless the platform answers otherwise (TeSLA:
    # Django's APPEND_SLASH).
    reply = client.get(path, follow_redirects=False)
    assert reply.status_code == status
    assert reply.headers["location"] == location


def test_paths_no_api_declares_are_not_found(client) -> None:
    assert client.get("/nowhere").status_code == 404


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
