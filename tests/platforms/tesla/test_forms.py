"""Form bodies, as DRF's ``FormParser`` and ``MultiPartParser`` read them: what the real server
(tesla-ce 1.0.10) answers. Every value arrives as text, read as each field reads text; an
unticked box (a boolean the form leaves out) is false on POST and PUT."""

from __future__ import annotations

from typing import Any

from tests.platforms.tesla.conftest import Tesla, field_errors

LEARNERS = "/api/v2/institution/1/learner/"
FORM = "application/x-www-form-urlencoded"


def send_form(tesla: Tesla, method: str, path: str, form: dict[str, str]) -> Any:
    return tesla.client.request(method, path, data=form,
                                headers={**tesla.headers(), "Content-Type": FORM})


def send_multipart(tesla: Tesla, method: str, path: str, form: dict[str, str]) -> Any:
    files = {name: (None, value) for name, value in form.items()}
    return tesla.client.request(method, path, files=files, headers=tesla.headers())


def test_a_urlencoded_learner_is_created(admin: Tesla):
    created = send_form(admin, "POST", LEARNERS,
                        {"email": "form1@pu1.ac.nz", "uid": "form1", "inst_admin": "true"})
    assert created.status_code == 201, created.text
    assert (created.json()["uid"], created.json()["inst_admin"]) == ("form1", True)
    stored = admin.get(f"{LEARNERS}{created.json()['id']}/").json()
    assert stored["email"] == "form1@pu1.ac.nz"


def test_a_multipart_learner_is_created(admin: Tesla):
    created = send_multipart(admin, "POST", LEARNERS, {"email": "form2@pu1.ac.nz",
                                                       "uid": "form2"})
    assert created.status_code == 201, created.text
    assert created.json()["inst_admin"] is False


def test_form_refusals_are_the_fields_own(admin: Tesla):
    learner = admin.learners()[0]["id"]
    field_errors(send_form(admin, "PATCH", f"{LEARNERS}{learner}/", {"inst_admin": "maybe"}),
                 {"inst_admin": ["Must be a valid boolean."]})
    field_errors(send_form(admin, "POST", LEARNERS, {"email": "form3@pu1.ac.nz"}),
                 {"uid": ["This field is required."]})
    field_errors(send_form(admin, "POST", LEARNERS, {"email": "", "uid": ""}),
                 {"email": ["This field may not be blank."],
                  "uid": ["This field may not be blank."]})


def test_a_form_patch_changes_only_what_it_names(admin: Tesla):
    learner = admin.learners()[0]
    changed = send_form(admin, "PATCH", f"{LEARNERS}{learner['id']}/", {"first_name": "Hine"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["first_name"] == "Hine"
    assert changed.json()["email"] == learner["email"]


def test_an_unticked_box_is_false_even_when_required(admin: Tesla):
    course = admin.course_of(1)
    activity = admin.activity_of(course["id"])
    path = f"/api/v2/institution/1/course/{course['id']}/activity/{activity['id']}/instrument/"
    used = {row["instrument_id"] for row in admin.state("activity_instruments")
            if row["activity_id"] == activity["id"]}
    free = next(i["id"] for i in admin.state("instruments") if i["id"] not in used)
    created = send_form(admin, "POST", path, {"instrument_id": str(free)})
    assert created.status_code == 201, created.text
    assert created.json()["active"] is False
    field_errors(admin.post(path, {"instrument_id": str(free)}),
                 {"active": ["This field is required."]})


def test_a_primary_key_in_a_form(admin: Tesla):
    created = send_form(admin, "POST", "/api/v2/institution/1/group/",
                        {"name": "form group", "parent": "1"})
    assert created.status_code == 201, created.text
    assert created.json()["parent"] == 1


def test_a_consent_document_from_a_multipart_form(admin: Tesla):
    path = "/api/v2/institution/1/ic/1/document/"
    created = send_multipart(admin, "POST", path, {"language": "mi", "html": "<p>kia ora</p>"})
    assert created.status_code == 201, created.text
    assert created.json()["html"] == "<p>kia ora</p>"
    changed = send_form(admin, "PATCH", f"{path}mi/", {"html": "<p>tēnā koe</p>"})
    assert changed.status_code == 200 and changed.json()["html"] == "<p>tēnā koe</p>"


def test_other_media_types_are_still_415(admin: Tesla):
    response = admin.client.post(LEARNERS, content="email=x",
                                 headers={**admin.headers(), "Content-Type": "text/csv"})
    assert response.status_code == 415
    assert response.json() == {"detail": 'Unsupported media type "text/csv" in request.'}
