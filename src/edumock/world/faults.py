"""Faults a test asks for: errors in the platform's own format, latency, dropped connections
and slow bodies, on chosen calls of chosen operations.

A fault names what it applies to (a platform, an operationId, a method, a path
pattern with ``*`` or ``{param}``) and when (every call, the next N, only the
Nth, or a fraction drawn from the world's seeded randomness, so a run is
reproducible). Faults live in a world, like its state.
"""

from __future__ import annotations

import fnmatch
import itertools
import threading
from dataclasses import asdict, dataclass, field
from typing import Any

from edumock.contract.operations import Target, template_shape
from edumock.world.randomness import SeededRandom


class FaultInvalid(ValueError):
    """A fault definition that cannot work (no effect, bad numbers)."""


@dataclass
class Fault:
    """One fault and how often it has fired."""

    id: int
    platform: str | None = None
    operation_id: str | None = None
    method: str | None = None
    path: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    latency_ms: tuple[float, float] | None = None
    drop: bool = False
    slow_body_ms: float | None = None
    times: int | None = None
    nth: int | None = None
    fraction: float | None = None
    matched: int = 0
    fired: int = 0

    def applies_to(self, target: Target, method: str, path: str) -> bool:
        """Whether a request is one this fault targets."""
        if self.platform is not None and self.platform != target.platform:
            return False
        if self.operation_id is not None and self.operation_id != target.operation_id:
            return False
        if self.method is not None and self.method.upper() != method.upper():
            return False
        return self.path is None or _path_matches(self.path, target, path)

    @property
    def exhausted(self) -> bool:
        """True once a ``times`` or ``nth`` fault can no longer fire."""
        if self.times is not None and self.fired >= self.times:
            return True
        return self.nth is not None and self.matched >= self.nth

    def to_json(self) -> dict[str, Any]:
        """The fault as the admin API shows it."""
        latency = None if self.latency_ms is None else {
            "minMs": self.latency_ms[0], "maxMs": self.latency_ms[1]}
        return {"id": self.id, "platform": self.platform, "operationId": self.operation_id,
                "method": self.method, "path": self.path, "status": self.status,
                "headers": self.headers, "latency": latency, "drop": self.drop,
                "slowBodyMs": self.slow_body_ms, "times": self.times, "nth": self.nth,
                "fraction": self.fraction, "matched": self.matched, "fired": self.fired,
                "exhausted": self.exhausted}


def _path_matches(pattern: str, target: Target, path: str) -> bool:
    """A ``{param}`` pattern names a path template: it matches the requests the router gave to
    that template (whatever its parameters are called), so ``ic/{id}/`` never takes a request
    for ``ic/current/``. Any other pattern is a shell-style glob over the path."""
    if "{" in pattern:
        return target.template is not None and (
            template_shape(target.template) == template_shape(pattern))
    return fnmatch.fnmatchcase(path, pattern)


def _latency(spec: Any) -> tuple[float, float] | None:
    if spec is None:
        return None
    if isinstance(spec, int | float):
        return float(spec), float(spec)
    low, high = float(spec.get("minMs", 0)), float(spec.get("maxMs", spec.get("minMs", 0)))
    if "fixedMs" in spec:
        low = high = float(spec["fixedMs"])
    if low < 0 or high < low:
        raise FaultInvalid("latency needs 0 <= minMs <= maxMs")
    return low, high


def _fields(fault: Fault) -> dict[str, Any]:
    fields = asdict(fault)
    fields["latency_ms"] = list(fault.latency_ms) if fault.latency_ms else None
    return fields


def _fault(fields: dict[str, Any]) -> Fault:
    latency = fields.get("latency_ms")
    return Fault(**{**fields, "latency_ms": tuple(latency) if latency else None})


class Faults:
    """A world's faults, in the order they were added (the first that fires wins)."""

    def __init__(self, rng: SeededRandom) -> None:
        self._rng = rng
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.version = 0
        """Bumped by every change (a fault added, removed or counted): a cheap way to tell
        whether a request changed the faults."""

    def add(self, spec: dict[str, Any]) -> Fault:
        """A new fault from its admin-API definition."""
        fault = Fault(
            id=0, platform=spec.get("platform"), operation_id=spec.get("operationId"),
            method=spec.get("method"), path=spec.get("path"), status=spec.get("status"),
            headers=dict(spec.get("headers") or {}), latency_ms=_latency(spec.get("latency")),
            drop=bool(spec.get("drop")), slow_body_ms=spec.get("slowBodyMs"),
            times=spec.get("times"), nth=spec.get("nth"), fraction=spec.get("fraction"))
        if not (fault.status or fault.latency_ms or fault.drop or fault.slow_body_ms):
            raise FaultInvalid("a fault needs an effect: status, latency, drop or slowBodyMs")
        if sum(x is not None for x in (fault.times, fault.nth, fault.fraction)) > 1:
            raise FaultInvalid("choose at most one of times, nth and fraction")
        with self._lock:
            fault.id = next(self._ids)
            self._faults.append(fault)
            self.version += 1
        return fault

    def list(self) -> list[Fault]:
        """Every fault, oldest first."""
        with self._lock:
            return list(self._faults)

    def remove(self, fault_id: int) -> bool:
        """Drop one fault; False when there is none with that id."""
        with self._lock:
            kept = [f for f in self._faults if f.id != fault_id]
            removed = len(kept) != len(self._faults)
            self._faults = kept
            self.version += 1
            return removed

    def clear(self) -> int:
        """Drop every fault; how many there were."""
        with self._lock:
            count = len(self._faults)
            self._faults = []
            self.version += 1
            return count

    def fingerprint(self) -> tuple[int, object]:
        """Equal before and after a request that changed no fault and drew nothing."""
        return self.version, self._rng.position()

    def state(self) -> dict[str, Any]:
        """Every fault with its counters, the next id and the random stream's position: what a
        shared engine keeps so every worker decides from the same counts."""
        with self._lock:
            upcoming = next(self._ids)
            self._ids = itertools.count(upcoming)
            return {"faults": [_fields(fault) for fault in self._faults], "nextId": upcoming,
                    "random": self._rng.getstate()}

    def restore(self, state: dict[str, Any]) -> None:
        """Take up a :meth:`state`."""
        with self._lock:
            self._faults = [_fault(fields) for fields in state["faults"]]
            self._ids = itertools.count(int(state["nextId"]))
            self._rng.setstate(list(state["random"]))
            self.version += 1

    def pick(self, target: Target, method: str, path: str) -> tuple[Fault, float] | None:
        """The fault that fires for this request (and its latency in ms), if any."""
        with self._lock:
            for fault in self._faults:
                if fault.exhausted or not fault.applies_to(target, method, path):
                    continue
                fault.matched += 1
                self.version += 1
                if fault.nth is not None and fault.matched != fault.nth:
                    continue
                if fault.fraction is not None and self._rng.random() >= fault.fraction:
                    continue
                fault.fired += 1
                low, high = fault.latency_ms or (0.0, 0.0)
                latency = low if low == high else low + (high - low) * self._rng.random()
                return fault, latency
            return None


class InjectedFault(Exception):
    """Raised in place of the handler: the error router renders it in the owning platform's
    format with the fault's status and headers."""

    def __init__(self, status: int, headers: dict[str, str], fault_id: int = 0,
                 detail: str | None = None, body: Any = None) -> None:
        super().__init__(detail or f"fault {fault_id} injected: status {status}")
        self.status = status
        self.headers = headers
        self.fault_id = fault_id
        self.body = body
        """The body to send instead of the platform's rendering (a documented example), or
        None to keep the rendering."""
