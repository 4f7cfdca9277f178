"""TeSLA's instrument catalogue and global UI routes: fixed facts, not generated data."""

from __future__ import annotations

INSTRUMENTS: tuple[dict[str, object], ...] = (
    {"name": "Face Recognition", "acronym": "fr", "queue": "tesla_fr", "requires_enrolment": True,
     "identity": True, "originality": False, "authorship": False, "integrity": False},
    {"name": "Keystroke Dynamics", "acronym": "ks", "queue": "tesla_ks",
     "requires_enrolment": True, "identity": True, "originality": False, "authorship": False,
     "integrity": False},
    {"name": "Voice Recognition", "acronym": "vr", "queue": "tesla_vr",
     "requires_enrolment": True, "identity": True, "originality": False, "authorship": False,
     "integrity": False},
    {"name": "Forensic Analysis", "acronym": "fa", "queue": "tesla_fa",
     "requires_enrolment": True, "identity": False, "originality": False, "authorship": True,
     "integrity": False},
    {"name": "Plagiarism Detection", "acronym": "plag", "queue": "tesla_plag",
     "requires_enrolment": False, "identity": False, "originality": True, "authorship": False,
     "integrity": False},
    {"name": "Browser Monitoring", "acronym": "lapse", "queue": "tesla_lapse",
     "requires_enrolment": False, "identity": False, "originality": False, "authorship": False,
     "integrity": True},
)
"""Enabled instruments; ``options_schema`` is set for those that take options."""

OPTIONS_SCHEMA = ('{"type": "object", "properties": {"online": {"type": "boolean", '
                  '"default": true}}}')

UI_ROUTES: tuple[str, ...] = (
    "/dashboard", "/institution/learners", "/institution/instructors", "/institution/ic",
    "/institution/send", "/institution/reports", "/institution/vle", "/institution/users",
)
"""Routes of the global UI options institutions may switch on or off."""

LANGUAGES: tuple[str, ...] = ("en", "es", "ca", "fi", "tr")
