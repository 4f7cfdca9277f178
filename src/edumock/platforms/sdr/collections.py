"""Names of the SDR store's collections, and the five uploadable data sets."""

from __future__ import annotations

ORGANISATIONS = "organisations"
CLIENTS = "clients"
RETURNS = "returns"
TOKENS = "tokens"
VALIDATIONS = "validations"
CONFIG = "config"

LEARNERS = "learners"
COURSES = "courses"
COURSE_ENROLMENTS = "course-enrolments"
COURSE_COMPLETIONS = "course-completions"
QUALIFICATION_COMPLETIONS = "qualification-completions"

DATA_SETS: tuple[str, ...] = (
    LEARNERS,
    COURSES,
    COURSE_ENROLMENTS,
    COURSE_COMPLETIONS,
    QUALIFICATION_COMPLETIONS,
)
"""The uploadable collections; each name is also its URL segment under /submissions/v1.0/."""

SAMPLES = "samples"

ALL: tuple[str, ...] = (
    ORGANISATIONS, CLIENTS, RETURNS, TOKENS, VALIDATIONS, CONFIG, SAMPLES, *DATA_SETS
)
