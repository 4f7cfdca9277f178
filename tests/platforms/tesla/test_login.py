"""TeSLA's own login and token refresh, answered as the real views answer."""

from __future__ import annotations

from typing import Any

import jwt
import pytest

from tests.platforms.tesla.conftest import Tesla, detail, field_errors

LOGIN = "/api/v2/auth/login"
REFRESH = "/api/v2/auth/token/refresh"
LEARNERS = "/api/v2/institution/1/learner/"
GLOBAL_ADMIN = ("admin@tesla.edumock.local", "admin-password")


def _user(tesla: Tesla, **flags: Any) -> dict[str, Any]:
    return next(u for u in tesla.state("users") if u["institution_id"] == 1
                and all(u.get(k) == v for k, v in flags.items()))


def _login(tesla: Tesla, email: str, password: str) -> Any:
    return tesla.client.post(LOGIN, json={"email": email, "password": password})


def _password(user: dict[str, Any]) -> str:
    return f"{user['email'].split('@')[0]}-password"


def _tokens(tesla: Tesla, user: dict[str, Any]) -> dict[str, str]:
    response = _login(tesla, user["email"], _password(user))
    assert response.status_code == 200, response.text
    return dict(response.json()["token"])


def _learners(tesla: Tesla, token: str) -> Any:
    return tesla.client.get(LEARNERS, headers={"Authorization": f"JWT {token}"})


def _advance(tesla: Tesla, seconds: int) -> None:
    assert tesla.client.post("/__admin/clock", json={"advance": seconds}).status_code == 200


def test_an_institution_admin_logs_in_and_the_token_works_on_a_list(tesla: Tesla):
    admin = _user(tesla, inst_admin=True)
    tokens = _tokens(tesla, admin)
    assert set(tokens) == {"access_token", "refresh_token"}
    response = _learners(tesla, tokens["access_token"])
    assert response.status_code == 200 and response.json()["count"] > 0


def test_the_access_token_expires_after_15_minutes_of_sandbox_time(tesla: Tesla):
    token = _tokens(tesla, _user(tesla, inst_admin=True))["access_token"]
    _advance(tesla, 14 * 60)
    assert _learners(tesla, token).status_code == 200
    _advance(tesla, 60)
    detail(_learners(tesla, token), 401, "Invalid token: Invalid JWT token")


def test_the_global_admin_logs_in_with_the_documented_password(tesla: Tesla):
    tokens = _login(tesla, *GLOBAL_ADMIN).json()["token"]
    claims = jwt.decode(tokens["access_token"], options={"verify_signature": False})
    assert (claims["group"], claims["type"], claims["sub"]) == ("users", "admin", "tesla-admin")
    assert claims["exp"] - claims["iat"] == 15 * 60
    refresh = jwt.decode(tokens["refresh_token"], options={"verify_signature": False})
    assert refresh["exp"] - refresh["iat"] == 60 * 60


def test_the_email_is_compared_case_insensitively(tesla: Tesla):
    admin = _user(tesla, inst_admin=True)
    assert _login(tesla, admin["email"].upper(), _password(admin)).status_code == 200


@pytest.mark.parametrize("email_password", [
    ("wrong", None), ("other", "nobody@nowhere.org")])
def test_wrong_password_or_unknown_email_is_401_invalid_credentials(tesla: Tesla,
                                                                     email_password: Any):
    password, email = email_password
    admin = _user(tesla, inst_admin=True)
    response = _login(tesla, email or admin["email"], password)
    assert response.status_code == 401
    assert response.json() == "Invalid credentials"


def test_missing_password_is_400(tesla: Tesla):
    response = tesla.client.post(LOGIN, json={"email": "admin@tesla.edumock.local"})
    field_errors(response, {"password": ["This field is required."]})


def test_an_email_django_refuses_is_400(tesla: Tesla):
    response = _login(tesla, "nobody@x.y", "a")
    field_errors(response, {"email": ["Enter a valid email address."]})


def test_blank_fields_are_reported_together(tesla: Tesla):
    response = _login(tesla, "  ", " ")
    field_errors(response, {"email": ["This field may not be blank."],
                            "password": ["This field may not be blank."]})


@pytest.mark.parametrize("path", [LOGIN, REFRESH])
def test_get_is_405_with_the_views_bare_string(tesla: Tesla, path: str):
    response = tesla.client.get(path)
    assert response.status_code == 405
    assert response.json() == "Method not allowed"


def test_a_user_without_login_allowed_is_refused(tesla: Tesla):
    admin = _user(tesla, inst_admin=True)
    tesla.login("inst_admin")
    assert tesla.patch(f"/api/v2/institution/1/user/{admin['id']}/",
                       {"login_allowed": False}).status_code == 200
    response = _login(tesla, admin["email"], _password(admin))
    assert (response.status_code, response.json()) == (401, "Invalid credentials")


def test_an_inactive_user_logs_in_but_the_token_is_refused_on_use(tesla: Tesla):
    admin = _user(tesla, inst_admin=True)
    tokens = _tokens(tesla, admin)
    snapshot = tesla.client.get("/__admin/snapshot").json()
    snapshot["stores"]["tesla"]["users"][str(admin["id"])]["is_active"] = False
    answer = tesla.client.put("/__admin/snapshot", json=snapshot)
    assert answer.status_code == 200, answer.text
    again = _tokens(tesla, admin)  # upstream checks only the password: the login succeeds
    for token in (tokens["access_token"], again["access_token"]):
        detail(_learners(tesla, token), 401, "User inactive or deleted.")


