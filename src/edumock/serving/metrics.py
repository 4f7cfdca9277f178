"""The sandbox's Prometheus metrics, served at ``GET /__admin/metrics``.

Each :class:`Metrics` has a registry of its own rather than the library's global one, so a
test process that builds many sandboxes keeps their counts apart. The request path feeds it
from the places that already know the facts (the journal middleware sees every request's
platform, operation, status, verdict and duration; the shared-world step sees lease waits);
what a world holds (worlds alive, journal entries) is read when scraped, from the engine
when there is one, so any worker answers for all of them.

With ``serve --workers N`` the parent points ``PROMETHEUS_MULTIPROC_DIR`` at a fresh folder
before the workers start; prometheus_client then keeps every worker's counters in files
there, and a scrape, whichever worker serves it, adds them all up.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_PLAIN_0_0_4
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

from edumock.errors import FailureKind

MULTIPROCESS_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"
"""Where prometheus_client keeps the counters of every worker process of one host."""
CONTENT_TYPE = CONTENT_TYPE_PLAIN_0_0_4
NO_LABEL = "none"
"""The label of a request no operation matched (and of a path no platform owns)."""

CONTRACT_REFUSALS = frozenset(kind.value for kind in (
    FailureKind.ROUTE_NOT_FOUND, FailureKind.METHOD_NOT_ALLOWED, FailureKind.UNAUTHENTICATED,
    FailureKind.FORBIDDEN, FailureKind.PARAMETER_INVALID, FailureKind.BODY_MISSING,
    FailureKind.BODY_MALFORMED, FailureKind.BODY_INVALID, FailureKind.MEDIA_TYPE_UNSUPPORTED,
    FailureKind.BODY_TOO_LARGE))
"""The kinds of refusal the contract makes before a platform's rules run."""

LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                   10.0)
"""Seconds: a sandbox answers in about a millisecond, a fault or an upload in seconds."""


class _WorldGauges(Collector):
    """Worlds alive and journal entries, read at scrape time from where worlds live."""

    def __init__(self, worlds: Callable[[], int],
                 journal_entries: Callable[[], dict[str, int]]) -> None:
        self._worlds = worlds
        self._journal_entries = journal_entries

    def collect(self) -> Iterable[Metric]:
        yield GaugeMetricFamily("edumock_worlds", "Worlds alive (made and not dropped)",
                                value=self._worlds())
        entries = GaugeMetricFamily("edumock_journal_entries",
                                    "Request journal entries kept, by world", labels=["world"])
        for world, count in sorted(self._journal_entries().items()):
            entries.add_metric([world], count)
        yield entries

    def describe(self) -> Iterable[Metric]:
        return []  # collected only when scraped, so registering it reads nothing


class Metrics:
    """One sandbox's counters and histograms, and its scrape."""

    def __init__(self, worlds: Callable[[], int],
                 journal_entries: Callable[[], dict[str, int]]) -> None:
        self.multiprocess = bool(os.environ.get(MULTIPROCESS_VARIABLE))
        self.registry = CollectorRegistry()
        registry = self.registry
        self.requests = Counter(
            "edumock_requests", "Platform requests answered, by platform, operation and status",
            ["platform", "operation", "status"], registry=registry)
        self.latency = Histogram(
            "edumock_request_duration_seconds", "Time to answer a platform request",
            ["platform"], buckets=LATENCY_BUCKETS, registry=registry)
        self.refusals = Counter(
            "edumock_contract_refusals", "Requests the contract refused before the platform's "
            "rules ran, by platform and kind", ["platform", "kind"], registry=registry)
        self.violations = Counter(
            "edumock_response_violations", "Answers of ours that broke our own spec (a bug)",
            ["platform"], registry=registry)
        self.faults = Counter(
            "edumock_faults_fired", "Requests a fault from /__admin/faults applied to",
            ["platform"], registry=registry)
        self.transactions = Counter(
            "edumock_store_transactions", "Store transactions run by requests, by outcome",
            ["platform", "outcome"], registry=registry)
        self.lease_waits = Counter(
            "edumock_lease_waits", "Writes that found their world's lease held by another "
            "process of a shared store, and waited", registry=registry)
        self.lease_wait_seconds = Histogram(
            "edumock_lease_wait_seconds", "Time writes waited for their world's lease on a "
            "shared store", buckets=LATENCY_BUCKETS, registry=registry)
        self._committed: dict[str, Counter] = {}
        self._children: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}
        self._gauges = _WorldGauges(worlds, journal_entries)
        registry.register(self._gauges)

    def request(self, platform: str | None, operation: str | None, status: int,
                seconds: float, outcome: str | None, refusal: str | None,
                fault: bool) -> None:
        """Count one platform request as it was answered."""
        platform = platform or NO_LABEL
        key = (platform, operation or NO_LABEL, status)
        children = self._children.get(key)
        if children is None:  # labels() costs more than the counting itself
            children = self._children[key] = (
                self.requests.labels(platform, key[1], str(status)),
                self.latency.labels(platform))
        children[0].inc()
        children[1].observe(seconds)
        if outcome is not None and outcome == refusal and outcome in CONTRACT_REFUSALS:
            self.refusals.labels(platform, outcome).inc()
        if fault:
            self.faults.labels(platform).inc()

    def store_transactions(self, platform: str, committed: int, rolled_back: int) -> None:
        """Count the transactions one request's handler ran."""
        if committed == 1 and not rolled_back:
            child = self._committed.get(platform)
            if child is None:
                child = self._committed[platform] = self.transactions.labels(
                    platform, "committed")
            child.inc()
        elif committed:
            self.transactions.labels(platform, "committed").inc(committed)
        if rolled_back:
            self.transactions.labels(platform, "rolled_back").inc(rolled_back)

    def violation(self, platform: str | None) -> None:
        """Count one answer that broke our own spec."""
        self.violations.labels(platform or NO_LABEL).inc()

    def lease_acquired(self, seconds: float, waited: bool) -> None:
        """Count one lease taken, after ``seconds``; ``waited`` when another held it."""
        self.lease_wait_seconds.observe(seconds)
        if waited:
            self.lease_waits.inc()

    def scrape(self) -> bytes:
        """The text exposition: this process's counts, or every worker's in multiprocess
        mode, and the world gauges."""
        if not self.multiprocess:
            return generate_latest(self.registry)
        host = CollectorRegistry()
        MultiProcessCollector(host)  # type: ignore[no-untyped-call]
        host.register(self._gauges)
        return generate_latest(host)
