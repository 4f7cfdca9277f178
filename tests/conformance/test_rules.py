"""Each rule catches a real violation (a HAR with one known defect) and passes the conforming
exchange it was made from (the same call in the platform's conforming HAR)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from edumock.cli.conformance import contract_for
from edumock.conformance.exchange import Exchange
from edumock.conformance.har import load_har
from edumock.conformance.report import Report, judge
from edumock.contract.operations import Contract

HAR = Path(__file__).resolve().parents[1] / "data" / "har"

TESLA_INSTITUTION = "GET /api/v2/institution/{institution_id}/"
TESLA_INSTRUCTORS = "GET /api/v2/institution/{parent_lookup_institution_id}/instructor/"
TESLA_LEARNER_CREATE = "POST /api/v2/institution/{parent_lookup_institution_id}/learner/"
SDR_RETURNS = "GET /submissions/v1.0/returns"
SDR_TOKEN = "POST /submissions/v1.0/token/{returnId}"


def at(*parts: str) -> str:
    """A JSON pointer into the spec from unescaped parts."""
    return "".join("/" + part.replace("~", "~0").replace("/", "~1") for part in parts)


@cache
def contract(platform: str) -> Contract:
    return contract_for(platform)


def check(platform: str, name: str, entries: tuple[int, ...] | None = None) -> Report:
    """Judge a HAR file (or only some of its entries, by number)."""
    exchanges = load_har(HAR / name).exchanges
    if entries is not None:
        exchanges = [e for e in exchanges if e.index in entries]
        assert [e.index for e in exchanges] == list(entries)
    return judge(contract(platform), exchanges, name)


def found(report: Report) -> list[tuple[str, str | None, int | None, str, str]]:
    return [(f.rule, f.operation, f.exchange, f.json_path, f.schema_location)
            for f in report.findings]


def passes(platform: str, entries: tuple[int, ...], operation: str) -> None:
    """The conforming HAR's entries exercise ``operation`` and break nothing."""
    report = check(platform, f"{platform}-conforming.har", entries)
    assert report.findings == []
    assert operation in {report.operation_of[index] for index in entries}


CONFORMING = sorted(path.name.removesuffix("-conforming.har")
                    for path in HAR.glob("*-conforming.har"))


@pytest.mark.parametrize("platform", CONFORMING)
def test_real_traffic_with_our_server_conforms(platform: str):
    report = check(platform, f"{platform}-conforming.har")
    assert report.exchanges, "the conforming HAR holds exchanges"
    assert [f.headline() for f in report.findings] == []
    assert report.exit_code == 0
    assert len(report.operation_of) == len(report.exchanges)


def test_an_undeclared_path_is_caught():
    report = check("tesla", "tesla-undeclared-path.har")
    assert found(report) == [("path-declared", None, 1, "$", "")]
    assert "/api/v2/institution/1/nonexistent/" in report.findings[0].message
    passes("tesla", (1,), TESLA_INSTITUTION)


def test_an_undeclared_method_is_caught():
    report = check("tesla", "tesla-undeclared-method.har")
    assert found(report) == [("method-declared", None, 1, "$", "")]
    assert "DELETE" in report.findings[0].message
    assert "declared: GET, HEAD, OPTIONS, PATCH, PUT" in report.findings[0].message
    passes("tesla", (1,), TESLA_INSTITUTION)


def test_a_missing_and_an_out_of_range_parameter_are_caught():
    report = check("sdr", "sdr-bad-parameters.har")
    returns = at("paths", "/submissions/v1.0/returns", "get")
    assert found(report) == [
        ("parameter", SDR_RETURNS, 1, "$", returns + at("parameters", "0", "schema")),
        ("parameter", SDR_RETURNS, 2, "$",
         returns + at("parameters", "2", "schema", "maximum")),
    ]
    assert report.findings[0].message == "required header parameter EID is missing"
    assert "pageSize: 500 is greater than the maximum of 100" in report.findings[1].message
    passes("sdr", (2,), SDR_RETURNS)


