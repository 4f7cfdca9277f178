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
LOCATIONS = "locations"
UPLOADS = "uploads"
UPLOAD_FILES = "upload_files"
CERTIFICATE_ASSETS = "certificate_assets"

ALL: tuple[str, ...] = (CONFIG, USERS, ORGANISATIONS, LOCATIONS, COURSES, BATCHES, ENROLMENTS,
                        CONTENT_STATES, GROUPS, PAGES, SECTIONS, JOBS, UPLOADS, UPLOAD_FILES,
                        CERTIFICATE_ASSETS)
