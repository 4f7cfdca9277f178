"""The real server's permission matrix, row by row and in both directions, through HTTP.

Every case names an actor, a request and the status the real TeSLA CE server
answers (``apps/api/permissions.py``, OR-ed per view). Actors come from the
seeded world of institution 1: its role holders, a plain member (no flags), one
course with its instructors and learners, and a learner outside that course.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.platforms.tesla.conftest import Tesla, detail

DENIED = "You do not have permission to perform this action."
I1 = "/api/v2/institution/1"


class Seed:
    """Ids of the seeded records the matrix acts on (institution 1 unless named)."""

    def __init__(self, tesla: Tesla) -> None:
        users = tesla.state("users")
        course = tesla.course_of(1)
        self.course = course["id"]
        self.instructors = self._members(tesla, "course_instructors")
        self.learners = self._members(tesla, "course_learners")
        self.activity = tesla.activity_of(self.course)["id"]
        report = tesla.report_of(self.activity)
        self.report = report["id"]
        self.reported = report["learner_id"]
        self.other_report = next(r["id"] for r in tesla.state("reports")
                                 if r["activity_id"] == self.activity
                                 and r["learner_id"] != self.reported)
        self.audit = next(row["instrument_id"] for row in tesla.state("report_instruments")
                          if row["report_id"] == self.report)
        people = [u for u in users if u["institution_id"] == 1]
        self.by_id = {u["id"]: u for u in users}
        self.outsider = next(u["id"] for u in people
                             if u["is_learner"] and u["id"] not in self.learners)
        self.free_instructor = next(u["id"] for u in people
                                    if u["is_instructor"] and u["id"] not in self.instructors)
        self.plain = next(u["id"] for u in people if not u["is_learner"]
                          and not u["is_instructor"] and not any(
                              u[f] for f in ("inst_admin", "legal_admin", "send_admin",
                                             "data_admin")))
        self.vle = next(v["id"] for v in tesla.state("vles") if v["institution_id"] == 1)
        self.send = next(s["id"] for s in tesla.state("send_categories")
                         if s["institution_id"] == 1)
        assigned = {s["user_id"] for s in tesla.state("send_learners")}
        self.unassigned = next(u["id"] for u in people
                               if u["is_learner"] and u["id"] not in assigned)
        self.ic = next(c["id"] for c in tesla.state("informed_consents")
                       if c["institution_id"] == 1)
        self.group = next(g["id"] for g in tesla.state("groups") if g["institution_id"] == 1)
        configured = {c["instrument_id"] for c in tesla.state("activity_instruments")
                      if c["activity_id"] == self.activity}
        self.free_instrument = next(i["id"] for i in tesla.state("instruments")
                                    if i["id"] not in configured)

    def _members(self, tesla: Tesla, links: str) -> list[int]:
        return [link["user_id"] for link in tesla.state(links)
                if link["course_id"] == self.course]

    def values(self) -> dict[str, Any]:
        """Placeholders for the case paths and bodies."""
        return {"course": self.course, "activity": self.activity, "report": self.report,
                "audit": self.audit, "vle": self.vle, "send": self.send, "ic": self.ic,
                "group": self.group, "learner": self.reported, "outsider": self.outsider,
                "plain": self.plain, "unassigned": self.unassigned,
                "course_learner": self.learners[0], "course_instructor": self.instructors[0],
                "outsider_uid": self.by_id[self.outsider]["uid"],
                "free_instructor_uid": self.by_id[self.free_instructor]["uid"],
                "free_instrument": self.free_instrument}


def act_as(tesla: Tesla, seed: Seed, actor: str) -> None:
    """Log in as one of the matrix's actors."""
    if actor == "anonymous":
        tesla.anonymous()
    elif actor == "member":
        tesla.login(user_id=seed.plain)
    elif actor == "global_admin":
        tesla.login("global_admin")
    elif actor == "inst2_admin":
        tesla.login("inst_admin", institution_id=2)
    elif actor == "instructor":
        tesla.login(user_id=seed.instructors[0])
    elif actor == "learner":
        tesla.login(user_id=seed.reported)
    elif actor == "outsider":
        tesla.login(user_id=seed.outsider)
    else:
        tesla.login(actor)


