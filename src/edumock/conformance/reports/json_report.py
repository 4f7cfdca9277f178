"""The JSON report: exactly ``Report.to_json()``, every finding expanded, for machines."""

from __future__ import annotations

import json

from edumock.conformance.report import Report


def render(report: Report) -> str:
    """The report as JSON text (keys in the report's own stable order, indent 2)."""
    return json.dumps(report.to_json(), indent=2, ensure_ascii=False) + "\n"
