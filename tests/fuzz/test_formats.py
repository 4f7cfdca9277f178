"""The error-format predicates the fuzzing run relies on accept each platform's refusals and
nothing else: a check that passes everything would let any renderer drift."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.fuzz.formats import FORMATS, SDR_TYPE_BASE, WrongFormat

JSON, PROBLEM, HTML = "application/json", "application/problem+json", "text/html; charset=utf-8"
CONNEXION = {"type": "about:blank", "title": "Bad Request", "status": 400, "detail": "x"}
ENVELOPE = {"id": "api.course.batch.read", "ver": "v1", "ts": "2026-08-10 09:30:00:000+0000",
            "params": {"resmsgid": None, "msgid": None, "err": "INVALID_REQUESTED_DATA",
                       "status": "INVALID_REQUESTED_DATA",
                       "errmsg": "Requested data for this operation is not valid."},
            "responseCode": "CLIENT_ERROR", "result": {}}
SDR_PROBLEM = {"type": SDR_TYPE_BASE + "SC1", "title": "Submission token not found",
               "status": 400, "detail": "gone", "instance": "/submissions/v1.0/validate/t%201",
               "errorCode": "SC1", "errorCodes": ["SC1"],
               "errors": {"returnId": None, "submissionToken": "t 1", "content": None}}
SDR_PATH = "/submissions/v1.0/validate/t%201"


def _body(value: Any) -> str:
    return value if isinstance(value, str) and value.startswith("<") else json.dumps(value)


@pytest.mark.parametrize(("platform", "status", "media", "body", "path"), [
    ("tesla", 404, JSON, {"detail": "Not found."}, "/api/v2/"),
    ("tesla", 400, JSON, {"email": ["Enter a valid email address."],
                          "data": {"0": {"name": ["This field is required."]}}}, "/api/v2/"),
    ("tesla", 400, JSON, {"non_field_errors": ["Passwords does not match"]}, "/api/v2/"),
    ("tesla", 404, JSON, "Invalid version", "/api/v2/"),
    ("tesla", 404, HTML, "<title>Not Found</title>", "/api/v2/x"),
    ("sunbird", 400, JSON, ENVELOPE, "/api/course/v1/batch/read/1"),
    ("sunbird", 404, JSON, {**ENVELOPE, "responseCode": "RESOURCE_NOT_FOUND"}, "/api/x"),
    ("sunbird", 401, JSON, {"message": "Unauthorized"}, "/api/course/v1/enrol"),
    ("sdr", 400, PROBLEM, SDR_PROBLEM, SDR_PATH),
    ("sdr", 401, JSON, {"error": "invalid_client", "error_description": "no"},
     "/oauth2/access_token"),
    ("admin", 404, PROBLEM, CONNEXION | {"status": 404}, "/__admin/x"),
])
def test_each_platforms_refusals_pass(platform: str, status: int, media: str, body: Any,
                                      path: str) -> None:
    FORMATS[platform](status, media, _body(body), path)


@pytest.mark.parametrize(("platform", "status", "media", "body", "path"), [
    ("tesla", 400, PROBLEM, CONNEXION, "/api/v2/"),  # Connexion's own refusal leaking out
    ("tesla", 400, JSON, {"detail": "x", "code": "y"}, "/api/v2/"),
    ("tesla", 400, JSON, {"email": "not a list"}, "/api/v2/"),
    ("tesla", 403, JSON, {"email": ["field errors only come with a 400"]}, "/api/v2/"),
    ("tesla", 400, HTML, "<title>Not Found</title>", "/api/v2/"),
    ("sunbird", 400, JSON, {**ENVELOPE, "result": {"response": "x"}}, "/api/x"),
    ("sunbird", 404, JSON, ENVELOPE, "/api/x"),  # responseCode not the 404's
    ("sunbird", 400, JSON, {"message": "the gateway answers 401 only"}, "/api/x"),
    ("sunbird", 400, PROBLEM, CONNEXION, "/api/x"),
    ("sdr", 400, JSON, SDR_PROBLEM, SDR_PATH),  # wrong media type
    ("sdr", 400, PROBLEM, {**SDR_PROBLEM, "errorCode": "CV1"}, SDR_PATH),
    ("sdr", 400, PROBLEM, {**SDR_PROBLEM, "status": 401}, SDR_PATH),
    ("sdr", 400, PROBLEM, {**SDR_PROBLEM, "instance": "/elsewhere"}, SDR_PATH),
    ("sdr", 400, PROBLEM, CONNEXION, SDR_PATH),
    ("admin", 404, JSON, {"detail": "x"}, "/__admin/x"),
    ("admin", 404, PROBLEM, CONNEXION, "/__admin/x"),  # status is not the response's
])
def test_anything_else_fails(platform: str, status: int, media: str, body: Any,
                             path: str) -> None:
    with pytest.raises(WrongFormat):
        FORMATS[platform](status, media, _body(body), path)
