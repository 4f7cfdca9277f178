"""Hostile and broken requests: each answered with a clear 4xx in the owning platform's format,
never a 5xx, and the world exactly as it was (its whole snapshot compared before and after).
The ``client`` fixture also fails any test whose answers broke our own spec."""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from edumock.platforms.tesla.errors import DJANGO_NOT_FOUND, PERMISSION_DENIED
from edumock.serving.validators import MAX_NESTING
from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT
from tests.hardening.hostile import (
    ADMIN_CLOCK,
    SDR_LEARNERS,
    SUNBIRD_ENROL,
    TESLA_LEARNERS,
    Callers,
    admin_problem,
    callers,
    drf_error,
    sdr_problem,
    sunbird_error,
    unchanged,
)

MB = 1024 * 1024
JSON = "application/json"
IRD = "INVALID_REQUESTED_DATA"
PARSE, FIELDS, NON_FIELD, MEDIA = "JSON parse error - ", "fields", "non_field_errors", "media"
LEARNER = {"localId": "L1", "studentIdentificationCode": "S1", "gender": "F",
           "dateOfBirth": "2001-04-12", "nameIdCode": "NGATA", "ethnicity": ["211"]}

# name, content type, body, and what each platform answers when it differs from the first row's
# defaults: TeSLA (status, DRF shape), SDR (status, code), Sunbird (status, code), admin status.
DEFAULT = {"tesla": (400, PARSE), "sdr": (400, "CV1"), "sunbird": (400, IRD), "admin": (400, "")}
CASES: list[tuple[str, str | None, bytes, dict[str, tuple[int, str]]]] = [
    ("malformed JSON", JSON, b'{"email": ', {}),
    ("trailing garbage", JSON, b"{} {}", {}),
    ("empty body", JSON, b"", {"sunbird": (400, "MANDATORY_PARAMETER_MISSING")}),
    ("an array", JSON, b"[1, 2]", {"tesla": (400, NON_FIELD)}),
    ("a string", JSON, b'"learner"', {"tesla": (400, NON_FIELD)}),
    ("a number", JSON, b"42", {"tesla": (400, NON_FIELD)}),
    ("a boolean", JSON, b"true", {"tesla": (400, NON_FIELD)}),
    ("a NUL byte", JSON, b'{"a": 1\x00}', {}),
    ("a raw NUL in a string", JSON, b'{"a": "x\x00y"}', {}),
    ("invalid UTF-8", JSON, b'{"a": "\xff\xfe"}', {}),
    ("UTF-16", JSON, '{"a": "b"}'.encode("utf-16"), {}),
    ("Latin-1", JSON, '{"a": "Jos\u00e9"}'.encode("latin-1"), {}),
    ("10,000 nested arrays", JSON, b"[" * 10_000 + b"]" * 10_000, {}),
    ("10,000 nested objects", JSON, b'{"a":' * 10_000 + b"1" + b"}" * 10_000, {}),
    (f"{MAX_NESTING + 1} nested arrays", JSON, b"[" * 101 + b"]" * 101, {}),
    ("NaN", JSON, b'{"a": NaN}', {}),
    ("Infinity", JSON, b'{"a": -Infinity}', {}),
    ("1e999", JSON, b'{"a": 1e999}', {}),
    ("a 5,000-digit integer", JSON, b'{"a": 1' + b"0" * 5000 + b"}", {}),
    ("text/plain", "text/plain", b'{"a": 1}',
     {"tesla": (415, MEDIA), "sdr": (415, "CT1"), "admin": (415, "")}),
    ("application/xml", "application/xml", b"<a>1</a>",
     {"tesla": (415, MEDIA), "sdr": (415, "CT1"), "admin": (415, "")}),
    ("a form", "application/x-www-form-urlencoded", b"a=1",
     {"tesla": (400, FIELDS), "sdr": (415, "CT1"), "admin": (415, "")}),
    ("no content type", None, b'{"a": 1}',
     {"tesla": (400, FIELDS), "sunbird": (400, "MANDATORY_PARAMETER_MISSING")}),
]


