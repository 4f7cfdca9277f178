"""What test suites import: an in-process app, a live server on a free loopback port, a
handle that drives a live server's admin API (the pytest plugin's ``edumock_server``) and
the typed shapes of its faults and verifications.

Each name is imported on first use: the pytest plugin lives in this package, and a test run
that never asks for a server should not pay for loading the web stack.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from edumock.testing.admin_types import (
        Expectation,
        Fault,
        FaultRecord,
        Latency,
        VerifyResult,
    )
    from edumock.testing.handle import Edumock, EdumockError
    from edumock.testing.server import ThreadedServer, build_app

_HOMES = {
    "Edumock": "handle", "EdumockError": "handle",
    "ThreadedServer": "server", "build_app": "server",
    "Expectation": "admin_types", "Fault": "admin_types", "FaultRecord": "admin_types",
    "Latency": "admin_types", "VerifyResult": "admin_types",
}

__all__ = ["Edumock", "EdumockError", "Expectation", "Fault", "FaultRecord", "Latency",
           "ThreadedServer", "VerifyResult", "build_app"]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'edumock.testing' has no attribute {name!r}")
    return getattr(import_module(f"edumock.testing.{home}"), name)
