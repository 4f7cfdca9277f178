"""The compiled schema checks: jsonschema-rs decides, Python jsonschema has the last word."""

from __future__ import annotations

from typing import Any

import pytest
from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator
from jsonschema import Draft4Validator

from edumock.contract import schema_check
from edumock.contract.schema_check import SchemaCheck, ValidatorsDisagree, rust_schema

FORMATS = Draft4Validator.FORMAT_CHECKER


def request_check(schema: dict[str, Any]) -> SchemaCheck:
    return SchemaCheck(schema, lambda s: Draft4RequestValidator(s, format_checker=FORMATS),
                       response=False)


def response_check(schema: dict[str, Any]) -> SchemaCheck:
    return SchemaCheck(schema, lambda s: Draft4ResponseValidator(s, format_checker=FORMATS),
                       response=True)


def test_nullable_admits_null_in_type_and_enum_only_where_declared() -> None:
    schema = {"type": "object", "properties": {
        "a": {"type": "string", "nullable": True},
        "b": {"type": "string", "enum": ["x", "y"], "nullable": True},
        "c": {"type": "string"}}}
    check = request_check(schema)
    assert check.issues({"a": None, "b": None, "c": "z"}) == []
    refused = check.issues({"a": None, "b": None, "c": None})
    assert [(issue.path, issue.keyword) for issue in refused] == [(("c",), "type")]
    assert check.issues({"b": "z"})[0].keyword == "enum"


def test_translation_spells_out_nullable_and_leaves_data_alone() -> None:
    schema = {"type": "integer", "nullable": True, "enum": [1, 2],
              "default": {"nullable": True, "type": "x"}}
    assert rust_schema(schema, response=False) == {
        "type": ["integer", "null"], "nullable": True, "enum": [1, 2, None],
        "default": {"nullable": True, "type": "x"}}


def test_write_only_fails_in_responses_as_connexion_has_it() -> None:
    schema = {"type": "object", "properties": {"secret": {"type": "string", "writeOnly": True}}}
    assert response_check(schema).issues({"secret": "s"})[0].message == "Property is write-only"
    assert response_check(schema).issues({}) == []
    assert request_check(schema).issues({"secret": "s"}) == []


def test_where_jsonschema_rs_is_stricter_python_decides() -> None:
    """jsonschema-rs checks ``uri``; Python (without rfc3987) does not: the verdict is Python's."""
    check = request_check({"type": "string", "format": "uri"})
    assert check.issues("not a uri") == []
    assert check.first_issue("not a uri") is None


def test_a_failure_is_worded_by_python_jsonschema() -> None:
    check = request_check({"type": "object", "required": ["name"],
                           "properties": {"age": {"type": "integer", "minimum": 0}}})
    issues = check.issues({"age": -1})
    assert [issue.message for issue in issues] == [
        "'name' is a required property", "-1 is less than the minimum of 0"]
    assert check.first_issue({"age": 1}) is not None


def test_recursive_schema_is_checked_by_python_alone() -> None:
    node: dict[str, Any] = {"type": "object", "properties": {}}
    node["properties"]["child"] = node
    check = request_check(node)
    assert check.issues({"child": {"child": {}}}) == []
    assert check.issues({"child": {"child": 3}})[0].path == ("child", "child")


def test_crosscheck_catches_a_translation_more_lenient_than_python(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_check, "rust_schema", lambda schema, response: {})
    monkeypatch.setattr(schema_check, "CROSSCHECK", True)
    check = request_check({"type": "integer"})
    with pytest.raises(ValidatorsDisagree):
        check.issues("seven")
    monkeypatch.setattr(schema_check, "CROSSCHECK", False)
    assert check.issues("seven") == []  # the lenient translation alone would let it through


@pytest.mark.parametrize("value", [1.0, True, "1", 2**80, None])
def test_integers_agree_on_edge_values(value: Any) -> None:
    check = request_check({"type": "integer"})
    python = Draft4RequestValidator({"type": "integer"}, format_checker=FORMATS)
    assert (check.issues(value) == []) == python.is_valid(value)


def test_empty_schemas_share_one_compiled_check() -> None:
    """Connexion hands a fresh ``{}`` for every answer without a body: one entry serves them."""
    cache = schema_check.CompiledSchemas()
    python = lambda s: Draft4Validator(s)  # noqa: E731
    first = cache.get({}, "response", python)
    assert all(cache.get({}, "response", python) is first for _ in range(50))
    assert len(cache) == 1


def test_the_compiled_checks_kept_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema_check, "KEPT", 10)
    cache = schema_check.CompiledSchemas()
    schemas = [{"type": "integer", "minimum": n} for n in range(25)]
    for schema in schemas:
        cache.get(schema, "request", lambda s: Draft4Validator(s))
    assert 0 < len(cache) <= 10


def test_answers_without_a_body_do_not_grow_the_compiled_checks(client: Any) -> None:
    from edumock.serving import validators

    def delete_a_world() -> None:
        client.post("/__admin/worlds/scratch/reset")
        assert client.delete("/__admin/worlds/scratch").status_code == 204

    delete_a_world()
    settled = len(validators._COMPILED)
    for _ in range(5):
        delete_a_world()
    assert len(validators._COMPILED) == settled

