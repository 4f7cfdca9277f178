"""Bodies built from a schema alone: the smallest value it accepts, the same every time."""

from __future__ import annotations

from edumock.conformance import schemas
from edumock.serving.examples import from_media, from_schema


def test_the_smallest_valid_value_of_each_shape():
    schema = {"type": "object", "required": ["id", "when", "tags", "kind", "page"],
              "properties": {
                  "id": {"type": "integer", "minimum": 1},
                  "when": {"type": "string", "format": "date-time"},
                  "tags": {"type": "array", "minItems": 2, "items": {"type": "string"}},
                  "kind": {"type": "string", "enum": ["a", "b"]},
                  "page": {"allOf": [{"type": "object", "required": ["n"],
                                      "properties": {"n": {"type": "number"}}}]},
                  "optional": {"type": "string"}}}
    value = from_schema(schema)
    assert value == {"id": 1, "when": "2026-01-01T00:00:00Z", "tags": ["string", "string"],
                     "kind": "a", "page": {"n": 0.0}}
    assert schemas.errors(schema, value, response=True) == []


def test_the_specs_own_example_wins():
    assert from_media({"example": {"x": 1}, "schema": {"type": "object"}}) == {"x": 1}
    assert from_media({"examples": {"first": {"value": [1]}}}) == [1]
    assert from_schema({"type": "string", "minLength": 8}) == "stringxx"
    assert from_schema({"oneOf": [{"type": "boolean"}, {"type": "string"}]}) is False
