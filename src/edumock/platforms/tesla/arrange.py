"""Records a test may put in place through the admin API: each collection's shape, defaults
and rules, so an arranged record is one the API itself could have made.

Ids come from the collection's sequence as Django's would (an id chosen by hand moves the
sequence past it); timestamps default to the sandbox clock; parents must exist; the people
rules (unique e-mail, institution mail domain, ``(institution, uid)`` unique) and the consents'
unique sets apply as they do to the API's writes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from edumock.errors import RecordRefused
from edumock.platform import Arrangeable, record_schema
from edumock.platforms.tesla import collections as c
from edumock.platforms.tesla.errors import ValidationError
from edumock.platforms.tesla.models.base import take_id
from edumock.platforms.tesla.models.people import ROLE_FLAGS, check_identity, new_person
from edumock.platforms.tesla.models.timefmt import now_iso
from edumock.world import World
from edumock.world.store import InMemoryStore, Record

Check = Callable[[InMemoryStore, Record], None]


@dataclass(frozen=True, slots=True)
class Model:
    """One collection: its fields, defaults, parents (field → collection) and unique sets."""

    collection: str
    fields: Mapping[str, str]
    defaults: Mapping[str, Any] = field(default_factory=dict)
    parents: Mapping[str, str] = field(default_factory=dict)
    unique: tuple[tuple[str, ...], ...] = ()
    check: Check | None = None

    def prepare(self, world: World, record: dict[str, Any]) -> tuple[str, dict[str, Any]]:
        """Defaults, parents, unique sets, the model's own check, then an id."""
        store = world.store("tesla")
        for name, parent in self.parents.items():
            value = record.get(name)
            if value is not None and store.get(parent, str(value)) is None:
                raise RecordRefused(name, f"no {parent} record with id {value}")
        stamp = now_iso(world.clock)
        full = {**self.defaults, **record}
        for fields in self.unique:
            if any(all(other.get(f) == full.get(f) for f in fields)
                   for other in store.values(self.collection) if other["id"] != full.get("id")):
                raise RecordRefused(fields[-1], f"The fields {', '.join(fields)} must make a "
                                                "unique set.")
        if self.check is not None:
            self.check(store, full)
        wanted = full.get("id")
        if wanted is not None and store.get(self.collection, str(wanted)) is not None:
            raise RecordRefused("id", f"a {self.collection} record with id {wanted} exists")
        full["id"] = take_id(store, self.collection, wanted)
        stored = {"id": full["id"], **{k: v for k, v in full.items() if k != "id"}}
        stored.setdefault("created_at", stamp)
        stored.setdefault("updated_at", stamp)
        return str(stored["id"]), stored

    def arrangeable(self) -> Arrangeable:
        """The seam's view of this model."""
        return Arrangeable(record_schema(id="int", created_at="str", updated_at="str",
                                         **self.fields), self.prepare)


def _people(store: InMemoryStore, record: Record) -> None:
    """An institution user's e-mail and uid rules; the username follows the e-mail."""
    institution = store.get(c.INSTITUTIONS, str(record.get("institution_id")))
    if institution is None:
        return
    try:
        check_identity(store, institution, record, None)
    except ValidationError as error:
        errors: dict[str, list[str]] = error.body if isinstance(error.body, dict) else {}
        name, messages = next(iter(errors.items()), ("email", ["refused"]))
        raise RecordRefused("uid" if name == "non_field_errors" else name,
                            str(messages[0])) from None


def _user_defaults(world: World, record: dict[str, Any]) -> dict[str, Any]:
    """``new_person``'s defaults, and a learner's own fields when the user is one."""
    full = new_person(record.get("institution_id"), record)  # type: ignore[arg-type]
    if full.get("is_learner"):
        full = {"learner_id": world.rng.uuid(), "consent_id": None, "consent_accepted": None,
                "consent_rejected": None, "joined_at": now_iso(world.clock),
                "enrolments": [], **full}
    return full


