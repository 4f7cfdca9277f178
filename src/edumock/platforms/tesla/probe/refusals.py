"""Every operation of the spec refused as DRF refuses it: a forged token (401), an unknown
id or parent (404), and for writes a body that is not JSON (415) or not an object (400).
Paths are filled with the ids discovery found, so each refusal has a real target; writes
that could change anything go to unknown ids only."""

from __future__ import annotations

import re
from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.contract.operations import Operation
from edumock.platforms.tesla.probe.common import (
    FAR_FUTURE,
    NOT_FOUND,
    UNKNOWN,
    bad_token,
    known,
    media_type,
    not_a_dictionary,
    unknown,
)
from edumock.platforms.tesla.probe.common import institution as own_institution

VALID = {
    "institution/vle": {"type": 0, "name": "probe"},
    "institution/group": {"name": "probe"},
    "group/course": {"id": 1},
    "institution/ic": {"version": "1.0.0", "valid_from": FAR_FUTURE},
    "ic/document": {"language": "zz"},
    "institution/ui": {"route": "/dashboard"},
    "institution/user": {"username": "probe", "uid": "probe"},
    "institution/instructor": {"uid": "probe"},
    "institution/learner": {"email": "probe@probe.example.org", "uid": "probe"},
    "institution/send": {"description": "probe"},
    "learner/send": {"category": 1},
    "course/instructor": {"uid": "probe"},
    "course/learner": {"uid": "probe"},
    "course/activity": {},
    "activity/instrument": {"instrument_id": 1, "active": True},
    "learner/ic": {"version": "1.0.0"},
}
"""A body each write accepts, so a refusal is judged by the token or the lookup, not by
the body (and a call without credentials is refused for them, not for its body)."""
SKIP_WRITES = ("/learner/{id}/ic/",)
FILTERED_ONLY = (
    "/learner/{parent_lookup_learner_id}/send/",
    "/ic/{parent_lookup_informed_consent_id}/document/",
    "/course/{parent_lookup_course_id}/activity/",
    "/activity/{parent_lookup_activity_id}/instrument/",
    "/activity/{parent_lookup_activity_id}/report/",
    "/report/{parent_lookup_report_id}/audit/",
)
"""Lists whose view only filters by the URL's parents: an unknown parent lists nothing (an
empty page). The course members' and report requests' views look their parent up first
(and crash without it), so those stay 404."""
OWN_NOT_FOUND = {("POST", "/group/{parent_lookup_id}/course/"): "Course Group not found"}
"""Writes under an unknown parent whose serializer, not the view, names what is missing."""
"""The learner's own consent: an administrator is refused (403) before the id or the body
is looked at (``consent of a learner`` plays it as the learner)."""


def _keys(template: str) -> list[tuple[str, str]]:
    """Each path parameter of ``template`` with its resource key (``course/learner``: the
    static segment before the parameter, after the one before its parent)."""
    keys: list[tuple[str, str]] = []
    parent = ""
    previous = ""
    for segment in template.strip("/").split("/"):
        found = re.fullmatch(r"\{(.+)\}", segment)
        if found:
            keys.append((found.group(1), f"{parent}/{previous}" if parent else previous))
            parent = previous
        else:
            previous = segment
    return keys


def institution_key(template: str) -> str | None:
    """The name of ``template``'s institution parameter (None: it has none)."""
    return next((name for name, key in _keys(template) if key == "institution"), None)


def concrete(probe: ProbeClient, template: str, last: str | None = None, *,
             institution: str | None = None) -> str | None:
    """``template`` with discovered ids (the last one replaced by ``last`` when given, the
    institution by ``institution``), or None when discovery found no record for one."""
    ids = known(probe)
    path = template
    keys = _keys(template)
    for number, (name, key) in enumerate(keys):
        if key == "institution":
            value: Any = institution or own_institution(probe)
        elif number == len(keys) - 1 and last is not None:
            value = last
        else:
            value = ids.get(key)
        if value is None:
            return None
        path = path.replace(f"{{{name}}}", str(value), 1)
    return path


