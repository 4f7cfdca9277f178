"""The admin API: health, reset, state inspection, clock; problem+json on errors."""

from __future__ import annotations

from edumock.registry import PLATFORMS


def test_health_names_platforms_and_seed(client):
    body = client.get("/__admin/health").json()
    assert body["status"] == "ok" and body["seed"] == 42
    assert body["platforms"] == [platform.name for platform in PLATFORMS]
    assert body["now"].startswith("2026-08-10T09:30:00")


def test_state_lists_collections_with_counts(client):
    body = client.get("/__admin/state/sdr").json()
    counts = body["collections"]
    assert counts["organisations"] == 6 and counts["returns"] == 6 * 14
    for name in ("tokens", "learners", "courses", "course-enrolments", "course-completions",
                 "qualification-completions", "validations"):
        assert counts[name] == 0


def test_state_records_show_organisations_with_their_edumis(client):
    body = client.get("/__admin/state/sdr/organisations").json()
    assert body["count"] == 6
    assert body["records"][0] == {"edumis": "6004", "name": "Canterbury Sandbox Polytechnic"}
    assert all(r["edumis"].isdigit() for r in body["records"])


def test_unknown_platform_or_collection_is_a_problem_404(client):
    for path in ("/__admin/state/nope", "/__admin/state/sdr/nope"):
        response = client.get(path)
        assert response.status_code == 404
        assert response.headers["content-type"] == "application/problem+json"


def test_reset_discards_changes_and_can_change_the_seed(client):
    minted = client.post("/__admin/tokens", json={"platform": "sdr"}).json()
    headers = {"Authorization": f"Bearer {minted['token']}", "EID": minted["edumis"]}
    assert client.post("/submissions/v1.0/token/202608", headers=headers).status_code == 200
    assert client.get("/__admin/state/sdr").json()["collections"]["tokens"] == 1
    before = client.get("/__admin/state/sdr/organisations").json()["records"]
    assert client.post("/__admin/reset").json() == {"status": "reset", "seed": 42,
                                                    "world": "default"}
    assert client.get("/__admin/state/sdr").json()["collections"]["tokens"] == 0
    assert client.get("/__admin/state/sdr/organisations").json()["records"] == before
    assert client.post("/__admin/reset", json={"seed": 7}).json()["seed"] == 7
    assert client.get("/__admin/health").json()["seed"] == 7
    assert client.get("/__admin/state/sdr/organisations").json()["records"] != before


def test_reset_with_a_bad_body_is_refused(client):
    response = client.post("/__admin/reset", json={"seed": "x"})
    assert response.status_code == 400
    assert response.headers["content-type"] == "application/problem+json"


def test_clock_advances_and_reports(client):
    assert client.get("/__admin/clock").json()["frozen"] is True
    body = client.post("/__admin/clock", json={"advance": 90}).json()
    assert body["offsetSeconds"] == 90 and body["now"].startswith("2026-08-10T09:31:30")


def test_clock_refuses_going_back(client):
    assert client.post("/__admin/clock", json={"advance": -5}).status_code == 400


def test_tokens_for_an_unknown_platform_is_404(client):
    response = client.post("/__admin/tokens", json={"platform": "moodle"})
    assert response.status_code == 404
    assert "moodle" in response.json()["detail"]


def test_docs_are_served_outside_every_platform_prefix(client):
    assert client.get("/docs/sdr/openapi.json").json()["info"]["title"].startswith("TEC")
    assert client.get("/docs/sdr/").status_code == 200
    assert client.get("/docs/admin/openapi.json").status_code == 200
