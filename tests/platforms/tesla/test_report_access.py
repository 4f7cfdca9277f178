"""Reports and audits: the institution decides what learners see (``allow_learner_report``,
``allow_learner_audit``), and a learner sees only their own reports."""

from __future__ import annotations

from tests.platforms.tesla.actors import I1, Seed, ids_of, institution_courses
from tests.platforms.tesla.conftest import Tesla, detail


def test_a_learner_lists_only_their_own_reports(tesla: Tesla):
    seed = Seed(tesla)
    reports = f"{I1}/course/{seed.course}/activity/{seed.activity}/report/"
    tesla.login("inst_admin")
    assert len(ids_of(tesla.get(reports, limit=100))) > 1
    tesla.login(user_id=seed.reported)
    listed = tesla.get(reports, limit=100).json()["results"]
    assert [r["learner"]["id"] for r in listed] == [seed.reported]
    detail(tesla.get(f"{reports}{seed.other_report}/"), 404, "Not found.")


def institution_2_learner_with_report(tesla: Tesla) -> tuple[int, int, int, int]:
    """(learner, course, activity, report) of a report in institution 2."""
    courses = institution_courses(tesla, 2)
    activities = {a["id"]: a["course_id"] for a in tesla.state("activities")
                  if a["course_id"] in courses}
    report = next(r for r in tesla.state("reports") if r["activity_id"] in activities)
    return (report["learner_id"], activities[report["activity_id"]], report["activity_id"],
            report["id"])


def test_learners_may_not_read_reports_where_the_institution_does_not_allow_it(tesla: Tesla):
    institutions = {i["id"]: i for i in tesla.state("institutions")}
    assert institutions[1]["allow_learner_report"] is True
    assert institutions[2]["allow_learner_report"] is False
    learner, course, activity, report = institution_2_learner_with_report(tesla)
    base = f"/api/v2/institution/2/course/{course}/activity/{activity}/report/"
    tesla.login(user_id=learner)
    detail(tesla.get(base), 403, "Not allowed")
    detail(tesla.get(f"{base}{report}/"), 403, "Not allowed")
    detail(tesla.get(f"{base}{report}/audit/"), 403, "Not allowed")
    tesla.login("inst_admin", institution_id=2)
    assert tesla.get(base).status_code == 200


def test_learner_audits_also_need_allow_learner_audit(tesla: Tesla):
    seed = Seed(tesla)
    report = f"{I1}/course/{seed.course}/activity/{seed.activity}/report/{seed.report}/"
    tesla.login(user_id=seed.reported)
    assert tesla.get(f"{report}audit/").status_code == 200
    tesla.login("inst_admin")
    assert tesla.patch(f"{I1}/", {"allow_learner_audit": False}).status_code == 200
    tesla.login(user_id=seed.reported)
    assert tesla.get(report).status_code == 200
    detail(tesla.get(f"{report}audit/"), 403, "Not allowed")
    detail(tesla.get(f"{report}audit/{seed.audit}/"), 403, "Not allowed")
    tesla.login(user_id=seed.instructors[0])
    assert tesla.get(f"{report}audit/").status_code == 200


def test_turning_allow_learner_report_off_closes_reports_to_learners(tesla: Tesla):
    seed = Seed(tesla)
    reports = f"{I1}/course/{seed.course}/activity/{seed.activity}/report/"
    tesla.login("inst_admin")
    assert tesla.patch(f"{I1}/", {"allow_learner_report": False}).status_code == 200
    tesla.login(user_id=seed.reported)
    detail(tesla.get(reports), 403, "Not allowed")
    tesla.login(user_id=seed.instructors[0])
    assert tesla.get(reports).status_code == 200
