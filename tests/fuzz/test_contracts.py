"""Fuzzing our own contracts: Schemathesis against every spec, on a live server.

Each operation of every spec gets a bounded, derandomised Hypothesis run
(explicit examples, the coverage phase's boundary and negative cases, then
fuzzed cases) with valid credentials. Every response must: not be a 5xx, carry
a status, media type, headers and body the spec documents for it, and, when it
is a refusal, be in the platform's own error format. The findings so far, and
the one deliberate 5xx allowed, are listed in docs/reliability.md.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis import CheckContext, Response
from schemathesis.checks import not_a_server_error
from schemathesis.generation.case import Case
from schemathesis.specs.openapi.checks import (
    allow_header_conformance,
    content_type_conformance,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from edumock.settings import specs_dir
from tests.fuzz import formats
from tests.fuzz.live import KNOWN, SDR_CLIENT, SDR_EDUMIS, SDR_OPEN_RETURN, Target

SEED = 20260810
EXAMPLES = 10
"""Fuzzed cases per operation, on top of the spec's examples and the coverage phase."""

_ALIASES = {"token": "submissionToken", "SectionId": "sectionId"}


def _config(**extra: Any) -> schemathesis.Config:
    return schemathesis.Config.from_dict({
        "seed": SEED,
        "generation": {"max-examples": EXAMPLES, "deterministic": True, "database": "none",
                       "with-security-parameters": False},
        **extra,
    })


def _load(name: str, **extra: Any) -> Any:
    return schemathesis.openapi.from_path(specs_dir() / f"{name}.yaml", config=_config(**extra))


def _often(dictionary: str, probability: float) -> dict[str, Any]:
    return {"dictionary": dictionary, "probability": probability}


_TESLA_INSTITUTIONS = ("parent_lookup_institution_id", "institution_id",
                       "parent_lookup_vle__institution_id",
                       "parent_lookup_activity__vle__institution_id",
                       "parent_lookup_learner__institution_id",
                       "parent_lookup_report__activity__vle__institution_id")
_TESLA_IDS = ("id", "parent_lookup_id", "parent_lookup_course_id", "parent_lookup_activity_id",
              "parent_lookup_activity__course_id", "parent_lookup_informed_consent_id",
              "parent_lookup_learner_id", "parent_lookup_report_id",
              "parent_lookup_report__activity_id", "parent_lookup_report__activity__course_id",
              "instrument_id")

tesla = _load("tesla", dictionaries={"institution": {"values": ["1"]},
                                     "ids": {"values": ["1", "2", "3"]}},
              parameters={**{f"path.{name}": _often("institution", 0.75)
                             for name in _TESLA_INSTITUTIONS},
                          **{f"path.{name}": _often("ids", 0.5) for name in _TESLA_IDS}})
sdr = _load("sdr", dictionaries={"eid": {"values": [SDR_EDUMIS]},
                                 "open": {"values": [SDR_OPEN_RETURN]}},
            parameters={"header.EID": _often("eid", 0.9), "path.returnId": _often("open", 0.5)})
course = _load("sunbird-course")
bulk = _load("sunbird-bulk")
admin = _load("admin")


