"""Validating a value against an OpenAPI 3.0 schema, with every failure located.

The checker asks the server's own compiled schemas
(:data:`edumock.contract.schema_check.SCHEMAS`): jsonschema-rs decides, and
Connexion's Draft 4 validators (which know OpenAPI's ``nullable`` and
``writeOnly``) word the failures. So the checker cannot judge a value
differently from the sandbox, and a valid value costs it no Python validation.
"""

from __future__ import annotations

import json
from typing import Any

from jsonschema import ValidationError

from edumock.contract.schema_check import SCHEMAS


def json_path(error: ValidationError) -> str:
    """``$.results[0].email`` for an error."""
    out = "$"
    for part in error.absolute_path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def schema_path(error: ValidationError) -> str:
    """The failing keyword's place inside the schema, as a pointer suffix."""
    return "/".join(str(part) for part in error.absolute_schema_path)


def errors(schema: dict[str, Any], value: Any, response: bool) -> list[ValidationError]:
    """Every way ``value`` breaks ``schema`` (used in a response, or else in a request),
    ordered by location: the verdict the sandbox itself would reach."""
    return SCHEMAS.get(schema, "response" if response else "request").errors(value)


def coerce(schema: dict[str, Any], values: list[str]) -> Any:
    """A parameter's text as its schema's type, as a server would read it (unchanged when it
    cannot be read, so the schema reports the mismatch)."""
    kind = schema.get("type")
    if kind == "array":
        items = schema.get("items") or {}
        parts = values if len(values) > 1 else [p for v in values for p in v.split(",")]
        return [coerce(items, [part]) for part in parts]
    text = values[-1] if values else ""
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text)
        if kind == "boolean" and text.lower() in ("true", "false"):
            return text.lower() == "true"
        if kind == "object":
            return json.loads(text)
    except ValueError:
        return text
    return text
