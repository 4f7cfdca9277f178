"""Drift: the same probe lives played against a real server and against the sandbox, every
pair of answers compared.

Both runs share one run id, so the names they create are the same; answers are paired by
step (a step played as often on both sides pairs its plays in order; a poll, repeated as often
as each server's timing needs, pairs only its last plays). Each difference becomes a finding
naming the step, the JSON path, both values, and whether the spec allows each side's answer.
Differences the sandbox keeps on purpose are declared per platform (:class:`KnownDrift`),
reported as known, and do not fail the run.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from edumock.conformance.drift_compare import Difference, differences
from edumock.conformance.exchange import Exchange
from edumock.conformance.findings import Finding
from edumock.conformance.probe import ProbeModule, run_probe
from edumock.conformance.report import Report
from edumock.contract.operations import Operations


@dataclass(frozen=True, slots=True)
class KnownDrift:
    """A difference the sandbox keeps on purpose: steps and JSON paths as shell-style
    patterns (``learners/create*``, ``$.detail``), and why."""

    step: str
    path: str
    reason: str

    def covers(self, label: str, json_path: str) -> bool:
        """Whether this declaration names that difference."""
        return fnmatch.fnmatchcase(label, self.step) and fnmatch.fnmatchcase(json_path,
                                                                             self.path)


@dataclass(frozen=True, slots=True)
class Side:
    """One server of a drift run and how to sign in to it."""

    base_url: str
    token: str | None = None
    credentials: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass
class DriftReport(Report):
    """A report whose findings are undeclared differences; declared ones are kept apart."""

    known: list[tuple[Finding, str]] = field(default_factory=list)
    real: Report | None = None
    sandbox: Report | None = None

    def to_json(self) -> dict[str, Any]:
        """The checker's report, plus the known differences and both runs' sizes."""
        data = super().to_json()
        data["known"] = [{**finding.to_json(), "reason": reason}
                         for finding, reason in self.known]
        data["runs"] = {side: {"source": run.source, "exchanges": len(run.exchanges)}
                        for side, run in (("real", self.real), ("sandbox", self.sandbox))
                        if run is not None}
        return data


def _plays(exchanges: Sequence[Exchange]) -> dict[str, list[Exchange]]:
    plays: dict[str, list[Exchange]] = {}
    for exchange in exchanges:
        plays.setdefault(exchange.label, []).append(exchange)
    return plays


def _pairs(real: list[Exchange], sandbox: list[Exchange]) -> list[tuple[Exchange, Exchange]]:
    """A step played as often on both sides pairs its plays in order; one repeated a different
    number of times (a poll: how often depends on each server's timing) pairs its last plays,
    the answers the step waited for."""
    if len(real) == len(sandbox):
        return list(zip(real, sandbox, strict=True))
    return [(real[-1], sandbox[-1])]


def _conforms(report: Report, exchange: Exchange) -> bool:
    return not any(f.exchange == exchange.index and f.rule != "workflow"
                   for f in report.findings)


def _message(difference: Difference, real_ok: bool, sandbox_ok: bool) -> str:
    allowed = {(True, True): "the spec allows both",
               (True, False): "the spec allows only the real answer",
               (False, True): "the spec allows only the sandbox's answer",
               (False, False): "the spec allows neither"}[(real_ok, sandbox_ok)]
    return (f"{difference.what} differs: real {difference.real!r}, sandbox "
            f"{difference.sandbox!r} ({allowed})")


def compare(real: Report, sandbox: Report, known: Sequence[KnownDrift] = (),
            run_id: str | None = None) -> DriftReport:
    """Every difference between two runs of the same probe (``run_id``: the id both runs
    named their records with), sorted into undeclared and known."""
    report = DriftReport(sandbox.platform, f"drift between {real.source} and {sandbox.source}",
                         sandbox.contract, exchanges=list(sandbox.exchanges),
                         operation_of=dict(sandbox.operation_of), real=real, sandbox=sandbox)
    real_plays, sandbox_plays = _plays(real.exchanges), _plays(sandbox.exchanges)
    for label in sorted(real_plays.keys() ^ sandbox_plays.keys()):
        side = "real server" if label in real_plays else "sandbox"
        first = (real_plays if label in real_plays else sandbox_plays)[label][0]
        _add(report, known, Finding(
            "drift", f"step played only against the {side} (the other run stopped earlier)",
            report.operation_of.get(first.index), first.index if side == "sandbox" else None,
            label, "$step"))
    for label in sorted(real_plays.keys() & sandbox_plays.keys(),
                        key=lambda name: sandbox_plays[name][0].index):
        for real_exchange, sandbox_exchange in _pairs(real_plays[label], sandbox_plays[label]):
            verdicts = _conforms(real, real_exchange), _conforms(sandbox, sandbox_exchange)
            for difference in differences(real_exchange, sandbox_exchange, run_id):
                _add(report, known, Finding(
                    "drift", _message(difference, *verdicts),
                    sandbox.operation_of.get(sandbox_exchange.index), sandbox_exchange.index,
                    label, difference.json_path))
    return report


def _add(report: DriftReport, known: Sequence[KnownDrift], finding: Finding) -> None:
    declared = next((k for k in known if k.covers(finding.exchange_label, finding.json_path)),
                    None)
    if declared is None:
        report.findings.append(finding)
    else:
        report.known.append((finding, declared.reason))


def run_drift(contract: Operations, probe: ModuleType | ProbeModule, real: Side, sandbox: Side,
              known: Sequence[KnownDrift] = (), *, params: Mapping[str, str] | None = None,
              timeout: float = 10.0, run_id: str | None = None,
              progress: Callable[[Exchange], None] | None = None) -> DriftReport:
    """Play the probe against both servers (the real one first) and compare. Neither run
    plays the steps only edumock's admin API allows (other people's credentials, injected
    faults, seeded state, time moved past a deadline), so both play the same steps."""
    run_id = run_id or os.urandom(3).hex()
    reports = [run_probe(contract, probe, side.base_url, side.token, side.headers, progress,
                         timeout=timeout, params=params, run_id=run_id,
                         credentials=side.credentials, sandbox_extras=False)
               for side in (real, sandbox)]
    return compare(reports[0], reports[1], known, run_id)
