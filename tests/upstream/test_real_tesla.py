"""The real TeSLA CE server (tesla-ce 1.0.10) is up and answers as documented.

These answers are the ground truth edumock's TeSLA platform imitates: login and JWT tokens,
a DRF page for a list, 401/403 for bad or missing credentials, an institution admin's write
and a global admin's refused one."""

from __future__ import annotations

import base64
import json

import httpx
import pytest

from tests.upstream.tesla.launcher import RealTesla

pytestmark = pytest.mark.real_tesla


def _jwt_part(token: str, index: int) -> dict[str, object]:
    part = token.split(".")[index]
    padded = part + "=" * (-len(part) % 4)
    decoded: dict[str, object] = json.loads(base64.urlsafe_b64decode(padded))
    return decoded


def _bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"JWT {token}"}


def test_login_answers_a_token_pair_for_the_institution_admin(
        real_tesla: RealTesla, real_tesla_http: httpx.Client) -> None:
    who = real_tesla.credentials
    answer = real_tesla_http.post("/api/v2/auth/login",
                                  json={"email": who.admin_email, "password": who.admin_password})
    assert answer.status_code == 200, answer.text
    token = answer.json()["token"]
    assert set(token) == {"access_token", "refresh_token"}
    header = _jwt_part(token["access_token"], 0)
    payload = _jwt_part(token["access_token"], 1)
    assert header == {"alg": "RS256", "typ": "JWT", "ver": "users:v1"}
    assert payload["type"] == "user"
    assert payload["sub"] == who.admin_email
    assert int(str(payload["exp"])) - int(str(payload["iat"])) == 15 * 60
    scopes = payload["scope"]
    assert isinstance(scopes, list)
    assert f"/api/v2/institution/{real_tesla.institution_id}/*" in scopes


def test_wrong_password_is_refused(real_tesla: RealTesla, real_tesla_http: httpx.Client) -> None:
    answer = real_tesla_http.post("/api/v2/auth/login", json={
        "email": real_tesla.credentials.admin_email, "password": "not-the-password"})
    assert answer.status_code in (400, 401, 403), answer.text


def test_learner_list_is_a_drf_page(real_tesla: RealTesla, real_tesla_http: httpx.Client,
                                    admin_token: str) -> None:
    answer = real_tesla_http.get(f"/api/v2/institution/{real_tesla.institution_id}/learner/",
                                 headers=_bearer(admin_token))
    assert answer.status_code == 200, answer.text
    page = answer.json()
    assert set(page) == {"count", "next", "previous", "results"}
    assert page["count"] > len(page["results"]) == 10
    assert page["next"] is not None and page["previous"] is None
    whole = real_tesla_http.get(f"/api/v2/institution/{real_tesla.institution_id}/learner/",
                                params={"limit": page["count"]}, headers=_bearer(admin_token))
    assert len(whole.json()["results"]) == page["count"]


def test_a_bad_token_is_401_invalid_jwt(real_tesla: RealTesla,
                                        real_tesla_http: httpx.Client) -> None:
    answer = real_tesla_http.get(f"/api/v2/institution/{real_tesla.institution_id}/learner/",
                                 headers=_bearer("not.a.token"))
    assert answer.status_code == 401
    assert answer.json() == {"detail": "Invalid token: Invalid JWT token"}


def test_no_authorization_header_is_403(real_tesla: RealTesla,
                                        real_tesla_http: httpx.Client) -> None:
    """Anonymous, not unauthenticated: the view's permission class refuses, not the JWT
    authentication (which only speaks when a header is present)."""
    answer = real_tesla_http.get(f"/api/v2/institution/{real_tesla.institution_id}/learner/")
    assert answer.status_code == 403
    assert answer.json() == {"detail": "You do not have permission to perform this action."}


def test_a_path_without_its_trailing_slash_redirects(real_tesla: RealTesla,
                                                     real_tesla_http: httpx.Client,
                                                     admin_token: str) -> None:
    path = f"/api/v2/institution/{real_tesla.institution_id}/learner"
    answer = real_tesla_http.get(path, headers=_bearer(admin_token))
    assert answer.status_code == 301
    assert answer.headers["location"] == f"{path}/"


def test_the_institution_admin_creates_a_learner(real_tesla: RealTesla,
                                                 real_tesla_http: httpx.Client,
                                                 admin_token: str) -> None:
    email = f"ada.first@{real_tesla.mail_domain}"
    answer = real_tesla_http.post(
        f"/api/v2/institution/{real_tesla.institution_id}/learner/", headers=_bearer(admin_token),
        json={"uid": "ada.first", "email": email, "first_name": "Ada", "last_name": "First"})
    assert answer.status_code == 201, answer.text
    learner = answer.json()
    assert learner["email"] == email
    assert learner["username"] == email
    assert learner["institution"]["id"] == real_tesla.institution_id
    listed = real_tesla_http.get(f"/api/v2/institution/{real_tesla.institution_id}/learner/",
                                 params={"email": email}, headers=_bearer(admin_token)).json()
    assert [each["email"] for each in listed["results"]] == [email]


def test_a_learner_outside_the_mail_domain_is_400(real_tesla: RealTesla,
                                                  real_tesla_http: httpx.Client,
                                                  admin_token: str) -> None:
    answer = real_tesla_http.post(
        f"/api/v2/institution/{real_tesla.institution_id}/learner/", headers=_bearer(admin_token),
        json={"uid": "eve.out", "email": "eve@elsewhere.test", "first_name": "Eve",
              "last_name": "Out"})
    assert answer.status_code == 400
    assert answer.json() == {"email": ["Provided email does not belong to institution domain"]}


def test_the_global_admin_reads_but_cannot_write(real_tesla: RealTesla,
                                                 real_tesla_http: httpx.Client,
                                                 global_admin_token: str) -> None:
    learners = f"/api/v2/institution/{real_tesla.institution_id}/learner/"
    read = real_tesla_http.get(learners, headers=_bearer(global_admin_token))
    assert read.status_code == 200, read.text
    write = real_tesla_http.post(learners, headers=_bearer(global_admin_token), json={
        "uid": "root.made", "email": f"root.made@{real_tesla.mail_domain}",
        "first_name": "Root", "last_name": "Made"})
    assert write.status_code == 403, write.text


def test_the_institution_admin_registers_a_vle_through_the_vault_stand_in(
        real_tesla: RealTesla, real_tesla_http: httpx.Client, admin_token: str) -> None:
    """VLE creation writes a policy, KV secrets and an approle to Vault, then answers the new
    approle's credentials: with the stand-in answering those calls, 201 instead of 500."""
    answer = real_tesla_http.post(
        f"/api/v2/institution/{real_tesla.institution_id}/vle/", headers=_bearer(admin_token),
        json={"type": 0, "name": "Edumock Moodle", "url": "https://moodle.edumock.test",
              "client_id": "edumock-moodle"})
    assert answer.status_code == 201, answer.text
    vle = answer.json()
    module = f"vle_{vle['id']:03d}"
    assert vle["credentials"]["role_id"] == f"role-{module}"
    assert vle["credentials"]["secret_id"] == f"secret-{module}"
    assert vle["credentials"]["api_url"] == f"https://{real_tesla.base_url.split('//', 1)[1]}"
