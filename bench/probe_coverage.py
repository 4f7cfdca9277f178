"""A full probe of each platform against edumock: how long it takes, and how much of the
contract it reaches (operations, and documented statuses answered)."""

from __future__ import annotations

import importlib
import time

from edumock.cli.conformance import contract_for
from edumock.conformance.probe import run_probe
from edumock.registry import PLATFORMS
from edumock.settings import Settings
from edumock.testing import ThreadedServer


def main() -> None:
    """Print one line per platform."""
    print("full probe against edumock (one server, every platform)")
    print(f"{'platform':10}{'seconds':>9}{'exchanges':>11}{'operations':>14}{'statuses':>12}"
          f"{'findings':>10}")
    with ThreadedServer(Settings()) as server:
        for platform in PLATFORMS:
            if platform.probe is None:
                continue
            module = importlib.import_module(platform.probe)
            started = time.perf_counter()
            report = run_probe(contract_for(platform.name), module, server.url, None, {})
            elapsed = time.perf_counter() - started
            coverage = report.coverage()
            print(f"{platform.name:10}{elapsed:9.1f}{len(report.exchanges):11}"
                  f"{coverage['exercised']:>8}/{coverage['declared']:<5}"
                  f"{coverage['statusesReached']:>6}/{coverage['statusesDocumented']:<5}"
                  f"{len(report.findings):>8}")


if __name__ == "__main__":
    main()