def fill(template: Any, values: dict[str, Any]) -> Any:
    """A path or body with the seed's ids in place of ``{placeholders}``."""
    if isinstance(template, str):
        whole = re.fullmatch(r"\{(\w+)\}", template)
        return values[whole.group(1)] if whole else template.format(**values)
    if isinstance(template, dict):
        return {key: fill(value, values) for key, value in template.items()}
    return template


def request(tesla: Tesla, method: str, path: str, body: Any) -> Any:
    if body is None and method in ("POST", "PUT", "PATCH"):
        body = {}
    json_body = body if method in ("POST", "PUT", "PATCH") else None
    return tesla.client.request(method, path, json=json_body, headers=tesla.headers())


COURSE = I1 + "/course/{course}"
ACTIVITY = COURSE + "/activity/{activity}"
REPORT = ACTIVITY + "/report/{report}"
LEARNER_IC = I1 + "/learner/{learner}/ic/"
INST_FLAGS = {"allow_valid_audit": True}
FULL_INST = {"external_ic": False, "allow_valid_audit": True}
NEW_USER = {"username": "matrix-user", "uid": "matrix-user", "password": "p",
            "password2": "p"}
NEW_INSTRUCTOR = {"uid": "matrix-instructor", "email": "matrix-instructor@pu1.ac.nz"}
NEW_LEARNER = {"uid": "matrix-learner", "email": "matrix-learner@pu1.ac.nz"}
NEW_CONFIG = {"instrument_id": "{free_instrument}", "active": True}

