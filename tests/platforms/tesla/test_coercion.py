"""Bodies read as DRF's fields read them: what the real server (tesla-ce 1.0.10) answers.

A ``CharField`` takes a number and stores its text, a primary key or an
``IntegerField`` a numeric string, a ``ChoiceField`` a choice's text, a
``BooleanField`` DRF's words; each refused field has one message, from the
first of its checks that fails.
"""

from __future__ import annotations

from tests.platforms.tesla.conftest import Tesla, field_errors

LEARNERS = "/api/v2/institution/1/learner/"
GROUPS = "/api/v2/institution/1/group/"


def test_a_number_for_a_char_field_is_stored_as_its_text(admin: Tesla):
    created = admin.post(LEARNERS, {"email": "num1@pu1.ac.nz", "uid": 123, "first_name": 7})
    assert created.status_code == 201, created.text
    assert (created.json()["uid"], created.json()["first_name"]) == ("123", "7")
    again = admin.post(LEARNERS, {"email": "num2@pu1.ac.nz", "uid": 1.5})
    assert again.json()["uid"] == "1.5"


def test_a_boolean_or_a_list_for_a_char_field_is_not_a_string(admin: Tesla):
    field_errors(admin.post(LEARNERS, {"email": "num3@pu1.ac.nz", "uid": True}),
                 {"uid": ["Not a valid string."]})


def test_email_field_answers_only_its_first_failing_check(admin: Tesla):
    field_errors(admin.post(LEARNERS, {"email": 5, "uid": "e1"}),
                 {"email": ["Enter a valid email address."]})
    field_errors(admin.post(LEARNERS, {"email": "", "uid": "e2"}),
                 {"email": ["This field may not be blank."]})


def test_a_choice_is_matched_by_its_text_and_refused_once(admin: Tesla):
    vle = "/api/v2/institution/1/vle/1/"
    field_errors(admin.patch(vle, {"type": "x"}), {"type": ['"x" is not a valid choice.']})
    field_errors(admin.patch(vle, {"type": 0.0}), {"type": ['"0.0" is not a valid choice.']})
    field_errors(admin.patch(vle, {"type": False}), {"type": ['"False" is not a valid choice.']})
    field_errors(admin.patch(vle, {"type": None}), {"type": ["This field may not be null."]})
    accepted = admin.patch(vle, {"type": "0"})
    assert accepted.status_code == 200 and accepted.json()["type"] == 0


def test_a_primary_key_takes_a_numeric_string(admin: Tesla):
    for given in ("1", " 1 "):
        created = admin.post(GROUPS, {"name": "child", "parent": given})
        assert created.status_code == 201, created.text
        assert created.json()["parent"] == 1
    blank = admin.post(GROUPS, {"name": "root", "parent": ""})
    assert blank.status_code == 201 and blank.json()["parent"] is None


def test_a_primary_key_refuses_what_is_not_one(admin: Tesla):
    for given, kind in (("abc", "str"), ("1.0", "str"), (True, "bool"), ([1], "list")):
        field_errors(admin.post(GROUPS, {"name": "g", "parent": given}),
                     {"parent": [f"Incorrect type. Expected pk value, received {kind}."]})
    field_errors(admin.post(GROUPS, {"name": "g", "parent": "999"}),
                 {"parent": ['Invalid pk "999" - object does not exist.']})


def test_send_category_of_a_learner_by_numeric_string(admin: Tesla):
    learner = admin.learners()[0]["id"]
    category = next(c["id"] for c in admin.state("send_categories")
                    if c["institution_id"] == 1)
    created = admin.post(f"{LEARNERS}{learner}/send/", {"category": str(category)})
    assert created.status_code == 201, created.text
    assert created.json()["category"] == category
    field_errors(admin.post(f"{LEARNERS}{learner}/send/", {"category": "abc"}),
                 {"category": ["Incorrect type. Expected pk value, received str."]})


def test_group_course_id_is_an_integer_field(admin: Tesla):
    group = next(g for g in admin.state("groups") if g["institution_id"] == 1)
    course = admin.course_of(1)
    linked = admin.post(f"{GROUPS}{group['id']}/course/", {"id": str(course["id"])})
    assert linked.status_code == 201, linked.text
    assert linked.json()["id"] == course["id"]
    for given in ("abc", True):
        field_errors(admin.post(f"{GROUPS}{group['id']}/course/", {"id": given}),
                     {"id": ["A valid integer is required."]})


def test_boolean_words(admin: Tesla):
    learner = admin.learners()[0]["id"]
    on = admin.patch(f"{LEARNERS}{learner}/", {"inst_admin": "yes"})
    assert on.status_code == 200 and on.json()["inst_admin"] is True
    off = admin.patch(f"{LEARNERS}{learner}/", {"inst_admin": 0})
    assert off.status_code == 200 and off.json()["inst_admin"] is False
    field_errors(admin.patch(f"{LEARNERS}{learner}/", {"inst_admin": "maybe"}),
                 {"inst_admin": ["Must be a valid boolean."]})


def test_a_nested_serializer_keeps_its_own_errors(admin: Tesla):
    send = "/api/v2/institution/1/send/"
    field_errors(admin.post(send, {"description": "x", "data": "notadict"}),
                 {"data": {"non_field_errors": [
                     "Invalid data. Expected a dictionary, but got str."]}})
    field_errors(admin.post(send, {"description": 5, "data": {"enabled_options": "big_fonts"}}),
                 {"data": {"enabled_options": ['Expected a list of items but got type "str".']}})


def test_learner_consent_version_as_a_number(tesla: Tesla):
    learner = tesla.login("learner")["userId"]
    response = tesla.post(f"{LEARNERS}{learner}/ic/", {"version": 7})
    assert response.status_code == 404, response.text
    assert response.json() == "Informed Consent not found"


def test_activity_instrument_ids_are_read_as_their_fields(admin: Tesla):
    course = admin.course_of(1)
    activity = admin.activity_of(course["id"])
    path = f"/api/v2/institution/1/course/{course['id']}/activity/{activity['id']}/instrument/"
    field_errors(admin.post(path, {"instrument_id": "abc", "active": True}),
                 {"instrument_id": ["A valid integer is required."]})
    field_errors(admin.post(path, {"instrument_id": 3, "active": True, "alternative_to": "abc"}),
                 {"alternative_to": ["Incorrect type. Expected pk value, received str."]})
