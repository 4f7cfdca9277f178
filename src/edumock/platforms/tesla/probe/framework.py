"""HEAD and OPTIONS, which Django REST framework answers on every view though the spec
declares neither: the view's permissions first, then HEAD as the GET without its body and
OPTIONS as a description of the view (with the fields a write takes, for a caller who may
make it). Every declared path is sent both, with discovered ids; ``edumock drift`` compares
the answers with the real server's."""

from __future__ import annotations

from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.probe_sweeps import by_path
from edumock.platforms.tesla.probe.common import PERMISSION_DENIED, UNKNOWN, other_institution
from edumock.platforms.tesla.probe.refusals import concrete

DESCRIBED = {"name", "description", "renders", "parses"}
LEARNERS = "/api/v2/institution/{parent_lookup_institution_id}/learner/"


def framework_methods(probe: ProbeClient) -> None:
    """HEAD wherever GET is declared (no body), OPTIONS everywhere (a description when the
    view lets the caller in); under another institution both 403, an unknown id's HEAD 404."""
    for template, operations in by_path(probe).items():
        path = concrete(probe, template)
        if path is None:
            continue
        name = template.removeprefix("/api/v2/")
        if any(operation.method == "GET" for operation in operations):
            step = f"HEAD {name}"
            answer = probe.call(step, "HEAD", path)
            probe.expect(answer.content == b"", step, "a HEAD answer has no body")
        step = f"OPTIONS {name}"
        answer = probe.call(step, "OPTIONS", path)
        if answer.status_code == 200:
            probe.expect(set(answer.json()) >= DESCRIBED, step, answer.text[:120])
    other = concrete(probe, LEARNERS, institution=other_institution(probe))
    if other is not None:
        for method in ("HEAD", "OPTIONS"):
            step = f"{method} learners of another institution"
            answer = probe.call(step, method, other)
            if probe.expect_status(answer, 403, step) and method == "OPTIONS":
                probe.expect(answer.json() == PERMISSION_DENIED, step, answer.text[:120])
    unknown = concrete(probe, LEARNERS)
    if unknown is not None:
        step = "HEAD a learner of an unknown id"
        probe.expect_status(probe.call(step, "HEAD", f"{unknown}{UNKNOWN}/"), 404, step)