_PERSON = {"institution_id": "int?", "email": "!str", "uid": "str?", "username": "str",
           "first_name": "str", "last_name": "str", "locale": "str?", "last_login": "str?",
           "login_allowed": "bool", "is_staff": "bool", "is_active": "bool",
           "is_learner": "bool", "is_instructor": "bool", "learner_id": "str",
           "consent_id": "int?", "consent_accepted": "str?", "consent_rejected": "str?",
           "joined_at": "str", "enrolments": "list", **dict.fromkeys(ROLE_FLAGS, "bool")}
_LEVELS = {"identity_level": "int", "content_level": "int", "integrity_level": "int"}
_LEVEL_DEFAULTS = dict.fromkeys(_LEVELS, 0)
_INSTITUTION_FLAGS = ("external_ic", "disable_vle_learner_creation",
                      "disable_vle_instructor_creation", "disable_vle_user_creation",
                      "allow_learner_report", "allow_learner_audit", "allow_valid_audit")

MODELS: tuple[Model, ...] = (
    Model(c.INSTITUTIONS, {"acronym": "!str", "name": "!str", "mail_domain": "str?",
                           "allowed_domains": "str?", **dict.fromkeys(_INSTITUTION_FLAGS, "bool")},
          {"mail_domain": None, "allowed_domains": None,
           **dict.fromkeys(_INSTITUTION_FLAGS, False)}),
    Model(c.VLES, {"institution_id": "!int", "type": "int", "name": "!str", "url": "str",
                   "lti": "obj?", "client_id": "str?"},
          {"type": 0, "url": "", "lti": None, "client_id": None},
          {"institution_id": c.INSTITUTIONS}),
    Model(c.COURSES, {"vle_id": "!int", "vle_course_id": "!str", "code": "!str",
                      "description": "str?", "start": "str?", "end": "str?"},
          {"description": None, "start": None, "end": None}, {"vle_id": c.VLES}),
    Model(c.COURSE_LEARNERS, {"course_id": "!int", "user_id": "!int"}, {},
          {"course_id": c.COURSES, "user_id": c.USERS}),
    Model(c.COURSE_INSTRUCTORS, {"course_id": "!int", "user_id": "!int"}, {},
          {"course_id": c.COURSES, "user_id": c.USERS}),
    Model(c.GROUPS, {"institution_id": "!int", "name": "!str", "description": "str?",
                     "parent_id": "int?"}, {"description": None, "parent_id": None},
          {"institution_id": c.INSTITUTIONS, "parent_id": c.GROUPS}),
    Model(c.GROUP_COURSES, {"group_id": "!int", "course_id": "!int"}, {},
          {"group_id": c.GROUPS, "course_id": c.COURSES}),
    Model(c.CONSENTS, {"institution_id": "!int", "version": "!str", "valid_from": "str?"},
          {"valid_from": None}, {"institution_id": c.INSTITUTIONS},
          unique=(("institution_id", "version"),)),
    Model(c.CONSENT_DOCUMENTS, {"consent_id": "!int", "language": "!str", "html": "str?",
                                "pdf": "str?"}, {"html": None, "pdf": None},
          {"consent_id": c.CONSENTS}, unique=(("consent_id", "language"),)),
    Model(c.INSTRUMENTS, {"name": "!str", "acronym": "!str", "queue": "str",
                          "requires_enrolment": "bool", "identity": "bool", "originality": "bool",
                          "authorship": "bool", "integrity": "bool", "enabled": "bool",
                          "options_schema": "str?", "description": "str?"},
          {"queue": "", "requires_enrolment": False, "identity": False, "originality": False,
           "authorship": False, "integrity": False, "enabled": True, "options_schema": None,
           "description": None}),
    Model(c.PROVIDERS, {"instrument_id": "!int", "acronym": "!str", "name": "!str",
                        "enabled": "bool", "alert_below": "num?", "warning_below": "num?",
                        "inverted_polarity": "bool"},
          {"enabled": True, "alert_below": None, "warning_below": None,
           "inverted_polarity": False}, {"instrument_id": c.INSTRUMENTS}),
    Model(c.UI_OPTIONS, {"route": "!str", "enabled": "bool", "roles": "list?",
                         "institution_id": "int?", "user_id": "int?"},
          {"enabled": True, "roles": None, "institution_id": None, "user_id": None},
          {"institution_id": c.INSTITUTIONS, "user_id": c.USERS}),
    Model(c.USERS, _PERSON, {}, {"institution_id": c.INSTITUTIONS}, check=_people),
    Model(c.SEND_CATEGORIES, {"institution_id": "!int", "description": "!str", "data": "obj"},
          {"data": {"enabled_options": [], "disabled_instruments": []}},
          {"institution_id": c.INSTITUTIONS}),
    Model(c.SEND_LEARNERS, {"user_id": "!int", "category_id": "!int", "expires_at": "str?"},
          {"expires_at": None}, {"user_id": c.USERS, "category_id": c.SEND_CATEGORIES}),
    Model(c.ACTIVITIES, {"vle_id": "!int", "course_id": "!int", "vle_activity_type": "!str",
                         "vle_activity_id": "!str", "name": "str?", "description": "str?",
                         "start": "str?", "end": "str?", "enabled": "bool", "conf": "any"},
          {"name": None, "description": None, "start": None, "end": None, "enabled": False,
           "conf": None}, {"vle_id": c.VLES, "course_id": c.COURSES}),
    Model(c.ACTIVITY_INSTRUMENTS, {"activity_id": "!int", "instrument_id": "!int",
                                   "active": "bool", "options": "any", "alternative_to": "int?"},
          {"active": True, "options": None, "alternative_to": None},
          {"activity_id": c.ACTIVITIES, "instrument_id": c.INSTRUMENTS,
           "alternative_to": c.ACTIVITY_INSTRUMENTS}),
    Model(c.REPORTS, {"activity_id": "!int", "learner_id": "!int", "data": "any", **_LEVELS},
          {"data": None, **_LEVEL_DEFAULTS}, {"activity_id": c.ACTIVITIES, "learner_id": c.USERS}),
    Model(c.REPORT_INSTRUMENTS, {"report_id": "!int", "instrument_id": "!int",
                                 "enrolment": "int?", "confidence": "int?", "result": "int?",
                                 "audit_data": "any", **_LEVELS},
          {"enrolment": None, "confidence": None, "result": None, "audit_data": None,
           **_LEVEL_DEFAULTS}, {"report_id": c.REPORTS, "instrument_id": c.INSTRUMENTS}),
    Model(c.REQUESTS, {"learner_id": "!int", "activity_id": "!int", "status": "int",
                       "data": "any", "error_message": "str?", "session": "int?",
                       "message_code": "any", "instruments": "list", "results": "list"},
          {"status": 0, "data": None, "error_message": None, "session": None,
           "message_code": None, "instruments": [], "results": []},
          {"learner_id": c.USERS, "activity_id": c.ACTIVITIES}),
)


