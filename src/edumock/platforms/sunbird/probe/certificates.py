"""The Sunbird certificate scenario: a batch with a certificate template taken to completion,
where the certificate is issued and counted and the template removed; and the refusals of
template add and remove, in the service's order (request, batch, template asset).

A template must name a certificate-template asset of the server's content service: ``--param
templateId`` (one with an issuer and signatories) and ``unsignedTemplateId`` (one without)
name them; against edumock they are read from its admin API, as ``seeded_group`` reads a
group. Without a template the run still completes the course and expects no certificate.
"""

from __future__ import annotations

from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sunbird.probe.common import (
    COURSE,
    client_error,
    enrolled,
    leaves_of,
    new_batch,
    ok,
    post,
    refused,
    seeded,
    unknown_id,
)

STATE = f"{COURSE}/content/state"
TEMPLATES = "/api/course/batch/cert/v1/template"
CRITERIA = {"enrollment": {"status": 2}}


def _assets(probe: ProbeClient) -> tuple[str | None, str | None]:
    """A template id with an issuer and signatories, and one without (None when unknown)."""
    signed, unsigned = probe.params.get("templateId"), probe.params.get("unsignedTemplateId")
    if signed is None or unsigned is None:
        assets = seeded(probe, "certificate_assets")
        signed = signed or next((str(a["identifier"]) for a in assets if "issuer" in a), None)
        unsigned = unsigned or next((str(a["identifier"]) for a in assets
                                     if "issuer" not in a), None)
    return signed, unsigned


def _request(batch: dict[str, Any], identifier: str, **fields: Any) -> dict[str, Any]:
    return {"batch": {"courseId": batch["courseId"], "batchId": batch["batchId"],
                      "template": {"identifier": identifier, "criteria": CRITERIA,
                                   **fields}}}


def _patch(probe: ProbeClient, step: str, operation: str, request: dict[str, Any]) -> Any:
    return post(probe, step, f"{TEMPLATES}/{operation}", request, method="PATCH")


def template_refusals(probe: ProbeClient, batch: dict[str, Any], unsigned: str | None) -> None:
    """The validator's refusal, then the batch's, then the template asset's: no error code
    for the last three (upstream raises them with ``ResponseCode.CLIENT_ERROR``)."""
    missing = probe.unique("do_probe")
    refused(probe, _patch(probe, "add a template without a batch", "add",
                          {"batch": {"courseId": batch["courseId"]}}),
            "add a template without a batch", "MANDATORY_PARAMETER_MISSING")
    client_error(probe, _patch(probe, "add a template to an unknown batch", "add",
                               _request({**batch, "batchId": unknown_id(probe)}, missing)),
                 "add a template to an unknown batch", "No such batchId exists")
    client_error(probe, _patch(probe, "add a template no asset has", "add",
                               _request(batch, missing)),
                 "add a template no asset has", f"Given cert template not found: {missing}")
    client_error(probe, _patch(probe, "remove a template no asset has", "remove",
                               _request(batch, missing)),
                 "remove a template no asset has", f"Given cert template not found: {missing}")
    if unsigned is not None:
        client_error(probe, _patch(probe, "add an unsigned template", "add",
                                   _request(batch, unsigned)), "add an unsigned template",
                     f"Issuer or signatoryList is empty. Invalid template Id: {unsigned}")


def completion_and_certificate(probe: ProbeClient) -> None:
    """A batch with a certificate template: enrol (by the ``enroll`` spelling), complete every
    leaf, and see the enrolment complete, the certificate issued and counted; a completed
    enrolment cannot be withdrawn; the template is removed."""
    batch = new_batch(probe)
    signed, unsigned = _assets(probe)
    template_refusals(probe, batch, unsigned)
    url = f"{COURSE}/batch/read/{batch['batchId']}"
    if signed is not None:
        ok(probe, _patch(probe, "add a template", "add", _request(batch, signed)),
           "add a template")
        templates = ok(probe, probe.call("read the template", "GET", url),
                       "read the template")["response"].get("cert_templates") or {}
        stored = templates.get(signed) or {}
        probe.expect(bool(stored.get("url")) and bool(stored.get("issuer")),
                     "read the template", f"cert_templates has {signed} as {stored or None}, "
                     "not with the asset's url and issuer")
    user = probe.params["userId"]
    ids = {"courseId": batch["courseId"], "batchId": batch["batchId"], "userId": user}
    ok(probe, post(probe, "enroll", f"{COURSE}/enroll", ids), "enroll")
    leaves = leaves_of(probe, enrolled(probe, "enrolment list")[batch["batchId"]],
                       "enrolment list")
    done = ok(probe, post(probe, "complete every leaf", f"{STATE}/update", {
        "userId": user, "contents": [{**ids, "contentId": leaf, "status": 2}
                                     for leaf in leaves]}, method="PATCH"),
        "complete every leaf")
    probe.expect(all(done.get(leaf) == "SUCCESS" for leaf in leaves), "complete every leaf",
                 f"the answers are {done}")
    enrolment = enrolled(probe, "the completed enrolment")[batch["batchId"]]
    probe.expect(enrolment.get("status") == 2 and enrolment.get("completionPercentage") == 100,
                 "the completed enrolment", f"status {enrolment.get('status')!r}, "
                 f"{enrolment.get('completionPercentage')!r}% after every leaf was completed")
    issued = [c.get("templateId") for c in enrolment.get("issuedCertificates") or []]
    wanted = [signed] if signed is not None else []
    probe.expect(issued == wanted, "the completed enrolment",
                 f"issued certificates of templates {issued}, not {wanted}")
    summary = ok(probe, post(probe, "collection summary", "/report/v1/collection/summary", {
        "filters": {"collectionId": batch["courseId"], "batchId": batch["batchId"]},
        "group_by": ["state", "dist"]}), "collection summary")
    counts = {k: summary.get(k) for k in ("enrolmentCount", "completionCount",
                                          "certificatesIssuedCount")}
    expected = {"enrolmentCount": 1, "completionCount": 1, "certificatesIssuedCount": len(wanted)}
    probe.expect(counts == expected, "collection summary",
                 f"the batch counts {counts}, not {expected}")
    refused(probe, post(probe, "unenroll a completed enrolment", f"{COURSE}/unenroll", ids),
            "unenroll a completed enrolment", "COURSE_BATCH_ALREADY_COMPLETED")
    if signed is not None:
        ok(probe, _patch(probe, "remove the template", "remove", _request(batch, signed)),
           "remove the template")
        templates = ok(probe, probe.call("read after removal", "GET", url),
                       "read after removal")["response"].get("cert_templates") or {}
        probe.expect(signed not in templates, "read after removal",
                     f"the removed template {signed} is still listed")
    refused(probe, _patch(probe, "remove without a template", "remove",
                          {"batch": {"courseId": batch["courseId"],
                                     "batchId": batch["batchId"]}}),
            "remove without a template", "MANDATORY_PARAMETER_MISSING")


SCENARIOS = [
    ("completion and certificate", completion_and_certificate),
]
