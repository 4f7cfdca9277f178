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

from tests.platforms.tesla.actors import DENIED, I1, Seed
from tests.platforms.tesla.conftest import Tesla, detail


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


@pytest.mark.parametrize(("actor", "method", "path", "status"), [
    ("inst_admin", "POST", "/api/v2/institution/", 403),
    ("global_admin", "POST", "/api/v2/institution/", 403),
    ("inst_admin", "DELETE", I1 + "/", 405),
    ("global_admin", "DELETE", I1 + "/", 403),
])
def test_institutions_cannot_be_created_or_deleted(tesla: Tesla, actor: str, method: str,
                                                   path: str, status: int):
    # The views' permissions run first: only a caller they let through learns the method is
    # not there (upstream: the list needs a global admin, who only reads).
    act_as(tesla, Seed(tesla), actor)
    response = request(tesla, method, path, {"external_ic": False} if method == "POST" else None)
    detail(response, status, DENIED if status == 403 else f'Method "{method}" not allowed.')