def _users_prepare(model: Model) -> Callable[[World, dict[str, Any]], tuple[str, Record]]:
    def prepare(world: World, record: dict[str, Any]) -> tuple[str, Record]:
        return model.prepare(world, _user_defaults(world, record))
    return prepare


def _singleton(key: str) -> Callable[[World, dict[str, Any]], tuple[str, Record]]:
    def prepare(world: World, record: dict[str, Any]) -> tuple[str, Record]:
        return key, record
    return prepare


def _sequence(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A collection's id sequence, stored under the collection's name."""
    if record["collection"] not in c.ALL:
        raise RecordRefused("collection", f"no collection {record['collection']!r}")
    return str(record["collection"]), {"value": record["value"]}


def _arrangeables() -> dict[str, Arrangeable]:
    table = {model.collection: model.arrangeable() for model in MODELS}
    users = next(model for model in MODELS if model.collection == c.USERS)
    table[c.USERS] = Arrangeable(table[c.USERS].schema, _users_prepare(users))
    table[c.CONFIG] = Arrangeable(record_schema(signing_key="!str"), _singleton("tesla"))
    table[c.SEQUENCES] = Arrangeable(record_schema(collection="!str", value="!int"), _sequence)
    return table


ARRANGE: dict[str, Arrangeable] = _arrangeables()
"""Every collection's rules, in :data:`~edumock.platforms.tesla.collections.ALL`."""
