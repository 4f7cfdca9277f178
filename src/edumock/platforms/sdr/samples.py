"""Realistic New Zealand SDR data: learners, courses, enrolments and completions.

Generated from the seed, so a test or a user can upload a coherent submission
(every enrolment names a known learner and course) without inventing one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from faker import Faker

ETHNICITY_CODES = ("111", "211", "311", "321", "331", "421", "431", "121", "511", "611")
RESIDENCY = ("NZCitizen", "NZPermanentResident", "AustralianCitizen", "International")
GENDERS = ("F", "M", "D")
TITLE_SUFFIXES = ("Foundations", "Principles", "Practice", "Studies", "Methods")


def _learner(faker: Faker, index: int, year: int) -> dict[str, Any]:
    gender = faker.random_element(GENDERS)
    first = faker.first_name_female() if gender == "F" else faker.first_name_male()
    born = faker.date_between(date(year - 45, 1, 1), date(year - 17, 12, 31))
    learner = {
        "localId": f"L{index:05d}",
        "nsn": faker.nsn(),
        "familyName": faker.last_name(),
        "givenNames": first,
        "dateOfBirth": born.isoformat(),
        "gender": gender,
        "ethnicity": sorted(set(faker.random_elements(ETHNICITY_CODES, length=2))),
        "residency": faker.random_element(RESIDENCY),
        "email": faker.email(),
        "postcode": faker.postcode(),
    }
    return learner


def _course(faker: Faker, index: int) -> dict[str, Any]:
    code, field = faker.nzsced()
    credits = faker.random_element((15, 15, 15, 30, 60))
    return {
        "localId": f"C{index:04d}",
        "courseCode": faker.nz_course_code(code),
        "title": f"{field} {faker.random_element(TITLE_SUFFIXES)}",
        "nzscedCode": code,
        "level": faker.random_int(3, 7),
        "credits": credits,
        "eftsFactor": round(credits / 120, 4),
        "fundingSource": faker.random_element(("01", "01", "01", "29", "31")),
    }


def sample_submission(
    faker: Faker, learners: int, courses: int, year: int
) -> dict[str, list[dict[str, Any]]]:
    """One coherent submission: each learner enrolled in one or two courses."""
    learner_rows = [_learner(faker, i + 1, year) for i in range(learners)]
    course_rows = [_course(faker, i + 1) for i in range(courses)]
    enrolments: list[dict[str, Any]] = []
    completions: list[dict[str, Any]] = []
    qualifications: list[dict[str, Any]] = []
    for learner in learner_rows:
        chosen = faker.random_elements(course_rows, length=faker.random_int(1, 2), unique=True)
        for course in chosen:
            start = faker.date_between(date(year, 2, 1), date(year, 3, 15))
            end = start + timedelta(weeks=faker.random_element((12, 16, 18)))
            enrolment_id = f"E{len(enrolments) + 1:05d}"
            enrolments.append({
                "localId": enrolment_id,
                "learnerLocalId": learner["localId"],
                "courseLocalId": course["localId"],
                "startDate": start.isoformat(),
                "endDate": end.isoformat(),
                "fundingSource": course["fundingSource"],
                "eftsConsumed": course["eftsFactor"],
                "attendance": faker.random_element(("FullTime", "PartTime")),
            })
            completions.append({
                "localId": f"CC{len(completions) + 1:05d}",
                "enrolmentLocalId": enrolment_id,
                "completionStatus": faker.random_element(
                    ("Completed", "Completed", "Completed", "NotCompleted", "Withdrawn")),
                "completionDate": end.isoformat(),
            })
        if faker.random_int(1, 4) == 1:
            qualifications.append({
                "localId": f"Q{len(qualifications) + 1:05d}",
                "learnerLocalId": learner["localId"],
                "qualificationCode": faker.bothify("??####", letters="ABCDEFGHJKLMNPRSTUVWXYZ"),
                "completionDate": date(year, 11, faker.random_int(1, 28)).isoformat(),
                "nzqfLevel": faker.random_int(4, 7),
            })
    return {
        "learners": learner_rows,
        "courses": course_rows,
        "course-enrolments": enrolments,
        "course-completions": completions,
        "qualification-completions": qualifications,
    }
