"""A response body made from the spec alone, for ``Prefer: code=NNN``.

The media type's own ``example`` (or first of ``examples``) is used when the
spec has one; otherwise the smallest value the schema allows is built: every
required property, ``minItems`` items, the first ``enum`` value, a format-
shaped string. The same schema always gives the same bytes.
"""

from __future__ import annotations

from typing import Any

_FORMATS = {"date-time": "2026-01-01T00:00:00Z", "date": "2026-01-01", "email":
            "user@example.org", "uuid": "00000000-0000-4000-8000-000000000000",
            "uri": "https://example.org/", "url": "https://example.org/",
            "ipv4": "192.0.2.1", "hostname": "example.org"}


def has_example(media: dict[str, Any]) -> bool:
    """Whether a response media type object documents an example of its own."""
    return "example" in media or any(isinstance(example, dict) and "value" in example
                                     for example in (media.get("examples") or {}).values())


def from_media(media: dict[str, Any], name: str | None = None) -> Any:
    """The example for a response media type object: the one named ``name`` when given,
    else its ``example``, else its first ``examples`` entry, else one built from the schema."""
    examples = media.get("examples") or {}
    if name is not None and isinstance(examples.get(name), dict) and "value" in examples[name]:
        return examples[name]["value"]
    if "example" in media:
        return media["example"]
    for example in examples.values():
        if isinstance(example, dict) and "value" in example:
            return example["value"]
    return from_schema(media.get("schema") or {})


def from_schema(schema: dict[str, Any], depth: int = 0) -> Any:
    """The smallest value ``schema`` accepts (``None`` beyond a nesting depth of 12)."""
    if depth > 12:
        return None
    if "example" in schema:
        return schema["example"]
    if "default" in schema:
        return schema["default"]
    if schema.get("enum"):
        return schema["enum"][0]
    if "allOf" in schema:
        merged: dict[str, Any] = {}
        for part in schema["allOf"]:
            value = from_schema(part, depth + 1)
            if isinstance(value, dict):
                merged.update(value)
        own = {k: v for k, v in schema.items() if k != "allOf"}
        value = from_schema(own, depth + 1) if own.get("properties") else {}
        return {**merged, **(value if isinstance(value, dict) else {})}
    for key in ("oneOf", "anyOf"):
        if schema.get(key):
            return from_schema(schema[key][0], depth + 1)
    kind = schema.get("type") or ("object" if "properties" in schema else None)
    if kind == "object":
        properties = schema.get("properties") or {}
        return {name: from_schema(properties.get(name) or {}, depth + 1)
                for name in schema.get("required") or []}
    if kind == "array":
        item = from_schema(schema.get("items") or {}, depth + 1)
        return [item for _ in range(int(schema.get("minItems", 0)))]
    if kind == "string":
        text = _FORMATS.get(str(schema.get("format")), "string")
        return text.ljust(int(schema.get("minLength", 0)), "x")
    if kind == "integer":
        return int(schema.get("minimum", 0))
    if kind == "number":
        return float(schema.get("minimum", 0))
    if kind == "boolean":
        return False
    return None if schema.get("nullable") else {}