def _long_strings(who: Callers) -> dict[str, Any]:
    """A plausible body per platform with a 1 MB value where an id or a name goes."""
    return {
        "tesla": {"email": "a" * MB + "@pu1.ac.nz", "uid": "u" * MB},
        "sdr": {"submissionToken": who.submission_token,
                "content": [{**LEARNER, "localId": "L" * MB}]},
        "sunbird": {"request": {"courseId": "c" * MB, "batchId": "b" * MB,
                                "userId": who.sunbird_user}},
        "admin": {"advance": 1, "note": "n" * MB}}


def _call(client: Any, who: Callers, platform: str, content_type: str | None,
          body: bytes) -> Any:
    method, path, headers = {"tesla": ("POST", TESLA_LEARNERS, who.tesla),
                             "sdr": ("PUT", SDR_LEARNERS, who.sdr),
                             "sunbird": ("POST", SUNBIRD_ENROL, who.sunbird),
                             "admin": ("POST", ADMIN_CLOCK, {})}[platform]
    extra = {"Content-Type": content_type} if content_type else {}
    return client.request(method, path, content=body, headers={**headers, **extra})


def _answered(platform: str, response: Any, status: int, code: str) -> None:
    """The refusal, in the platform's own shape."""
    if platform == "sdr":
        sdr_problem(response, status, code)
    elif platform == "sunbird":
        sunbird_error(response, status, code)
    elif platform == "admin":
        admin_problem(response, status)
    else:
        body = drf_error(response, status)
        if code == PARSE:
            assert body["detail"].startswith(PARSE), body
        elif code == MEDIA:
            assert body["detail"].startswith("Unsupported media type"), body
        elif code == NON_FIELD:
            assert body[NON_FIELD][0].startswith("Invalid data. Expected a dictionary"), body
        else:
            assert "detail" not in body and all(isinstance(v, list) for v in body.values())


@pytest.mark.parametrize("platform", ["tesla", "sdr", "sunbird", "admin"])
def test_broken_bodies_are_refused_in_the_platforms_format(client: Any, platform: str):
    who = callers(client)
    long_body = json.dumps(_long_strings(who)[platform]).encode()
    long_answer = {"tesla": (400, FIELDS), "sdr": (400, "CV1"),
                   "sunbird": (400, "INVALID_COURSE_BATCH_ID"), "admin": (400, "")}[platform]
    with unchanged(client):
        for name, content_type, body, answers in [*CASES,
                                                  ("a 1 MB string", JSON, long_body, {})]:
            status, code = long_answer if name == "a 1 MB string" else answers.get(
                platform, DEFAULT[platform])
            response = _call(client, who, platform, content_type, body)
            try:
                _answered(platform, response, status, code)
            except AssertionError as error:
                raise AssertionError(f"{name}: {error}") from None


def test_nesting_is_bounded_well_below_the_recursion_limit(client: Any):
    who = callers(client)

    def search(depth: int) -> Any:
        body = '{"request": {"filters": {"status": ' + "[" * depth + "]" * depth + "}}}"
        return client.post("/api/course/v1/batch/list", content=body.encode(),
                           headers={**who.sunbird, "Content-Type": JSON})

    # The request's own two objects count: the value may nest MAX_NESTING - 3 deep.
    assert search(MAX_NESTING - 3).status_code == 200
    sunbird_error(search(MAX_NESTING - 2), 400, IRD)


def test_unknown_fields_are_refused_where_the_spec_forbids_them(client: Any):
    who = callers(client)
    with unchanged(client):
        body = {"submissionToken": who.submission_token, "extra": 1,
                "content": [{**LEARNER, "shoeSize": 9}]}
        refused = sdr_problem(client.put(SDR_LEARNERS, json=body, headers=who.sdr), 400, "CV1")
        assert "'extra' was unexpected" in refused["errors"]["$"][0]
        assert "'shoeSize' was unexpected" in refused["errors"]["content"][0]["errors"][0]
        deletion = {"submissionToken": who.submission_token, "content": [{"localId": "L1",
                                                                          "why": "x"}]}
        sdr_problem(client.request("DELETE", SDR_LEARNERS, json=deletion, headers=who.sdr),
                    400, "CV1")
        admin_problem(client.post(ADMIN_CLOCK, json={"advance": 1, "why": "x"}), 400)


