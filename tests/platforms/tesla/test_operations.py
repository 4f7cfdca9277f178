"""Every operation of the seed exists in the spec and answers through HTTP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from edumock.contract.loader import load_spec
from edumock.contract.operations import HTTP_METHODS
from edumock.settings import specs_dir
from tests.platforms.tesla.conftest import Tesla

SEED_OPERATIONS = Path(__file__).resolve().parents[2] / "data" / "tesla_operations.txt"


def seed_operations() -> list[tuple[str, str]]:
    lines = SEED_OPERATIONS.read_text(encoding="utf-8").splitlines()
    return [(line.split()[0], line.split()[1]) for line in lines if line.strip()]


def test_the_spec_declares_exactly_the_seeds_operations():
    spec = load_spec(specs_dir() / "tesla.yaml")
    declared = {(method.upper(), path) for path, item in spec["paths"].items()
                for method in item if method in HTTP_METHODS}
    seed = set(seed_operations())
    assert len(seed) == 108
    login = {(method, path) for method, path in declared if path.startswith("/api/v2/auth/")}
    assert declared - login == seed
    assert login == {(m, p) for m in ("GET", "POST")
                     for p in ("/api/v2/auth/login", "/api/v2/auth/token/refresh")}


class World:
    """Ids of seeded records of institution 1 that the operations act on."""

    def __init__(self, tesla: Tesla) -> None:
        self.tesla = tesla
        course = tesla.course_of(1)
        activity = tesla.activity_of(course["id"])
        report = tesla.report_of(activity["id"])
        learner = next(u for u in tesla.learners(1) if any(
            s["user_id"] == u["id"] for s in tesla.state("send_learners")))
        member = lambda links: next(  # noqa: E731
            link["user_id"] for link in tesla.state(links) if link["course_id"] == course["id"])
        self.ids: dict[str, Any] = {
            "institution_id": 1,
            "vle": next(v["id"] for v in tesla.state("vles") if v["institution_id"] == 1),
            "course": course["id"], "activity": activity["id"], "report": report["id"],
            "group": next(g["id"] for g in tesla.state("groups") if g["institution_id"] == 1),
            "ic": next(c["id"] for c in tesla.state("informed_consents")
                       if c["institution_id"] == 1),
            "instrument": 1,
            "user": next(u["id"] for u in tesla.state("users") if u["institution_id"] == 1
                         and not u["is_learner"] and not u["is_instructor"]
                         and not u["inst_admin"]),
            "instructor": next(u["id"] for u in tesla.state("users")
                               if u["institution_id"] == 1 and u["is_instructor"]),
            "learner": learner["id"],
            "send": next(s["id"] for s in tesla.state("send_categories")
                         if s["institution_id"] == 1),
            "learner_send": next(s["id"] for s in tesla.state("send_learners")
                                 if s["user_id"] == learner["id"]),
            "course_instructor": member("course_instructors"),
            "course_learner": member("course_learners"),
            "activity_instrument": next(a["id"] for a in tesla.state("activity_instruments")
                                        if a["activity_id"] == activity["id"]),
            "request": next(r["id"] for r in tesla.state("requests")
                            if r["activity_id"] == activity["id"]
                            and r["learner_id"] == report["learner_id"]),
            "audit": next(r["instrument_id"] for r in tesla.state("report_instruments")
                          if r["report_id"] == report["id"]),
        }
        self.learner = learner
        self.group_course = next(
            link["course_id"] for link in tesla.state("group_courses")
            if link["group_id"] == self.ids["group"])

    def concrete(self, template: str) -> str:
        """The seed's path with real ids of institution 1's records."""
        ids = self.ids
        by_segment = {"vle": ids["vle"], "group": ids["group"], "ic": ids["ic"],
                      "instrument": ids["instrument"], "user": ids["user"],
                      "instructor": ids["instructor"], "learner": ids["learner"],
                      "send": ids["send"], "activity": ids["activity"], "report": ids["report"],
                      "request": ids["request"], "audit": ids["audit"], "ui": None,
                      "course": ids["course"], "document": "en"}
        parts = template.strip("/").split("/")
        out = []
        for index, part in enumerate(parts):
            if not part.startswith("{"):
                out.append(part)
                continue
            parent = parts[index - 1]
            if parent == "institution":
                out.append("1")
            elif parent == "course" and parts[index - 3:index - 1] == ["group", parts[index - 2]]:
                out.append(str(self.group_course))
            elif parent == "instructor" and "course" in parts[:index - 1]:
                out.append(str(ids["course_instructor"]))
            elif parent == "learner" and "course" in parts[:index - 1]:
                out.append(str(ids["course_learner"]))
            elif parent == "send" and "learner" in parts[:index - 1]:
                out.append(str(ids["learner_send"]))
            elif parent == "instrument" and "activity" in parts[:index - 1]:
                out.append(str(ids["activity_instrument"]))
            else:
                out.append(str(by_segment[parent]))
        return "/" + "/".join(out) + "/"


BODIES: dict[str, dict[str, Any]] = {
    "institution": {"allow_learner_report": True},
    "vle": {"type": 0, "name": "Brightspace sandbox"},
    "group": {"name": "Evening cohort", "description": "Part-time learners"},
    "ic": {"version": "3.0.0", "valid_from": "2026-01-01T00:00:00Z"},
    "document": {"language": "mi", "html": "<p>Whakaaetanga</p>"},
    "ui": {"route": "/institution/reports", "enabled": False},
    "user": {"username": "ops-user", "uid": "ops-user", "email": "ops-user@pu1.ac.nz",
             "password": "s3cret", "password2": "s3cret"},
    "instructor": {"uid": "ops-instructor", "email": "ops-instructor@pu1.ac.nz",
                   "first_name": "Hemi", "last_name": "Walker"},
    "learner": {"uid": "ops-learner", "email": "ops-learner@pu1.ac.nz",
                "first_name": "Aroha", "last_name": "Ngata"},
    "send": {"description": "Hearing support",
             "data": {"enabled_options": ["text_to_speech"], "disabled_instruments": [3]}},
    "activity": {"enabled": True, "conf": "{}"},
    "activity_instrument": {"instrument_id": 6, "active": True},
}


def body_for(world: World, method: str, template: str, tesla: Tesla) -> Any:
    """A valid body for the operation (each write gets its own, tied to the resource)."""
    segments = [s for s in template.strip("/").split("/") if not s.startswith("{")]
    leaf = segments[-1] if segments else ""
    if leaf == "ic" and "learner" in segments:
        return {"version": "1.1.0"}
    if "group" in segments and leaf == "course":
        free = next(c["id"] for c in tesla.state("courses") if c["id"] != world.group_course)
        return {"id": free if method == "POST" else world.group_course}
    if "course" in segments and leaf in ("instructor", "learner"):
        kind = "is_instructor" if leaf == "instructor" else "is_learner"
        links = "course_instructors" if leaf == "instructor" else "course_learners"
        taken = {link["user_id"] for link in tesla.state(links)
                 if link["course_id"] == world.ids["course"]}
        free = next(u for u in tesla.state("users") if u["institution_id"] == 1
                    and u.get(kind) and u["id"] not in taken)
        return {"uid": free["uid"]}
    if "learner" in segments and leaf == "send":
        assigned = {a["category_id"] for a in tesla.state("send_learners")
                    if a["user_id"] == world.learner["id"]}
        other = next(s["id"] for s in tesla.state("send_categories") if s["institution_id"] == 1
                     and s["id"] not in assigned)
        return {"category": other}
    if "activity" in segments and leaf == "instrument":
        return BODIES["activity_instrument"]
    return BODIES[leaf]


def expected_status(method: str, template: str) -> int:
    if template.endswith("/ic/") and "learner" in template:
        return 200
    return {"GET": 200, "POST": 201, "PUT": 200, "PATCH": 200, "DELETE": 204}[method]


def actor_for(tesla: Tesla, world: World, method: str, template: str) -> None:
    if template == "/api/v2/institution/":
        tesla.login("global_admin")
    elif template.endswith("/ic/") and "learner" in template:
        tesla.login(user_id=world.learner["id"])
    elif method == "DELETE" and template.endswith("/user/{id}/"):
        tesla.login("data_admin")  # institution administrators may not delete users
    else:
        tesla.login("inst_admin")


@pytest.mark.parametrize(("method", "template"), seed_operations(),
                         ids=[f"{m} {p}" for m, p in seed_operations()])
def test_every_seed_operation_answers(tesla: Tesla, method: str, template: str):
    world = World(tesla)
    path = world.concrete(template)
    if "/ui/" in template and template.endswith("{id}/"):
        tesla.login("inst_admin")
        created = tesla.post("/api/v2/institution/1/ui/", BODIES["ui"])
        assert created.status_code == 201, created.text
        path = path.replace("/ui/None/", f"/ui/{created.json()['id']}/")
    actor_for(tesla, world, method, template)
    if template.endswith("/ic/") and "learner" in template and method == "DELETE" and (
            world.learner.get("consent_rejected") or not world.learner.get("consent_id")):
        assert tesla.post(path, {"version": "1.1.0"}).status_code == 200  # something to reject
    body = body_for(world, method, template, tesla) if method in ("POST", "PUT", "PATCH") else None
    response = tesla.client.request(method, path, json=body, headers=tesla.headers())
    assert response.status_code == expected_status(method, template), response.text
    if response.status_code == 204:
        assert response.content == b""
    elif template.endswith("/enrolment/"):
        assert isinstance(response.json(), list)
    elif method == "GET" and template.endswith("/") and not template.endswith("}/") \
            and not template.endswith("/current/"):
        page = response.json()
        assert set(page) == {"count", "next", "previous", "results"} and page["count"] >= 1
    else:
        assert isinstance(response.json(), dict) and "id" in response.json()
