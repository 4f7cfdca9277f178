"""GET /__admin/metrics: the sandbox's Prometheus metrics, for a scraper or a test."""

from __future__ import annotations

from edumock.serving.metrics import CONTENT_TYPE
from edumock.serving.sandbox import Sandbox


def read(sandbox: Sandbox) -> tuple[str, int, dict[str, str]]:
    """The text exposition of every counter, histogram and gauge."""
    return sandbox.metrics.scrape().decode("utf-8"), 200, {"Content-Type": CONTENT_TYPE}
