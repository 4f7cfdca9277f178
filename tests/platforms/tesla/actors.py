"""The seeded actors and records the permission and visibility tests act on, in TeSLA
institution 1: its role holders, a plain member (no flags), one course with its instructors
and learners, and a learner outside that course."""

from __future__ import annotations

from typing import Any

from tests.platforms.tesla.conftest import Tesla

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


def ids_of(response: Any) -> list[int]:
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["results"]]


def courses_of(tesla: Tesla, user_id: int) -> set[int]:
    return {link["course_id"] for links in ("course_learners", "course_instructors")
            for link in tesla.state(links) if link["user_id"] == user_id}


def institution_courses(tesla: Tesla, institution_id: int) -> set[int]:
    vles = {v["id"] for v in tesla.state("vles") if v["institution_id"] == institution_id}
    return {c["id"] for c in tesla.state("courses") if c["vle_id"] in vles}
