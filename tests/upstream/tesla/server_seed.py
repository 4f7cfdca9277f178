"""The seeding that runs inside the real server's Django: edumock's world onto its models.

Not imported by the suite (it needs the server's venv): ``seed.py`` hands this file's text
to ``python -m tesla_ce.manage shell -c`` with a call to :func:`main` appended. It reads the
JSON file named by ``SEED_INPUT`` (the credentials and ``world.tesla_world()``) and writes
what was made to ``SEED_OUTPUT``. Every record keeps edumock's id, so an id read from one
server names the same record on the other. Facts it depends on (tesla-ce 1.0.10):

- ``from tesla_ce.models import *`` misses some models: they are imported by name.
- The SEND serializer reads the instrument list when it is imported, so instruments exist
  before ``runserver`` starts.
- Report detail answers 500 unless each instrument has a provider (thresholds, polarity), an
  activity histogram and, per learner, a learner histogram with at least one count: each
  instrument gets edumock's provider, the histograms count the seeded report results.
- Users cannot exist without a password: the seeded people get an unusable one (a leading
  ``!``), only the two administrators can log in. An institution user logs in with
  ``/api/v2/auth/login`` only with ``login_allowed=True``; a global admin is a superuser.
- Learners, instructors and users are multi-table models (``auth_user`` →
  ``InstitutionUser`` → ``Learner``), which ``bulk_create`` refuses: they are saved one by
  one; everything else goes in bulk, in one transaction.
- ``Activity`` is unique on (VLE, type, VLE activity id), which edumock's world does not
  keep (each course numbers its activities from 100): the real ``vle_activity_id`` is
  ``99 + id``, the same as edumock's for the first course.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from tesla_ce.models import (
    VLE,
    Activity,
    ActivityInstrument,
    AssessmentSession,
    Course,
    CourseGroup,
    Enrolment,
    HistogramActivityInstrument,
    HistogramLearnerInstrument,
    InformedConsent,
    InformedConsentDocument,
    Institution,
    InstitutionUser,
    Instructor,
    Instrument,
    Learner,
    Provider,
    ReportActivity,
    ReportActivityInstrument,
    Request,
    RequestResult,
    SENDCategory,
    SENDLearner,
    UIOption,
)

UNUSABLE = "!edumock-seeded"
"""A password hash Django reads as unusable (``!`` first): the seeded people cannot log in."""
INSTITUTION_FIELDS = ("acronym", "name", "external_ic", "mail_domain",
                      "disable_vle_learner_creation", "disable_vle_instructor_creation",
                      "disable_vle_user_creation", "allow_learner_report", "allow_learner_audit",
                      "allow_valid_audit")
ROLE_FIELDS = ("inst_admin", "legal_admin", "send_admin", "data_admin")


def when(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text.replace("Z", "+00:00"))


def pick(record: dict[str, Any], *names: str) -> dict[str, Any]:
    return {name: record[name] for name in names}


def catalogue(world: dict[str, list[dict[str, Any]]]) -> dict[int, Provider]:
    """The instruments, each with edumock's provider (its thresholds and polarity); the
    providers by instrument id."""
    providers = {}
    seeded = {row["instrument_id"]: row for row in world["providers"]}
    for described in world["instruments"]:
        fields = pick(described, "name", "acronym", "queue", "requires_enrolment", "identity",
                      "originality", "authorship", "integrity", "enabled", "options_schema",
                      "description")
        instrument = Instrument.objects.create(id=described["id"], **fields)
        provider = seeded[instrument.id]
        providers[instrument.id] = Provider.objects.create(
            id=provider["id"], instrument=instrument, queue=f"{instrument.queue}_provider",
            version="1.0.0", image=f"teslace/provider-{instrument.acronym}",
            allow_validation=True, **pick(provider, "acronym", "name", "enabled",
                                          "inverted_polarity"),
            **{name: Decimal(str(provider[name])) for name in ("alert_below", "warning_below")})
    return providers


def institutions(world: dict[str, list[dict[str, Any]]]) -> None:
    Institution.objects.bulk_create([
        Institution(id=row["id"], **pick(row, *INSTITUTION_FIELDS))
        for row in world["institutions"]])
    InformedConsent.objects.bulk_create([
        InformedConsent(id=row["id"], institution_id=row["institution_id"],
                        version=row["version"], valid_from=when(row["valid_from"]))
        for row in world["informed_consents"]])
    InformedConsentDocument.objects.bulk_create([
        InformedConsentDocument(id=row["id"], consent_id=row["consent_id"],
                                language=row["language"], html=row["html"], pdf=None)
        for row in world["informed_consent_documents"]])
    SENDCategory.objects.bulk_create([
        SENDCategory(id=row["id"], institution_id=row["institution_id"],
                     description=row["description"], data=json.dumps(row["data"]))
        for row in world["send_categories"]])


def people(world: dict[str, list[dict[str, Any]]], seed: dict[str, Any]) -> None:
    """The global administrator (edumock's keeps its id, ours its credentials), then every
    institution's people by kind."""
    for row in world["users"]:
        if row["institution_id"] is None:
            User.objects.create_superuser(id=row["id"], username="root",
                                          email=seed["global_admin_email"],
                                          password=seed["global_admin_password"],
                                          first_name=row["first_name"],
                                          last_name=row["last_name"])
            continue
        fields = {**pick(row, "username", "email", "uid", "first_name", "last_name", "locale",
                         "login_allowed", "institution_id", *ROLE_FIELDS),
                  "id": row["id"], "password": UNUSABLE}
        if row["is_learner"]:
            person: InstitutionUser = Learner(
                **fields, learner_id=row["learner_id"], consent_id=row["consent_id"],
                consent_accepted=when(row["consent_accepted"]),
                consent_rejected=when(row["consent_rejected"]))
        elif row["is_instructor"]:
            person = Instructor(**fields)
        else:
            person = InstitutionUser(**fields)
        person.save()


def login_admin(world: dict[str, list[dict[str, Any]]], seed: dict[str, Any]) -> InstitutionUser:
    """The institution and data administrator who logs in: one user after edumock's."""
    admin = InstitutionUser(id=max(row["id"] for row in world["users"]) + 1,
                            username=seed["admin_email"], email=seed["admin_email"],
                            uid=seed["admin_email"], first_name="Institution", last_name="Admin",
                            institution_id=world["institutions"][0]["id"], inst_admin=True,
                            data_admin=True, login_allowed=True,
                            password=make_password(seed["admin_password"]))
    admin.save()
    return admin


def courses(world: dict[str, list[dict[str, Any]]]) -> None:
    VLE.objects.bulk_create([
        VLE(id=row["id"], **pick(row, "institution_id", "type", "name", "url", "lti",
                                 "client_id"))
        for row in world["vles"]])
    Course.objects.bulk_create([
        Course(id=row["id"], **pick(row, "vle_id", "vle_course_id", "code", "description"),
               start=when(row["start"]), end=when(row["end"]))
        for row in world["courses"]])
    Course.learners.through.objects.bulk_create([
        Course.learners.through(course_id=row["course_id"], learner_id=row["user_id"])
        for row in world["course_learners"]])
    Course.instructors.through.objects.bulk_create([
        Course.instructors.through(course_id=row["course_id"], instructor_id=row["user_id"])
        for row in world["course_instructors"]])
    Activity.objects.bulk_create([
        Activity(id=row["id"], vle_activity_id=str(99 + row["id"]),
                 **pick(row, "vle_id", "course_id", "vle_activity_type", "name", "description",
                        "enabled", "conf"),
                 start=when(row["start"]), end=when(row["end"]))
        for row in world["activities"]])
    ActivityInstrument.objects.bulk_create([
        ActivityInstrument(id=row["id"], **pick(row, "activity_id", "instrument_id", "active",
                                                "options"))
        for row in world["activity_instruments"]])
    CourseGroup.objects.bulk_create([
        CourseGroup(id=row["id"], **pick(row, "institution_id", "name", "description"))
        for row in world["groups"]])
    for row in world["groups"]:
        if row["parent_id"] is not None:
            CourseGroup.objects.filter(id=row["id"]).update(parent_id=row["parent_id"])
    CourseGroup.courses.through.objects.bulk_create([
        CourseGroup.courses.through(coursegroup_id=row["group_id"], course_id=row["course_id"])
        for row in world["group_courses"]])


def learner_data(world: dict[str, list[dict[str, Any]]], providers: dict[int, Provider]) -> None:
    """SEND assignments, UI options and enrolments."""
    SENDLearner.objects.bulk_create([
        SENDLearner(id=row["id"], learner_id=row["user_id"], category_id=row["category_id"],
                    expires_at=when(row["expires_at"]))
        for row in world["send_learners"]])
    UIOption.objects.bulk_create([
        UIOption(id=row["id"], **pick(row, "route", "enabled", "roles", "institution_id",
                                      "user_id"))
        for row in world["ui_options"]])
    Enrolment.objects.bulk_create([
        Enrolment(learner_id=row["id"], provider=providers[state["instrument_id"]],
                  percentage=state["percentage__max"], can_analyse=state["can_analyse__max"])
        for row in world["users"] for state in row.get("enrolments", ())])


def reports(world: dict[str, list[dict[str, Any]]]) -> None:
    """Reports with their per-instrument rows, the histograms report detail reads, and the
    requests (one assessment session each) with their results."""
    levels = ("identity_level", "content_level", "integrity_level")
    ReportActivity.objects.bulk_create([
        ReportActivity(id=row["id"], **pick(row, "activity_id", "learner_id", *levels))
        for row in world["reports"]])
    ReportActivityInstrument.objects.bulk_create([
        ReportActivityInstrument(id=row["id"], **pick(row, "report_id", "instrument_id",
                                                      "enrolment", "confidence", "result",
                                                      *levels))
        for row in world["report_instruments"]])
    report_of = {row["id"]: row for row in world["reports"]}
    by_activity: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0] * 10)
    by_learner: dict[tuple[int, int], list[int]] = defaultdict(lambda: [0] * 10)
    for row in world["report_instruments"]:
        report = report_of[row["report_id"]]
        bin_ = min(int(row["result"]) // 10, 9)
        by_activity[report["activity_id"], row["instrument_id"]][bin_] += 1
        by_learner[report["learner_id"], row["instrument_id"]][bin_] += 1
    HistogramActivityInstrument.objects.bulk_create([
        HistogramActivityInstrument(activity_id=activity, instrument_id=instrument,
                                    **{f"b{n}": count for n, count in enumerate(bins)})
        for (activity, instrument), bins in sorted(by_activity.items())])
    HistogramLearnerInstrument.objects.bulk_create([
        HistogramLearnerInstrument(learner_id=learner, instrument_id=instrument,
                                   **{f"b{n}": count for n, count in enumerate(bins)})
        for (learner, instrument), bins in sorted(by_learner.items())])
    sessions = AssessmentSession.objects.bulk_create([
        AssessmentSession(id=row["id"], activity_id=row["activity_id"],
                          learner_id=row["learner_id"], closed_at=when(row["updated_at"]),
                          auto_closed=False)
        for row in world["requests"]])
    Request.objects.bulk_create([
        Request(id=row["id"], session_id=session.id, data="",
                **pick(row, "learner_id", "activity_id", "status", "error_message"))
        for row, session in zip(world["requests"], sessions, strict=True)])
    Request.instruments.through.objects.bulk_create([
        Request.instruments.through(request_id=row["id"], instrument_id=instrument)
        for row in world["requests"] for instrument in row["instruments"]])
    RequestResult.objects.bulk_create([
        RequestResult(request_id=row["id"], instrument_id=result["instrument"], audit="",
                      **pick(result, "status", "result", "error_message", "code"))
        for row in world["requests"] for result in row["results"]])


def main() -> None:
    with open(os.environ["SEED_INPUT"], encoding="utf-8") as given:
        plan = json.load(given)
    seed, world = plan["seed"], plan["world"]
    with transaction.atomic():
        providers = catalogue(world)
        institutions(world)
        people(world, seed)
        admin = login_admin(world, seed)
        courses(world)
        learner_data(world, providers)
        reports(world)
    first = Institution.objects.get(id=world["institutions"][0]["id"])
    root = User.objects.get(username="root")
    with open(os.environ["SEED_OUTPUT"], "w", encoding="utf-8") as out:
        json.dump({"institution_id": first.id, "acronym": first.acronym,
                   "mail_domain": first.mail_domain, "admin_id": admin.id,
                   "global_admin_id": root.id,
                   "instrument_ids": sorted(Instrument.objects.values_list("id", flat=True)),
                   "counts": {name: len(rows) for name, rows in sorted(world.items())}}, out)