def test_a_user_created_without_a_password_cannot_log_in(tesla: Tesla):
    tesla.login("inst_admin")
    domain = tesla.get("/api/v2/institution/1/").json()["mail_domain"]
    created = tesla.post("/api/v2/institution/1/user/", {
        "username": "nopass", "uid": "nopass", "email": f"nopass@{domain}",
        "login_allowed": True})
    assert created.status_code == 201, created.text
    for password in ("nopass-password", "None"):
        assert _login(tesla, f"nopass@{domain}", password).status_code == 401


def test_a_user_created_with_a_password_logs_in_with_it(tesla: Tesla):
    tesla.login("inst_admin")
    domain = tesla.get("/api/v2/institution/1/").json()["mail_domain"]
    created = tesla.post("/api/v2/institution/1/user/", {
        "username": "withpass", "uid": "withpass", "email": f"withpass@{domain}",
        "login_allowed": True, "password": "S3cret-pass", "password2": "S3cret-pass"})
    assert created.status_code == 201, created.text
    assert "password_hash" not in created.json()
    assert _login(tesla, f"withpass@{domain}", "S3cret-pass").status_code == 200
    stored = next(u for u in tesla.state("users") if u["username"] == "withpass")
    assert "S3cret-pass" not in str(stored)


def test_a_refreshed_token_works_after_the_old_one_expired(tesla: Tesla):
    tokens = _tokens(tesla, _user(tesla, inst_admin=True))
    _advance(tesla, 20 * 60)
    response = tesla.client.post(REFRESH, json={"token": tokens})
    assert response.status_code == 200, response.text
    fresh = response.json()["token"]
    assert fresh["refresh_token"] == tokens["refresh_token"]
    assert _learners(tesla, fresh["access_token"]).status_code == 200


def test_refresh_takes_the_access_token_with_the_refresh_token_in_the_header(tesla: Tesla):
    tokens = _tokens(tesla, _user(tesla, inst_admin=True))
    response = tesla.client.post(REFRESH, json={"token": tokens["access_token"]},
                                 headers={"Authorization": f"JWT {tokens['refresh_token']}"})
    assert response.status_code == 200, response.text
    assert _learners(tesla, response.json()["token"]["access_token"]).status_code == 200


def test_refresh_takes_the_refresh_token_alone(tesla: Tesla):
    tokens = _tokens(tesla, _user(tesla, inst_admin=True))
    response = tesla.client.post(REFRESH, json={"refresh_token": tokens["refresh_token"]})
    assert response.status_code == 200, response.text
    assert _learners(tesla, response.json()["token"]["access_token"]).status_code == 200


def test_the_refresh_token_is_not_a_bearer_token_nor_the_access_token_a_refresh(tesla: Tesla):
    tokens = _tokens(tesla, _user(tesla, inst_admin=True))
    detail(_learners(tesla, tokens["refresh_token"]), 401, "Invalid token: Invalid JWT token")
    pair = {"access_token": tokens["access_token"], "refresh_token": tokens["access_token"]}
    detail(tesla.client.post(REFRESH, json={"token": pair}), 403,
           "You do not have permission to perform this action.")


def test_a_refresh_token_for_someone_else_is_403(tesla: Tesla):
    mine = _tokens(tesla, _user(tesla, inst_admin=True))
    theirs = _tokens(tesla, _user(tesla, data_admin=True))
    pair = {"access_token": mine["access_token"], "refresh_token": theirs["refresh_token"]}
    detail(tesla.client.post(REFRESH, json={"token": pair}), 403,
           "You do not have permission to perform this action.")


def test_an_institution_users_refresh_token_expires_after_24_hours(tesla: Tesla):
    tokens = _tokens(tesla, _user(tesla, inst_admin=True))
    _advance(tesla, 24 * 3600)
    detail(tesla.client.post(REFRESH, json={"token": tokens}), 403,
           "You do not have permission to perform this action.")


def test_refresh_body_errors_are_the_serializers(tesla: Tesla):
    field_errors(tesla.client.post(REFRESH, json={}), {"token": ["This field is required."]})
    field_errors(tesla.client.post(REFRESH, json={"token": {"access_token": "a"}}),
                 {"token": {"refresh_token": ["This field is required."]}})


def test_login_reads_its_fields_as_drf_does(tesla: Tesla):
    def login(body: dict[str, Any]) -> Any:
        return tesla.client.post(LOGIN, json=body)

    field_errors(login({"email": 5, "password": "x"}), {"email": ["Enter a valid email address."]})
    field_errors(login({"email": True, "password": True}),
                 {"email": ["Enter a valid email address."], "password": ["Not a valid string."]})
    field_errors(login({"email": 5}), {"email": ["Enter a valid email address."],
                                       "password": ["This field is required."]})
    refused = login({"email": GLOBAL_ADMIN[0], "password": 12345})  # a number is its text
    assert (refused.status_code, refused.json()) == (401, "Invalid credentials")


def test_login_takes_a_form(tesla: Tesla):
    email, password = GLOBAL_ADMIN
    urlencoded = tesla.client.post(LOGIN, data={"email": email, "password": password})
    assert urlencoded.status_code == 200, urlencoded.text
    assert set(urlencoded.json()["token"]) == {"access_token", "refresh_token"}
    multipart = tesla.client.post(LOGIN, files={"email": (None, email),
                                                "password": (None, "wrong")})
    assert (multipart.status_code, multipart.json()) == (401, "Invalid credentials")
