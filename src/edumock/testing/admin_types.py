"""The shapes of the admin API's faults and verifications, as ``TypedDict``s.

They are plain dicts at run time (what the handle sends and receives as JSON, keys spelt as
on the wire), so code written with bare dicts or keywords keeps working; a type checker holds
a test to the names and types ``specs/admin.yaml`` accepts (a misspelt ``atleast=1`` or a
``status="429"`` fails ``mypy`` instead of failing at run time with a 400).
"""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict


class Latency(TypedDict, total=False):
    """A delay in milliseconds: fixed, or drawn between two bounds from the world's seed."""

    fixedMs: float
    minMs: float
    maxMs: float


class Fault(TypedDict, total=False):
    """What ``POST /__admin/faults`` takes: which calls (``platform``, ``operationId``,
    ``method``, ``path`` with ``*`` or ``{param}``), the effect (``status`` with ``headers``,
    ``latency``, ``drop``, ``slowBodyMs``) and how often (``times``, ``nth`` or ``fraction``)."""

    platform: str
    operationId: str
    method: str
    path: str
    status: int
    headers: dict[str, str]
    latency: float | Latency
    drop: bool
    slowBodyMs: float
    times: int
    nth: int
    fraction: float


class FaultRecord(TypedDict):
    """A fault as the server holds it: what was asked, its id and how often it matched and
    fired."""

    id: int
    matched: int
    fired: int
    exhausted: bool
    platform: NotRequired[str | None]
    operationId: NotRequired[str | None]
    method: NotRequired[str | None]
    path: NotRequired[str | None]
    status: NotRequired[int | None]
    headers: NotRequired[dict[str, str]]
    latency: NotRequired[Latency | None]
    drop: NotRequired[bool]
    slowBodyMs: NotRequired[float | None]
    times: NotRequired[int | None]
    nth: NotRequired[int | None]
    fraction: NotRequired[float | None]


class Expectation(TypedDict, total=False):
    """What ``POST /__admin/requests/verify`` takes: the operation (``operationId``, or
    ``method`` and ``path``), how many calls (``count``, ``atLeast``, ``atMost``) and a
    ``body`` each counted call's body must contain."""

    operationId: str
    method: str
    path: str
    body: Any
    count: int
    atLeast: int
    atMost: int


class Difference(TypedDict, total=False):
    """How one near candidate differs from the expectation."""

    request: int
    differences: list[str]


class VerifyResult(TypedDict):
    """The verdict: ``verified``, what was ``expected``, the ``actual`` count, the ids of the
    ``matched`` requests, and on failure a ``message`` and the near candidates' ``diff``."""

    verified: bool
    expected: str
    actual: int
    matched: list[int]
    message: NotRequired[str]
    diff: NotRequired[list[Difference]]