def body_for(template: str, method: str) -> Any:
    """A valid body for ``method`` on ``template`` (None for DELETE)."""
    if method == "DELETE":
        return None
    if method == "PATCH":
        return {}
    if template.endswith("}/"):
        return VALID.get(_last_key(template), {})
    segments = template.strip("/").split("/")
    parent = next(s for s in reversed(segments[:-2]) if not s.startswith("{"))
    return VALID.get(f"{parent}/{segments[-1]}", {})


def _last_key(template: str) -> str:
    keys = _keys(template)
    return keys[-1][1] if keys else ""


def _reads(probe: ProbeClient, operation: Operation) -> None:
    template = operation.template
    step = f"{operation.method} {template.removeprefix('/api/v2/')}"
    path = concrete(probe, template)
    if path is None:
        probe.expect(False, step, "discovery found no record to fill this path with")
        return
    bad_token(probe, step, "GET", path)
    if not _keys(template):
        return
    if _last_key(template) != "institution" and template.endswith("}/"):
        unknown(probe, step, "GET", concrete(probe, template, UNKNOWN) or path)
    elif template.endswith(FILTERED_ONLY):
        label = f"{step} (parent) of an unknown id"
        response = probe.call(label, "GET", concrete(probe, template, UNKNOWN) or path)
        if probe.expect_status(response, 200, label):
            probe.expect(response.json().get("count") == 0, label, "an unknown parent lists "
                         f"records: {response.text[:120]}")
        label = f"{step} (parent) not a number"
        response = probe.call(label, "GET", concrete(probe, template, "abc") or path)
        if probe.expect_status(response, 404, label):  # the filter's ValueError
            probe.expect(response.json() == NOT_FOUND, label, response.text[:120])
    elif _last_key(template) != "institution" and "/ic/current/" not in template:
        unknown(probe, f"{step} (parent)", "GET", concrete(probe, template, UNKNOWN) or path)


def _writes(probe: ProbeClient, operation: Operation) -> None:
    template = operation.template
    method = operation.method
    step = f"{method} {template.removeprefix('/api/v2/')}"
    detail = template.endswith("}/")
    key = _last_key(template)
    target = concrete(probe, template)
    stranger = concrete(probe, template, UNKNOWN) if key != "institution" else None
    if target is None and stranger is None:
        probe.expect(False, step, "discovery found no record to fill this path with")
        return
    body = body_for(template, method)
    bad_token(probe, step, method, stranger or target or "", body)
    own_consent = any(skip in template for skip in SKIP_WRITES)
    if stranger is not None and (detail or method == "POST") and not own_consent:
        own = next((text for (verb, part), text in OWN_NOT_FOUND.items()
                    if verb == method and template.endswith(part)), None)
        unknown(probe, step if detail else f"{step} (parent)", method, stranger, body, own)
    if method != "DELETE" and target is not None and not own_consent:
        media_type(probe, step, method, target)
        not_a_dictionary(probe, step, method, target)


def _operations(probe: ProbeClient, *methods: str) -> list[Operation]:
    """The institution API's operations (the login views check no token: ``login`` plays
    them)."""
    return [op for op in probe.contract.operations if op.method in methods
            and not op.template.startswith("/api/v2/auth/")]


def reads_refused(probe: ProbeClient) -> None:
    """Every GET: a forged token is 401; an unknown id, or an unknown parent of a nested
    list, is 404."""
    for operation in _operations(probe, "GET"):
        _reads(probe, operation)


def writes_refused(probe: ProbeClient) -> None:
    """Every POST, PUT, PATCH and DELETE: a forged token is 401; an unknown id is 404; a
    text/plain body is 415; a list body is 400 ``non_field_errors``."""
    for operation in _operations(probe, "POST", "PUT", "PATCH", "DELETE"):
        _writes(probe, operation)
