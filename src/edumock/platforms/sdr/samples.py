"""Realistic New Zealand SDR data: learners, courses, enrolments and completions.

Generated from the seed, so a test or a user can upload a coherent submission
(every enrolment names a known student and course) without inventing one.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from faker import Faker

ETHNICITY_CODES = ("111", "211", "311", "321", "331", "421", "431", "121", "511", "611")
IWI_CODES = ("0100", "0403", "0600", "1010", "1505", "2000", "2101", "3100")
TITLE_SUFFIXES = ("Foundations", "Principles", "Practice", "Studies", "Methods")
DATA_SETS = ("learners", "courses", "course-enrolments", "course-completions",
             "qualification-completions")


def name_id_code(family_name: str, given_name: str) -> str:
    """SDR NameID: four letters of the surname (blank-padded) plus the first initial."""
    letters = "".join(ch for ch in family_name.upper() if ch.isalpha())
    initial = next((ch for ch in given_name.upper() if ch.isalpha()), "")
    if not initial:
        return letters[:5]
    return f"{letters[:4]:<4}{initial}"


def _learner(faker: Faker, index: int, year: int) -> dict[str, Any]:
    gender = faker.random_element(("F", "M", "D"))
    given = faker.first_name_female() if gender == "F" else faker.first_name_male()
    family = faker.last_name()
    born = faker.date_between(date(year - 45, 1, 1), date(year - 17, 12, 31))
    learner: dict[str, Any] = {
        "localId": f"L{index:05d}",
        "studentIdentificationCode": f"S{faker.random_int(1_000_000, 9_999_999)}",
        "nationalStudentNumber": int(faker.nsn()),
        "gender": gender,
        "dateOfBirth": born.isoformat(),
        "nameIdCode": name_id_code(family, given),
        "ethnicity": sorted(set(faker.random_elements(ETHNICITY_CODES, length=2))),
        "countryOfCitizenship": faker.random_element(("NZL", "NZL", "NZL", "AUS", "CHN", "IND")),
        "totalFeeForDomesticStudent": float(faker.random_int(2_000, 9_000)),
        "firstYearOfTertiaryEducation": faker.random_int(year - 3, year),
    }
    if "211" in learner["ethnicity"]:
        learner["iwi"] = sorted(set(faker.random_elements(IWI_CODES, length=2)))
    return learner


def _course(faker: Faker, index: int, qualification: str) -> dict[str, Any]:
    code, field = faker.nzsced()
    credits = faker.random_element((15, 15, 15, 30, 60))
    return {
        "localId": f"C{index:04d}",
        "courseCode": faker.nz_course_code(code),
        "courseTitle": f"{field} {faker.random_element(TITLE_SUFFIXES)}",
        "qualificationCode": qualification,
        "nzscedFieldOfStudy": code,
        "levelOnNzRegister": faker.random_int(3, 7),
        "courseClassification": faker.random_element(("01", "03", "08", "11")),
        "eftsFactor": round(credits / 120, 4),
        "credits": credits,
    }


def _enrol(faker: Faker, learner: dict[str, Any], course: dict[str, Any], year: int,
           number: int) -> tuple[dict[str, Any], dict[str, Any]]:
    start = faker.date_between(date(year, 2, 1), date(year, 3, 15))
    end = start + timedelta(weeks=faker.random_element((12, 16, 18)))
    keys = {"studentIdentificationCode": learner["studentIdentificationCode"],
            "courseCode": course["courseCode"],
            "qualificationCode": course["qualificationCode"]}
    enrolment = {"localId": f"E{number:05d}", **keys, "courseStartDate": start.isoformat(),
                 "courseEndDate": end.isoformat(),
                 "sourceOfFunding": faker.random_element(("01", "01", "01", "29", "31")),
                 "attendance": faker.random_element(("I", "I", "E")),
                 "eftsConsumed": course["eftsFactor"]}
    completion = {"localId": f"CC{number:05d}", **keys,
                  "completionCode": faker.random_element((2, 2, 2, 3, 4, 5)),
                  "completionDate": end.isoformat()}
    return enrolment, completion


def sample_submission(
    faker: Faker, learners: int, courses: int, year: int
) -> dict[str, list[dict[str, Any]]]:
    """One coherent submission: each learner enrolled in one or two courses."""
    qualification = faker.bothify("??####", letters="ABCDEFGHJKLMNPRSTUVWXYZ")
    learner_rows = [_learner(faker, i + 1, year) for i in range(learners)]
    course_rows = [_course(faker, i + 1, qualification) for i in range(courses)]
    enrolments: list[dict[str, Any]] = []
    completions: list[dict[str, Any]] = []
    qualifications: list[dict[str, Any]] = []
    for learner in learner_rows:
        chosen = faker.random_elements(course_rows, length=faker.random_int(1, 2), unique=True)
        for course in chosen:
            enrolment, completion = _enrol(faker, learner, course, year, len(enrolments) + 1)
            enrolments.append(enrolment)
            completions.append(completion)
        if faker.random_int(1, 4) == 1:
            qualifications.append({
                "localId": f"Q{len(qualifications) + 1:05d}",
                "studentIdentificationCode": learner["studentIdentificationCode"],
                "nationalStudentNumber": learner["nationalStudentNumber"],
                "qualificationCode": qualification,
                "yearCompleted": year,
            })
    rows = (learner_rows, course_rows, enrolments, completions, qualifications)
    return dict(zip(DATA_SETS, rows, strict=True))
