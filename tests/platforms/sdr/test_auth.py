"""Every SDR call needs an ESL bearer token and an EID header the token is scoped to."""

from __future__ import annotations

from tests.platforms.sdr.conftest import EDUMIS, Sdr, problem


def test_call_without_token_is_refused_with_au2(client):
    response = client.get("/submissions/v1.0/returns", headers={"EID": EDUMIS})
    problem(response, 401, "AU2")


def test_call_with_forged_token_is_refused_with_au2(client, sdr: Sdr):
    forged = sdr.bearer[:-4] + ("AAAA" if not sdr.bearer.endswith("AAAA") else "BBBB")
    response = client.get("/submissions/v1.0/returns",
                          headers={"Authorization": f"Bearer {forged}", "EID": EDUMIS})
    problem(response, 401, "AU2")


def test_call_with_non_bearer_scheme_is_refused_with_au2(client, sdr: Sdr):
    response = client.get("/submissions/v1.0/returns",
                          headers={"Authorization": f"Basic {sdr.bearer}", "EID": EDUMIS})
    problem(response, 401, "AU2")


def test_expired_token_is_refused_after_the_clock_passes_its_lifetime(client, sdr: Sdr):
    assert sdr.returns().status_code == 200
    sdr.advance(3600)
    body = problem(sdr.returns(), 401, "AU2")
    assert "expired" in body["detail"]


def test_missing_eid_is_refused_with_am2(client, sdr: Sdr):
    headers = sdr.headers()
    del headers["EID"]
    response = client.get("/submissions/v1.0/returns", headers=headers)
    problem(response, 400, "AM2")


def test_non_numeric_eid_is_refused_with_am1(client, sdr: Sdr):
    response = client.get("/submissions/v1.0/returns", headers=sdr.headers(EID="60a4"))
    problem(response, 400, "AM1")


def test_eid_the_token_is_not_scoped_to_is_refused_with_au1(client, sdr: Sdr):
    other = next(o["edumis"] for o in sdr.state("organisations") if o["edumis"] != EDUMIS)
    response = client.get("/submissions/v1.0/returns", headers=sdr.headers(EID=other))
    problem(response, 401, "AU1")


def test_admin_minting_for_an_unknown_organisation_is_refused(client):
    response = client.post("/__admin/tokens", json={"platform": "sdr", "edumis": "1"})
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_admin_minting_without_edumis_picks_a_seeded_organisation(client):
    response = client.post("/__admin/tokens", json={"platform": "sdr"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"token", "expiresAt", "edumis"}
    assert body["edumis"] == EDUMIS
