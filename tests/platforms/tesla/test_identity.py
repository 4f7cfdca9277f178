"""Identity rules of the real TeSLA CE server, each with the exact DRF body it answers:
the institution's mail domain, unique emails, usernames and uids, and what a new learner
starts with. Institution 1 of the seeded world has a mail domain; institution 2 has none.
"""

from __future__ import annotations

import pytest

from tests.platforms.tesla.conftest import Tesla, field_errors
from tests.platforms.tesla.domain_support import (
    I1,
    I2,
    NOT_IN_DOMAIN,
    NOW,
    UNIQUE,
    created,
    institution,
    new_learner,
    ok,
)


@pytest.mark.parametrize("resource", ["learner", "instructor"])
def test_institution_mail_domain_refuses_other_domains(admin: Tesla, resource: str):
    assert institution(admin, 1)["mail_domain"] == "pu1.ac.nz"
    field_errors(admin.post(f"{I1}/{resource}/", {"uid": "d1", "email": "d1@elsewhere.org"}),
                 {"email": [NOT_IN_DOMAIN]})
    body = created(admin.post(f"{I1}/{resource}/", {"uid": "d1", "email": "d1@pu1.ac.nz"}))
    assert body["email"] == "d1@pu1.ac.nz"


def test_institution_users_follow_the_mail_domain_too(admin: Tesla):
    user = {"username": "u1", "uid": "u1", "password": "p", "password2": "p"}
    field_errors(admin.post(f"{I1}/user/", {**user, "email": "u1@elsewhere.org"}),
                 {"email": [NOT_IN_DOMAIN]})
    body = created(admin.post(f"{I1}/user/", {**user, "email": "u1@pu1.ac.nz"}))
    assert body["email"] == "u1@pu1.ac.nz"


@pytest.mark.parametrize("resource", ["learner", "instructor"])
def test_an_institution_without_mail_domain_accepts_any_domain(tesla: Tesla, resource: str):
    assert institution(tesla, 2)["mail_domain"] is None
    tesla.login("inst_admin", institution_id=2)
    body = created(tesla.post(f"{I2}/{resource}/", {"uid": "any", "email": "any@gmail.com"}))
    assert body["email"] == "any@gmail.com"


def test_changing_the_mail_domain_applies_to_the_next_create(admin: Tesla):
    patched = ok(admin.patch(f"{I1}/", {"mail_domain": "pukehanga.nz"}))
    assert patched["mail_domain"] == "pukehanga.nz"
    field_errors(admin.post(f"{I1}/learner/", {"uid": "m1", "email": "m1@pu1.ac.nz"}),
                 {"email": [NOT_IN_DOMAIN]})
    assert created(admin.post(f"{I1}/learner/", {"uid": "m1", "email": "m1@pukehanga.nz"}))
    admin.login("inst_admin", institution_id=2)
    assert ok(admin.patch(f"{I2}/", {"mail_domain": "ru2.ac.nz"}))["mail_domain"] == "ru2.ac.nz"
    field_errors(admin.post(f"{I2}/instructor/", {"uid": "m2", "email": "m2@gmail.com"}),
                 {"email": [NOT_IN_DOMAIN]})


def test_emails_are_unique_across_every_institution(tesla: Tesla):
    taken_in_1 = next(u["email"] for u in tesla.state("users") if u["institution_id"] == 1)
    taken_in_2 = next(u["email"] for u in tesla.state("users") if u["institution_id"] == 2)
    tesla.login("inst_admin", institution_id=2)
    field_errors(tesla.post(f"{I2}/learner/", {"uid": "e1", "email": taken_in_1}),
                 {"email": [UNIQUE]})
    field_errors(tesla.post(f"{I2}/user/", {"username": "e1", "uid": "e1", "email": taken_in_1}),
                 {"email": [UNIQUE]})
    tesla.login("inst_admin")
    # The unique validator fails first, so the mail-domain check never runs.
    field_errors(tesla.post(f"{I1}/instructor/", {"uid": "e2", "email": taken_in_2}),
                 {"email": [UNIQUE]})


def test_usernames_are_unique_across_every_institution(tesla: Tesla):
    taken = next(u["username"] for u in tesla.state("users") if u["institution_id"] == 2)
    tesla.login("inst_admin")
    field_errors(tesla.post(f"{I1}/user/", {"username": taken, "uid": "n1"}),
                 {"username": [UNIQUE]})


def test_uid_is_unique_within_the_institution_only(admin: Tesla):
    uid_in_1 = next(u["uid"] for u in admin.state("users") if u["institution_id"] == 1)
    uid_in_2 = next(u["uid"] for u in admin.state("users") if u["institution_id"] == 2)
    message = {"non_field_errors": ["The fields institution_id, uid must make a unique set."]}
    field_errors(admin.post(f"{I1}/learner/", {"uid": uid_in_1, "email": "u9@pu1.ac.nz"}),
                 message)
    field_errors(admin.post(f"{I1}/instructor/", {"uid": uid_in_1, "email": "u9@pu1.ac.nz"}),
                 message)
    assert created(admin.post(f"{I1}/learner/", {"uid": uid_in_2, "email": "u9@pu1.ac.nz"}))


def test_a_refused_create_leaves_the_users_unchanged(admin: Tesla):
    before = admin.state("users")
    taken = before[-1]["email"]
    assert admin.post(f"{I1}/learner/", {"uid": "x1", "email": taken}).status_code == 400
    assert admin.post(f"{I1}/learner/", {"uid": "x1", "email": "x1@else.org"}).status_code == 400
    assert admin.post(f"{I1}/instructor/", {"uid": before[2]["uid"],
                                            "email": "x1@pu1.ac.nz"}).status_code == 400
    assert admin.state("users") == before
    learner = new_learner(admin, "x1")
    assert learner["id"] == max(u["id"] for u in before) + 1


def test_a_new_learner_starts_without_consent_or_send(admin: Tesla):
    body = created(admin.post(f"{I1}/learner/", {
        "uid": "fresh", "email": "fresh@pu1.ac.nz", "first_name": "Mere", "last_name": "Tau",
        "learner_id": "11111111-1111-1111-1111-111111111111", "institution": {"id": 2},
        "consent": {"version": "1.1.0", "status": "VALID"}, "ic_status": "VALID"}))
    assert body["consent"] is None
    assert body["consent_accepted"] is None and body["consent_rejected"] is None
    assert body["send"] == {"is_send": False,
                            "send": {"enabled_options": [], "disabled_instruments": []}}
    assert body["ic_status"] == "NOT_VALID_MISSING"
    assert body["username"] == body["email"] == "fresh@pu1.ac.nz"
    assert body["learner_id"] != "11111111-1111-1111-1111-111111111111"
    assert len(body["learner_id"]) == 36 and body["institution"]["id"] == 1
    assert (body["first_name"], body["last_name"]) == ("Mere", "Tau")
    assert body["joined_at"] == body["created_at"] == NOW