def test_a_request_body_of_the_wrong_media_type_is_caught():
    report = check("tesla", "tesla-wrong-content-type.har")
    create = at("paths", "/api/v2/institution/{parent_lookup_institution_id}/learner/", "post")
    assert found(report) == [("request-content-type", TESLA_LEARNER_CREATE, 1, "$",
                              create + at("requestBody", "content"))]
    assert "text/plain" in report.findings[0].message
    passes("tesla", (6,), TESLA_LEARNER_CREATE)


def test_invalid_missing_and_malformed_request_bodies_are_caught():
    report = check("tesla", "tesla-invalid-body.har")
    body = at("paths", "/api/v2/institution/{parent_lookup_institution_id}/learner/", "post",
              "requestBody")
    schema = body + at("content", "application/json", "schema")
    assert found(report) == [
        ("request-body", TESLA_LEARNER_CREATE, 1, "$.email", schema + at("properties", "email",
                                                                          "format")),
        ("request-body", TESLA_LEARNER_CREATE, 2, "$", body),
        ("request-body", TESLA_LEARNER_CREATE, 3, "$", schema),
    ]
    assert [f.message for f in report.findings[1:]] == [
        "the operation requires a request body; none was sent",
        "the request body is not valid JSON"]
    passes("tesla", (6,), TESLA_LEARNER_CREATE)


def test_a_sunbird_body_that_is_not_an_object_is_caught():
    report = check("sunbird", "sunbird-invalid-body.har")
    create = at("paths", "/api/course/v1/batch/create", "post")
    assert found(report) == [("request-body", "POST /api/course/v1/batch/create", 1, "$",
                              create + at("requestBody", "content", "application/json",
                                          "schema", "type"))]
    passes("sunbird", (2,), "POST /api/course/v1/batch/create")


def test_an_undeclared_response_status_is_caught():
    report = check("tesla", "tesla-undeclared-status.har")
    read = at("paths", "/api/v2/institution/{institution_id}/", "get")
    assert found(report) == [("response-status", TESLA_INSTITUTION, 1, "$",
                              read + at("responses"))]
    assert report.findings[0].message.startswith("status 500 is not declared")
    passes("tesla", (1,), TESLA_INSTITUTION)


def test_an_undeclared_response_media_type_is_caught():
    report = check("tesla", "tesla-wrong-response-type.har")
    read = at("paths", "/api/v2/institution/{institution_id}/", "get")
    assert found(report) == [("response-content-type", TESLA_INSTITUTION, 1, "$",
                              read + at("responses", "200", "content"))]
    assert "text/html" in report.findings[0].message
    passes("tesla", (1,), TESLA_INSTITUTION)


def test_a_response_header_breaking_its_schema_is_caught():
    report = check("sdr", "sdr-bad-retry-after.har")
    header = at("paths", "/submissions/v1.0/token/{returnId}", "post", "responses", "429",
                "headers", "Retry-After", "schema")
    assert found(report) == [("response-headers", SDR_TOKEN, 1, "$", header)]
    assert "Retry-After: 'soon' is not of type 'integer'" in report.findings[0].message
    conforming = check("sdr", "sdr-conforming.har", (6,))
    assert conforming.exchanges[0].status == 429
    assert conforming.exchanges[0].response_header("Retry-After") is not None
    passes("sdr", (6,), SDR_TOKEN)


def test_a_missing_required_response_header_is_caught(tmp_path: Path):
    """No platform spec requires a response header, so a small spec of our own does."""
    spec = tmp_path / "traced.yaml"
    spec.write_text("""
openapi: 3.0.3
info: {title: traced, version: '1'}
paths:
  /ping:
    get:
      operationId: ping
      responses:
        '200':
          description: pong
          headers:
            X-Trace-Id: {required: true, schema: {type: string, minLength: 8}}
""", encoding="utf-8")
    traced = Contract("traced", [spec])
    calls = [Exchange(1, "GET", "http://h/ping", 200),
             Exchange(2, "GET", "http://h/ping", 200, response_headers=(("X-Trace-Id", "ab"),)),
             Exchange(3, "GET", "http://h/ping", 200,
                      response_headers=(("x-trace-id", "abcdef0123"),))]
    report = judge(traced, calls, "made up")
    header = at("paths", "/ping", "get", "responses", "200", "headers", "X-Trace-Id")
    assert found(report) == [("response-headers", "GET /ping", 1, "$", header),
                             ("response-headers", "GET /ping", 2, "$", header + "/schema")]
    assert report.findings[0].message == "required response header X-Trace-Id is missing"