# (actor, method, path, body, status)
MATRIX: list[tuple[str, str, str, Any, int]] = [
    # -- institution ----------------------------------------------------------
    ("inst_admin", "GET", I1 + "/", None, 200),
    ("inst_admin", "PUT", I1 + "/", FULL_INST, 200),
    ("inst_admin", "PATCH", I1 + "/", INST_FLAGS, 200),
    ("member", "GET", I1 + "/", None, 200),
    ("member", "PATCH", I1 + "/", INST_FLAGS, 403),
    ("member", "PUT", I1 + "/", FULL_INST, 403),
    ("global_admin", "GET", "/api/v2/institution/", None, 200),
    ("global_admin", "GET", I1 + "/", None, 200),
    ("global_admin", "GET", "/api/v2/institution/2/", None, 200),
    ("global_admin", "PATCH", I1 + "/", INST_FLAGS, 403),
    ("member", "GET", "/api/v2/institution/", None, 403),
    ("inst_admin", "GET", "/api/v2/institution/", None, 403),
    ("inst_admin", "GET", "/api/v2/institution/2/", None, 403),
    ("inst_admin", "PATCH", "/api/v2/institution/2/", INST_FLAGS, 403),
    ("member", "GET", "/api/v2/institution/2/", None, 403),
    ("learner", "GET", "/api/v2/institution/2/", None, 403),
    ("inst2_admin", "GET", I1 + "/", None, 403),
    # -- VLE ------------------------------------------------------------------
    ("inst_admin", "GET", I1 + "/vle/", None, 200),
    ("inst_admin", "POST", I1 + "/vle/", {"type": 0, "name": "Matrix VLE"}, 201),
    ("inst_admin", "PATCH", I1 + "/vle/{vle}/", {"url": "https://lms.pu1.ac.nz"}, 200),
    ("inst_admin", "DELETE", I1 + "/vle/{vle}/", None, 204),
    ("global_admin", "GET", I1 + "/vle/", None, 200),
    ("global_admin", "GET", I1 + "/vle/{vle}/", None, 200),
    ("global_admin", "POST", I1 + "/vle/", {"type": 0, "name": "Matrix VLE"}, 403),
    ("global_admin", "PATCH", I1 + "/vle/{vle}/", {"url": "https://lms.pu1.ac.nz"}, 403),
    ("member", "GET", I1 + "/vle/", None, 403),
    ("inst2_admin", "GET", I1 + "/vle/", None, 403),
    # -- course ---------------------------------------------------------------
    ("inst_admin", "GET", COURSE + "/", None, 200),
    ("data_admin", "GET", COURSE + "/", None, 200),
    ("global_admin", "GET", COURSE + "/", None, 200),
    ("instructor", "GET", COURSE + "/", None, 200),
    ("learner", "GET", COURSE + "/", None, 200),
    ("inst2_admin", "GET", I1 + "/course/", None, 403),
    # -- AllowAny views: even without credentials -----------------------------
    ("anonymous", "GET", I1 + "/group/", None, 200),
    ("anonymous", "GET", I1 + "/group/{group}/", None, 200),
    ("anonymous", "POST", I1 + "/group/", {"name": "Open to all"}, 201),
    ("anonymous", "GET", I1 + "/group/{group}/course/", None, 200),
    ("anonymous", "GET", I1 + "/ic/", None, 200),
    ("anonymous", "GET", I1 + "/ic/current/", None, 200),
    ("anonymous", "GET", I1 + "/ic/{ic}/", None, 200),
    ("anonymous", "GET", I1 + "/ic/{ic}/document/", None, 200),
    ("anonymous", "GET", I1 + "/ic/{ic}/document/en/", None, 200),
    ("anonymous", "GET", I1 + "/instrument/", None, 200),
    ("anonymous", "GET", I1 + "/instrument/1/", None, 200),
    ("member", "GET", "/api/v2/institution/2/group/", None, 200),
    ("anonymous", "GET", I1 + "/vle/", None, 403),
    ("anonymous", "GET", I1 + "/", None, 403),
    # -- UI options -----------------------------------------------------------
    ("global_admin", "GET", I1 + "/ui/", None, 200),
    ("global_admin", "POST", I1 + "/ui/", {"route": "/dashboard"}, 201),
    ("inst_admin", "GET", I1 + "/ui/", None, 200),
    ("inst_admin", "POST", I1 + "/ui/", {"route": "/dashboard"}, 201),
    ("member", "GET", I1 + "/ui/", None, 403),
    ("legal_admin", "GET", I1 + "/ui/", None, 403),
    # -- users ----------------------------------------------------------------
    ("inst_admin", "GET", I1 + "/user/", None, 200),
    ("inst_admin", "POST", I1 + "/user/", NEW_USER, 201),
    ("inst_admin", "PATCH", I1 + "/user/{plain}/", {"first_name": "Renamed"}, 200),
    ("inst_admin", "DELETE", I1 + "/user/{plain}/", None, 403),
    ("data_admin", "DELETE", I1 + "/user/{plain}/", None, 204),
    ("data_admin", "POST", I1 + "/user/", NEW_USER, 201),
    ("legal_admin", "GET", I1 + "/user/", None, 200),
    ("legal_admin", "GET", I1 + "/user/{plain}/", None, 200),
    ("legal_admin", "POST", I1 + "/user/", NEW_USER, 403),
    ("legal_admin", "DELETE", I1 + "/user/{plain}/", None, 403),
    ("global_admin", "GET", I1 + "/user/", None, 200),
    ("global_admin", "POST", I1 + "/user/", NEW_USER, 403),
    ("member", "GET", I1 + "/user/", None, 200),
    ("member", "GET", I1 + "/user/{plain}/", None, 200),
    ("member", "POST", I1 + "/user/", NEW_USER, 403),
    # -- instructors ----------------------------------------------------------
    ("inst_admin", "GET", I1 + "/instructor/", None, 200),
    ("inst_admin", "POST", I1 + "/instructor/", NEW_INSTRUCTOR, 201),
    ("inst_admin", "PATCH", I1 + "/instructor/{course_instructor}/", {"first_name": "R"}, 200),
    ("legal_admin", "GET", I1 + "/instructor/", None, 200),
    ("legal_admin", "POST", I1 + "/instructor/", NEW_INSTRUCTOR, 403),
    ("data_admin", "GET", I1 + "/instructor/", None, 200),
    ("data_admin", "POST", I1 + "/instructor/", NEW_INSTRUCTOR, 403),
    ("global_admin", "GET", I1 + "/instructor/", None, 200),
    ("global_admin", "POST", I1 + "/instructor/", NEW_INSTRUCTOR, 403),
    ("member", "GET", I1 + "/instructor/", None, 403),
    # -- learners -------------------------------------------------------------
    ("inst_admin", "GET", I1 + "/learner/", None, 200),
    ("inst_admin", "POST", I1 + "/learner/", NEW_LEARNER, 201),
    ("inst_admin", "DELETE", I1 + "/learner/{outsider}/", None, 204),
    ("legal_admin", "GET", I1 + "/learner/", None, 200),
    ("legal_admin", "POST", I1 + "/learner/", NEW_LEARNER, 403),
    ("data_admin", "GET", I1 + "/learner/{outsider}/", None, 200),
    ("data_admin", "POST", I1 + "/learner/", NEW_LEARNER, 403),
    ("global_admin", "GET", I1 + "/learner/", None, 200),
    ("global_admin", "POST", I1 + "/learner/", NEW_LEARNER, 403),
    ("member", "GET", I1 + "/learner/", None, 403),
    ("learner", "GET", I1 + "/learner/{learner}/", None, 200),
    ("learner", "GET", I1 + "/learner/{outsider}/", None, 403),
    ("learner", "GET", I1 + "/learner/", None, 403),
    ("learner", "DELETE", I1 + "/learner/{learner}/", None, 403),
    ("learner", "POST", LEARNER_IC, {"version": "2.0.0"}, 200),
    ("inst_admin", "POST", LEARNER_IC, {"version": "2.0.0"}, 403),
    ("inst_admin", "DELETE", LEARNER_IC, None, 403),
    ("outsider", "POST", LEARNER_IC, {"version": "2.0.0"}, 403),
    # -- SEND categories and learner SEND -------------------------------------
    ("inst_admin", "POST", I1 + "/send/", {"description": "Matrix"}, 201),
    ("send_admin", "GET", I1 + "/send/", None, 200),
    ("send_admin", "POST", I1 + "/send/", {"description": "Matrix"}, 201),
    ("send_admin", "PATCH", I1 + "/send/{send}/", {"description": "Renamed"}, 200),
    ("global_admin", "GET", I1 + "/send/", None, 200),
    ("global_admin", "POST", I1 + "/send/", {"description": "Matrix"}, 403),
    ("member", "GET", I1 + "/send/", None, 403),
    ("legal_admin", "GET", I1 + "/send/", None, 403),
    ("inst_admin", "POST", I1 + "/learner/{unassigned}/send/", {"category": "{send}"}, 201),
    ("send_admin", "POST", I1 + "/learner/{unassigned}/send/", {"category": "{send}"}, 201),
    ("global_admin", "GET", I1 + "/learner/{unassigned}/send/", None, 200),
    ("global_admin", "POST", I1 + "/learner/{unassigned}/send/", {"category": "{send}"}, 403),
    ("member", "GET", I1 + "/learner/{unassigned}/send/", None, 403),
    # -- course instructors and learners --------------------------------------
    ("inst_admin", "GET", COURSE + "/instructor/", None, 200),
    ("inst_admin", "POST", COURSE + "/instructor/", {"uid": "{free_instructor_uid}"}, 201),
    ("inst_admin", "POST", COURSE + "/learner/", {"uid": "{outsider_uid}"}, 201),
    ("data_admin", "GET", COURSE + "/instructor/", None, 200),
    ("data_admin", "GET", COURSE + "/learner/", None, 200),
    ("data_admin", "POST", COURSE + "/learner/", {"uid": "{outsider_uid}"}, 403),
    ("legal_admin", "GET", COURSE + "/instructor/", None, 200),
    ("legal_admin", "GET", COURSE + "/learner/", None, 403),
    ("instructor", "GET", COURSE + "/learner/", None, 200),
    ("instructor", "POST", COURSE + "/learner/", {"uid": "{outsider_uid}"}, 201),
    ("instructor", "POST", COURSE + "/instructor/", {"uid": "{free_instructor_uid}"}, 201),
    ("instructor", "DELETE", COURSE + "/learner/{course_learner}/", None, 204),
    ("learner", "GET", COURSE + "/instructor/", None, 200),
    ("learner", "GET", COURSE + "/learner/", None, 200),
    ("learner", "POST", COURSE + "/learner/", {"uid": "{outsider_uid}"}, 403),
    ("learner", "POST", COURSE + "/instructor/", {"uid": "{free_instructor_uid}"}, 403),
    ("outsider", "GET", COURSE + "/learner/", None, 403),
    ("global_admin", "GET", COURSE + "/learner/", None, 200),
    ("global_admin", "POST", COURSE + "/learner/", {"uid": "{outsider_uid}"}, 403),
    # -- activities and their instruments -------------------------------------
    ("inst_admin", "GET", ACTIVITY + "/", None, 200),
    ("inst_admin", "PATCH", ACTIVITY + "/", {"enabled": False}, 200),
    ("instructor", "PATCH", ACTIVITY + "/", {"enabled": False}, 200),
    ("instructor", "POST", ACTIVITY + "/instrument/", NEW_CONFIG, 201),
    ("learner", "GET", COURSE + "/activity/", None, 200),
    ("learner", "GET", ACTIVITY + "/instrument/", None, 200),
    ("learner", "PATCH", ACTIVITY + "/", {"enabled": False}, 403),
    ("learner", "POST", ACTIVITY + "/instrument/", NEW_CONFIG, 403),
    ("global_admin", "GET", ACTIVITY + "/instrument/", None, 200),
    ("global_admin", "PATCH", ACTIVITY + "/", {"enabled": False}, 403),
    ("outsider", "GET", ACTIVITY + "/", None, 403),
    ("member", "GET", ACTIVITY + "/", None, 403),
    # -- reports, audits and report requests ----------------------------------
    ("inst_admin", "GET", ACTIVITY + "/report/", None, 200),
    ("data_admin", "GET", REPORT + "/", None, 200),
    ("instructor", "GET", REPORT + "/", None, 200),
    ("global_admin", "GET", ACTIVITY + "/report/", None, 200),
    ("learner", "GET", REPORT + "/", None, 200),
    ("legal_admin", "GET", ACTIVITY + "/report/", None, 403),
    ("outsider", "GET", ACTIVITY + "/report/", None, 403),
    ("inst_admin", "GET", REPORT + "/audit/", None, 200),
    ("data_admin", "GET", REPORT + "/audit/{audit}/", None, 200),
    ("instructor", "GET", REPORT + "/audit/", None, 200),
    ("learner", "GET", REPORT + "/audit/{audit}/", None, 200),
    ("member", "GET", REPORT + "/audit/", None, 403),
    ("inst_admin", "GET", REPORT + "/request/", None, 200),
    ("instructor", "GET", REPORT + "/request/", None, 200),
    ("global_admin", "GET", REPORT + "/request/", None, 200),
    ("learner", "GET", REPORT + "/request/", None, 403),
    ("data_admin", "GET", REPORT + "/request/", None, 403),
]


