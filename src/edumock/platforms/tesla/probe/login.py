"""TeSLA's own login views: GET refused with their bare 405, bodies the serializer refuses,
wrong credentials, a refresh token that is not one. The same steps whatever the credentials,
so a drift run plays them alike on both sides; a run given ``--username``/``--password``
logs in through ``auth/login`` before any scenario (``authenticate``)."""

from __future__ import annotations

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.tesla.probe.common import PERMISSION_DENIED

LOGIN = "/api/v2/auth/login"
REFRESH = "/api/v2/auth/token/refresh"
AUTH_PATHS = "/api/v2/auth/"
"""The login views take no token and check none: the token sweeps leave them out."""


def _refused(probe: ProbeClient, step: str, path: str, body: object, status: int,
             answer: object, invalid: bool = False) -> None:
    response = probe.call(step, "POST", path, json=body, invalid=invalid)
    if probe.expect_status(response, status, step):
        probe.expect(response.json() == answer, step, response.text[:160])


def login_views(probe: ProbeClient) -> None:
    """The refusals every TeSLA server makes on its login views."""
    for path in (LOGIN, REFRESH):
        step = f"GET {path.removeprefix('/api/v2/')}"
        response = probe.call(step, "GET", path)
        if probe.expect_status(response, 405, step):
            probe.expect(response.json() == "Method not allowed", step, response.text[:120])
    _refused(probe, "no password", LOGIN, {"email": "probe@probe.example.org"}, 400,
             {"password": ["This field is required."]}, invalid=True)
    _refused(probe, "an e-mail Django refuses", LOGIN, {"email": "nobody@x.y", "password": "a"},
             400, {"email": ["Enter a valid email address."]})
    _refused(probe, "unknown credentials", LOGIN,
             {"email": "probe@probe.example.org", "password": "not-the-password"}, 401,
             "Invalid credentials")
    _refused(probe, "refresh without a token", REFRESH, {}, 400,
             {"token": ["This field is required."]})
    _refused(probe, "refresh with a forged pair", REFRESH,
             {"token": {"access_token": "a.b.c", "refresh_token": "x.y.z"}}, 403,
             PERMISSION_DENIED)
