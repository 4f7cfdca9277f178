"""Certificate templates on a batch: looked up among the seeded certificate-template assets,
stored with the asset's title, URL, issuer and signatories, refused in upstream's order and
with upstream's codeless envelope."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.sunbird.conftest import Sunbird, client_error, ok, refused

TEMPLATE = "/api/course/batch/cert/v1/template"
CRITERIA = {"enrollment": {"status": 2}}
ISSUER = {"name": "Gujarat Council of Educational Research and Training",
          "url": "https://gcert.gujarat.gov.in/gcert/", "publicKey": ["7"]}
SIGNATORIES = [{"name": "CEO Gujarat", "id": "CEO", "designation": "CEO",
                "image": "https://example.org/sign.png"}]


def read_batch(sunbird: Sunbird, batch_id: str) -> dict[str, Any]:
    return dict(ok(sunbird.get(f"/api/course/v1/batch/read/{batch_id}"))["response"])


def ids(batch: dict[str, Any]) -> dict[str, Any]:
    return {"courseId": batch["courseId"], "batchId": batch["batchId"]}


def add(sunbird: Sunbird, batch: dict[str, Any], identifier: str, **fields: Any) -> Any:
    return sunbird.patch(f"{TEMPLATE}/add", {"batch": {**ids(batch), "template": {
        "identifier": identifier, "criteria": CRITERIA, **fields}}})


def remove(sunbird: Sunbird, batch: dict[str, Any], identifier: str) -> Any:
    return sunbird.patch(f"{TEMPLATE}/remove", {"batch": {
        **ids(batch), "template": {"identifier": identifier}}})


def templates_of(sunbird: Sunbird, batch: dict[str, Any]) -> dict[str, Any]:
    return dict(read_batch(sunbird, batch["batchId"])["cert_templates"])


# the seeded assets

def test_seeded_assets_are_signed_templates_but_a_few(sunbird: Sunbird) -> None:
    assets = sunbird.state("certificate_assets")
    assert len(assets) >= 4
    for asset in assets:
        assert asset["identifier"].startswith("do_") and asset["certType"] == "cert template"
        assert asset["name"] and asset["artifactUrl"].endswith(".svg")
    signed = [a for a in assets if "issuer" in a]
    unsigned = [a for a in assets if "issuer" not in a]
    assert signed and unsigned and all("signatoryList" not in a for a in unsigned)
    for asset in signed:
        assert set(asset["issuer"]) == {"name", "url", "publicKey"}
        assert asset["signatoryList"] and all(
            set(s) == {"name", "id", "designation", "image"} for s in asset["signatoryList"])
    assert any("data" in a for a in assets) and any("data" not in a for a in assets)


def test_seeded_assets_follow_the_seed(client) -> None:
    def assets(seed: int) -> Any:
        assert client.post("/__admin/reset", json={"seed": seed}).status_code == 200
        return client.get("/__admin/state/sunbird/certificate_assets").json()["records"]

    first = assets(42)
    assert assets(42) == first and assets(7) != first


def test_seeded_batches_with_templates_name_seeded_assets(sunbird: Sunbird) -> None:
    assets = {a["identifier"]: a for a in sunbird.state("certificate_assets")}
    carrying = [b for b in sunbird.state("batches") if b["cert_templates"]]
    assert carrying
    for batch in carrying:
        for identifier, template in batch["cert_templates"].items():
            asset = assets[identifier]
            assert template["url"] == asset["artifactUrl"]
            assert template["issuer"] == asset["issuer"]
            assert template["signatoryList"] == asset["signatoryList"]


# what is stored

def test_add_stores_the_assets_title_url_and_the_requests_issuer(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset(titled=True)
    assert ok(add(sunbird, batch, asset["identifier"], name="Ignored",
                  issuer=ISSUER, signatoryList=SIGNATORIES)) == {"response": "SUCCESS"}
    stored = templates_of(sunbird, batch)[asset["identifier"]]
    assert stored == {"identifier": asset["identifier"], "criteria": CRITERIA,
                      "name": asset["data"]["title"], "url": asset["artifactUrl"],
                      "issuer": ISSUER, "signatoryList": SIGNATORIES}


def test_add_without_issuer_or_signatories_takes_the_assets(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset()
    ok(add(sunbird, batch, asset["identifier"]))
    stored = templates_of(sunbird, batch)[asset["identifier"]]
    assert stored["issuer"] == asset["issuer"]
    assert stored["signatoryList"] == asset["signatoryList"]


def test_add_with_an_issuer_only_keeps_it_and_takes_the_assets_signatories(
        sunbird: Sunbird) -> None:
    """Upstream would write the asset's signatories under ``issuer`` here; edumock keeps each
    field in its place (docs/sunbird.md)."""
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset()
    ok(add(sunbird, batch, asset["identifier"], issuer=ISSUER))
    stored = templates_of(sunbird, batch)[asset["identifier"]]
    assert stored["issuer"] == ISSUER
    assert stored["signatoryList"] == asset["signatoryList"]


def test_an_asset_without_a_title_names_the_template_by_its_name(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset(titled=False)
    ok(add(sunbird, batch, asset["identifier"]))
    assert templates_of(sunbird, batch)[asset["identifier"]]["name"] == asset["name"]


def test_the_issued_certificate_carries_the_assets_title_and_url(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset(titled=True)
    ok(add(sunbird, batch, asset["identifier"]))
    course = next(c for c in sunbird.state("courses") if c["identifier"] == batch["courseId"])
    mine = sunbird.complete_course(course, batch["batchId"])
    [certificate] = mine["issuedCertificates"]
    assert certificate["templateId"] == asset["identifier"]
    assert certificate["name"] == asset["data"]["title"]
    assert certificate["templateUrl"] == asset["artifactUrl"]


def test_remove_detaches_only_that_template(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    first, second = [a["identifier"] for a in sunbird.state("certificate_assets")
                     if "issuer" in a][:2]
    ok(add(sunbird, batch, first))
    ok(add(sunbird, batch, second))
    assert ok(remove(sunbird, batch, first)) == {"response": "SUCCESS"}
    assert set(templates_of(sunbird, batch)) == {second}


# refusals

def test_add_of_a_template_no_asset_has_is_refused(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    client_error(add(sunbird, batch, "do_Aaaa", issuer=ISSUER, signatoryList=SIGNATORIES),
                 "Given cert template not found: do_Aaaa")
    assert templates_of(sunbird, batch) == {}


def test_remove_of_a_template_no_asset_has_is_refused(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset()
    ok(add(sunbird, batch, asset["identifier"]))
    client_error(remove(sunbird, batch, "aaaa@#$"), "Given cert template not found: aaaa@#$")
    assert set(templates_of(sunbird, batch)) == {asset["identifier"]}


@pytest.mark.parametrize("carried", [{}, {"issuer": ISSUER}, {"signatoryList": SIGNATORIES}])
def test_an_unsigned_asset_needs_issuer_and_signatories_in_the_request(
        sunbird: Sunbird, carried: dict[str, Any]) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset(signed=False)
    client_error(add(sunbird, batch, asset["identifier"], **carried),
                 f"Issuer or signatoryList is empty. Invalid template Id: {asset['identifier']}")
    assert templates_of(sunbird, batch) == {}


def test_an_unsigned_asset_with_both_in_the_request_is_stored(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset(signed=False)
    ok(add(sunbird, batch, asset["identifier"], issuer=ISSUER, signatoryList=SIGNATORIES))
    stored = templates_of(sunbird, batch)[asset["identifier"]]
    assert (stored["issuer"], stored["signatoryList"]) == (ISSUER, SIGNATORIES)


def test_remove_of_an_unsigned_asset_is_not_refused(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    asset = sunbird.certificate_asset(signed=False)
    assert ok(remove(sunbird, batch, asset["identifier"])) == {"response": "SUCCESS"}


@pytest.mark.parametrize("operation", ["add", "remove"])
def test_the_batch_is_checked_before_the_template(sunbird: Sunbird, operation: str) -> None:
    batch = sunbird.batch_in_state(1)
    other = next(c for c in sunbird.state("courses") if c["identifier"] != batch["courseId"])
    call = add if operation == "add" else remove
    client_error(call(sunbird, {**batch, "batchId": "0100000000000000000"}, "do_Aaaa"),
                 "No such batchId exists")
    client_error(call(sunbird, {**batch, "courseId": other["identifier"]}, "do_Aaaa"),
                 "batchId is not linked with courseId")
    assert templates_of(sunbird, batch) == {}


def test_the_request_is_checked_before_the_batch(sunbird: Sunbird) -> None:
    refused(sunbird.patch(f"{TEMPLATE}/add", {"batch": {
        "courseId": "do_1", "batchId": "0100000000000000000",
        "template": {"identifier": "do_Aaaa"}}}),
        400, "MANDATORY_PARAMETER_MISSING", "Mandatory parameter criteria is missing.")


@pytest.mark.parametrize("missing", ["courseId", "batchId", "template"])
def test_add_needs_course_batch_and_template(sunbird: Sunbird, missing: str) -> None:
    batch = sunbird.batch_in_state(1)
    request = {**ids(batch), "template": {
        "identifier": sunbird.certificate_asset()["identifier"], "criteria": CRITERIA}}
    del request[missing]
    refused(sunbird.patch(f"{TEMPLATE}/add", {"batch": request}), 400,
            "MANDATORY_PARAMETER_MISSING", f"Mandatory parameter {missing} is missing.")
    assert templates_of(sunbird, batch) == {}


@pytest.mark.parametrize("missing", ["courseId", "batchId"])
def test_remove_needs_course_and_batch(sunbird: Sunbird, missing: str) -> None:
    batch = sunbird.batch_in_state(1)
    identifier = sunbird.certificate_asset()["identifier"]
    ok(add(sunbird, batch, identifier))
    request = {**ids(batch), "template": {"identifier": identifier}}
    del request[missing]
    refused(sunbird.patch(f"{TEMPLATE}/remove", {"batch": request}), 400,
            "MANDATORY_PARAMETER_MISSING", f"Mandatory parameter {missing} is missing.")
    assert set(templates_of(sunbird, batch)) == {identifier}


def test_remove_needs_the_template_identifier(sunbird: Sunbird) -> None:
    batch = sunbird.batch_in_state(1)
    refused(sunbird.patch(f"{TEMPLATE}/remove", {"batch": {**ids(batch), "template": {}}}),
            400, "MANDATORY_PARAMETER_MISSING", "Mandatory parameter identifier is missing.")


def test_an_asset_arranged_through_the_admin_api_is_checked_like_a_seeded_one(
        sunbird: Sunbird) -> None:
    arranged = sunbird.client.post("/__admin/state/sunbird/certificate_assets", json={
        "name": "Arranged template", "artifactUrl": "https://example.org/arranged.svg"})
    assert arranged.status_code == 201, arranged.text
    identifier = arranged.json()["records"][0]["identifier"]
    assert identifier.startswith("do_")
    batch = sunbird.batch_in_state(1)
    client_error(add(sunbird, batch, identifier),
                 f"Issuer or signatoryList is empty. Invalid template Id: {identifier}")
    ok(add(sunbird, batch, identifier, issuer=ISSUER, signatoryList=SIGNATORIES))
    assert templates_of(sunbird, batch)[identifier]["url"] == "https://example.org/arranged.svg"
