"""Authentication as TeSLA's JWTAuthentication: anonymous without a header, exact 401s."""

from __future__ import annotations

from tests.platforms.tesla.conftest import Tesla, detail

LEARNERS = "/api/v2/institution/1/learner/"


def _get(tesla: Tesla, authorization: str | None):
    headers = {} if authorization is None else {"Authorization": authorization}
    return tesla.client.get(LEARNERS, headers=headers)


def test_no_header_is_anonymous_so_a_protected_resource_answers_403(tesla: Tesla):
    detail(_get(tesla, None), 403, "You do not have permission to perform this action.")


def test_scheme_without_token_is_401(tesla: Tesla):
    response = _get(tesla, "JWT")
    detail(response, 401, "Invalid token header. No credentials provided.")
    assert response.headers["WWW-Authenticate"] == "JWT"


def test_token_with_spaces_is_401(tesla: Tesla):
    detail(_get(tesla, "JWT abc def"), 401,
           "Invalid token header. Token string should not contain spaces.")


def test_forged_token_is_401_invalid_jwt(tesla: Tesla):
    token = tesla.login("inst_admin")["token"]
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    response = _get(tesla, f"JWT {forged}")
    detail(response, 401, "Invalid token: Invalid JWT token")
    assert response.headers["WWW-Authenticate"] == "JWT"


def test_the_scheme_word_is_not_checked(tesla: Tesla):
    token = tesla.login("inst_admin")["token"]
    assert _get(tesla, f"Bearer {token}").status_code == 200


def test_token_expires_on_the_sandbox_clock(tesla: Tesla):
    token = tesla.login("inst_admin")["token"]
    assert _get(tesla, f"JWT {token}").status_code == 200
    tesla.client.post("/__admin/clock", json={"advance": 3600})
    detail(_get(tesla, f"JWT {token}"), 401, "Invalid token: Invalid JWT token")


def test_token_lifetime_can_be_chosen_when_minting(tesla: Tesla):
    token = tesla.login("inst_admin", expires_in=60)["token"]
    tesla.client.post("/__admin/clock", json={"advance": 61})
    assert _get(tesla, f"JWT {token}").status_code == 401


def test_token_of_a_deleted_user_is_401_invalid_user(tesla: Tesla):
    minted = tesla.login("inst_admin")
    victim = tesla.login("data_admin")
    tesla.token = victim["token"]
    assert tesla.delete(f"/api/v2/institution/1/user/{minted['userId']}/").status_code == 204
    detail(_get(tesla, f"JWT {minted['token']}"), 401, "Invalid user.")


def test_token_of_a_deleted_learner_is_401_invalid_learner(tesla: Tesla):
    learner = tesla.login("learner")
    tesla.login("inst_admin")
    assert tesla.delete(f"{LEARNERS}{learner['userId']}/").status_code == 204
    detail(_get(tesla, f"JWT {learner['token']}"), 401, "Invalid learner.")


def test_role_changes_apply_to_live_tokens(tesla: Tesla):
    member = tesla.login()
    assert _get(tesla, f"JWT {member['token']}").status_code == 403
    tesla.login("inst_admin")
    promoted = tesla.patch(f"/api/v2/institution/1/user/{member['userId']}/",
                           {"inst_admin": True})
    assert promoted.status_code == 200
    assert _get(tesla, f"JWT {member['token']}").status_code == 200


def test_minted_tokens_carry_the_claims_the_real_server_reads(tesla: Tesla):
    user = tesla.login("inst_admin")
    assert set(user["claims"]) == {"group", "type", "sub", "pk"}
    assert user["claims"]["group"] == "users" and user["claims"]["type"] == "user"
    learner = tesla.login("learner")
    assert learner["claims"]["group"] == "learners" and learner["claims"]["type"] == "learner"
    admin = tesla.login("global_admin")
    assert admin["claims"]["type"] == "admin"


def test_minting_for_unknown_things_is_refused(tesla: Tesla):
    for claims in ({"institution_id": 99}, {"user_id": 99999}, {"roles": ["wizard"]}):
        response = tesla.client.post("/__admin/tokens", json={"platform": "tesla", **claims})
        assert response.status_code == 404, claims
        assert response.headers["content-type"] == "application/problem+json"
