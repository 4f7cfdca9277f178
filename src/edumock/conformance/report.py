"""The verdict on a body of traffic: findings, each operation's pass or fail, and coverage."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from edumock.conformance.checker import Checker
from edumock.conformance.exchange import Exchange
from edumock.conformance.findings import RULES, Finding
from edumock.contract.operations import Operations
from edumock.world.clock import real_utc_now

METHOD_REFUSALS = frozenset({404, 405})
"""How servers refuse a method a declared path does not take."""


@dataclass(frozen=True, slots=True)
class OperationVerdict:
    """One declared operation: how often it was exercised, with which statuses, and what broke."""

    key: str
    operation_id: str
    spec_file: str
    calls: int
    statuses: tuple[int, ...]
    findings: tuple[Finding, ...]

    @property
    def exercised(self) -> bool:
        """Whether the traffic called it at all."""
        return self.calls > 0

    @property
    def passed(self) -> bool:
        """Exercised and nothing broken."""
        return self.exercised and not self.findings


@dataclass
class Report:
    """Everything a run found, ready for any of the report formats."""

    platform: str
    source: str
    contract: Operations
    exchanges: list[Exchange] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    operation_of: dict[int, str] = field(default_factory=dict)
    created: str = field(default_factory=lambda: real_utc_now().isoformat(timespec="seconds"))

    @property
    def conforms(self) -> bool:
        """True when nothing broke the contract."""
        return not self.findings

    @property
    def exit_code(self) -> int:
        """0 when everything conforms, 1 when anything does not."""
        return 0 if self.conforms else 1

    def operations(self) -> list[OperationVerdict]:
        """Every declared operation, in spec order, with its verdict."""
        calls: dict[str, list[Exchange]] = {}
        for exchange in self.exchanges:
            key = self.operation_of.get(exchange.index)
            if key is not None:
                calls.setdefault(key, []).append(exchange)
        broken: dict[str, list[Finding]] = {}
        for finding in self.findings:
            if finding.operation is not None:
                broken.setdefault(finding.operation, []).append(finding)
        return [OperationVerdict(op.key, op.operation_id, op.spec_file,
                                 len(calls.get(op.key, [])),
                                 tuple(sorted({e.status for e in calls.get(op.key, [])})),
                                 tuple(broken.get(op.key, [])))
                for op in self.contract.operations]

    def unmatched_findings(self) -> list[Finding]:
        """Findings that belong to no declared operation (undeclared paths and methods)."""
        return [f for f in self.findings if f.operation is None]

    def coverage(self) -> dict[str, Any]:
        """Which operations (and statuses) the traffic exercised, and which it never touched."""
        verdicts = self.operations()
        exercised = [v for v in verdicts if v.exercised]
        refused = self._refused_methods()
        documented = reached = 0
        for operation, verdict in zip(self.contract.operations, verdicts, strict=True):
            keys = [key for key in operation.responses if key != "default"]
            documented += len(keys)
            statuses = {*verdict.statuses, *refused.get(operation.key, ())}
            answered = (operation.response_for(status) for status in statuses)
            seen = {found[0] for found in answered if found is not None}
            reached += sum(1 for key in keys if key in seen)
        return {"declared": len(verdicts), "exercised": len(exercised),
                "ratio": round(len(exercised) / len(verdicts), 4) if verdicts else 0.0,
                "statusesDocumented": documented, "statusesReached": reached,
                "operations": {v.key: list(v.statuses) for v in exercised},
                "never": [v.key for v in verdicts if not v.exercised]}

    def _refused_methods(self) -> dict[str, set[int]]:
        """A method a path does not declare takes no operation, but the path's refusal of it
        is the documented answer of every operation on that path: counted for them as a status
        reached. The refusal is a 405, or a 404 from a server that routes by method and path
        together and so has no 405 (Sunbird's)."""
        refused: dict[str, set[int]] = {}
        for exchange in self.exchanges:
            if exchange.status not in METHOD_REFUSALS or exchange.index in self.operation_of:
                continue
            for operation in self.contract.declared_at(exchange.path):
                refused.setdefault(operation.key, set()).add(exchange.status)
        return refused

    def counts_by_rule(self) -> dict[str, int]:
        """How many findings each rule produced (every rule listed, zero included)."""
        counts = dict.fromkeys(RULES, 0)
        for finding in self.findings:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
        return counts

    def to_json(self) -> dict[str, Any]:
        """The whole report as plain data (the JSON report is exactly this)."""
        return {
            "platform": self.platform, "source": self.source, "created": self.created,
            "conforms": self.conforms, "exchanges": len(self.exchanges),
            "findings": [f.to_json() for f in self.findings],
            "rules": self.counts_by_rule(), "coverage": self.coverage(),
            "operations": [{"operation": v.key, "operationId": v.operation_id,
                            "spec": v.spec_file, "calls": v.calls,
                            "statuses": list(v.statuses),
                            "result": "pass" if v.passed else (
                                "fail" if v.findings else "not exercised"),
                            "findings": len(v.findings)} for v in self.operations()]}


def judge(contract: Operations, exchanges: Iterable[Exchange], source: str,
          progress: Callable[[Exchange], None] | None = None) -> Report:
    """Check every exchange in order, then the traffic as a whole."""
    checker = Checker(contract)
    report = Report(contract.platform, source, contract)
    for exchange in exchanges:
        report.exchanges.append(exchange)
        operation = checker.operation_for(exchange)
        if operation is not None:
            report.operation_of[exchange.index] = operation.key
        report.findings.extend(checker.check(exchange))
        if progress is not None:
            progress(exchange)
    report.findings.extend(checker.finish())
    return report
