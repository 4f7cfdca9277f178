"""Validating a value against an OpenAPI 3.0 schema, with every failure located.

Connexion's Draft 4 validators are used because they know OpenAPI's
``nullable``, ``readOnly`` and ``writeOnly``; each schema is compiled once.
"""

from __future__ import annotations

import json
from typing import Any

from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator
from jsonschema import Draft4Validator, ValidationError

_COMPILED: dict[tuple[int, bool], tuple[dict[str, Any], Any]] = {}
"""Validators by schema identity; each entry keeps its schema alive so the id stays its own."""
_FORMATS = Draft4Validator.FORMAT_CHECKER


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
    """Every way ``value`` breaks ``schema``, deepest first within each branch."""
    key = (id(schema), response)
    hit = _COMPILED.get(key)
    if hit is None:
        cls = Draft4ResponseValidator if response else Draft4RequestValidator
        hit = (schema, cls(schema, format_checker=_FORMATS))
        _COMPILED[key] = hit
    validator = hit[1]
    found: list[ValidationError] = sorted(validator.iter_errors(value),
                                          key=lambda e: list(map(str, e.absolute_path)))
    return found


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
