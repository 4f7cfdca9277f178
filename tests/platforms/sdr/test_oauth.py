"""POST /oauth2/access_token: ESL-style client credentials, so client code fetches its own token."""

from __future__ import annotations

import base64

from tests.platforms.sdr.conftest import EDUMIS

CLIENT = ("edumock-sdr-client", "edumock-sdr-secret")
SCOPE = "https://web.prd.dxs.pub.tec.govt.nz"


def _basic(user: str, secret: str) -> dict[str, str]:
    raw = base64.b64encode(f"{user}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {raw}"}


def _token(client, form, credentials=CLIENT):
    return client.post("/oauth2/access_token", data=form, headers=_basic(*credentials))


def test_client_credentials_token_works_on_the_sdr_api(client):
    response = _token(client, {"grant_type": "client_credentials", "scope": SCOPE,
                               "org_id": EDUMIS})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["token_type"] == "Bearer" and body["expires_in"] == 3600
    returns = client.get("/submissions/v1.0/returns", headers={
        "Authorization": f"Bearer {body['access_token']}", "EID": EDUMIS})
    assert returns.status_code == 200


def test_wrong_secret_is_invalid_client_401(client):
    response = _token(client, {"grant_type": "client_credentials", "org_id": EDUMIS},
                      (CLIENT[0], "wrong"))
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"
    assert response.headers["WWW-Authenticate"].startswith("Basic")


def test_missing_credentials_is_invalid_client_401(client):
    response = client.post("/oauth2/access_token", data={"grant_type": "client_credentials"})
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_other_grant_types_are_unsupported(client):
    response = _token(client, {"grant_type": "password", "org_id": EDUMIS})
    assert response.status_code == 400
    assert response.json()["error"] == "unsupported_grant_type"


def test_org_id_is_required(client):
    response = _token(client, {"grant_type": "client_credentials"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_request"


def test_unknown_scope_is_refused(client):
    response = _token(client, {"grant_type": "client_credentials", "org_id": EDUMIS,
                               "scope": "https://elsewhere"})
    assert response.status_code == 400 and response.json()["error"] == "invalid_scope"


def test_client_limited_to_some_organisations_cannot_act_for_others(tmp_path, settings):
    from dataclasses import replace

    from edumock.testing import build_app

    fixtures = tmp_path / "fx"
    fixtures.mkdir()
    (fixtures / "sdr.yaml").write_text(
        "generate: {organisations: 1}\n"
        "clients: [{clientId: narrow, clientSecret: s3cret, organisations: ['6004']}]\n"
        "records:\n  organisations: [{edumis: '6004', name: A}, {edumis: '7010', name: B}]\n",
        encoding="utf-8")
    app = build_app(replace(settings, fixtures_dir=fixtures))
    with app.test_client() as client:
        ok = _token(client, {"grant_type": "client_credentials", "org_id": "6004"},
                    ("narrow", "s3cret"))
        assert ok.status_code == 200
        refused = _token(client, {"grant_type": "client_credentials", "org_id": "7010"},
                         ("narrow", "s3cret"))
        assert refused.status_code == 400 and refused.json()["error"] == "unauthorized_client"
