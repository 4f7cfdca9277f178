"""Querysets as the real server filters them: who sees which courses, users, learners and
instructors, and which records a member of another course may not touch."""

from __future__ import annotations

import pytest

from tests.platforms.tesla.actors import (
    DENIED,
    I1,
    Seed,
    courses_of,
    ids_of,
    institution_courses,
)
from tests.platforms.tesla.conftest import Tesla, detail


@pytest.mark.parametrize("kind", ["instructor", "learner"])
def test_a_course_member_lists_only_their_own_courses(tesla: Tesla, kind: str):
    seed = Seed(tesla)
    user_id = seed.instructors[0] if kind == "instructor" else seed.reported
    mine = courses_of(tesla, user_id)
    assert mine and mine != institution_courses(tesla, 1)
    tesla.login(user_id=user_id)
    assert set(ids_of(tesla.get(f"{I1}/course/", limit=100))) == mine
    other = min(institution_courses(tesla, 1) - mine)
    detail(tesla.get(f"{I1}/course/{other}/"), 404, "Not found.")


@pytest.mark.parametrize("role", ["inst_admin", "data_admin", "global_admin"])
def test_administrators_list_every_course_of_the_institution(tesla: Tesla, role: str):
    tesla.login(role)
    assert set(ids_of(tesla.get(f"{I1}/course/", limit=100))) == institution_courses(tesla, 1)


def test_a_plain_member_lists_only_themselves_among_users(tesla: Tesla):
    seed = Seed(tesla)
    tesla.login(user_id=seed.plain)
    assert ids_of(tesla.get(f"{I1}/user/")) == [seed.plain]
    someone_else = next(u["id"] for u in tesla.state("users")
                        if u["institution_id"] == 1 and u["id"] != seed.plain)
    detail(tesla.get(f"{I1}/user/{someone_else}/"), 404, "Not found.")


def test_administrators_list_every_user_of_the_institution(tesla: Tesla):
    everyone = [u["id"] for u in tesla.state("users") if u["institution_id"] == 1]
    tesla.login("legal_admin")
    assert ids_of(tesla.get(f"{I1}/user/", limit=1000)) == everyone


@pytest.mark.parametrize("role", ["data_admin", "inst_admin", "legal_admin"])
def test_deleting_yourself_is_refused(tesla: Tesla, role: str):
    me = tesla.login(role)["userId"]
    response = tesla.delete(f"{I1}/user/{me}/")
    # The data administrator may delete users, but not themselves; the others may delete
    # nobody, so the permission check refuses them first.
    detail(response, 403, "Cannot delete yourself" if role == "data_admin" else DENIED)
    assert any(u["id"] == me for u in tesla.state("users"))


def test_a_learner_sees_only_themselves(tesla: Tesla):
    seed = Seed(tesla)
    tesla.login(user_id=seed.reported)
    assert tesla.get(f"{I1}/learner/{seed.reported}/").json()["id"] == seed.reported
    detail(tesla.get(f"{I1}/learner/{seed.outsider}/"), 403, DENIED)


def test_a_course_learner_sees_only_themselves_in_the_course_learner_list(tesla: Tesla):
    seed = Seed(tesla)
    assert len(seed.learners) > 1
    tesla.login(user_id=seed.reported)
    assert ids_of(tesla.get(f"{I1}/course/{seed.course}/learner/")) == [seed.reported]
    tesla.login(user_id=seed.instructors[0])
    listed = ids_of(tesla.get(f"{I1}/course/{seed.course}/learner/", limit=100))
    assert listed == sorted(seed.learners)


def test_a_course_learner_reads_every_instructor_of_the_course(tesla: Tesla):
    seed = Seed(tesla)
    tesla.login(user_id=seed.reported)
    listed = ids_of(tesla.get(f"{I1}/course/{seed.course}/instructor/"))
    assert listed == sorted(seed.instructors)


def test_an_instructor_of_another_course_may_not_touch_this_one(tesla: Tesla):
    seed = Seed(tesla)
    tesla.login(user_id=seed.free_instructor)
    assert seed.course not in courses_of(tesla, seed.free_instructor)
    detail(tesla.get(f"{I1}/course/{seed.course}/learner/"), 403, DENIED)
    detail(tesla.patch(f"{I1}/course/{seed.course}/activity/{seed.activity}/",
                       {"enabled": False}), 403, DENIED)
