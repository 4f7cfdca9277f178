"""Names of the TeSLA store's collections."""

from __future__ import annotations

CONFIG = "config"
INSTITUTIONS = "institutions"
VLES = "vles"
COURSES = "courses"
COURSE_LEARNERS = "course_learners"
COURSE_INSTRUCTORS = "course_instructors"
GROUPS = "groups"
GROUP_COURSES = "group_courses"
CONSENTS = "informed_consents"
CONSENT_DOCUMENTS = "informed_consent_documents"
INSTRUMENTS = "instruments"
PROVIDERS = "providers"
UI_OPTIONS = "ui_options"
USERS = "users"
SEND_CATEGORIES = "send_categories"
SEND_LEARNERS = "send_learners"
ACTIVITIES = "activities"
ACTIVITY_INSTRUMENTS = "activity_instruments"
REPORTS = "reports"
REPORT_INSTRUMENTS = "report_instruments"
REQUESTS = "requests"
SEQUENCES = "sequences"

ALL: tuple[str, ...] = (
    CONFIG, INSTITUTIONS, VLES, COURSES, COURSE_LEARNERS, COURSE_INSTRUCTORS, GROUPS,
    GROUP_COURSES, CONSENTS, CONSENT_DOCUMENTS, INSTRUMENTS, PROVIDERS, UI_OPTIONS, USERS,
    SEND_CATEGORIES, SEND_LEARNERS, ACTIVITIES, ACTIVITY_INSTRUMENTS, REPORTS, REPORT_INSTRUMENTS,
    REQUESTS, SEQUENCES,
)