def test_a_response_body_breaking_its_schema_is_caught_at_its_json_path():
    report = check("tesla", "tesla-bad-response-body.har")
    schema = at("paths", "/api/v2/institution/{parent_lookup_institution_id}/instructor/",
                "get", "responses", "200", "content", "application/json", "schema")
    assert found(report) == [("response-body", TESLA_INSTRUCTORS, 1, "$.results[1].email",
                              schema + at("properties", "results", "items", "properties",
                                          "email", "type"))]
    assert report.findings[0].message == "42 is not of type 'string'"
    passes("tesla", (2,), TESLA_INSTRUCTORS)


def test_a_sunbird_envelope_missing_a_member_is_caught():
    report = check("sunbird", "sunbird-bad-envelope.har")
    schema = at("paths", "/api/course/v1/batch/read/{batchId}", "get", "responses", "200",
                "content", "application/json", "schema")
    assert found(report) == [("response-body", "GET /api/course/v1/batch/read/{batchId}", 1,
                              "$", schema + at("allOf", "0", "required"))]
    assert report.findings[0].message == "'responseCode' is a required property"
    passes("sunbird", (3,), "GET /api/course/v1/batch/read/{batchId}")


def test_a_page_holding_more_than_its_limit_is_caught():
    report = check("tesla", "tesla-pagination-page-size.har")
    assert found(report) == [("pagination", TESLA_INSTRUCTORS, 1, "$.results", "")]
    assert report.findings[0].message == (
        "the page holds 3 records; count 6, offset 0 and limit 2 call for 2")
    passes("tesla", (2, 3, 4), TESLA_INSTRUCTORS)


def test_missing_and_wrong_page_links_are_caught():
    report = check("tesla", "tesla-pagination-links.har")
    assert found(report) == [("pagination", TESLA_INSTRUCTORS, 1, "$.next", ""),
                             ("pagination", TESLA_INSTRUCTORS, 1, "$.previous", "")]
    assert [f.message for f in report.findings] == [
        "no next link at offset 2 of 6 records", "previous points at offset 4, not 0"]
    passes("tesla", (3,), TESLA_INSTRUCTORS)


def test_a_count_that_changes_between_pages_is_caught():
    report = check("tesla", "tesla-pagination-count-changed.har")
    assert found(report) == [("pagination", TESLA_INSTRUCTORS, 3, "$", "")]
    assert report.findings[0].message == (
        "count changed between pages with no write in between: [6, 7]")
    passes("tesla", (2, 3, 4), TESLA_INSTRUCTORS)


def test_a_walk_returning_records_twice_is_caught():
    report = check("tesla", "tesla-pagination-duplicates.har")
    assert found(report) == [("pagination", TESLA_INSTRUCTORS, 3, "$", "")]
    assert "6 records (4 distinct), count says 6" in report.findings[0].message
    passes("tesla", (2, 3, 4), TESLA_INSTRUCTORS)


def test_a_secured_operation_answering_a_call_without_credentials_is_caught():
    report = check("tesla", "tesla-auth-not-required.har")
    read = at("paths", "/api/v2/institution/{institution_id}/", "get")
    assert found(report) == [("auth-required", TESLA_INSTITUTION, 1, "$", read + at("security"))]
    assert "answered 200 to a call carrying no credentials" in report.findings[0].message
    passes("tesla", (1,), TESLA_INSTITUTION)
    refused = check("tesla", "tesla-conforming.har", (5,))
    assert refused.exchanges[0].request_header("authorization") is None
    assert refused.exchanges[0].status == 403 and refused.findings == []
