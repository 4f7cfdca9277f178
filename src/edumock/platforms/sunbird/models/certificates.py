"""Certificate templates on a batch, checked against the certificate-template assets.

lms-service's ``CourseBatchCertificateActor`` validates the request, then the batch, then
looks the template up in the content service's asset store (``CourseBatchUtil``) before it
stores or removes it; the stored template takes its name, URL and (when the request carries
none) its issuer and signatories from the asset. The assets are a collection of the world.
"""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird.collections import BATCHES, CERTIFICATE_ASSETS
from edumock.platforms.sunbird.errors import SunbirdError
from edumock.platforms.sunbird.models.fields import obj
from edumock.world.store import InMemoryStore, Record


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _missing(name: str) -> SunbirdError:
    return SunbirdError(e.MANDATORY_PARAMETER_MISSING, name)


def stored_template(asset: Record, template: dict[str, Any]) -> dict[str, Any]:
    """The template as a batch keeps it: the request's fields, the asset's title (else its
    name) and artifact URL, and the request's issuer and signatories, else the asset's.

    Upstream writes the asset's signatory list under ``issuer`` when the request carries
    no ``signatoryList`` (the else-branch repeats the issuer's key); that would leave a
    list where an object belongs and no signatories at all, so each field here takes its
    own counterpart."""
    title = obj(asset.get("data")).get("title")
    stored = {**template, "name": title if title is not None else asset.get("name", ""),
              "url": asset.get("artifactUrl", "")}
    for field in ("issuer", "signatoryList"):
        if template.get(field) is None and field in asset:
            stored[field] = asset[field]
    return stored


def asset_of(store: InMemoryStore, identifier: str) -> Record:
    """The certificate-template asset, or upstream's refusal when there is none."""
    asset = store.get(CERTIFICATE_ASSETS, identifier)
    if asset is None:
        raise SunbirdError(e.TEMPLATE_NOT_FOUND, identifier)
    return asset


def add_template(store: InMemoryStore, request: dict[str, Any]) -> dict[str, Any]:
    """Attach a certificate template to a batch of that course."""
    batch_request = obj(request.get("batch"))
    for name in ("courseId", "batchId", "template"):
        if _blank(batch_request.get(name)):
            raise _missing(name)
    template = batch_request["template"]
    _check_template(template)
    with store.transaction():
        batch = _linked_batch(store, batch_request)
        identifier = str(template["identifier"])
        asset = asset_of(store, identifier)
        signed = "issuer" in asset and "signatoryList" in asset
        if not signed and not ("issuer" in template and "signatoryList" in template):
            raise SunbirdError(e.TEMPLATE_UNSIGNED, identifier)
        templates = {**batch.get("cert_templates", {}),
                     identifier: stored_template(asset, template)}
        store.put(BATCHES, batch["batchId"], {**batch, "cert_templates": templates})
        return {"response": "SUCCESS"}


def remove_template(store: InMemoryStore, request: dict[str, Any]) -> dict[str, Any]:
    """Detach a certificate template from a batch (one the asset store knows)."""
    batch_request = obj(request.get("batch"))
    for name in ("courseId", "batchId"):
        if _blank(batch_request.get(name)):
            raise _missing(name)
    template = batch_request.get("template")
    if not isinstance(template, dict):
        raise _missing("template")
    if _blank(template.get("identifier")):
        raise _missing("identifier")
    with store.transaction():
        batch = _linked_batch(store, batch_request)
        identifier = str(template["identifier"])
        asset_of(store, identifier)
        templates = {k: v for k, v in batch.get("cert_templates", {}).items()
                     if k != identifier}
        store.put(BATCHES, batch["batchId"], {**batch, "cert_templates": templates})
        return {"response": "SUCCESS"}


def _check_template(template: Any) -> None:
    """``CertificateRequestValidator``'s template checks, in order."""
    if not isinstance(template, dict):
        raise SunbirdError(e.DATA_TYPE_ERROR, "template", "Map")
    if _blank(template.get("identifier")):
        raise _missing("identifier")
    criteria = template.get("criteria")
    if criteria is None:
        raise _missing("criteria")
    if not isinstance(criteria, dict):
        raise SunbirdError(e.DATA_TYPE_ERROR, "criteria", "Map")
    if "enrollment" not in criteria and "assessment" not in criteria:
        raise _missing("Enrollment or Status")
    enrollment = criteria.get("enrollment")
    if enrollment is not None:
        if not isinstance(enrollment, dict):
            raise SunbirdError(e.DATA_TYPE_ERROR, "enrollment", "Map")
        if "status" not in enrollment:
            raise _missing("status")
    if "issuer" in template and not isinstance(template["issuer"], dict):
        raise SunbirdError(e.DATA_TYPE_ERROR, "issuer", "Map")
    if "signatoryList" in template and not isinstance(template["signatoryList"], list):
        raise SunbirdError(e.DATA_TYPE_ERROR, "signatoryList", "List")


def _linked_batch(store: InMemoryStore, batch_request: dict[str, Any]) -> Record:
    """``CourseBatchUtil.validateCourseBatch``: the batch exists and is of that course."""
    batch = store.get(BATCHES, str(batch_request["batchId"]))
    if batch is None:
        raise SunbirdError(e.NO_SUCH_BATCH)
    if batch["courseId"] != batch_request["courseId"]:
        raise SunbirdError(e.BATCH_NOT_LINKED)
    return batch
