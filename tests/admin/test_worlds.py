"""Isolated worlds: ``X-Edumock-World`` scopes state, clock and resets; the admin API lists,
resets and deletes worlds one at a time."""

from __future__ import annotations

from typing import Any

from edumock.serving.sandbox import Sandbox
from edumock.settings import Settings

LEARNERS = "/api/v2/institution/1/learner/"


def tesla_headers(client: Any, world: str | None = None) -> dict[str, str]:
    scope = {"X-Edumock-World": world} if world else {}
    token = client.post("/__admin/tokens", headers=scope, json={
        "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
    return {"Authorization": f"JWT {token}", **scope}


def learner_count(client: Any, world: str | None = None) -> int:
    response = client.get(LEARNERS, headers=tesla_headers(client, world))
    assert response.status_code == 200, response.text
    return int(response.json()["count"])


def create_learner(client: Any, world: str, uid: str) -> None:
    institution = client.get("/api/v2/institution/1/", headers=tesla_headers(client, world))
    domain = institution.json()["mail_domain"]
    response = client.post(LEARNERS, headers=tesla_headers(client, world),
                           json={"email": f"{uid}@{domain}", "uid": uid})
    assert response.status_code == 201, response.text


def test_a_world_sees_only_its_own_changes(client):
    base = learner_count(client)
    create_learner(client, "alpha", "only-alpha")
    assert learner_count(client, "alpha") == base + 1
    assert learner_count(client) == base
    assert learner_count(client, "beta") == base


def test_a_new_world_starts_from_the_same_seed_and_fixtures(client):
    default = client.get("/__admin/state/tesla/users").json()["records"]
    fresh = client.get("/__admin/state/tesla/users",
                       headers={"X-Edumock-World": "fresh"}).json()["records"]
    assert fresh == default


def test_the_clock_is_per_world(client):
    before = client.get("/__admin/clock").json()["now"]
    moved = client.post("/__admin/clock", headers={"X-Edumock-World": "late"},
                        json={"advance": 3600}).json()
    assert moved["offsetSeconds"] == 3600
    assert client.get("/__admin/clock").json()["now"] == before


def test_reset_and_delete_one_world_at_a_time(client):
    base = learner_count(client)
    create_learner(client, "one", "u-one")
    create_learner(client, "two", "u-two")
    reply = client.post("/__admin/reset", headers={"X-Edumock-World": "one"})
    assert reply.json()["world"] == "one"
    assert learner_count(client, "one") == base
    assert learner_count(client, "two") == base + 1
    listed = [w["name"] for w in client.get("/__admin/worlds").json()["worlds"]]
    assert {"default", "one", "two"} <= set(listed)
    assert client.delete("/__admin/worlds/two").status_code == 204
    assert client.get("/__admin/worlds/two").status_code == 404
    assert client.delete("/__admin/worlds/two").status_code == 404
    assert learner_count(client, "two") == base  # the next request starts it afresh


def test_admin_world_endpoints_describe_and_reset(client):
    create_learner(client, "gamma", "u-gamma")
    described = client.get("/__admin/worlds/gamma").json()
    assert described["name"] == "gamma" and described["seed"] == 42
    assert described["records"]["tesla"] > 0
    reset = client.post("/__admin/worlds/gamma/reset", json={"seed": 7}).json()
    assert reset["seed"] == 7
    assert client.get("/__admin/worlds/gamma").json()["seed"] == 7
    assert client.get("/__admin/health").json()["seed"] == 42  # the default world's is kept


def test_a_bad_world_name_is_refused_in_the_owning_platforms_format(client):
    response = client.get(LEARNERS, headers={"X-Edumock-World": "../etc"})
    assert response.status_code == 400
    assert "cannot name a world" in response.text
    admin = client.get("/__admin/worlds/bad%20name")
    assert admin.status_code == 400
    assert admin.headers["content-type"].startswith("application/problem+json")


def test_reset_all_worlds_keeps_only_the_default(client):
    learner_count(client, "temp")
    client.post("/__admin/reset", json={"allWorlds": True})
    assert [w["name"] for w in client.get("/__admin/worlds").json()["worlds"]] == ["default"]


def test_the_least_recently_used_world_goes_beyond_the_cap():
    sandbox = Sandbox(Settings(max_worlds=3), [])
    sandbox.world("a")
    sandbox.world("b")
    sandbox.world("a")
    sandbox.world("c")
    assert sandbox.world_names() == ["default", "a", "c"]
    assert sandbox.world_if_exists("b") is None
