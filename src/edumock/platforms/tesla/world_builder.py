"""Generate one consistent TeSLA world: the steps :mod:`fixtures` runs, in order."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from edumock.platforms.tesla import catalogue
from edumock.platforms.tesla import collections as c
from edumock.platforms.tesla.models.passwords import make_password, seeded_password
from edumock.platforms.tesla.models.people import ROLE_FLAGS
from edumock.platforms.tesla.models.timefmt import iso
from edumock.platforms.tesla.models.vle import lti_settings
from edumock.world.seeding.context import FixtureContext
from edumock.world.store import Record

ADMIN_ROLES = ("inst_admin", "legal_admin", "send_admin", "data_admin")
_PERSON_DEFAULTS: dict[str, Any] = {
    "locale": None, "last_login": None, "login_allowed": True, "is_staff": False,
    "is_active": True, "is_learner": False, "is_instructor": False,
    **dict.fromkeys(ROLE_FLAGS, False)}
_LOCALES = ("en", "en", "es")


class WorldBuilder:
    """Allocates ids, stamps times and links records as it creates them."""

    def __init__(self, ctx: FixtureContext) -> None:
        self.ctx = ctx
        self.store = ctx.store
        self.faker = ctx.faker
        self.draw = ctx.draws
        self.now = ctx.clock.now()
        self.ids: dict[str, int] = {}
        self._stamps: dict[float, str] = {}

    # -- primitives ----------------------------------------------------------
    def stamp(self, days_ago: float) -> str:
        """A past instant, DRF-formatted (a handful of distinct ages, so each is formatted
        once)."""
        stamp = self._stamps.get(days_ago)
        if stamp is None:
            stamp = self._stamps[days_ago] = iso(self.now - timedelta(days=days_ago))
        return stamp

    def add(self, collection: str, record: dict[str, Any], days_ago: float = 120,
            tail: dict[str, Any] | None = None) -> Record:
        """Store a record under the next id of its collection; ``tail`` fields follow the
        timestamps."""
        number = self.ids[collection] = self.ids.get(collection, 0) + 1
        stamp = self.stamp(days_ago)
        full = {"id": number, **record, "created_at": stamp, "updated_at": stamp}
        if tail:
            full.update(tail)
        self.store.put(collection, str(number), full)
        return full

    def person(self, institution_id: int | None, fields: dict[str, Any],
               tail: dict[str, Any] | None = None) -> Record:
        """An institution user (or the global administrator), with the seeded password
        (only its hash is kept)."""
        base = {"institution_id": institution_id, "username": fields.get("email"),
                **_PERSON_DEFAULTS}
        person = {**base, **fields}
        email = str(person.get("email") or "")
        person["password_hash"] = make_password(seeded_password(email), str(person["username"]))
        return self.add(c.USERS, person, tail=tail)

    def finish(self) -> None:
        """Record where each id sequence stopped, so created records continue it."""
        for collection, value in self.ids.items():
            self.store.put(c.SEQUENCES, collection, {"value": value})

    def setting(self, name: str, default: int) -> int:
        """A size from the fixture file."""
        return int(self.ctx.setting(name, default))

    # -- catalogue -----------------------------------------------------------
    def instruments(self) -> None:
        """The enabled instrument catalogue, each instrument with one provider."""
        # The providers' draws come from a stream of their own, so no other value moves.
        draws = self.ctx.rng.child("providers")
        for spec in catalogue.INSTRUMENTS:
            schema = catalogue.OPTIONS_SCHEMA if spec["acronym"] in ("fr", "vr") else None
            instrument = self.add(c.INSTRUMENTS, {
                **spec, "enabled": True, "options_schema": schema,
                "description": f"{spec['name']} instrument"}, 400)
            alert = draws.randint(4, 8) * 5  # percent; thresholds are Decimal(4, 2) fractions
            warning = alert + draws.randint(2, 6) * 5
            self.add(c.PROVIDERS, {
                "instrument_id": instrument["id"], "acronym": f"{spec['acronym']}_provider",
                "name": f"{spec['name']} provider", "enabled": True,
                "alert_below": alert / 100, "warning_below": warning / 100,
                "inverted_polarity": draws.random() < 0.25}, 400)

    # -- one institution -----------------------------------------------------
    def institution(self, index: int) -> None:
        """An institution and everything in it."""
        city = self.faker.city()
        acronym = f"{''.join(w[0] for w in city.split())[:3].upper()}U{index + 1}"
        domain = f"{acronym.lower()}.ac.nz"
        institution = self.add(c.INSTITUTIONS, {
            "acronym": acronym, "name": f"University of {city}", "external_ic": False,
            "mail_domain": domain if index % 2 == 0 else None,
            "disable_vle_learner_creation": False, "disable_vle_instructor_creation": False,
            "disable_vle_user_creation": index % 2 == 1, "allow_learner_report": index % 2 == 0,
            "allow_learner_audit": index % 2 == 0, "allow_valid_audit": False}, 365)
        inst_id = institution["id"]
        for role in ADMIN_ROLES:
            self._member(inst_id, domain, {role: True})
        self._member(inst_id, domain, {})
        consents = self._consents(inst_id)
        instructors = [self._member(inst_id, domain, {"is_instructor": True})
                       for _ in range(self.setting("instructorsPerInstitution", 6))]
        learners = [self._learner(inst_id, domain, consents)
                    for _ in range(self.setting("learnersPerInstitution", 40))]
        self._send(inst_id, learners)
        courses = self._vles_and_courses(inst_id, instructors, learners)
        self._groups(inst_id, courses)

    def _member_fields(self, domain: str, flags: dict[str, Any]) -> dict[str, Any]:
        draw = self.draw
        first, last = draw.first_name(), draw.last_name()
        uid = f"{first[0]}{last}{draw.random_int(10, 9999)}".lower().replace("'", "")
        return {"uid": uid, "email": f"{uid}@{domain}", "first_name": first,
                "last_name": last, "locale": draw.random_element(_LOCALES), **flags}

    def _member(self, inst_id: int, domain: str, flags: dict[str, Any]) -> Record:
        return self.person(inst_id, self._member_fields(domain, flags))

    def _learner(self, inst_id: int, domain: str, consents: list[Record]) -> Record:
        draw = self.draw
        fields = self._member_fields(domain, {"is_learner": True})
        choice = draw.random_int(0, 9)
        consent = consents[1] if choice < 6 else consents[0] if choice < 8 else None
        accepted = self.stamp(draw.random_int(10, 90)) if consent else None
        rejected = self.stamp(5) if choice == 7 else None
        enrolments: list[dict[str, Any]] = [
            {"instrument_id": i, "percentage__min": p, "percentage__max": p,
             "can_analyse__min": p >= 1.0, "can_analyse__max": p >= 1.0, "pending": [],
             "not_validated": [], "pending_contributions": 0.0, "not_validated_count": 0}
            for i in (1, 2, 3) if (p := round(draw.random_int(0, 10) / 10, 1)) > 0]
        return self.person(inst_id, fields, tail={
            "learner_id": draw.uuid4(), "consent_id": consent["id"] if consent else None,
            "consent_accepted": accepted, "consent_rejected": rejected,
            "joined_at": self.stamp(120), "enrolments": enrolments})

    def _consents(self, inst_id: int) -> list[Record]:
        versions = (("1.0.0", 300), ("1.1.0", 100), ("2.0.0", -30))
        consents = []
        for version, days_ago in versions:
            consent = self.add(c.CONSENTS, {"institution_id": inst_id, "version": version,
                                            "valid_from": self.stamp(days_ago)}, max(days_ago, 1))
            for language in catalogue.LANGUAGES[:3]:
                self.add(c.CONSENT_DOCUMENTS, {
                    "consent_id": consent["id"], "language": language,
                    "html": f"<h1>Informed consent {version} ({language})</h1>"
                            f"<p>{self.faker.paragraph()}</p>",
                    "pdf": None})
            consents.append(consent)
        return consents

    def _send(self, inst_id: int, learners: list[Record]) -> None:
        options = (["big_fonts", "high_contrast"], ["text_to_speech"])
        categories = []
        for index in range(self.setting("sendCategoriesPerInstitution", 2)):
            categories.append(self.add(c.SEND_CATEGORIES, {
                "institution_id": inst_id,
                "description": ("Visual impairment", "Reading support")[index % 2],
                "data": {"enabled_options": options[index % 2],
                         "disabled_instruments": [2] if index % 2 else []}}))
        for learner in learners[: max(1, len(learners) // 8)]:
            category = self.draw.random_element(categories)
            self.add(c.SEND_LEARNERS, {"user_id": learner["id"], "category_id": category["id"],
                                       "expires_at": None})

    def _vles_and_courses(self, inst_id: int, instructors: list[Record],
                          learners: list[Record]) -> list[Record]:
        courses = []
        for vle_index in range(self.setting("vlesPerInstitution", 1)):
            name = f"Moodle {inst_id}-{vle_index + 1}"
            url = f"https://moodle{vle_index + 1}.inst{inst_id}.example.ac.nz"
            # Registered VLEs have LTI keys; derived from the URL, so no draw shifts the seed.
            keys = (str(uuid.uuid5(uuid.NAMESPACE_URL, f"{url}#{part}"))
                    for part in ("consumer_key", "consumer_secret"))
            vle = self.add(c.VLES, {
                "institution_id": inst_id, "type": 0, "name": name, "url": url,
                "lti": lti_settings(0, url, *keys),
                "client_id": f"moodle-{inst_id}-{vle_index + 1}"}, 360)
            for course_index in range(self.setting("coursesPerVle", 4)):
                courses.append(self._course(vle, course_index, instructors, learners))
        return courses

    def _course(self, vle: Record, index: int, instructors: list[Record],
                learners: list[Record]) -> Record:
        code, field = self.faker.nzsced()
        start = self.now - timedelta(days=60)
        course = self.add(c.COURSES, {
            "vle_id": vle["id"], "vle_course_id": str(1000 + index),
            "code": self.faker.nz_course_code(code), "description": f"{field} course",
            "start": iso(start), "end": iso(start + timedelta(days=150))}, 90)
        size = min(len(learners), self.setting("learnersPerCourse", 12))
        enrolled = self.faker.random_elements(learners, length=size, unique=True)
        teaching = self.faker.random_elements(
            instructors, length=min(len(instructors), self.setting("instructorsPerCourse", 2)),
            unique=True)
        for learner in sorted(enrolled, key=lambda r: r["id"]):
            self.add(c.COURSE_LEARNERS, {"course_id": course["id"], "user_id": learner["id"]})
        for instructor in sorted(teaching, key=lambda r: r["id"]):
            self.add(c.COURSE_INSTRUCTORS, {"course_id": course["id"],
                                            "user_id": instructor["id"]})
        for activity_index in range(self.setting("activitiesPerCourse", 2)):
            self._activity(course, activity_index, sorted(enrolled, key=lambda r: r["id"]))
        return course

    def _activity(self, course: Record, index: int, learners: list[Record]) -> None:
        kind = ("assign", "quiz")[index % 2]
        activity = self.add(c.ACTIVITIES, {
            "vle_id": course["vle_id"], "course_id": course["id"], "vle_activity_type": kind,
            "vle_activity_id": str(100 + index), "name": f"{kind.title()} {index + 1}",
            "description": self.faker.sentence(), "start": course["start"],
            "end": course["end"], "enabled": True, "conf": None}, 60)
        chosen = self.faker.random_elements((1, 2, 4, 5), length=2, unique=True)
        configs = [self.add(c.ACTIVITY_INSTRUMENTS, {
            "activity_id": activity["id"], "instrument_id": instrument, "active": True,
            "options": None, "alternative_to": None}, 60) for instrument in sorted(chosen)]
        for learner in learners[: max(1, len(learners) // 2)]:
            self._report(activity, learner, configs)

    def _report(self, activity: Record, learner: Record, configs: list[Record]) -> None:
        levels = {level: self.draw.random_int(1, 4) for level in
                  ("identity_level", "content_level", "integrity_level")}
        report = self.add(c.REPORTS, {"activity_id": activity["id"],
                                      "learner_id": learner["id"], "data": None, **levels}, 10)
        for config in configs:
            self.add(c.REPORT_INSTRUMENTS, {
                "report_id": report["id"], "instrument_id": config["instrument_id"],
                "enrolment": self.draw.random_int(50, 100),
                "confidence": self.draw.random_int(40, 100),
                "result": self.draw.random_int(0, 100),
                **{level: self.draw.random_int(1, 4) for level in levels},
                "audit_data": None}, 10)
        instruments = [config["instrument_id"] for config in configs]
        for session in range(self.setting("requestsPerReport", 2)):
            request = self.add(c.REQUESTS, {
                "learner_id": learner["id"], "activity_id": activity["id"], "status": 3,
                "data": None, "error_message": None, "session": session + 1,
                "message_code": None, "instruments": instruments}, 12)
            results = [{"id": request["id"] * 10 + n, "status": 1,
                        "result": round(self.draw.random_int(0, 100) / 100, 2),
                        "error_message": None, "code": 1, "audit": None,
                        "created_at": request["created_at"], "updated_at": request["updated_at"],
                        "request": request["id"], "instrument": instrument,
                        "message_code": None} for n, instrument in enumerate(instruments)]
            self.store.put(c.REQUESTS, str(request["id"]), {**request, "results": results})

    def _groups(self, inst_id: int, courses: list[Record]) -> None:
        parent: Record | None = None
        for index in range(self.setting("groupsPerInstitution", 3)):
            group = self.add(c.GROUPS, {
                "institution_id": inst_id, "name": f"Cohort {2025 + index}",
                "description": f"Courses of the {2025 + index} intake",
                "parent_id": parent["id"] if parent and index == 2 else None})
            parent = parent or group
            for course in courses[index::3]:
                self.add(c.GROUP_COURSES, {"group_id": group["id"], "course_id": course["id"]})
