"""Forged, tampered, stale and misdirected JWTs: each refused with the platform's exact
authentication error, and the write they carried never applied.

Tokens are crafted with the world's own signing key (the sandbox shows it in its config state),
so each one is refused for the one thing wrong with it, not for its signature."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

import jwt
import pytest

from tests.conftest import FROZEN_AT
from tests.hardening.hostile import (
    SDR_LEARNERS,
    SUNBIRD_ENROL,
    TESLA_LEARNERS,
    callers,
    drf_error,
    sdr_problem,
    sunbird_error,
    unchanged,
)
from tests.platforms.sdr.conftest import EDUMIS
from tests.platforms.sunbird.conftest import Sunbird

NOW = int(FROZEN_AT.timestamp())
HOUR = 3600
Claims = dict[str, Any]


def _segment(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _unsigned(claims: Claims) -> str:
    return f"{_segment({'alg': 'none', 'typ': 'JWT'})}.{_segment(claims)}."


def _tampered(token: str, claims: Claims) -> str:
    """A genuine token's signature on a different payload."""
    header, _, signature = token.split(".")
    return f"{header}.{_segment(claims)}.{signature}"


def _without(claims: Claims, *names: str) -> Claims:
    return {k: v for k, v in claims.items() if k not in names}


def forgeries(genuine: str, key: str, subject: str) -> dict[str, str]:
    """Every way a token may be wrong, each built from a genuine token's claims."""
    claims = jwt.decode(genuine, options={"verify_signature": False})

    def signed(changed: Claims, algorithm: str = "HS256", with_key: str = key) -> str:
        return jwt.encode(changed, with_key, algorithm=algorithm)

    return {
        "alg none": _unsigned(claims),
        "alg none, signature kept": _unsigned(claims) + genuine.split(".")[2],
        "another key": signed(claims, with_key="not-the-world's-key-" * 2),
        "HS512 with the right key": signed(claims, "HS512"),
        "payload changed after signing": _tampered(genuine, {**claims, subject: "someone"}),
        "expired": signed({**claims, "iat": NOW - 2 * HOUR, "exp": NOW - 1}),
        "not valid before an hour from now": signed({**claims, "nbf": NOW + HOUR}),
        "issued an hour from now": signed({**claims, "iat": NOW + HOUR, "exp": NOW + 2 * HOUR}),
        "no exp": signed(_without(claims, "exp")),
        "no iat": signed(_without(claims, "iat")),
        f"no {subject}": signed(_without(claims, subject)),
        "exp not a number": signed({**claims, "exp": "tomorrow"}),
        "iat not a number": signed({**claims, "iat": [NOW]}),
        "another issuer": signed({**claims, "iss": "https://evil.example"}),
        "another audience": signed({**claims, "aud": "someone-else"}),
        "not a JWT": "not-a-jwt",
        "two segments": "e30.e30",
        "10 KB of noise": "A" * 10_000,
    }


def _key(client: Any, platform: str) -> str:
    records = client.get(f"/__admin/state/{platform}/config").json()["records"]
    return str(records[0]["signing_key"])


def _refusals(client: Any, tokens: dict[str, str], call: Callable[[str], Any],
              check: Callable[[Any], Any]) -> None:
    with unchanged(client):
        for name, token in tokens.items():
            try:
                check(call(token))
            except AssertionError as error:
                raise AssertionError(f"{name}: {error}") from None


def test_tesla(client: Any):
    genuine = callers(client).tesla["Authorization"].split()[1]
    extra = {"no group": jwt.encode(_without(jwt.decode(genuine, options={
        "verify_signature": False}), "group"), _key(client, "tesla"), algorithm="HS256")}

    def check(response: Any) -> None:
        assert drf_error(response, 401) == {"detail": "Invalid token: Invalid JWT token"}
        assert response.headers["www-authenticate"] == "JWT"

    _refusals(client, {**forgeries(genuine, _key(client, "tesla"), "sub"), **extra},
              lambda token: client.post(TESLA_LEARNERS, headers={"Authorization": f"JWT {token}"},
                                        json={"email": "forged@pu1.ac.nz", "uid": "forged"}),
              check)


