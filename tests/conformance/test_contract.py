"""The checker's reading of a spec: which operation a request exercised, its parameters, and
how text parameters are read before their schemas judge them."""

from __future__ import annotations

from edumock.conformance import schemas
from edumock.contract.operations import Contract, child, pointer
from edumock.settings import specs_dir


def tesla() -> Contract:
    return Contract("tesla", [specs_dir() / "tesla.yaml"])


def test_a_concrete_path_finds_its_operation_and_path_parameters():
    operation, allowed = tesla().match("GET", "/api/v2/institution/1/learner/7/")
    assert operation is not None and operation.method == "GET"
    assert operation.template.endswith("/learner/{id}/")
    assert operation.path_params("/api/v2/institution/1/learner/7/") == {
        "parent_lookup_institution_id": "1", "id": "7"}
    assert "DELETE" in allowed


def test_an_undeclared_method_is_told_apart_from_an_undeclared_path():
    contract = tesla()
    operation, allowed = contract.match("DELETE", "/api/v2/institution/1/")
    assert operation is None and allowed == ["GET", "PATCH", "PUT"]
    assert contract.match("GET", "/api/v2/nowhere/") == (None, [])


def test_sunbird_operations_come_from_both_of_its_specs():
    contract = Contract("sunbird", [specs_dir() / "sunbird-course.yaml",
                                    specs_dir() / "sunbird-bulk.yaml"])
    files = {op.spec_file for op in contract.operations}
    assert files == {"sunbird-course.yaml", "sunbird-bulk.yaml"}
    upload = contract.match("POST", "/api/user/v1/upload")[0]
    assert upload is not None and upload.secured


def test_response_lookup_prefers_the_exact_status_then_the_range_then_default():
    operation = tesla().match("GET", "/api/v2/institution/1/learner/")[0]
    assert operation is not None
    assert operation.response_for(200) is not None and operation.response_for(200)[0] == "200"
    assert operation.response_for(599) is None or operation.response_for(599)[0] == "default"


def test_pointers_escape_slashes_and_tildes():
    assert pointer("paths", "/api/x~y", "get") == "/paths/~1api~1x~0y/get"
    assert child("/paths/~1a", "responses", 200) == "/paths/~1a/responses/200"


def test_text_parameters_are_read_as_their_schema_types():
    assert schemas.coerce({"type": "integer"}, ["12"]) == 12
    assert schemas.coerce({"type": "integer"}, ["twelve"]) == "twelve"
    assert schemas.coerce({"type": "boolean"}, ["True"]) is True
    assert schemas.coerce({"type": "array", "items": {"type": "integer"}}, ["1,2"]) == [1, 2]
    assert schemas.coerce({"type": "array", "items": {"type": "string"}}, ["a", "b"]) == [
        "a", "b"]
    found = schemas.errors({"type": "integer", "minimum": 1}, 0, response=False)
    assert [error.validator for error in found] == ["minimum"]


def test_nullable_is_understood():
    schema = {"type": "string", "nullable": True}
    assert schemas.errors(schema, None, response=True) == []
    assert schemas.errors({"type": "string"}, None, response=True)


def test_operations_marked_anonymous_need_no_credentials():
    contract = tesla()
    groups = contract.match("GET", "/api/v2/institution/1/group/")[0]
    learners = contract.match("GET", "/api/v2/institution/1/learner/")[0]
    assert groups is not None and groups.anonymous and not groups.secured
    assert learners is not None and not learners.anonymous and learners.secured
