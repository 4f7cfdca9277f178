"""What a check reports: one broken rule, located in the exchange, the body and the spec."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

RULES: dict[str, str] = {
    "path-declared": "The request's path is declared in the spec.",
    "method-declared": "The request's method is declared for its path.",
    "parameter": "Path, query and header parameters are present when required and match "
                 "their schemas.",
    "request-content-type": "The request body's media type is one the operation accepts.",
    "request-body": "The request body is present when required and matches its schema.",
    "response-status": "The response status is declared for the operation.",
    "response-content-type": "The response's media type is declared for that status.",
    "response-headers": "Declared response headers are present when required and match "
                        "their schemas.",
    "response-body": "The response body matches the schema declared for its status and "
                     "media type.",
    "pagination": "A paginated list's count, page size and next/previous links agree, "
                  "across the pages walked too.",
    "auth-required": "An operation that needs credentials refuses a call that carries none.",
    "workflow": "A workflow step's status, body and state effect are what the platform "
                "promises (probe only).",
    "drift": "The sandbox answers a probe step as the real server does: status, media type, "
             "the headers clients act on, the body's shape, and error bodies exactly "
             "(drift only).",
}
"""Every rule the checker applies, with what it means (reports and docs list these)."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule broken by one exchange (``exchange`` None: by the traffic as a whole)."""

    rule: str
    message: str
    operation: str | None = None
    exchange: int | None = None
    exchange_label: str = ""
    json_path: str = "$"
    schema_location: str = ""

    def to_json(self) -> dict[str, Any]:
        """A plain mapping for JSON reports."""
        return asdict(self)

    def headline(self) -> str:
        """One line: ``[rule] operation: message (at json path)``."""
        where = f" at {self.json_path}" if self.json_path not in ("", "$") else ""
        operation = f"{self.operation}: " if self.operation else ""
        return f"[{self.rule}] {operation}{self.message}{where}"
