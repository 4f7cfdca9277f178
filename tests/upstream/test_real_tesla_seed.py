"""The real TeSLA CE server holds edumock's seeded TeSLA world: the same institution, people,
courses, activities, consents, groups and reports, under the same ids.

Other tests of the session add records (a learner, a VLE), so these look for the seeded
records rather than count whole lists."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.upstream.tesla.launcher import RealTesla
from tests.upstream.tesla.world import tesla_world

pytestmark = pytest.mark.real_tesla

World = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def world() -> World:
    return tesla_world()


@pytest.fixture(scope="module")
def read(real_tesla: RealTesla, real_tesla_http: httpx.Client,
         admin_token: str) -> Any:
    """GET a path under the institution as its administrator: the JSON of a 200."""
    def get(path: str, **params: Any) -> Any:
        answer = real_tesla_http.get(f"/api/v2/institution/{real_tesla.institution_id}/{path}",
                                     params={"limit": 1000, **params},
                                     headers={"Authorization": f"JWT {admin_token}"})
        assert answer.status_code == 200, f"{path}: {answer.status_code} {answer.text[:300]}"
        return answer.json()
    return get


def _ids(page: dict[str, Any]) -> set[int]:
    return {row["id"] for row in page["results"]}


def test_the_institution_is_edumocks_first(real_tesla: RealTesla, world: World,
                                           read: Any) -> None:
    seeded = world["institutions"][0]
    own = read("")
    assert {k: own[k] for k in ("id", "acronym", "name", "mail_domain")} == {
        k: seeded[k] for k in ("id", "acronym", "name", "mail_domain")}
    assert (real_tesla.institution_acronym, real_tesla.mail_domain) == (
        seeded["acronym"], seeded["mail_domain"])
    assert real_tesla.counts["users"] == len(world["users"])


def test_every_seeded_learner_and_instructor_is_listed(real_tesla: RealTesla, world: World,
                                                       read: Any) -> None:
    mine = [row for row in world["users"] if row["institution_id"] == real_tesla.institution_id]
    learners = {row["id"]: row for row in read("learner/")["results"]}
    seeded = [row for row in mine if row["is_learner"]]
    assert len(seeded) == 40
    for row in seeded:
        assert learners[row["id"]]["email"] == row["email"]
        assert learners[row["id"]]["learner_id"] == row["learner_id"]
    accepted = [row for row in seeded if row["consent_accepted"]]
    assert accepted
    assert all(learners[row["id"]]["consent"] is not None for row in accepted)
    instructors = _ids(read("instructor/"))
    assert {row["id"] for row in mine if row["is_instructor"]} <= instructors


def test_courses_have_their_members_and_activities(real_tesla: RealTesla, world: World,
                                                   read: Any) -> None:
    vles = {row["id"] for row in world["vles"]
            if row["institution_id"] == real_tesla.institution_id}
    courses = [row for row in world["courses"] if row["vle_id"] in vles]
    assert _ids(read("course/")) >= {row["id"] for row in courses}
    course = courses[0]["id"]
    assert _ids(read(f"course/{course}/learner/")) == {
        row["user_id"] for row in world["course_learners"] if row["course_id"] == course}
    assert _ids(read(f"course/{course}/instructor/")) == {
        row["user_id"] for row in world["course_instructors"] if row["course_id"] == course}
    activities = [row for row in world["activities"] if row["course_id"] == course]
    assert _ids(read(f"course/{course}/activity/")) == {row["id"] for row in activities}
    configured = read(f"course/{course}/activity/{activities[0]['id']}/instrument/")
    assert sorted(row["instrument"]["id"] for row in configured["results"]) == sorted(
        row["instrument_id"] for row in world["activity_instruments"]
        if row["activity_id"] == activities[0]["id"])


def test_an_activity_has_reports_with_detail_audits_and_requests(world: World,
                                                                  read: Any) -> None:
    report = world["reports"][0]
    activity = next(row for row in world["activities"] if row["id"] == report["activity_id"])
    path = f"course/{activity['course_id']}/activity/{activity['id']}/report/"
    assert _ids(read(path)) == {row["id"] for row in world["reports"]
                                if row["activity_id"] == activity["id"]}
    detail = read(f"{path}{report['id']}/")
    assert detail["learner"]["id"] == report["learner_id"]
    rows = [row for row in world["report_instruments"] if row["report_id"] == report["id"]]
    assert sorted((d["instrument_id"], d["result"]) for d in detail["detail"]) == sorted(
        (row["instrument_id"], float(row["result"])) for row in rows)
    assert all(sum(d["learner_histogram"]) and sum(d["activity_histogram"])
               for d in detail["detail"])
    audits = read(f"{path}{report['id']}/audit/")["results"]
    assert sorted(row["instrument"] for row in audits) == sorted(
        row["instrument_id"] for row in rows)
    requests = read(f"{path}{report['id']}/request/")["results"]
    assert {row["id"] for row in requests} == {
        row["id"] for row in world["requests"]
        if (row["learner_id"], row["activity_id"]) == (report["learner_id"], activity["id"])}
    assert all(len(row["result"]) == len(row["instruments"]) for row in requests)


def test_consent_send_groups_and_ui_options_are_seeded(real_tesla: RealTesla, world: World,
                                                       read: Any) -> None:
    current = read("ic/current/")
    assert current["version"] == "1.1.0"
    documents = read(f"ic/{current['id']}/document/")["results"]
    assert sorted(row["language"] for row in documents) == ["ca", "en", "es"]
    categories = {row["id"] for row in world["send_categories"]
                  if row["institution_id"] == real_tesla.institution_id}
    assert _ids(read("send/")) >= categories
    assignment = next(row for row in world["send_learners"] if row["category_id"] in categories)
    assert _ids(read(f"learner/{assignment['user_id']}/send/")) >= {assignment["id"]}
    group = next(row for row in world["group_courses"])
    assert group["course_id"] in _ids(read(f"group/{group['group_id']}/course/"))
    assert _ids(read("ui/")) >= {row["id"] for row in world["ui_options"]}
