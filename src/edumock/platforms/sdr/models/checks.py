"""Whole-submission validation: the checks run across all five data sets.

Records refer to each other by their natural keys, as in the SDR: a learner
by ``studentIdentificationCode``, a course by ``courseCode``, an enrolment by
the pair of them. Each finding names the collection, the record's localId,
the field and a code. Errors stop a submission; warnings flag data that is
legal but suspicious. The codes are edumock's own and are listed in docs/sdr.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from edumock.platforms.sdr.collections import (
    COURSE_COMPLETIONS,
    COURSE_ENROLMENTS,
    COURSES,
    LEARNERS,
    QUALIFICATION_COMPLETIONS,
)
from edumock.platforms.sdr.models.timefmt import parse_date
from edumock.world.seeding.nz import is_valid_nsn

Records = Mapping[str, Mapping[str, dict[str, Any]]]
"""Data set name → localId → uploaded record."""

STUDENT = "studentIdentificationCode"
NSN = "nationalStudentNumber"


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a submission."""

    severity: str
    code: str
    collection: str
    localId: str  # the wire name
    field: str
    message: str

    def to_json(self) -> dict[str, str]:
        """The finding as the validation status lists it."""
        return asdict(self)


def _error(collection: str, local_id: str, field: str, code: str, message: str) -> Finding:
    return Finding("Error", code, collection, local_id, field, message)


def _warning(collection: str, local_id: str, field: str, code: str, message: str) -> Finding:
    return Finding("Warning", code, collection, local_id, field, message)


def _real_date(collection: str, local_id: str, record: dict[str, Any], field: str,
               ) -> Iterator[Finding]:
    if field in record and parse_date(record[field]) is None:
        yield _error(collection, local_id, field, "E001",
                     f"{record[field]} is not a calendar date.")


def _learner_checks(records: Records, today: date) -> Iterator[Finding]:
    learners = records[LEARNERS]
    seen = Counter(learner.get(STUDENT) for learner in learners.values())
    enrolled = {e.get(STUDENT) for e in records[COURSE_ENROLMENTS].values()}
    for local_id, learner in learners.items():
        student = learner.get(STUDENT)
        if seen[student] > 1:
            yield _error(LEARNERS, local_id, STUDENT, "E103",
                         f"Student {student} is reported by {seen[student]} learner records.")
        if NSN in learner and not is_valid_nsn(str(learner[NSN])):
            yield _error(LEARNERS, local_id, NSN, "E101",
                         f"NSN {learner[NSN]} fails its check digit.")
        yield from _real_date(LEARNERS, local_id, learner, "dateOfBirth")
        born = parse_date(learner.get("dateOfBirth"))
        if born is not None and born > today:
            yield _error(LEARNERS, local_id, "dateOfBirth", "E102",
                         f"Date of birth {born.isoformat()} is in the future.")
        if student not in enrolled:
            yield _warning(LEARNERS, local_id, STUDENT, "W101",
                           f"Student {student} has no course enrolment in this submission.")


def _course_checks(records: Records) -> Iterator[Finding]:
    enrolled = {e.get("courseCode") for e in records[COURSE_ENROLMENTS].values()}
    for local_id, course in records[COURSES].items():
        if course.get("courseCode") not in enrolled:
            yield _warning(COURSES, local_id, "courseCode", "W201",
                           f"Course {course.get('courseCode')} has no enrolment in this "
                           "submission.")


def _enrolment_checks(records: Records) -> Iterator[Finding]:
    students = {learner.get(STUDENT) for learner in records[LEARNERS].values()}
    courses = {course.get("courseCode"): course for course in records[COURSES].values()}
    for local_id, enrolment in records[COURSE_ENROLMENTS].items():
        student, code = enrolment.get(STUDENT), enrolment.get("courseCode")
        if student not in students:
            yield _error(COURSE_ENROLMENTS, local_id, STUDENT, "E201",
                         f"Student {student} is not among this submission's learners.")
        course = courses.get(code)
        if course is None:
            yield _error(COURSE_ENROLMENTS, local_id, "courseCode", "E202",
                         f"Course {code} is not on this submission's course register.")
        elif course.get("qualificationCode") != enrolment.get("qualificationCode"):
            yield _warning(COURSE_ENROLMENTS, local_id, "qualificationCode", "W202",
                           f"Course {code} is registered under qualification "
                           f"{course.get('qualificationCode')}.")
        for field in ("courseStartDate", "courseEndDate"):
            yield from _real_date(COURSE_ENROLMENTS, local_id, enrolment, field)
        start = parse_date(enrolment.get("courseStartDate"))
        end = parse_date(enrolment.get("courseEndDate"))
        if start is not None and end is not None and end < start:
            yield _error(COURSE_ENROLMENTS, local_id, "courseEndDate", "E203",
                         f"End date {end.isoformat()} is before start date {start.isoformat()}.")


def _completion_checks(records: Records) -> Iterator[Finding]:
    enrolments = {(e.get(STUDENT), e.get("courseCode")): e
                  for e in records[COURSE_ENROLMENTS].values()}
    for local_id, completion in records[COURSE_COMPLETIONS].items():
        key = (completion.get(STUDENT), completion.get("courseCode"))
        enrolment = enrolments.get(key)
        if enrolment is None:
            yield _error(COURSE_COMPLETIONS, local_id, "courseCode", "E301",
                         f"Student {key[0]} has no enrolment in course {key[1]}.")
            continue
        yield from _real_date(COURSE_COMPLETIONS, local_id, completion, "completionDate")
        start = parse_date(enrolment.get("courseStartDate"))
        completed = parse_date(completion.get("completionDate"))
        if start is not None and completed is not None and completed < start:
            yield _error(COURSE_COMPLETIONS, local_id, "completionDate", "E302",
                         f"Completion date {completed.isoformat()} is before the enrolment's "
                         f"start date {start.isoformat()}.")


def _qualification_checks(records: Records) -> Iterator[Finding]:
    learners = {learner.get(STUDENT): learner for learner in records[LEARNERS].values()}
    for local_id, completion in records[QUALIFICATION_COMPLETIONS].items():
        student = completion.get(STUDENT)
        learner = learners.get(student)
        if learner is None:
            yield _error(QUALIFICATION_COMPLETIONS, local_id, STUDENT, "E401",
                         f"Student {student} is not among this submission's learners.")
        nsn = completion.get(NSN)
        if not is_valid_nsn(str(nsn)):
            yield _error(QUALIFICATION_COMPLETIONS, local_id, NSN, "E402",
                         f"NSN {nsn} fails its check digit.")
        elif learner is not None and NSN in learner and learner[NSN] != nsn:
            yield _error(QUALIFICATION_COMPLETIONS, local_id, NSN, "E403",
                         f"NSN {nsn} differs from student {student}'s NSN {learner[NSN]}.")


def check_submission(records: Records, now: datetime) -> list[Finding]:
    """Every finding for a submission, errors and warnings, in a stable order."""
    findings = [
        *_learner_checks(records, now.date()),
        *_course_checks(records),
        *_enrolment_checks(records),
        *_completion_checks(records),
        *_qualification_checks(records),
    ]
    order = {"Error": 0, "Warning": 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.collection, f.localId, f.code))
