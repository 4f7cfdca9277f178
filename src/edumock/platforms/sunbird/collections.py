"""Names of the Sunbird store's collections."""

from __future__ import annotations

CONFIG = "config"
USERS = "users"
ORGANISATIONS = "organisations"
COURSES = "courses"
BATCHES = "batches"
ENROLMENTS = "enrolments"
CONTENT_STATES = "content_states"
GROUPS = "groups"
PAGES = "pages"
SECTIONS = "sections"
JOBS = "jobs"

ALL: tuple[str, ...] = (CONFIG, USERS, ORGANISATIONS, COURSES, BATCHES, ENROLMENTS,
                        CONTENT_STATES, GROUPS, PAGES, SECTIONS, JOBS)
