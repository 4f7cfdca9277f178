"""Refusals every path of the API makes, played on each: another institution's URL is 403
(DRF checks permissions before it looks anything up or reads the body), and a method the
path does not serve is 405 naming the methods it does. Bodies are ones each write would
accept, so a refusal is judged by the permission or the method, not by the body."""

from __future__ import annotations

import re

import httpx

from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.probe_sweeps import undeclared_methods
from edumock.platforms.tesla.probe.common import PERMISSION_DENIED, UNKNOWN, other_institution
from edumock.platforms.tesla.probe.refusals import body_for, concrete, institution_key

OPEN_VIEWS = ("/api/v2/institution/group/", "/api/v2/institution/ic/",
              "/api/v2/institution/instrument/")
"""Upstream's views without permission classes (groups and their courses, consents and
their documents, instruments): anyone may use them, whatever the institution."""


OPEN_LISTS = ("/api/v2/institution/{institution}/group/", "/api/v2/institution/{institution}/ic/")
"""Open lists that only filter by the URL's institution: an unknown one lists nothing."""


def _open(template: str) -> bool:
    return re.sub(r"\{[^}]+\}/", "", template).startswith(OPEN_VIEWS)


def other_institutions_refused(probe: ProbeClient) -> None:
    """Every operation under another institution: 403 ``You do not have permission``.
    Writes name unknown records, so nothing could change even if one were let through. The
    open lists, which anyone may read, are empty under an unknown institution."""
    other = other_institution(probe)
    for operation in probe.contract.operations:
        template = operation.template
        if institution_key(template) is None or _open(template):
            continue
        writes = operation.method != "GET"
        last = UNKNOWN if writes and template.endswith("}/") else None
        path = concrete(probe, template, last, institution=other)
        if path is None:
            continue
        step = f"{operation.method} {template.removeprefix('/api/v2/')} of another institution"
        response = probe.call(step, operation.method, path,
                              json=body_for(template, operation.method))
        if probe.expect_status(response, 403, step):
            probe.expect(response.json() == PERMISSION_DENIED, step, response.text[:120])
    for template in OPEN_LISTS:
        step = f"GET {template.removeprefix('/api/v2/')} of an unknown institution"
        response = probe.call(step, "GET", template.format(institution=UNKNOWN))
        if probe.expect_status(response, 200, step):
            probe.expect(response.json().get("count") == 0, step, response.text[:120])


def _undeclared(template: str, declared: tuple[str, ...]) -> str | None:
    """A method Django REST framework's router never routes on such a path: POST on a
    record, PUT on a list or action."""
    for method in (("POST",) if template.endswith("}/") else ()) + ("PUT", "PATCH", "POST"):
        if method not in declared:
            return method
    return None


READ_ONLY_VIEWS = "/report/"
"""Views an administrator may only read (reports, their requests and audits): the view's
permissions refuse any other method (403) before DRF looks the method up."""


def undeclared_methods_refused(probe: ProbeClient) -> None:
    """Every path that serves its caller: a method it does not declare is 405 ``Method "X"
    not allowed.`` with ``Allow`` naming at least the declared ones; on a view that lets the
    administrator only read, 403 first. (A learner's consent is the learner's own: an
    administrator is refused 403 there, as ``other institutions and methods`` shows.)"""

    def path_for(template: str) -> str | None:
        if template.endswith("/learner/{id}/ic/") or template == "/api/v2/institution/":
            return None
        return concrete(probe, template)

    def check(response: httpx.Response, step: str, declared: tuple[str, ...]) -> None:
        method = step.split(" ", 1)[0]
        refused = READ_ONLY_VIEWS in step
        if probe.expect_status(response, 403 if refused else 405, step):
            allow = {m.strip() for m in response.headers.get("allow", "").split(",")}
            probe.expect(set(declared) <= allow, step, f"Allow is {allow}, the path serves "
                                                       f"{sorted(declared)}")
            probe.expect(response.json() == (PERMISSION_DENIED if refused else {
                "detail": f'Method "{method}" not allowed.'}), step, response.text[:120])

    undeclared_methods(probe, path_for, check, method_for=_undeclared, prefix="/api/v2/")