def test_tesla_refuses_null_characters_as_drf_does(client: Any):
    who = callers(client)
    with unchanged(client):
        response = client.post(TESLA_LEARNERS, headers=who.tesla,
                               json={"email": "nul@pu1.ac.nz", "uid": "a\x00b",
                                     "first_name": "\x00"})
        assert drf_error(response, 400) == {"uid": ["Null characters are not allowed."],
                                            "first_name": ["Null characters are not allowed."]}


def test_sunbird_fields_of_the_wrong_type_are_refused_not_stored(client: Any):
    who = callers(client)
    course = client.get("/__admin/state/sunbird/courses").json()["records"][0]["identifier"]
    batch = {"courseId": course, "name": "Batch", "startDate": "2026-09-01",
             "enrollmentType": "open"}
    with unchanged(client):
        for field, value, kind in (("name", 123, "String"), ("description", {"a": 1}, "String"),
                                   ("tandc", ["x"], "String"), ("createdFor", [1], "Arrays"),
                                   ("mentors", "user-1", "Arrays")):
            response = client.post("/api/course/v1/batch/create", headers=who.sunbird,
                                   json={"request": {**batch, field: value}})
            refused = sunbird_error(response, 400, "DATA_TYPE_ERROR")
            assert refused["params"]["errmsg"] == f"Data type of {field} should be {kind}."


def test_the_clock_cannot_be_pushed_past_its_last_date(client: Any):
    with unchanged(client):
        for advance in (1e300, 10**400, 3e11, 2.3e11):  # past 9999, then past 9000
            refused = admin_problem(client.post(ADMIN_CLOCK, json={"advance": advance}), 400)
            assert "year" in refused["detail"] or "too large" in refused["detail"], refused
    assert client.get("/submissions/v1.0/returns", headers=callers(client).sdr).status_code == 200


def test_admin_tokens_refuse_claims_of_the_wrong_type(client: Any):
    with unchanged(client):
        for claims in ({"roles": 5}, {"roles": True}, {"expires_in": "soon"},
                       {"expires_in": 10**12}, {"expires_in": 1.5}):
            response = client.post("/__admin/tokens", json={"platform": "tesla",
                                                           "institution_id": 1, **claims})
            admin_problem(response, 400)


HOSTILE_IDS = ["%2e%2e", "%2e%2e%2f", "..%2f..%2f__admin%2fstate", "1;DROP TABLE learners",
               "1%3BDROP%20TABLE%20learners--", "' OR '1'='1", "99999999999999999999999", "-1",
               "1.5", "1e3", "NaN", "%00", "1%00", "%ff%fe", "%c0%af", "%20"]


def _tesla(response: Any) -> None:
    if response.headers["content-type"].startswith("text/html"):
        assert response.status_code == 404 and response.text == DJANGO_NOT_FOUND
    else:
        assert drf_error(response, response.status_code)["detail"] in ("Not found.",
                                                                       PERMISSION_DENIED)
        assert response.status_code in (403, 404)


def _sdr(response: Any) -> None:
    body = response.json()
    sdr_problem(response, response.status_code, body.get("errorCode", ""))
    assert (response.status_code, body["errorCode"]) in {(400, "CV1"), (400, "SC1"),
                                                        (404, "NF1")}, body


def _sunbird(response: Any) -> None:
    if response.status_code == 200:  # an unknown batch reads as an empty one, as upstream
        assert response.json()["result"] == {"response": {}}
    else:
        sunbird_error(response, 404, "RESOURCE_NOT_FOUND", "RESOURCE_NOT_FOUND")


def _admin(response: Any) -> None:
    admin_problem(response, response.status_code)
    assert response.status_code in (400, 404)


