"""Filter values the real filtersets refuse: for each list whose django-filter fields check
their values, one value the field refuses, answered 400 with the field's message under the
parameter's name. The paths are filled with the ids discovery found; GETs only, so a
``--read-only`` run plays it whole."""

from __future__ import annotations

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.tesla.probe.refusals import concrete

MODEL_CHOICE = "Select a valid choice. That choice is not one of the available choices."
REFUSED = (
    ("learner.list", "id", "abc", "Enter a number."),
    ("send.list", "institution", "abc", MODEL_CHOICE),
    ("group.list", "parent", "abc",
     "Select a valid choice. abc is not one of the available choices."),
    ("group_course.list", "vle_id", "abc", MODEL_CHOICE),
    ("report.list", "identity_level__gte", "abc", "Enter a number."),
    ("report_request.list", "instruments", "abc", "“abc” is not a valid value."),
)
"""(list operation, parameter, refused value, the message the server answers with)."""


def filters_refused(probe: ProbeClient) -> None:
    """A number filter given text, a record or choice filter given what names no record or
    choice, and a many-records filter given what is not an id: each a 400 naming the
    parameter."""
    templates = {operation.operation_id: operation.template
                 for operation in probe.contract.operations if operation.method == "GET"}
    for operation_id, param, value, message in REFUSED:
        step = f"filter {operation_id.removesuffix('.list')} by {param}={value}"
        template = templates.get(operation_id)
        path = concrete(probe, template) if template is not None else None
        if path is None:
            probe.expect(False, step, "discovery found no record to fill this path with")
            continue
        # Filter values are strings in the spec: the request is valid, only refused.
        response = probe.call(step, "GET", path, params={param: value}, invalid=False)
        if probe.expect_status(response, 400, step):
            probe.expect(response.json() == {param: [message]}, step,
                         f"400 body {response.text[:160]}")
