"""Answers as the real TeSLA CE 1.0.10 server gives them (each observed with ``edumock drift``
against it): headers, fields and texts a client of the real server relies on."""

from __future__ import annotations

from tests.platforms.tesla.conftest import Tesla

INSTITUTION = "/api/v2/institution/1/"
LEARNERS = "/api/v2/institution/1/learner/"


def _allow(response) -> str | None:  # type: ignore[no-untyped-def]
    return response.headers.get("allow")


def test_every_view_answer_has_drfs_allow(admin: Tesla):
    """The declared methods in DRF's order (the real server adds HEAD and OPTIONS, which the
    sandbox does not serve)."""
    assert _allow(admin.get(INSTITUTION)) == "GET, PUT, PATCH"
    assert _allow(admin.get(LEARNERS)) == "GET, POST"
    learner = admin.learners()[0]["id"]
    assert _allow(admin.get(f"{LEARNERS}{learner}/")) == "GET, PUT, PATCH, DELETE"
    assert _allow(admin.post(f"{LEARNERS}{learner}/ic/", {})) == "POST, DELETE"


def test_refusals_of_a_view_have_allow_too(admin: Tesla):
    missing = admin.get(f"{LEARNERS}999999/")
    assert missing.status_code == 404
    assert _allow(missing) == "GET, PUT, PATCH, DELETE"
    invalid = admin.post(LEARNERS, {"first_name": "Aroha"})
    assert invalid.status_code == 400
    assert _allow(invalid) == "GET, POST"
    refused = admin.delete(INSTITUTION)
    assert refused.status_code == 405
    assert _allow(refused) == "GET, PUT, PATCH"
    admin.anonymous()
    anonymous = admin.get(INSTITUTION)
    assert anonymous.status_code == 403
    assert _allow(anonymous) == "GET, PUT, PATCH"


def test_a_path_no_view_takes_has_no_allow(admin: Tesla):
    unknown = admin.get("/api/v2/institution/1/nothing-here/")
    assert unknown.status_code == 404
    assert _allow(unknown) is None
    assert _allow(admin.client.get("/__admin/health")) is None
