"""Whole-submission validation: the checks TEC runs across all five data sets.

Each finding names the collection, the record's localId, the field and a
code. Errors stop a submission; warnings flag data that is legal but
suspicious. The codes are edumock's own and are listed in docs/sdr.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from edumock.fixtures.nz import is_valid_nsn
from edumock.platforms.sdr.collections import (
    COURSE_COMPLETIONS,
    COURSE_ENROLMENTS,
    COURSES,
    LEARNERS,
    QUALIFICATION_COMPLETIONS,
)

Records = Mapping[str, Mapping[str, dict[str, Any]]]
"""Data set name → localId → uploaded record."""


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem in a submission."""

    severity: str
    code: str
    collection: str
    localId: str
    field: str
    message: str

    def to_json(self) -> dict[str, str]:
        """The finding as the validation status lists it."""
        return asdict(self)


def _error(collection: str, local_id: str, field: str, code: str, message: str) -> Finding:
    return Finding("Error", code, collection, local_id, field, message)


def _warning(collection: str, local_id: str, field: str, code: str, message: str) -> Finding:
    return Finding("Warning", code, collection, local_id, field, message)


def _date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _learner_checks(records: Records, today: date) -> Iterator[Finding]:
    enrolled = {e.get("learnerLocalId") for e in records[COURSE_ENROLMENTS].values()}
    for local_id, learner in records[LEARNERS].items():
        if not is_valid_nsn(str(learner.get("nsn", ""))):
            yield _error(LEARNERS, local_id, "nsn", "E101",
                         f"NSN {learner.get('nsn')} fails its check digit.")
        born = _date(learner.get("dateOfBirth"))
        if born is not None and born > today:
            yield _error(LEARNERS, local_id, "dateOfBirth", "E102",
                         f"Date of birth {born.isoformat()} is in the future.")
        if local_id not in enrolled:
            yield _warning(LEARNERS, local_id, "localId", "W101",
                           "Learner has no course enrolment in this submission.")


def _course_checks(records: Records) -> Iterator[Finding]:
    enrolled = {e.get("courseLocalId") for e in records[COURSE_ENROLMENTS].values()}
    for local_id in records[COURSES]:
        if local_id not in enrolled:
            yield _warning(COURSES, local_id, "localId", "W201",
                           "Course has no enrolment in this submission.")


def _enrolment_checks(records: Records) -> Iterator[Finding]:
    for local_id, enrolment in records[COURSE_ENROLMENTS].items():
        learner = enrolment.get("learnerLocalId")
        if learner not in records[LEARNERS]:
            yield _error(COURSE_ENROLMENTS, local_id, "learnerLocalId", "E201",
                         f"Learner {learner} is not in this submission.")
        course = enrolment.get("courseLocalId")
        if course not in records[COURSES]:
            yield _error(COURSE_ENROLMENTS, local_id, "courseLocalId", "E202",
                         f"Course {course} is not in this submission.")
        start, end = _date(enrolment.get("startDate")), _date(enrolment.get("endDate"))
        if start is not None and end is not None and end < start:
            yield _error(COURSE_ENROLMENTS, local_id, "endDate", "E203",
                         f"End date {end.isoformat()} is before start date {start.isoformat()}.")


def _completion_checks(records: Records) -> Iterator[Finding]:
    enrolments = records[COURSE_ENROLMENTS]
    for local_id, completion in records[COURSE_COMPLETIONS].items():
        enrolment_id = completion.get("enrolmentLocalId")
        enrolment = enrolments.get(enrolment_id) if isinstance(enrolment_id, str) else None
        if enrolment is None:
            yield _error(COURSE_COMPLETIONS, local_id, "enrolmentLocalId", "E301",
                         f"Course enrolment {enrolment_id} is not in this submission.")
            continue
        start = _date(enrolment.get("startDate"))
        completed = _date(completion.get("completionDate"))
        if start is not None and completed is not None and completed < start:
            yield _error(COURSE_COMPLETIONS, local_id, "completionDate", "E302",
                         f"Completion date {completed.isoformat()} is before the enrolment's "
                         f"start date {start.isoformat()}.")


def _qualification_checks(records: Records) -> Iterator[Finding]:
    for local_id, completion in records[QUALIFICATION_COMPLETIONS].items():
        learner = completion.get("learnerLocalId")
        if learner not in records[LEARNERS]:
            yield _error(QUALIFICATION_COMPLETIONS, local_id, "learnerLocalId", "E401",
                         f"Learner {learner} is not in this submission.")


def check_submission(records: Records, now: datetime) -> list[Finding]:
    """Every finding for a submission, errors and warnings, in a stable order."""
    today = now.date()
    findings = [
        *_learner_checks(records, today),
        *_course_checks(records),
        *_enrolment_checks(records),
        *_completion_checks(records),
        *_qualification_checks(records),
    ]
    order = {"Error": 0, "Warning": 1}
    return sorted(findings, key=lambda f: (order[f.severity], f.collection, f.localId, f.code))