def _aimed(values: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """The generated mapping as it is, or with known ids in place of some generated ones."""
    names = {name: _ALIASES.get(name, name) for name in values}
    choices = {name: st.sampled_from([values[name], *KNOWN[key]])
               for name, key in names.items() if KNOWN.get(key)}
    if not choices:
        return st.just(values)
    return st.fixed_dictionaries(choices).map(lambda chosen: {**values, **chosen})


def _aim_path(_: Any, path_parameters: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    return _aimed(path_parameters or {})


def _aim_body(_: Any, body: Any) -> st.SearchStrategy[Any]:
    if isinstance(body, dict) and isinstance(body.get("request"), dict):  # Sunbird's wrapper
        return _aimed(body["request"]).map(lambda request: {**body, "request": request})
    if isinstance(body, dict):
        return _aimed(body)
    return st.just(body)


for _schema in (sdr, course, bulk):
    _schema.hook("flatmap_path_parameters")(_aim_path)
    _schema.hook("flatmap_body")(_aim_body)


def _documented_upstream_failure(response: Response, case: Case) -> bool:
    """Sunbird's batch search without an object ``filters`` fails upstream with a 500
    (docs/sunbird.md); the sandbox answers the same, on purpose."""
    if (case.operation.definition.raw.get("operationId") != "batches.search"
            or response.status_code != 500):
        return False
    request = case.body.get("request") if isinstance(case.body, dict) else None
    filters = request.get("filters") if isinstance(request, dict) else None
    params = json.loads(response.text).get("params", {})
    return not isinstance(filters, dict) and (params.get("err"), params.get("status")) == (
        "INTERNAL_ERROR", "SERVER_ERROR")  # a crash would say INTERNAL_ERROR twice


def no_server_error(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """``not_a_server_error``, except for the one 5xx the real platform gives on purpose."""
    if _documented_upstream_failure(response, case):
        return None
    return not_a_server_error(ctx, response, case)


def _aimed_at_known(case: Case) -> bool:
    """Whether a hook put a known id into the case: it may have repaired the very value a
    negative case had broken."""
    known = {value for values in KNOWN.values() for value in values}
    body = case.body.get("request", case.body) if isinstance(case.body, dict) else None
    values = [*(case.path_parameters or {}).values(),
              *(body.values() if isinstance(body, dict) else ())]
    return any(isinstance(value, str) and value in known for value in values)


def invalid_data_refused(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """``negative_data_rejection``, except for cases aimed at known records."""
    if _aimed_at_known(case):
        return None
    return negative_data_rejection(ctx, response, case)


def _media_type(response: Response) -> str:
    values = response.headers.get("content-type") or response.headers.get("Content-Type") or [""]
    return values[0].lower()


def _format_check(platform: str) -> Callable[[CheckContext, Response, Case], bool | None]:
    in_format = formats.FORMATS[platform]

    def error_in_platform_format(ctx: CheckContext, response: Response, case: Case) -> None:
        if response.status_code >= 400:
            in_format(response.status_code, _media_type(response), response.text,
                      urlsplit(response.request.url).path)

    return error_in_platform_format


CHECKS = [no_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance, invalid_data_refused,
          missing_required_header, unsupported_method, allow_header_conformance]
"""Schemathesis's response checks but two, and two of them narrowed. Left out:
``positive_data_acceptance`` (a schema-valid request may still break a rule or name an id that
does not exist) and ``ignored_auth`` (the credentials are sent by the test, so the check cannot
take them away; refused credentials are the JWT tests' subject). Narrowed: ``no_server_error``
and ``invalid_data_refused``."""
NOT_FOR = {"sunbird": [unsupported_method]}
"""Sunbird's gateway routes by method and path: an undeclared method is its 404
``RESOURCE_NOT_FOUND``, not a 405."""
_PER_OPERATION = settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
"""``target`` is set up once per operation, not per example, on purpose: it restores the state
the previous operation changed."""
_BASIC = "Basic " + base64.b64encode(":".join(SDR_CLIENT).encode()).decode()


def _exercise(case: Case, target: Target, platform: str) -> None:
    headers = dict(target.headers.get(platform, {}))
    if case.path.startswith("/oauth2/"):
        headers = {"Authorization": _BASIC}
    if case.method.upper() != "GET":
        target.dirty = True
    checks = [check for check in CHECKS if check not in NOT_FOR.get(platform, [])]
    case.call_and_validate(base_url=target.url, headers=headers, checks=checks,
                           additional_checks=[_format_check(platform)], timeout=30)


@tesla.parametrize()
@_PER_OPERATION
def test_tesla(case: Case, target: Target) -> None:
    _exercise(case, target, "tesla")


@sdr.parametrize()
@_PER_OPERATION
def test_sdr(case: Case, target: Target) -> None:
    _exercise(case, target, "sdr")


@course.parametrize()
@_PER_OPERATION
def test_sunbird_course(case: Case, target: Target) -> None:
    _exercise(case, target, "sunbird")


@bulk.parametrize()
@_PER_OPERATION
def test_sunbird_bulk(case: Case, target: Target) -> None:
    _exercise(case, target, "sunbird")


@admin.parametrize()
@_PER_OPERATION
def test_admin(case: Case, admin_target: Target) -> None:
    _exercise(case, admin_target, "admin")