@pytest.mark.parametrize(("actor", "method", "path", "body", "status"), MATRIX,
                         ids=[f"{a} {m} {p.removeprefix('/api/v2/institution')} -> {s}"
                              for a, m, p, _, s in MATRIX])
def test_permission_matrix(tesla: Tesla, actor: str, method: str, path: str, body: Any,
                           status: int):
    seed = Seed(tesla)
    values = seed.values()
    act_as(tesla, seed, actor)
    response = request(tesla, method, fill(path, values), fill(body, values))
    assert response.status_code == status, response.text
    if status == 403:
        assert response.json() == {"detail": DENIED}


@pytest.mark.parametrize(("actor", "method", "path"), [
    ("inst_admin", "POST", "/api/v2/institution/"),
    ("global_admin", "POST", "/api/v2/institution/"),
    ("inst_admin", "DELETE", I1 + "/"),
    ("global_admin", "DELETE", I1 + "/"),
])
def test_institutions_cannot_be_created_or_deleted(tesla: Tesla, actor: str, method: str,
                                                   path: str):
    act_as(tesla, Seed(tesla), actor)
    response = request(tesla, method, path, {"external_ic": False} if method == "POST" else None)
    detail(response, 405, f'Method "{method}" not allowed.')


# -- querysets: who sees which records ------------------------------------------

def ids_of(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["results"]]


def courses_of(tesla: Tesla, user_id: int) -> set[int]:
    return {link["course_id"] for links in ("course_learners", "course_instructors")
            for link in tesla.state(links) if link["user_id"] == user_id}


def institution_courses(tesla: Tesla, institution_id: int) -> set[int]:
    vles = {v["id"] for v in tesla.state("vles") if v["institution_id"] == institution_id}
    return {c["id"] for c in tesla.state("courses") if c["vle_id"] in vles}


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


# -- reports and audits: the institution decides what learners see ---------------

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