def test_tesla_another_institution(client: Any):
    other = client.post("/__admin/tokens", json={"platform": "tesla", "institution_id": 2,
                                                  "roles": ["inst_admin"]}).json()["token"]
    headers = {"Authorization": f"JWT {other}"}
    with unchanged(client):
        for response in (client.get(TESLA_LEARNERS, headers=headers),
                         client.post(TESLA_LEARNERS, headers=headers,
                                     json={"email": "intruder@pu1.ac.nz", "uid": "intruder"})):
            assert drf_error(response, 403) == {
                "detail": "You do not have permission to perform this action."}


def _sdr_upload(client: Any, token: str, eid: str, submission: str) -> Any:
    return client.put(SDR_LEARNERS, headers={"Authorization": f"Bearer {token}", "EID": eid},
                      json={"submissionToken": submission, "content": [{
                          "localId": "F1", "studentIdentificationCode": "S1", "gender": "F",
                          "dateOfBirth": "2001-04-12", "nameIdCode": "NGATA",
                          "ethnicity": ["211"]}]})


def test_sdr(client: Any):
    who = callers(client)
    genuine = who.sdr["Authorization"].split()[1]
    extra = {"no org_id": jwt.encode(_without(jwt.decode(genuine, options={
        "verify_signature": False}), "org_id"), _key(client, "sdr"), algorithm="HS256")}
    _refusals(client, {**forgeries(genuine, _key(client, "sdr"), "sub"), **extra},
              lambda token: _sdr_upload(client, token, EDUMIS, who.submission_token),
              lambda response: sdr_problem(response, 401, "AU2"))


def test_sdr_another_organisation(client: Any):
    who = callers(client)
    other = client.post("/__admin/tokens", json={"platform": "sdr", "edumis": "8513"}).json()
    with unchanged(client):
        refused = sdr_problem(_sdr_upload(client, other["token"], EDUMIS, who.submission_token),
                              401, "AU1")
        assert refused["detail"] == "The bearer token is not scoped to organisation 6004."
        mine = who.sdr["Authorization"].split()[1]
        sdr_problem(_sdr_upload(client, mine, "8513", who.submission_token), 401, "AU1")


def test_sunbird(client: Any):
    sunbird = Sunbird(client)
    batch = sunbird.batch_in_state(1)
    genuine = sunbird.user_token
    key = _key(client, "sunbird")
    claims = jwt.decode(genuine, options={"verify_signature": False})
    extra = {
        "a user no one knows": jwt.encode({**claims, "sub": "f:edumock:nobody"}, key, "HS256"),
        "a TeSLA token": callers(client).tesla["Authorization"].split()[1]}

    def enrol(token: str) -> Any:
        return client.post(SUNBIRD_ENROL, headers={**sunbird.headers(),
                                                   "x-authenticated-user-token": token},
                           json={"request": {"courseId": batch["courseId"],
                                             "batchId": batch["batchId"],
                                             "userId": sunbird.user_id}})

    def check(response: Any) -> None:
        body = sunbird_error(response, 401, "UNAUTHORIZED_USER")
        assert body["params"]["errmsg"] == "You are not authorized."
        assert body["params"]["status"] == "SERVER_ERROR"

    _refusals(client, {**forgeries(genuine, key, "sub"), **extra}, enrol, check)


@pytest.mark.parametrize("api_key", ["", "Bearer", "Bearer wrong", "Basic x", "Bearer  "])
def test_sunbird_gateway_keys(client: Any, api_key: str):
    sunbird = Sunbird(client)
    with unchanged(client):
        response = client.post(SUNBIRD_ENROL, json={"request": {}}, headers={
            "Authorization": api_key, "x-authenticated-user-token": sunbird.user_token})
        assert response.status_code == 401
        assert response.json() in ({"message": "Unauthorized"},
                                   {"message": "Invalid authentication credentials"})
