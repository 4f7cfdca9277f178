"""The live workflow probe: play a platform's main workflows against any server and judge
every step, by the contract and by what the workflow promises.

A platform's probe module defines ``SCENARIOS`` (ordered ``(name, play)`` pairs, each
``play(probe)`` driving a :class:`ProbeClient`) and ``authenticate(probe, token, headers)``,
which answers the credential headers every step carries (minting them with edumock's admin
API when no token is given). The core knows no platform: the CLI hands the module in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Protocol

import httpx

from edumock.conformance.exchange import Exchange
from edumock.conformance.probe_client import ProbeClient, StepFailed
from edumock.conformance.report import Report
from edumock.conformance.usage import UsageError
from edumock.contract.operations import Operations

__all__ = ["ProbeClient", "ProbeModule", "StepFailed", "run_probe"]

Scenario = tuple[str, Callable[[ProbeClient], None]]


class ProbeModule(Protocol):
    """What a platform's probe module provides."""

    SCENARIOS: list[Scenario]

    def authenticate(self, probe: ProbeClient, token: str | None,
                     extra_headers: Mapping[str, str]) -> dict[str, str]:
        """The headers every step carries."""


def parse_header(text: str) -> tuple[str, str]:
    """``NAME:VALUE`` (as ``--header`` takes it) → ``(NAME, VALUE)``."""
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise UsageError(f"--header {text!r} is not NAME:VALUE")
    return name.strip(), value.strip()


def run_probe(contract: Operations, platform_module: ModuleType | ProbeModule, base_url: str,
              token: str | None, extra_headers: Mapping[str, str],
              progress: Callable[[Exchange], None] | None = None, *, timeout: float = 10.0,
              params: Mapping[str, str] | None = None, run_id: str | None = None,
              transport: httpx.BaseTransport | None = None, read_only: bool = False,
              credentials: Mapping[str, str] | None = None,
              sandbox_extras: bool = True) -> Report:
    """Play every scenario of ``platform_module`` against ``base_url`` and report."""
    if not base_url.startswith(("http://", "https://")):
        raise UsageError(f"--base-url {base_url!r} is not an http:// or https:// URL")
    if token is not None and not token.strip():
        raise UsageError("--token is empty")
    with ProbeClient(contract, base_url, timeout=timeout, params=params, run_id=run_id,
                     progress=progress, transport=transport, read_only=read_only,
                     credentials=credentials, sandbox_extras=sandbox_extras) as probe:
        probe.connect()
        headers = platform_module.authenticate(probe, token, extra_headers)
        probe.headers = {**headers, **extra_headers}
        try:
            for name, play in platform_module.SCENARIOS:
                probe.run(name, play)
        finally:
            probe.clean_up()
        return probe.finish()
