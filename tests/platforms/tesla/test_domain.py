"""Domain rules of the real TeSLA CE server, each with the exact DRF body it answers.

Institution 1 of the seeded world has a mail domain and lets learners read their
reports; institution 2 has neither. Consent versions 1.0.0 and 1.1.0 are in force
and 2.0.0 starts thirty days after the frozen clock.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.tesla.conftest import Tesla, detail, field_errors

I1 = "/api/v2/institution/1"
I2 = "/api/v2/institution/2"
NOW = "2026-08-10T09:30:00Z"
NOT_IN_DOMAIN = "Provided email does not belong to institution domain"
UNIQUE = "This field must be unique."
DAY = 24 * 3600


def advance_clock(tesla: Tesla, seconds: float) -> None:
    """Move the sandbox clock; a token older than an hour has expired, so re-login after."""
    response = tesla.client.post("/__admin/clock", json={"advance": seconds})
    assert response.status_code == 200, response.text


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    return dict(response.json())


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def institution(tesla: Tesla, institution_id: int) -> dict[str, Any]:
    return next(i for i in tesla.state("institutions") if i["id"] == institution_id)


def new_learner(admin: Tesla, uid: str, institution_id: int = 1) -> dict[str, Any]:
    domain = institution(admin, institution_id)["mail_domain"] or "example.org"
    return created(admin.post(f"/api/v2/institution/{institution_id}/learner/",
                              {"uid": uid, "email": f"{uid}@{domain}"}))


# -- mail domain and identity ------------------------------------------------------

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


# -- informed consent ----------------------------------------------------------------

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


# -- SEND --------------------------------------------------------------------------

@pytest.mark.parametrize(("data", "errors"), [
    ({"enabled_options": ["x"], "disabled_instruments": []},
     {"enabled_options": ['"x" is not a valid choice.']}),
    ({"enabled_options": ["big_fonts"], "disabled_instruments": [999]},
     {"disabled_instruments": ['"999" is not a valid choice.']}),
])
def test_send_category_data_is_validated(admin: Tesla, data: dict[str, Any],
                                         errors: dict[str, Any]):
    field_errors(admin.post(f"{I1}/send/", {"description": "Bad", "data": data}),
                 {"data": errors})


def send_of(admin: Tesla, learner_id: int) -> dict[str, Any]:
    body = ok(admin.get(f"{I1}/learner/{learner_id}/"))["send"]
    body["send"] = {key: sorted(value) for key, value in body["send"].items()}
    return dict(body)


def unassigned_learner(admin: Tesla) -> int:
    assigned = {a["user_id"] for a in admin.state("send_learners")}
    return next(u["id"] for u in admin.learners(1) if u["id"] not in assigned)


def test_send_assignments_shape_the_learners_send(admin: Tesla):
    learner = unassigned_learner(admin)
    visual, reading = (c for c in admin.state("send_categories") if c["institution_id"] == 1)
    assert send_of(admin, learner)["is_send"] is False
    url = f"{I1}/learner/{learner}/send/"
    first = created(admin.post(url, {"category": visual["id"]}))
    assert first["info"]["id"] == visual["id"] and first["expires_at"] is None
    assert send_of(admin, learner) == {"is_send": True, "send": {
        "enabled_options": sorted(visual["data"]["enabled_options"]),
        "disabled_instruments": sorted(visual["data"]["disabled_instruments"])}}
    second = created(admin.post(url, {"category": reading["id"]}))
    union = {key: sorted(set(visual["data"][key]) | set(reading["data"][key]))
             for key in ("enabled_options", "disabled_instruments")}
    assert union["disabled_instruments"] and len(union["enabled_options"]) == 3
    assert send_of(admin, learner) == {"is_send": True, "send": union}
    field_errors(admin.post(url, {"category": visual["id"]}),
                 {"non_field_errors": ["The fields learner_id, category must make a unique set."]})
    assert admin.delete(f"{url}{first['id']}/").status_code == 204
    assert send_of(admin, learner)["send"]["enabled_options"] == reading["data"]["enabled_options"]
    assert admin.delete(f"{url}{second['id']}/").status_code == 204
    assert send_of(admin, learner) == {"is_send": False, "send": {
        "enabled_options": [], "disabled_instruments": []}}


def test_expired_send_assignments_do_not_count(admin: Tesla):
    learner = unassigned_learner(admin)
    category = next(c for c in admin.state("send_categories") if c["institution_id"] == 1)
    url = f"{I1}/learner/{learner}/send/"
    created(admin.post(url, {"category": category["id"], "expires_at": "2026-08-01T00:00:00Z"}))
    assert send_of(admin, learner)["is_send"] is False
    other = next(u["id"] for u in admin.learners(1) if u["id"] != learner and u["id"] not in
                 {a["user_id"] for a in admin.state("send_learners")})
    created(admin.post(f"{I1}/learner/{other}/send/",
                       {"category": category["id"], "expires_at": "2026-08-12T00:00:00Z"}))
    assert send_of(admin, other)["is_send"] is True
    advance_clock(admin, 2 * DAY)
    admin.login("inst_admin")
    assert send_of(admin, other)["is_send"] is False


# -- UI options ----------------------------------------------------------------------

def test_ui_option_routes_must_be_global_routes(admin: Tesla):
    field_errors(admin.post(f"{I1}/ui/", {"route": "/nowhere"}), {"route": ["Invalid Route"]})


def test_ui_option_routes_are_unique_per_institution_and_user(admin: Tesla):
    assert created(admin.post(f"{I1}/ui/", {"route": "/dashboard"}))["is_global"] is False
    field_errors(admin.post(f"{I1}/ui/", {"route": "/dashboard", "enabled": True}),
                 {"non_field_errors": ["This route already exists"]})
    member = next(u["id"] for u in admin.state("users") if u["institution_id"] == 1)
    body = created(admin.post(f"{I1}/ui/", {"route": "/dashboard", "user": member}))
    assert body["user"] == member
    field_errors(admin.post(f"{I1}/ui/", {"route": "/dashboard", "user": member}),
                 {"non_field_errors": ["This route already exists"]})
    admin.login("inst_admin", institution_id=2)
    assert created(admin.post(f"{I2}/ui/", {"route": "/dashboard"}))


def test_ui_option_users_must_belong_to_the_institution(admin: Tesla):
    stranger = next(u["id"] for u in admin.state("users") if u["institution_id"] == 2)
    field_errors(admin.post(f"{I1}/ui/", {"route": "/institution/ic", "user": stranger}),
                 {"user": ["User must be from the institution"]})


# -- groups --------------------------------------------------------------------------

def groups_of(tesla: Tesla, institution_id: int) -> list[dict[str, Any]]:
    return [g for g in tesla.state("groups") if g["institution_id"] == institution_id]


def test_a_group_parent_must_be_another_group_of_the_institution(admin: Tesla):
    own = groups_of(admin, 1)[0]["id"]
    foreign = groups_of(admin, 2)[0]["id"]
    field_errors(admin.post(f"{I1}/group/", {"name": "X", "parent": foreign}),
                 {"parent": [f'Invalid pk "{foreign}" - object does not exist.']})
    field_errors(admin.patch(f"{I1}/group/{own}/", {"parent": own}),
                 {"parent": [f'Invalid pk "{own}" - object does not exist.']})
    child = created(admin.post(f"{I1}/group/", {"name": "Child", "parent": own}))
    assert child["parent"] == own
    assert ok(admin.patch(f"{I1}/group/{child['id']}/", {"parent": None}))["parent"] is None


def test_groups_filter_by_parent(admin: Tesla):
    groups = groups_of(admin, 1)
    roots = [g["id"] for g in groups if g["parent_id"] is None]
    assert roots and len(roots) < len(groups)
    listed = ok(admin.get(f"{I1}/group/", parent="-1"))["results"]
    assert [g["id"] for g in listed] == roots
    parent = next(g["parent_id"] for g in groups if g["parent_id"] is not None)
    children = [g["id"] for g in groups if g["parent_id"] == parent]
    assert [g["id"] for g in ok(admin.get(f"{I1}/group/", parent=str(parent)))["results"]] \
        == children


def test_group_courses_are_links(admin: Tesla):
    group = groups_of(admin, 1)[0]["id"]
    url = f"{I1}/group/{group}/course/"
    linked = [c["id"] for c in ok(admin.get(url))["results"]]
    course = next(c["id"] for c in admin.state("courses") if c["id"] not in linked)
    body = created(admin.post(url, {"id": course}))
    assert body["id"] == course
    assert course in [c["id"] for c in ok(admin.get(url, limit=100))["results"]]
    detail(admin.post(url, {"id": 99999}), 404, "Course not found")
    response = admin.delete(f"{url}{course}/")
    assert response.status_code == 204
    assert [c["id"] for c in ok(admin.get(url, limit=100))["results"]] == linked
    assert any(c["id"] == course for c in admin.state("courses"))


# -- VLEs ------------------------------------------------------------------------------

def test_vle_names_are_unique_across_every_institution(admin: Tesla):
    own, foreign = admin.state("vles")[:2]
    assert (own["institution_id"], foreign["institution_id"]) == (1, 2)
    field_errors(admin.post(f"{I1}/vle/", {"type": 0, "name": foreign["name"]}),
                 {"name": [UNIQUE]})
    field_errors(admin.patch(f"{I1}/vle/{own['id']}/", {"name": foreign["name"]}),
                 {"name": [UNIQUE]})
    assert ok(admin.patch(f"{I1}/vle/{own['id']}/", {"name": own["name"]}))["name"] == own["name"]


# -- activity instruments ------------------------------------------------------------

def activity_instruments_url(tesla: Tesla) -> tuple[str, list[dict[str, Any]]]:
    course = tesla.course_of(1)["id"]
    activity = tesla.activity_of(course)["id"]
    configs = [c for c in tesla.state("activity_instruments") if c["activity_id"] == activity]
    return f"{I1}/course/{course}/activity/{activity}/instrument/", configs


def test_activity_instruments_name_an_existing_instrument_once(admin: Tesla):
    url, configs = activity_instruments_url(admin)
    field_errors(admin.post(url, {"instrument_id": 999, "active": True}),
                 {"instrument_id": ['Invalid pk "999" - object does not exist.']})
    field_errors(admin.post(url, {"instrument_id": configs[0]["instrument_id"], "active": True}),
                 {"non_field_errors": [
                     "The fields activity_id, instrument_id must make a unique set."]})


def test_activity_instrument_alternatives_name_an_existing_configuration(admin: Tesla):
    url, configs = activity_instruments_url(admin)
    used = {c["instrument_id"] for c in configs}
    free = next(i["id"] for i in admin.state("instruments") if i["id"] not in used)
    field_errors(admin.post(url, {"instrument_id": free, "active": True,
                                  "alternative_to": 99999}),
                 {"alternative_to": ['Invalid pk "99999" - object does not exist.']})
    body = created(admin.post(url, {"instrument_id": free, "active": True,
                                    "alternative_to": configs[0]["id"]}))
    assert body["alternative_to"] == configs[0]["id"] and body["instrument"]["id"] == free


# -- course members ------------------------------------------------------------------

@pytest.mark.parametrize(("kind", "flag", "links"), [
    ("learner", "is_learner", "course_learners"),
    ("instructor", "is_instructor", "course_instructors"),
])
def test_course_members_are_links_to_existing_people(admin: Tesla, kind: str, flag: str,
                                                     links: str):
    course = admin.course_of(1)["id"]
    url = f"{I1}/course/{course}/{kind}/"
    members = {link["user_id"] for link in admin.state(links) if link["course_id"] == course}
    person = next(u for u in admin.state("users") if u["institution_id"] == 1 and u[flag]
                  and u["id"] not in members)
    assert created(admin.post(url, {"uid": person["uid"]}))["id"] == person["id"]
    assert person["id"] in [m["id"] for m in ok(admin.get(url, limit=100))["results"]]
    field_errors(admin.post(url, {"uid": "nobody"}),
                 {"uid": ["Object with uid=nobody does not exist."]})
    assert admin.delete(f"{url}{person['id']}/").status_code == 204
    assert person["id"] not in [m["id"] for m in ok(admin.get(url, limit=100))["results"]]
    assert ok(admin.get(f"{I1}/{kind}/{person['id']}/"))["uid"] == person["uid"]


# -- seeded reports are consistent -----------------------------------------------------

def test_reports_belong_to_course_learners_and_configured_instruments(tesla: Tesla):
    tesla.login("global_admin")
    learners = {}
    for link in tesla.state("course_learners"):
        learners.setdefault(link["course_id"], set()).add(link["user_id"])
    courses = {c["id"]: c for c in tesla.state("courses")}
    vles = {v["id"]: v["institution_id"] for v in tesla.state("vles")}
    checked = 0
    for activity in tesla.state("activities"):
        course = activity["course_id"]
        base = (f"/api/v2/institution/{vles[courses[course]['vle_id']]}/course/{course}"
                f"/activity/{activity['id']}/")
        configured = {c["instrument"]["id"] for c in
                      ok(tesla.get(f"{base}instrument/", limit=100))["results"]}
        for report in ok(tesla.get(f"{base}report/", limit=1000))["results"]:
            assert report["learner"]["id"] in learners[course]
            assert {row["instrument_id"] for row in report["detail"]} <= configured
            checked += 1
    assert checked == len(tesla.state("reports"))


# -- nested ids --------------------------------------------------------------------------

def test_an_activity_of_another_course_is_not_found(admin: Tesla):
    first, second = (c["id"] for c in admin.state("courses")[:2])
    activity = admin.activity_of(second)["id"]
    detail(admin.get(f"{I1}/course/{first}/activity/{activity}/"), 404, "Not found.")
    detail(admin.get(f"{I1}/course/{first}/activity/{activity}/instrument/"), 404, "Not found.")
    detail(admin.get(f"{I1}/course/{first}/activity/{activity}/report/"), 404, "Not found.")


def test_a_learner_of_another_institution_is_not_found(admin: Tesla):
    foreign = admin.learners(2)[0]["id"]
    detail(admin.get(f"{I1}/learner/{foreign}/"), 404, "Not found.")
    detail(admin.patch(f"{I1}/learner/{foreign}/", {"first_name": "X"}), 404, "Not found.")
    detail(admin.get(f"{I1}/learner/{foreign}/send/"), 404, "Not found.")


def test_a_report_of_another_activity_is_not_found(admin: Tesla):
    course = admin.course_of(1)["id"]
    first, second = (a["id"] for a in admin.state("activities") if a["course_id"] == course)
    report = admin.report_of(second)["id"]
    base = f"{I1}/course/{course}/activity/{first}/report/{report}/"
    detail(admin.get(base), 404, "Not found.")
    detail(admin.get(f"{base}request/"), 404, "Not found.")
    detail(admin.get(f"{base}audit/"), 404, "Not found.")
    assert ok(admin.get(f"{I1}/course/{course}/activity/{second}/report/{report}/"))
