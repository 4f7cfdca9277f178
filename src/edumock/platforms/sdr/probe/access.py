"""Credentials: how a run authenticates, the ESL token endpoint (OAuth2 client credentials),
and the refusals of a call whose token, ``EID``, method or path is wrong."""

from __future__ import annotations

import base64
from collections.abc import Mapping

import httpx

from edumock.conformance import probe_sweeps as sweeps
from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.usage import UsageError
from edumock.platforms.sdr.probe.common import BASE, eid, refused

EDUMIS = "6004"
"""The organisation a run acts for when it mints its own credentials."""
TOKEN_ENDPOINT = "/oauth2/access_token"
UNKNOWN_RETURN = "199001"
"""A return period (``YYYYMM``) no organisation has."""
EDUMOCK_CLIENT = ("edumock-sdr-client", "edumock-sdr-secret")
"""The client a fresh edumock world configures (docs/sdr.md): used only against edumock when
no ``--client-id`` is given."""


def _header_eid(extra_headers: Mapping[str, str]) -> str | None:
    return next((value for name, value in extra_headers.items() if name.lower() == "eid"), None)


def client(probe: ProbeClient) -> tuple[str, str] | None:
    """The client credentials the run may use: the given ones, or edumock's own client."""
    if "client_id" in probe.credentials:
        return probe.credentials["client_id"], probe.credentials["client_secret"]
    return EDUMOCK_CLIENT if probe.edumock else None


def basic(client_id: str, secret: str) -> dict[str, str]:
    pair = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    return {"Authorization": f"Basic {pair}"}


def client_token(probe: ProbeClient, credentials: tuple[str, str], edumis: str) -> str:
    """An ESL token from the token endpoint (outside the judged traffic)."""
    answer = probe.login("ESL token", "POST", TOKEN_ENDPOINT, headers=basic(*credentials),
                         data={"grant_type": "client_credentials", "org_id": edumis})
    if answer.status_code != 200:
        raise UsageError(f"the ESL token endpoint refused the client credentials for "
                         f"organisation {edumis}: {answer.status_code} {answer.text[:200]}")
    return str(answer.json()["access_token"])


def authenticate(probe: ProbeClient, token: str | None,
                 extra_headers: Mapping[str, str]) -> dict[str, str]:
    """``Authorization: Bearer <ESL token>`` and ``EID`` (from ``--header EID:…``, or the
    organisation edumock mints the token for). With ``--client-id``/``--client-secret`` the
    token comes from the ESL token endpoint."""
    edumis = _header_eid(extra_headers)
    if token is None and "client_id" in probe.credentials:
        if edumis is None and not probe.edumock:
            raise UsageError("SDR calls act for one organisation: pass --header EID:<edumis>")
        edumis = edumis or EDUMIS
        token = client_token(probe, (probe.credentials["client_id"],
                                     probe.credentials["client_secret"]), edumis)
    elif token is None:
        minted = probe.mint({"platform": "sdr", "edumis": edumis or EDUMIS})
        token, edumis = str(minted["token"]), edumis or str(minted.get("edumis", EDUMIS))
    elif edumis is None:
        raise UsageError("SDR calls act for one organisation: pass --header EID:<edumis>")
    return {"Authorization": f"Bearer {token}", "EID": edumis}


def renew(probe: ProbeClient) -> bool:
    """A new ESL token for the run (after a long wait expired the first); False when the run
    has no client credentials to ask with."""
    credentials = client(probe)
    if credentials is None:
        return False
    probe.headers["Authorization"] = f"Bearer {client_token(probe, credentials, eid(probe))}"
    return True


