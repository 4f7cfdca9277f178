"""Informed consent on the real TeSLA CE server, each rule with the exact DRF body it
answers: versions, the current one, a learner accepting and rejecting, documents per
language. Consent versions 1.0.0 and 1.1.0 are in force and 2.0.0 starts thirty days after
the frozen clock.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.tesla.conftest import Tesla, detail, field_errors
from tests.platforms.tesla.domain_support import (
    DAY,
    I1,
    I2,
    NOW,
    advance_clock,
    created,
    new_learner,
    ok,
)


@pytest.mark.parametrize("version", ["1.2", "1.2.3.4", "a.b.c", "1..2", "v1.0.0"])
def test_consent_versions_must_be_three_integers(admin: Tesla, version: str):
    field_errors(admin.post(f"{I1}/ic/", {"version": version, "valid_from": NOW}),
                 {"version": ["Invalid version. Expected X.Y.Z with X, Y and Z integer values"]})


def test_consent_versions_are_normalised_and_unique_per_institution(admin: Tesla):
    body = created(admin.post(f"{I1}/ic/", {"version": "01.2.03", "valid_from": NOW}))
    assert body["version"] == "1.2.3"
    field_errors(admin.post(f"{I1}/ic/", {"version": "1.2.3", "valid_from": NOW}),
                 {"non_field_errors": [
                     "The fields institution_id, version must make a unique set."]})
    assert created(admin.post(f"{I2}/ic/", {"version": "1.2.3", "valid_from": NOW}))


def test_current_consent_is_the_newest_version_already_in_force(admin: Tesla):
    assert ok(admin.get(f"{I1}/ic/current/"))["version"] == "1.1.0"
    created(admin.post(f"{I1}/ic/", {"version": "1.5.0", "valid_from": "2026-08-11T09:30:00Z"}))
    assert ok(admin.get(f"{I1}/ic/current/"))["version"] == "1.1.0"
    advance_clock(admin, DAY + 1)
    admin.login("inst_admin")
    assert ok(admin.get(f"{I1}/ic/current/"))["version"] == "1.5.0"
    advance_clock(admin, 30 * DAY)  # past 2.0.0's valid_from
    admin.login("inst_admin")
    assert ok(admin.get(f"{I1}/ic/current/"))["version"] == "2.0.0"


def test_without_a_consent_in_force_current_is_a_bare_404(tesla: Tesla):
    tesla.login("inst_admin", institution_id=2)
    for consent in tesla.state("informed_consents"):
        if consent["institution_id"] == 2:
            assert tesla.delete(f"{I2}/ic/{consent['id']}/").status_code == 204
    response = tesla.get(f"{I2}/ic/current/")
    assert response.status_code == 404 and response.json() == "Invalid version"


def learner_session(admin: Tesla, uid: str) -> tuple[dict[str, Any], str]:
    """A fresh learner of institution 1, logged in; and its ``ic/`` URL."""
    learner = new_learner(admin, uid)
    admin.login(user_id=learner["id"])
    return learner, f"{I1}/learner/{learner['id']}/ic/"


def test_accepting_a_consent_records_it(admin: Tesla):
    _, ic = learner_session(admin, "c1")
    body = ok(admin.post(ic, {"version": "1.1.0"}))
    assert body["consent"] == {"version": "1.1.0", "status": "VALID"}
    assert body["consent_accepted"] == NOW and body["consent_rejected"] is None
    assert body["ic_status"] == "VALID" and "enrolment_status" in body


def test_consent_can_only_move_forward(admin: Tesla):
    _, ic = learner_session(admin, "c2")
    assert ok(admin.post(ic, {"version": "2.0.0"}))["ic_status"] == "NOT_VALID_YET"
    for version in ("1.1.0", "2.0.0"):
        response = admin.post(ic, {"version": version})
        assert response.status_code == 400 and response.json() == "Cannot downgrade consent"


def test_accepting_an_unknown_version_is_a_bare_404(admin: Tesla):
    _, ic = learner_session(admin, "c3")
    response = admin.post(ic, {"version": "9.9.9"})
    assert response.status_code == 404 and response.json() == "Informed Consent not found"


def test_rejecting_a_consent(admin: Tesla):
    _, ic = learner_session(admin, "c4")
    response = admin.delete(ic)
    assert response.status_code == 404 and response.json() == "No Informed Consent to reject"
    ok(admin.post(ic, {"version": "1.1.0"}))
    advance_clock(admin, 60)
    body = ok(admin.delete(ic))
    assert body["consent_rejected"] == "2026-08-10T09:31:00Z"
    assert body["consent"] == {"version": "1.1.0", "status": "VALID"}
    assert body["ic_status"] == "NOT_VALID_REJECTED"
    again = admin.delete(ic)
    assert again.status_code == 404 and again.json() == "No Informed Consent to reject"
    # After a rejection any version may be accepted, even an older one.
    body = ok(admin.post(ic, {"version": "1.0.0"}))
    assert body["consent_rejected"] is None and body["consent"]["version"] == "1.0.0"


def test_ic_status_follows_the_current_version(admin: Tesla):
    versions = {"s-current": "1.1.0", "s-patch": "1.1.0", "s-old": "1.0.0", "s-future": "2.0.0"}
    learners = {}
    for uid, version in versions.items():
        learner, ic = learner_session(admin, uid)
        ok(admin.post(ic, {"version": version}))
        learners[uid] = learner["id"]
        admin.login("inst_admin")
    learners["s-none"] = new_learner(admin, "s-none")["id"]

    def statuses() -> dict[str, str]:
        return {uid: ok(admin.get(f"{I1}/learner/{i}/"))["ic_status"]
                for uid, i in learners.items()}

    assert statuses() == {"s-current": "VALID", "s-patch": "VALID", "s-old": "NOT_VALID",
                          "s-future": "NOT_VALID_YET", "s-none": "NOT_VALID_MISSING"}
    created(admin.post(f"{I1}/ic/", {"version": "1.1.1", "valid_from": "2026-08-01T00:00:00Z"}))
    assert statuses() == {"s-current": "VALID_NEED_UPDATE", "s-patch": "VALID_NEED_UPDATE",
                          "s-old": "NOT_VALID", "s-future": "NOT_VALID_YET",
                          "s-none": "NOT_VALID_MISSING"}
    advance_clock(admin, 31 * DAY)
    admin.login("inst_admin")
    assert statuses() == {"s-current": "NOT_VALID", "s-patch": "NOT_VALID", "s-old": "NOT_VALID",
                          "s-future": "VALID", "s-none": "NOT_VALID_MISSING"}
    ok(admin.patch(f"{I1}/", {"external_ic": True}))
    assert set(statuses().values()) == {"VALID_EXTERNAL"}


def test_consent_documents_per_language(admin: Tesla):
    consent = next(c["id"] for c in admin.state("informed_consents")
                   if c["institution_id"] == 1)
    documents = f"{I1}/ic/{consent}/document/"
    languages = [d["language"] for d in ok(admin.get(documents))["results"]]
    assert "mi" not in languages
    body = created(admin.post(documents, {"language": "mi", "html": "<p>Whakaaetanga</p>"}))
    assert body["consent"]["id"] == consent and body["pdf"] is None
    assert ok(admin.get(f"{documents}mi/")) == body
    field_errors(admin.post(documents, {"language": "mi", "html": "<p>again</p>"}),
                 {"non_field_errors": ["The fields consent_id, language must make a unique set."]})
    response = admin.delete(f"{documents}mi/")
    assert response.status_code == 204 and response.content == b""
    detail(admin.get(f"{documents}mi/"), 404, "Not found.")
    assert [d["language"] for d in ok(admin.get(documents))["results"]] == languages
