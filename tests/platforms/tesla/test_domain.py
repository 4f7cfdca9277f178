"""Domain rules of the real TeSLA CE server, each with the exact DRF body it answers: SEND,
UI options, groups, VLEs, activity instruments, course members, the seeded reports and
nested ids. (Identity rules are in ``test_identity.py``, informed consent in
``test_consent.py``.)

Institution 1 of the seeded world has a mail domain and lets learners read their
reports; institution 2 has neither.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.tesla.conftest import Tesla, detail, field_errors
from tests.platforms.tesla.domain_support import (
    DAY,
    I1,
    I2,
    UNIQUE,
    advance_clock,
    created,
    ok,
)

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
    # These lists only filter by the URL's parents: nothing matches them all.
    assert ok(admin.get(f"{I1}/course/{first}/activity/{activity}/instrument/"))["count"] == 0
    assert ok(admin.get(f"{I1}/course/{first}/activity/{activity}/report/"))["count"] == 0


def test_a_learner_of_another_institution_is_not_found(admin: Tesla):
    foreign = admin.learners(2)[0]["id"]
    detail(admin.get(f"{I1}/learner/{foreign}/"), 404, "Not found.")
    detail(admin.patch(f"{I1}/learner/{foreign}/", {"first_name": "X"}), 404, "Not found.")
    # The SEND view only filters by the URL's parents: nothing of this institution's is listed.
    assert admin.get(f"{I1}/learner/{foreign}/send/").json()["count"] == 0
    detail(admin.get(f"{I1}/learner/{foreign}/send/1/"), 404, "Not found.")


def test_a_report_of_another_activity_is_not_found(admin: Tesla):
    course = admin.course_of(1)["id"]
    first, second = (a["id"] for a in admin.state("activities") if a["course_id"] == course)
    report = admin.report_of(second)["id"]
    base = f"{I1}/course/{course}/activity/{first}/report/{report}/"
    detail(admin.get(base), 404, "Not found.")
    detail(admin.get(f"{base}request/"), 404, "Not found.")  # its view looks the report up
    assert ok(admin.get(f"{base}audit/"))["count"] == 0  # this one only filters
    assert ok(admin.get(f"{I1}/course/{course}/activity/{second}/report/{report}/"))