# -- scenarios --------------------------------------------------------------------------
def credential_refusals(probe: ProbeClient) -> None:
    """Every call needs a genuine token (AU2), an EID (AM2) that is numeric (AM1) and that the
    token is scoped to (AU1); an unknown path is refused. All read-only."""
    returns = f"{BASE}/returns"
    refused(probe, probe.call("no token", "GET", returns, credentials=False), 401, "AU2",
            "no token")
    refused(probe, probe.call("forged token", "GET", returns,
                              headers={"Authorization": "Bearer forged.token.value"}),
            401, "AU2", "forged token")
    own = probe.headers
    probe.headers = {k: v for k, v in own.items() if k.lower() != "eid"}
    try:
        missing = probe.call("no EID", "GET", returns, invalid=True)
    finally:
        probe.headers = own
    refused(probe, missing, 400, "AM2", "no EID")
    refused(probe, probe.call("EID not numeric", "GET", returns, headers={"EID": "six"},
                              invalid=True), 400, "AM1", "EID not numeric")
    other = "1" if eid(probe) != "1" else "2"
    refused(probe, probe.call("another organisation's EID", "GET", returns,
                              headers={"EID": other}), 401, "AU1", "another organisation's EID")
    probe.expect_status(probe.call("unknown path", "GET", f"{BASE}/no-such-data-set",
                                   invalid=True), 404, "unknown path")


def undeclared_methods(probe: ProbeClient) -> None:
    """Every path refuses a method it does not declare: 405, an ``Allow`` naming the methods
    it does, and a problem document. Path parameters name no record (``returnId`` a period
    no organisation has). Read-only: a path declaring GET is sent POST only when writes are
    allowed."""

    def value(name: str) -> str:
        return UNKNOWN_RETURN if name == "returnId" else probe.unique("unknown-")

    def check(answer: httpx.Response, step: str, declared: tuple[str, ...]) -> None:
        if not probe.expect_status(answer, 405, step):
            return
        allow = {m.strip().upper() for m in answer.headers.get("allow", "").split(",")}
        probe.expect(set(declared) <= allow, step, f"the Allow header "
                     f"{answer.headers.get('allow')!r} does not name {', '.join(declared)}")
        try:
            body = answer.json()
        except ValueError:
            body = None
        probe.expect(isinstance(body, dict) and body.get("status") == 405, step,
                     f"the refusal is not a problem document of status 405: {answer.text[:120]}")

    sweeps.undeclared_methods(probe, lambda template: sweeps.filled(template, value), check)


def esl_token(probe: ProbeClient) -> None:
    """The token endpoint refuses a wrong secret (401 invalid_client), another grant type,
    a missing org_id and an unknown scope (400, RFC 6749 codes), and issues a Bearer token
    that lists the organisation's returns."""
    credentials = client(probe)
    client_id = credentials[0] if credentials else "probe-client"
    form = {"grant_type": "client_credentials", "org_id": eid(probe)}
    wrong = probe.call("wrong secret", "POST", TOKEN_ENDPOINT, data=form,
                       headers=basic(client_id, probe.unique("wrong-")))
    if probe.expect_status(wrong, 401, "wrong secret"):
        probe.expect(wrong.json().get("error") == "invalid_client", "wrong secret",
                     f"error is {wrong.json().get('error')!r}, not invalid_client")
    if credentials is None:
        return
    for step, sent, error in (
            ("another grant type", {**form, "grant_type": "password"},
             "unsupported_grant_type"),
            ("no org_id", {"grant_type": "client_credentials"}, "invalid_request"),
            ("unknown scope", {**form, "scope": "https://elsewhere.example"}, "invalid_scope")):
        answer = probe.call(step, "POST", TOKEN_ENDPOINT, data=sent, headers=basic(*credentials))
        if probe.expect_status(answer, 400, step):
            probe.expect(answer.json().get("error") == error, step,
                         f"error is {answer.json().get('error')!r}, not {error}")
    body = probe.require_status(probe.call("token", "POST", TOKEN_ENDPOINT, data=form,
                                           headers=basic(*credentials)), 200, "token")
    probe.expect(body["token_type"] == "Bearer", "token",
                 f"token_type is {body['token_type']!r}, not Bearer")
    probe.expect_status(probe.call(
        "returns with the new token", "GET", f"{BASE}/returns",
        headers={"Authorization": f"Bearer {body['access_token']}"}), 200,
        "returns with the new token")
