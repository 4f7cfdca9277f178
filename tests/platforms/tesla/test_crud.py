"""Create, PUT, PATCH and DELETE semantics, and nested paths that really nest."""

from __future__ import annotations

from tests.platforms.tesla.conftest import Tesla, detail, field_errors

GROUPS = "/api/v2/institution/1/group/"
LEARNERS = "/api/v2/institution/1/learner/"


def test_create_answers_201_with_the_full_representation(admin: Tesla):
    response = admin.post(GROUPS, {"name": "Night school"})
    assert response.status_code == 201
    body = response.json()
    assert body["name"] == "Night school" and body["description"] is None
    assert body["parent"] is None and body["institution"]["id"] == 1
    assert body["created_at"] == "2026-08-10T09:30:00Z"
    assert admin.get(f"{GROUPS}{body['id']}/").json() == body


def test_put_requires_required_fields_and_replaces_writable_ones(admin: Tesla):
    group = admin.post(GROUPS, {"name": "A", "description": "first"}).json()
    field_errors(admin.put(f"{GROUPS}{group['id']}/", {"description": "x"}),
                 {"name": ["This field is required."]})
    replaced = admin.put(f"{GROUPS}{group['id']}/", {"name": "B"}).json()
    assert replaced["name"] == "B" and replaced["description"] == "first"


def test_patch_changes_only_what_it_names(admin: Tesla):
    group = admin.post(GROUPS, {"name": "A", "description": "first"}).json()
    patched = admin.patch(f"{GROUPS}{group['id']}/", {"description": "second"}).json()
    assert (patched["name"], patched["description"]) == ("A", "second")


def test_put_resets_fields_with_serializer_defaults(admin: Tesla):
    users = "/api/v2/institution/1/user/"
    created = admin.post(users, {"username": "r1", "uid": "r1", "inst_admin": True,
                                 "password": "p", "password2": "p"}).json()
    assert created["inst_admin"] is True
    replaced = admin.put(f"{users}{created['id']}/", {"username": "r1", "uid": "r1",
                                                      "password": "p", "password2": "p"}).json()
    assert replaced["inst_admin"] is False


def test_read_only_fields_in_a_body_are_ignored(admin: Tesla):
    body = {"email": "ro@pu1.ac.nz", "uid": "ro-1", "learner_id": "not-a-uuid", "id": 5,
            "ic_status": "VALID", "institution": {"id": 2}, "username": "other"}
    created = admin.post(LEARNERS, body).json()
    assert created["learner_id"] != "not-a-uuid" and created["id"] != 5
    assert created["ic_status"] == "NOT_VALID_MISSING" and created["institution"]["id"] == 1
    assert created["username"] == "ro@pu1.ac.nz"


def test_delete_answers_204_with_an_empty_body_and_the_record_is_gone(admin: Tesla):
    group = admin.post(GROUPS, {"name": "Doomed"}).json()
    response = admin.delete(f"{GROUPS}{group['id']}/")
    assert response.status_code == 204 and response.content == b""
    detail(admin.get(f"{GROUPS}{group['id']}/"), 404, "Not found.")


def test_ids_continue_after_the_seeded_ones(admin: Tesla):
    highest = max(g["id"] for g in admin.state("groups"))
    assert admin.post(GROUPS, {"name": "Next"}).json()["id"] == highest + 1


def test_an_id_under_another_parent_is_404_like_a_missing_one(admin: Tesla):
    other_group = next(g for g in admin.state("groups") if g["institution_id"] == 2)
    admin.login("global_admin")
    assert admin.get(f"/api/v2/institution/2/group/{other_group['id']}/").status_code == 200
    detail(admin.get(f"{GROUPS}{other_group['id']}/"), 404, "Not found.")


def test_nested_activity_under_the_wrong_course_is_404(admin: Tesla):
    first, second = admin.state("courses")[:2]
    activity = admin.activity_of(second["id"])
    path = f"/api/v2/institution/1/course/{first['id']}/activity/{activity['id']}/"
    detail(admin.get(path), 404, "Not found.")
    good = f"/api/v2/institution/1/course/{second['id']}/activity/{activity['id']}/"
    assert admin.get(good).status_code == 200


def test_missing_parent_course_is_404_not_a_crash(admin: Tesla):
    detail(admin.get("/api/v2/institution/1/course/99999/learner/"), 404, "Not found.")


def test_a_group_cannot_link_another_institutions_course(admin: Tesla):
    group = next(g for g in admin.state("groups") if g["institution_id"] == 1)
    foreign = admin.course_of(2)
    path = f"{GROUPS}{group['id']}/course/"
    field_errors(admin.post(path, {"id": foreign["id"]}),
                 {"id": [f'Invalid pk "{foreign["id"]}" - object does not exist.']})
    assert admin.post(path, {"id": admin.course_of(1)["id"]}).status_code == 201
