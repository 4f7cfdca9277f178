"""Sunbird scenarios over every path of both specs: a method the path does not declare is
answered as an unknown path (404 RESOURCE_NOT_FOUND: the service routes method and path
together, so there is no 405), and, against edumock only, a server failure is the envelope's
500 SERVER_ERROR."""

from __future__ import annotations

from typing import Any

import httpx

from edumock.conformance import probe_sweeps
from edumock.conformance.probe_client import ProbeClient
from edumock.contract.operations import Operation
from edumock.platforms.sunbird.probe.common import refused, unknown_id

INTERNAL_ERROR = "Process failed,please try again later."


def _envelope(probe: ProbeClient, response: httpx.Response, step: str, code: str,
              response_code: str, status: int, message: str | None = None) -> None:
    """The envelope's refusal with ``code``, its ``responseCode`` and an empty result."""
    if refused(probe, response, step, code, status, message):
        body = response.json()
        probe.expect(body.get("responseCode") == response_code and body.get("result") == {},
                     step, f"responseCode {body.get('responseCode')!r} and result "
                           f"{body.get('result')!r}, not {response_code} and {{}}")


def undeclared_methods(probe: ProbeClient) -> None:
    """Every path answers a method it does not declare (GET, or POST where it declares GET)
    with 404 RESOURCE_NOT_FOUND, as an unknown path. Path parameters name no record. A
    read-only run sends only the GETs."""

    def check(response: httpx.Response, step: str, declared: tuple[str, ...]) -> None:
        _envelope(probe, response, step, "RESOURCE_NOT_FOUND", "RESOURCE_NOT_FOUND", 404)

    probe_sweeps.undeclared_methods(
        probe, lambda template: probe_sweeps.filled(template, lambda name: unknown_id(probe)),
        check)


def _request(operation: Operation) -> dict[str, Any]:
    """The failing call's body: an empty request for a JSON operation; uploads send none
    (their body is optional, and the fault answers before it is read)."""
    accepted = ((operation.request_body or {}).get("content") or {})
    return {"json": {"request": {}}} if "application/json" in accepted else {}


def server_failures(probe: ProbeClient) -> None:
    """Against edumock only: every operation failed once by a fault injected through the admin
    API answers 500 in the envelope, ``responseCode`` SERVER_ERROR and ``params.err``
    INTERNAL_ERROR "Process failed,please try again later.", as the service's error handler
    does. No client can make a real service fail, so nothing is sent elsewhere."""

    def check(response: httpx.Response, step: str) -> None:
        _envelope(probe, response, step, "INTERNAL_ERROR", "SERVER_ERROR", 500, INTERNAL_ERROR)

    probe_sweeps.injected_failures(probe, 500, lambda name: unknown_id(probe), _request, check)


READ_ONLY_SCENARIOS = [("undeclared methods", undeclared_methods)]
LAST_SCENARIOS = [("server failures", server_failures)]
