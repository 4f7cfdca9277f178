"""The sandbox's validators and the conformance checker judge a value alike, and as Python does.

Both ask the same compiled schemas; these cases pin the verdicts where jsonschema-rs and
Python's jsonschema are known to differ (formats, OpenAPI's ``nullable`` and ``writeOnly``),
comparing the server's own validator classes, the checker's ``schemas.errors`` and plain
Connexion Python validation, which is what the checker used before and still words failures.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest
from connexion.exceptions import NonConformingResponseBody
from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator
from jsonschema import Draft4Validator

from edumock.conformance import schemas
from edumock.contract import schema_check
from edumock.errors import BodyInvalid, ParameterInvalid
from edumock.serving.validators import (
    CompiledJSONResponseValidator,
    StructuredJSONBodyValidator,
    StructuredParameterValidator,
)

FORMATS = Draft4Validator.FORMAT_CHECKER
NULLABLE = {"type": "string", "nullable": True}
NESTED_NULLABLE = {"type": "object", "properties": {"a": {"type": "string", "nullable": True}}}
WRITE_ONLY = {"type": "object", "properties": {"secret": {"type": "string", "writeOnly": True}}}

CASES: list[tuple[str, dict[str, Any], Any, bool]] = [
    ("nullable null", NULLABLE, None, True),
    ("null where not nullable", {"type": "string"}, None, False),
    ("nullable enum null", {"type": "string", "enum": ["x"], "nullable": True}, None, True),
    ("nested nullable null", NESTED_NULLABLE, {"a": None}, True),
    ("nested null not nullable", {"type": "object", "properties": {"a": {"type": "string"}}},
     {"a": None}, False),
    ("email Python takes, jsonschema-rs refuses", {"type": "string", "format": "email"}, "a@",
     True),
    ("email without @", {"type": "string", "format": "email"}, "nobody", False),
    ("uri Python does not check", {"type": "string", "format": "uri"}, "not a uri", True),
    ("date-time", {"type": "string", "format": "date-time"}, "2026-08-10T09:30:00Z", True),
    ("leap second", {"type": "string", "format": "date-time"}, "2026-12-31T23:59:60Z", False),
    ("signed year", {"type": "string", "format": "date-time"}, "+026-01-01T00:00:00Z", False),
    ("year zero", {"type": "string", "format": "date-time"}, "0000-01-01T00:00:00Z", False),
    ("regex re refuses", {"type": "string", "format": "regex"}, r"\p{L}", False),
    ("regex only re takes", {"type": "string", "format": "regex"}, "(?P<x>a)", True),
    ("integral float", {"type": "integer"}, 1.0, False),
    ("minimum", {"type": "integer", "minimum": 1}, 0, False),
]


def _server(schema: dict[str, Any], value: Any, where: str) -> bool:
    """Whether the sandbox's own validator for ``where`` lets ``value`` through."""
    try:
        if where == "parameter":
            StructuredParameterValidator([], None)._check("query", {"name": "p",
                                                                    "schema": schema}, value)
        elif where == "request":
            body = StructuredJSONBodyValidator(schema=schema, required=True, encoding="utf-8",
                                               strict_validation=False)
            body._absent = False
            body._validate(value)
        else:
            CompiledJSONResponseValidator({"type": "http"}, schema=schema,
                                          encoding="utf-8")._validate(value)
    except (ParameterInvalid, BodyInvalid, NonConformingResponseBody):
        return False
    return True


WHERE = [pytest.param(where, *case, id=f"{where}: {case[0]}")
         for where in ("parameter", "request", "response") for case in CASES
         if not (where == "parameter" and case[2] is None)]  # a null parameter is absent


@pytest.mark.parametrize("crosscheck", [True, False], ids=["crosscheck", "fast-path"])
@pytest.mark.parametrize(("where", "name", "schema", "value", "valid"), WHERE)
def test_server_and_checker_reach_python_s_verdict(
        monkeypatch: pytest.MonkeyPatch, crosscheck: bool, where: str, name: str,
        schema: dict[str, Any], value: Any, valid: bool) -> None:
    monkeypatch.setattr(schema_check, "CROSSCHECK", crosscheck)
    response = where == "response"
    found = schemas.errors(schema, value, response=response)
    reference_class = Draft4ResponseValidator if response else Draft4RequestValidator
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)  # re's warning on some patterns
        reference = sorted(reference_class(schema, format_checker=FORMATS).iter_errors(value),
                           key=lambda e: list(map(str, e.absolute_path)))
    assert (not found) is valid
    assert _server(schema, value, where) is valid
    assert [(e.message, list(e.absolute_path), list(e.absolute_schema_path)) for e in found] == [
        (e.message, list(e.absolute_path), list(e.absolute_schema_path)) for e in reference]


def test_write_only_fails_only_in_responses() -> None:
    value = {"secret": "s"}
    assert _server(WRITE_ONLY, value, "request") and schemas.errors(WRITE_ONLY, value,
                                                                     response=False) == []
    assert _server(WRITE_ONLY, value, "response") is False
    found = schemas.errors(WRITE_ONLY, value, response=True)
    assert [(e.message, schemas.json_path(e), schemas.schema_path(e)) for e in found] == [
        ("Property is write-only", "$.secret", "properties/secret/writeOnly")]
    assert _server(WRITE_ONLY, {}, "response") and schemas.errors(WRITE_ONLY, {},
                                                                  response=True) == []


def test_both_ask_one_compiled_check() -> None:
    schema = {"type": "string", "format": "email"}
    schemas.errors(schema, "x@y.z", response=False)
    server = StructuredJSONBodyValidator(schema=schema, required=True, encoding="utf-8",
                                         strict_validation=False)
    assert server._check is schema_check.SCHEMAS.get(schema, "request")


def test_a_nested_nullable_parameter_no_longer_splits_the_two_validators() -> None:
    """Parameters were worded by plain Draft 4, which refuses a nested null that the
    jsonschema-rs translation (and so the server's verdict) accepts; under the cross-check
    that was a ValidatorsDisagree. Parameters now use the request validator, like the checker."""
    assert not Draft4Validator(NESTED_NULLABLE).is_valid({"a": None})
    assert _server(NESTED_NULLABLE, {"a": None}, "parameter")
    assert _server(NESTED_NULLABLE, {"a": 3}, "parameter") is False
