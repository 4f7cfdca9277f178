"""Read-only scenarios: discover the institution's seeded data by listing it (every page
walked), read each resource group's records, search, order and filter, and see another
institution's data and an undeclared method refused. They send GETs only, so a
``--read-only`` run plays them whole."""

from __future__ import annotations

from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.tesla.probe.common import (
    API,
    NOT_FOUND,
    PERMISSION_DENIED,
    base,
    get,
    institution,
    known,
    listed,
    other_institution,
    walk,
)

FLAT = ("vle", "course", "group", "ic", "instrument", "ui", "user", "instructor", "learner",
        "send")
"""The institution's own collections, keyed ``institution/<name>`` in :func:`known`."""
SCANNED = 8
"""How many records a search for nested data looks at."""


def _first(probe: ProbeClient, key: str, path: str, rows: list[Any]) -> Any:
    """Read the first row back by id; remember its id under ``key``."""
    if not rows:
        return None
    row = rows[0]
    read = get(probe, f"read one {key}", f"{path}{row['id']}/")
    probe.expect(read.get("id") == row["id"], f"read one {key}",
                 f"asked for {row['id']}, got {read.get('id')}")
    known(probe)[key] = row["id"]
    return row


def discover(probe: ProbeClient) -> None:
    """The institution, every collection of it walked page by page, one record of each read
    back by id."""
    own = get(probe, "read the institution", base(probe))
    probe.expect(str(own["id"]) == institution(probe), "read the institution",
                 f"asked for institution {institution(probe)}, got {own['id']}")
    known(probe)["institution"] = own
    everyone = probe.call("list institutions", "GET", API)
    probe.expect_status(everyone, (200, 403), "list institutions")
    if everyone.status_code == 403:
        probe.expect(everyone.json() == PERMISSION_DENIED, "list institutions",
                     "only a global administrator lists institutions: "
                     f"{everyone.text[:120]}")
    for name in FLAT:
        path = f"{base(probe)}{name}/"
        _, rows = walk(probe, f"walk {name}", path)
        known(probe)[f"rows/{name}"] = rows
        _first(probe, f"institution/{name}", path, rows)


def _nested(probe: ProbeClient, parent: str, child: str, ids: list[Any]) -> Any:
    """The first of ``ids`` whose ``child`` list has rows: (parent id, rows)."""
    for some in ids[:SCANNED]:
        rows = listed(probe, f"list {parent} {some} {child}",
                      f"{parent}{some}/{child}/")
        if rows:
            return some, rows
    return None, []


def courses(probe: ProbeClient) -> None:
    """A course with an activity that has reports: its members, activities, activity
    instruments, reports, report requests and audits, each listed and one read."""
    course_ids = [row["id"] for row in known(probe).get("rows/course", [])]
    found: tuple[Any, Any, list[Any]] | None = None
    for course in course_ids[:SCANNED]:
        course_path = f"{base(probe)}course/{course}/"
        for activity in listed(probe, f"list course {course} activities",
                               f"{course_path}activity/")[:SCANNED]:
            reports = listed(probe, f"list activity {activity['id']} reports",
                             f"{course_path}activity/{activity['id']}/report/")
            if reports:
                found = course, activity["id"], reports
                break
        if found:
            break
    probe.require(found is not None, "find a report", "no activity of the first courses has "
                  "a report, so reports, audits and requests cannot be read")
    assert found is not None
    course, activity, reports = found
    ids = known(probe)
    ids["institution/course"] = course
    course_path = f"{base(probe)}course/{course}/"
    for member in ("learner", "instructor"):
        _, rows = walk(probe, f"walk course {member}s", f"{course_path}{member}/")
        _first(probe, f"course/{member}", f"{course_path}{member}/", rows)
    walk(probe, "walk activities", f"{course_path}activity/")
    ids["course/activity"] = activity
    get(probe, "read the activity", f"{course_path}activity/{activity}/")
    activity_path = f"{course_path}activity/{activity}/"
    _, rows = walk(probe, "walk activity instruments", f"{activity_path}instrument/")
    _first(probe, "activity/instrument", f"{activity_path}instrument/", rows)
    ids["rows/activity/instrument"] = rows
    _, rows = walk(probe, "walk reports", f"{activity_path}report/")
    report = _first(probe, "activity/report", f"{activity_path}report/", rows)
    report_path = f"{activity_path}report/{report['id']}/"
    _, rows = walk(probe, "walk report requests", f"{report_path}request/")
    _first(probe, "report/request", f"{report_path}request/", rows)
    _, audits = walk(probe, "walk audits", f"{report_path}audit/")
    if audits:
        ids["report/audit"] = audits[0]["instrument"]
        read = get(probe, "read one audit", f"{report_path}audit/{audits[0]['instrument']}/")
        probe.expect(read.get("instrument") == audits[0]["instrument"], "read one audit",
                     f"read audit {read}")
    level = reports[0]["identity_level"]
    filtered = listed(probe, "filter reports by level", f"{activity_path}report/",
                      identity_level__gte=level)
    probe.expect(all(r["identity_level"] >= level for r in filtered), "filter reports by level",
                 f"identity_level__gte={level} lists lower levels")
    probe.expect(any(r["id"] == reports[0]["id"] for r in filtered), "filter reports by level",
                 "a report of that level is not found by its level")