ID_TARGETS: dict[str, tuple[list[tuple[str, str]], Callable[[Callers], dict[str, str]],
                            Callable[[Any], None]]] = {
    "tesla": ([("GET", TESLA_LEARNERS + "{}/"), ("DELETE", TESLA_LEARNERS + "{}/"),
               ("PATCH", TESLA_LEARNERS + "{}/"), ("GET", "/api/v2/institution/{}/learner/")],
              lambda who: who.tesla, _tesla),
    "sdr": ([("POST", "/submissions/v1.0/token/{}"), ("GET", "/submissions/v1.0/validation/{}"),
             ("DELETE", "/submissions/v1.0/token/{}/delete")], lambda who: who.sdr, _sdr),
    "sunbird": ([("GET", "/api/data/v1/upload/status/{}"), ("GET", "/api/course/v1/batch/read/{}")],
                lambda who: who.sunbird, _sunbird),
    "admin": ([("GET", "/__admin/state/tesla/{}"), ("DELETE", "/__admin/worlds/{}"),
               ("GET", "/__admin/worlds/{}")], lambda who: {}, _admin),
}


@pytest.mark.parametrize("platform", ID_TARGETS)
def test_ids_that_are_not_ids(client: Any, platform: str):
    templates, headers, check = ID_TARGETS[platform]
    who = callers(client)
    with unchanged(client):
        for method, template in templates:
            for raw in HOSTILE_IDS:
                body = {"first_name": "x"} if method == "PATCH" else None
                response = client.request(method, template.format(raw), json=body,
                                          headers=headers(who))
                try:
                    check(response)
                except (AssertionError, KeyError, ValueError) as error:
                    raise AssertionError(f"{method} {template.format(raw)}: {error}") from None


def test_hostile_query_strings(client: Any):
    who = callers(client)
    with unchanged(client):
        for query in ("limit=%00", "limit=99999999999999999999999", "offset=-1", "search=%00",
                      "search=%ff%fe", "ordering=%00", "ordering=id;DROP TABLE"):
            page = client.get(f"{TESLA_LEARNERS}?{query}", headers=who.tesla)  # DRF falls back
            assert page.status_code == 200 and page.json()["count"] >= 0, (query, page.text)
        for query, code in (("page=%00", "PR1"), ("pageSize=%ff", "PR1"), ("page=-1", "PR1"),
                            ("page=99999999999999999999999", "PR2")):
            refused = client.get(f"/submissions/v1.0/returns?{query}", headers=who.sdr)
            sdr_problem(refused, 400, code)
        for query in ("limit=%ff", "since=%00", "status=1e3"):
            admin_problem(client.get(f"/__admin/requests?{query}"), 400)


@pytest.fixture(scope="module")
def live() -> Iterator[ThreadedServer]:
    """A real server: HTTP clients resolve dot segments themselves, http.client sends them."""
    with ThreadedServer(Settings(start_time=FROZEN_AT)) as server:
        yield server


RAW_PATHS = [  # literal dot segments reaching for another tenant or for the admin API
    ("GET", "/api/v2/institution/1/learner/../../2/learner/", "tesla"),
    ("GET", "/api/v2/institution/1/learner/%2e%2e/", "tesla"),
    ("DELETE", "/api/v2/institution/1/learner/1/../", "tesla"),
    ("GET", "/submissions/v1.0/validation/../../../__admin/state/sdr", "sdr"),
    ("POST", "/submissions/v1.0/token/../../v1.0/token/202608", "sdr"),
    ("GET", "/api/data/v1/upload/status/../../../../__admin/snapshot", "sunbird"),
    ("GET", "/__admin/state/../snapshot", "admin"),
]


def test_dot_segments_never_leave_the_path_they_name(live: ThreadedServer):
    media = {"tesla": ("text/html", JSON), "sdr": ("application/problem+json",),
             "sunbird": (JSON,), "admin": ("application/problem+json",)}
    with httpx.Client(base_url=live.url) as web:
        who = callers(web)
        with unchanged(web):
            connection = http.client.HTTPConnection(live.host, live.port, timeout=10)
            try:
                for method, path, platform in RAW_PATHS:
                    headers = {"tesla": who.tesla, "sdr": who.sdr, "sunbird": who.sunbird,
                               "admin": {}}[platform]
                    connection.request(method, path, headers=headers)
                    answer = connection.getresponse()
                    text = answer.read().decode()
                    assert 400 <= answer.status < 500, (path, answer.status, text[:200])
                    assert answer.getheader("content-type", "").startswith(media[platform]), path
                    assert '"records"' not in text and '"stores"' not in text, path
            finally:
                connection.close()
