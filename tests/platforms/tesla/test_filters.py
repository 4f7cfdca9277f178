"""List filters clean their values as django-filter's form fields do on the real server: a
refused value is a 400 naming the parameter with Django's message, every refused parameter
in one body (in the filterset's field order), and the last of a repeated parameter counts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from tests.platforms.tesla.conftest import Tesla, field_errors

I1 = "/api/v2/institution/1"
LEARNERS = f"{I1}/learner/"
NUMBER = "Enter a number."
NUL = "Null characters are not allowed."
MODEL_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def choice(value: str) -> str:
    return f"Select a valid choice. {value} is not one of the available choices."


def ids(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["results"]]


def raw_get(tesla: Tesla, path: str, query: str) -> Any:
    """A GET with the query string exactly as written (repeated parameters, blanks)."""
    return tesla.client.get(f"{path}?{query}", headers=tesla.headers())


def reports_path(tesla: Tesla) -> str:
    course = tesla.course_of(1)
    activity = tesla.activity_of(course["id"])
    return f"{I1}/course/{course['id']}/activity/{activity['id']}/report/"


# -- NumberFilter ----------------------------------------------------------------
@pytest.mark.parametrize("value", ["abc", "NaN", "Infinity", "sNaN", "1,000", " ", "0x10"])
def test_a_number_filter_refuses_what_is_not_a_finite_decimal(admin: Tesla, value: str):
    field_errors(admin.get(LEARNERS, id=value), {"id": [NUMBER]})


def test_a_number_filter_caps_values_at_1e50(admin: Tesla):
    field_errors(admin.get(LEARNERS, id="1e60"),
                 {"id": ["Ensure this value is less than or equal to 1e+50."]})
    assert admin.get(LEARNERS, id="1e50").json()["count"] == 0
    assert admin.get(LEARNERS, id="-1e60").json()["count"] == 0


@pytest.mark.parametrize("spelling", ["{}.0", "{}.9", " {} ", "+{}", "{}e0", "{}."])
def test_a_decimal_id_matches_its_integer_part(admin: Tesla, spelling: str):
    learner = admin.learners()[0]["id"]
    assert ids(admin.get(LEARNERS, id=spelling.format(learner))) == [learner]


def test_level_bounds_are_numbers_whose_fraction_is_dropped(admin: Tesla):
    reports = reports_path(admin)
    bounds = [f"{level}__{op}" for level in ("identity_level", "content_level",
                                             "integrity_level") for op in ("gte", "lte")]
    field_errors(admin.get(reports, **dict.fromkeys(bounds, "abc")),
                 {bound: [NUMBER] for bound in bounds})
    for op in ("gte", "lte"):
        assert ids(admin.get(reports, **{f"identity_level__{op}": "2.5", "limit": 100})) == ids(
            admin.get(reports, **{f"identity_level__{op}": "2", "limit": 100}))


# -- ChoiceFilter ----------------------------------------------------------------
@pytest.mark.parametrize("value", ["abc", "9", "02", "-1", " 2"])
def test_an_exact_level_must_be_one_of_the_alert_levels(admin: Tesla, value: str):
    field_errors(admin.get(reports_path(admin), identity_level=value),
                 {"identity_level": [choice(value)]})


def test_an_exact_level_filters(admin: Tesla):
    reports = reports_path(admin)
    rows = admin.get(reports, integrity_level="4", limit=100).json()["results"]
    assert rows and all(row["integrity_level"] == 4 for row in rows)


def test_the_any_level_filter_keeps_its_answer_where_the_real_server_crashes(admin: Tesla):
    reports = reports_path(admin)
    assert admin.get(reports, level="abc").json()["count"] == 0
    assert ids(admin.get(reports, level=" +2", limit=100)) == ids(
        admin.get(reports, level="2", limit=100))
    assert admin.get(reports, level="").json()["count"] == admin.get(reports).json()["count"]


@pytest.mark.parametrize("value", ["abc", "999", "01", "1.0", "-2", " 1"])
def test_a_group_parent_must_be_a_group_id_as_written(admin: Tesla, value: str):
    field_errors(admin.get(f"{I1}/group/", parent=value), {"parent": [choice(value)]})


def test_a_group_parent_of_another_institution_is_a_choice(admin: Tesla):
    other = next(g["id"] for g in admin.state("groups") if g["institution_id"] == 2)
    assert ids(admin.get(f"{I1}/group/", parent=str(other))) == []
    roots = ids(admin.get(f"{I1}/group/", parent="-1"))
    assert roots and all(g["parent_id"] is None for g in admin.state("groups")
                         if g["id"] in roots)


# -- ModelChoiceFilter -----------------------------------------------------------
@pytest.mark.parametrize("value", ["abc", "999", "1.0", "1 1"])
def test_a_send_institution_must_name_an_institution(admin: Tesla, value: str):
    field_errors(admin.get(f"{I1}/send/", institution=value), {"institution": [MODEL_CHOICE]})


def test_a_send_institution_is_read_as_an_integer(admin: Tesla):
    mine = ids(admin.get(f"{I1}/send/", institution="1"))
    assert mine
    assert ids(admin.get(f"{I1}/send/", institution=" 01")) == mine
    assert ids(admin.get(f"{I1}/send/", institution="2")) == []


def test_a_group_course_vle_must_name_a_vle(admin: Tesla):
    courses = f"{I1}/group/{admin.state('groups')[0]['id']}/course/"
    field_errors(admin.get(courses, vle_id="abc"), {"vle_id": [MODEL_CHOICE]})
    field_errors(admin.get(courses, vle_id="999"), {"vle_id": [MODEL_CHOICE]})
    other = next(v["id"] for v in admin.state("vles") if v["institution_id"] == 2)
    assert ids(admin.get(courses, vle_id=str(other))) == []


# -- IsoDateTimeFilter -----------------------------------------------------------
def group_courses(tesla: Tesla) -> tuple[str, dict[str, Any]]:
    link = tesla.state("group_courses")[0]
    group = next(g for g in tesla.state("groups") if g["id"] == link["group_id"])
    course = next(c for c in tesla.state("courses") if c["id"] == link["course_id"])
    return f"/api/v2/institution/{group['institution_id']}/group/{group['id']}/course/", course


@pytest.mark.parametrize("value", ["abc", "2026-13-05T07:55", "2026-10-05T07:55+25:00", " "])
def test_course_dates_must_be_dates(admin: Tesla, value: str):
    courses, _ = group_courses(admin)
    field_errors(admin.get(courses, start=value), {"start": ["Enter a valid date/time."]})
    field_errors(admin.get(courses, end=value), {"end": ["Enter a valid date/time."]})


def test_course_dates_match_the_same_instant_however_written(admin: Tesla):
    courses, course = group_courses(admin)
    stamp = course["start"].removesuffix("Z")
    day, time = stamp.split("T")
    shifted = datetime.fromisoformat(course["start"]).astimezone(timezone(timedelta(hours=2)))
    for written in (course["start"], stamp, f"{day} {time}", f" {course['start']} ",
                    shifted.isoformat(), stamp.replace(".", ",")):
        assert course["id"] in ids(admin.get(courses, start=written)), written
    assert ids(admin.get(courses, start=day)) == []


# -- CharFilter ------------------------------------------------------------------
def test_a_text_filter_strips_its_value_and_refuses_nul(admin: Tesla):
    learner = admin.learners()[0]
    assert ids(admin.get(LEARNERS, uid=f"  {learner['uid']} ")) == [learner["id"]]
    assert admin.get(LEARNERS, uid="   ").json()["count"] == len(admin.learners())
    field_errors(admin.get(LEARNERS, uid="a\x00b"), {"uid": [NUL]})
    field_errors(admin.get(f"{I1}/user/", username="\x00"), {"username": [NUL]})
    field_errors(admin.get(f"{I1}/send/", description="\x00"), {"description": [NUL]})
    field_errors(admin.get(reports_path(admin), learner__email="\x00"),
                 {"learner__email": [NUL]})


# -- MultipleChoiceFilter --------------------------------------------------------
@pytest.mark.parametrize("query,refused", [
    ("roles=ADMIN,SEND", "ADMIN,SEND"), ("roles=", ""), ("roles=ADMIN&roles=", ""),
    ("roles=%20ADMIN", " ADMIN"), ("roles=abc&roles=xyz", "abc")])
def test_user_roles_are_repeated_not_comma_separated(admin: Tesla, query: str, refused: str):
    field_errors(raw_get(admin, f"{I1}/user/", query), {"roles": [choice(refused)]})


def test_user_roles_are_checked_whoever_lists(tesla: Tesla):
    tesla.login()  # a plain member, who lists only themselves
    field_errors(tesla.get(f"{I1}/user/", roles="BOSS"), {"roles": [choice("BOSS")]})


# -- ModelMultipleChoiceFilter ---------------------------------------------------
def requests_path(tesla: Tesla) -> tuple[str, dict[str, Any]]:
    request = tesla.state("requests")[0]
    report = next(r for r in tesla.state("reports") if r["activity_id"] == request["activity_id"]
                  and r["learner_id"] == request["learner_id"])
    activity = next(a for a in tesla.state("activities") if a["id"] == report["activity_id"])
    return (f"{I1}/course/{activity['course_id']}/activity/{activity['id']}/report/"
            f"{report['id']}/request/"), request


@pytest.mark.parametrize("query,message", [
    ("instruments=abc", "“abc” is not a valid value."),
    ("instruments=", "“” is not a valid value."),
    ("instruments=1,2", "“1,2” is not a valid value."),
    ("instruments=1.0", "“1.0” is not a valid value."),
    ("instruments=999&instruments=abc", "“abc” is not a valid value."),
    ("instruments=999", choice("999")),
    ("instruments=01", choice("01")),
    ("instruments=%201", choice(" 1")),
    ("instruments=1&instruments=998&instruments=999", choice("998")),
])
def test_request_instruments_must_be_instrument_ids(admin: Tesla, query: str, message: str):
    requests, _ = requests_path(admin)
    field_errors(raw_get(admin, requests, query), {"instruments": [message]})


def test_request_instruments_filter_requests_using_any_of_them(admin: Tesla):
    requests, request = requests_path(admin)
    used = request["instruments"][0]
    unused = next(i["id"] for i in admin.state("instruments")
                  if all(i["id"] not in r["instruments"] for r in admin.state("requests")
                         if r["activity_id"] == request["activity_id"]
                         and r["learner_id"] == request["learner_id"]))
    assert request["id"] in ids(admin.get(requests, instruments=str(used)))
    assert ids(admin.get(requests, instruments=str(unused))) == []
    either = f"instruments={unused}&instruments={used}"
    assert request["id"] in ids(raw_get(admin, requests, either))


# -- the filterset ---------------------------------------------------------------
def test_every_refused_value_is_named_in_the_filtersets_order(admin: Tesla):
    response = admin.get(LEARNERS, uid="a\x00b", id="abc")
    field_errors(response, {"id": [NUMBER], "uid": [NUL]})
    assert list(response.json()) == ["id", "uid"]
    courses, _ = group_courses(admin)
    response = raw_get(admin, courses, "end=abc&start=abc&vle_id=abc")
    assert list(response.json()) == ["vle_id", "start", "end"]
    response = raw_get(admin, f"{I1}/user/", "uid=%00&roles=abc&username=%00")
    assert list(response.json()) == ["username", "roles", "uid"]
    course = admin.course_of(1)["id"]
    for members, order in (("learner", ["uid", "email", "first_name", "last_name"]),
                           ("instructor", ["uid", "first_name", "last_name", "email"])):
        response = admin.get(f"{I1}/course/{course}/{members}/", **dict.fromkeys(order, "\x00"))
        assert list(response.json()) == order
    response = admin.get(reports_path(admin), integrity_level__lte="x", identity_level__gte="x",
                         identity_level="9", learner__email="\x00")
    assert list(response.json()) == ["learner__email", "identity_level", "identity_level__gte",
                                     "integrity_level__lte"]


def test_a_repeated_parameter_counts_its_last_value(admin: Tesla):
    learner = admin.learners()[0]["id"]
    assert ids(raw_get(admin, LEARNERS, f"id=abc&id={learner}")) == [learner]
    field_errors(raw_get(admin, LEARNERS, f"id={learner}&id=abc"), {"id": [NUMBER]})


@pytest.mark.parametrize("path,param", [
    (LEARNERS, "id"), (f"{I1}/send/", "institution"), (f"{I1}/group/", "parent")])
def test_a_blank_value_is_no_filter(admin: Tesla, path: str, param: str):
    assert admin.get(path, **{param: ""}).json()["count"] == admin.get(path).json()["count"]