def people(probe: ProbeClient) -> None:
    """Learners found by search, filter and ordering; a learner's SEND assignments and
    enrolment; users filtered by role (and an unknown role refused); a group's courses; the
    current consent and its documents."""
    ids = known(probe)
    learners = ids.get("rows/learner", [])
    probe.require(bool(learners), "learners", "the institution has no learners to read")
    first = learners[0]
    found = listed(probe, "search learners", f"{base(probe)}learner/", search=first["uid"])
    probe.expect(first["id"] in [r["id"] for r in found], "search learners",
                 f"searching for {first['uid']} does not find learner {first['id']}")
    exact = listed(probe, "filter learners by e-mail", f"{base(probe)}learner/",
                   email=first["email"])
    probe.expect([r["id"] for r in exact] == [first["id"]], "filter learners by e-mail",
                 f"filtering by {first['email']} found {[r['id'] for r in exact]}")
    ordered = [r["id"] for r in listed(probe, "order learners", f"{base(probe)}learner/",
                                       ordering="-id")]
    probe.expect(ordered == sorted(ordered, reverse=True), "order learners",
                 f"ordering=-id gave {ordered}")
    learner, assigned = _nested(probe, f"{base(probe)}learner/", "send",
                                [r["id"] for r in learners])
    ids["institution/learner"] = learner if learner is not None else first["id"]
    if assigned:
        ids["learner/send"] = assigned[0]["id"]
        get(probe, "read one SEND assignment",
            f"{base(probe)}learner/{learner}/send/{assigned[0]['id']}/")
    enrolment = get(probe, "read an enrolment",
                    f"{base(probe)}learner/{ids['institution/learner']}/enrolment/")
    probe.expect(isinstance(enrolment, list), "read an enrolment",
                 "an enrolment is a plain list of per-instrument states")
    users = listed(probe, "filter users by role", f"{base(probe)}user/", roles="LEARNER")
    probe.expect(bool(users), "filter users by role", "no user has the LEARNER role")
    refused = probe.call("filter users by an unknown role", "GET", f"{base(probe)}user/",
                         params={"roles": "PILOT"}, invalid=True)
    if probe.expect_status(refused, 400, "filter users by an unknown role"):
        probe.expect(refused.json() == {"roles": [
            "Select a valid choice. PILOT is not one of the available choices."]},
            "filter users by an unknown role", f"400 body {refused.text[:160]}")
    group, linked = _nested(probe, f"{base(probe)}group/", "course",
                            [r["id"] for r in ids.get("rows/group", [])])
    if linked:
        ids["institution/group"], ids["group/course"] = group, linked[0]["id"]
        get(probe, "read a group's course", f"{base(probe)}group/{group}/course/"
                                            f"{linked[0]['id']}/")
    current = get(probe, "read the current consent", f"{base(probe)}ic/current/")
    ids["institution/ic"] = current["id"]
    _, documents = walk(probe, "walk consent documents",
                        f"{base(probe)}ic/{current['id']}/document/")
    if documents:
        ids["ic/document"] = documents[0]["language"]
        get(probe, "read one consent document",
            f"{base(probe)}ic/{current['id']}/document/{documents[0]['language']}/")


def boundaries(probe: ProbeClient) -> None:
    """Another institution's URLs are refused (403), its records under our URL are not
    found (404), and a method the learner's consent action lacks is 403 to an administrator
    (the view's permissions run first), with ``Allow``."""
    other = other_institution(probe)
    step = "list another institution's learners"
    response = probe.call(step, "GET", f"{API}{other}/learner/")
    if probe.expect_status(response, 403, step):
        probe.expect(response.json() == PERMISSION_DENIED, step, response.text[:120])
    theirs = listed(probe, "list another institution's groups", f"{API}{other}/group/")
    if theirs:
        step = "read another institution's group under ours"
        response = probe.call(step, "GET", f"{base(probe)}group/{theirs[0]['id']}/")
        if probe.expect_status(response, 404, step):
            probe.expect(response.json() == NOT_FOUND, step, response.text[:120])
    learner = known(probe).get("institution/learner")
    if learner is not None:  # the learner's own action: permissions refuse before the method
        step = "GET a learner's consent"
        response = probe.call(step, "GET", f"{base(probe)}learner/{learner}/ic/",
                              invalid=True)
        if probe.expect_status(response, 403, step):
            allow = {m.strip() for m in response.headers.get("allow", "").split(",")}
            probe.expect({"POST", "DELETE"} <= allow, step, f"Allow is {allow}")
            probe.expect(response.json() == PERMISSION_DENIED, step, response.text[:120])
