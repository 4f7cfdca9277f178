"""Handlers of the admin API (``specs/admin.yaml``): one module per resource, bound here.

Admin handlers reach platforms only through the :class:`~edumock.platform.Platform`
values the sandbox was built with, never by import. ``HANDLERS`` is the same kind of
table every platform exposes, so one resolver serves every API.
"""

from __future__ import annotations

from edumock.admin import (
    arrange,
    clock,
    coverage,
    faults,
    health,
    landing,
    metrics,
    requests,
    reset,
    snapshot,
    state,
    tokens,
    worlds,
)
from edumock.platform import HandlerTable

HANDLERS: HandlerTable = {
    "clock.read": clock.read,
    "clock.advance": clock.advance,
    "coverage.read": coverage.read,
    "coverage.clear": coverage.clear,
    "faults.add": faults.add,
    "faults.list_faults": faults.list_faults,
    "faults.clear": faults.clear,
    "faults.remove": faults.remove,
    "health.read": health.read,
    "health.violations": health.violations,
    "landing.page": landing.page,
    "metrics.read": metrics.read,
    "requests.list_requests": requests.list_requests,
    "requests.clear": requests.clear,
    "requests.verify": requests.verify,
    "reset.reset": reset.reset,
    "snapshot.export": snapshot.export,
    "snapshot.restore": snapshot.restore,
    "state.collections": state.collections,
    "state.records": state.records,
    "state.arrange": arrange.arrange,
    "state.remove": arrange.remove,
    "tokens.mint": tokens.mint,
    "worlds.list_worlds": worlds.list_worlds,
    "worlds.read": worlds.read,
    "worlds.reset": worlds.reset,
    "worlds.delete": worlds.delete,
}
