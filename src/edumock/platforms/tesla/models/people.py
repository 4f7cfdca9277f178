"""Rules shared by users, instructors and learners: e-mail, uid and username uniqueness."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import (
    COURSE_INSTRUCTORS,
    COURSE_LEARNERS,
    SEND_LEARNERS,
    UI_OPTIONS,
    USERS,
)
from edumock.platforms.tesla.errors import ValidationError
from edumock.world.store import InMemoryStore, Record

ROLE_FLAGS = ("inst_admin", "legal_admin", "send_admin", "data_admin")
NOT_IN_DOMAIN = "Provided email does not belong to institution domain"


def email_errors(store: InMemoryStore, institution: Record, data: dict[str, Any],
                 instance: Record | None) -> dict[str, list[str]]:
    """The e-mail field's validators: unique across every user, in the institution's mail
    domain."""
    email = data.get("email")
    if not email:
        return {}
    if any(u.get("email") and u["email"].casefold() == str(email).casefold()
           for u in store.values(USERS) if instance is None or u["id"] != instance["id"]):
        # The unique validator runs first; DRF skips ``validate_email`` when it fails.
        return {"email": ["This field must be unique."]}
    if (domain := institution.get("mail_domain")) and not str(email).endswith(domain):
        return {"email": [NOT_IN_DOMAIN]}
    return {}


def check_identity(store: InMemoryStore, institution: Record, data: dict[str, Any],
                   instance: Record | None, field_errors: dict[str, list[str]] | None = None
                   ) -> None:
    """Globally unique e-mail, institution mail domain (field errors, reported with the other
    ``field_errors`` of the serializer), then ``(institution, uid)`` unique."""
    errors = {**(field_errors or {}), **email_errors(store, institution, data, instance)}
    if errors:
        raise ValidationError(errors)
    others = [u for u in store.values(USERS) if instance is None or u["id"] != instance["id"]]
    uid = data.get("uid")
    if uid is not None and any(u.get("institution_id") == institution["id"] and u.get("uid") == uid
                               for u in others):
        raise ValidationError({"non_field_errors": [
            "The fields institution_id, uid must make a unique set."]})


def new_person(institution_id: int, data: dict[str, Any]) -> Record:
    """An institution user record with every flag at its default. Django's user columns
    cannot hold null: a name or e-mail not given is blank (``""``), the model's default."""
    return {"institution_id": institution_id, "username": data.get("email") or "", "uid": None,
            "email": "", "first_name": "", "last_name": "", "locale": None,
            "last_login": None, "login_allowed": False, "is_staff": False, "is_active": True,
            "is_learner": False, "is_instructor": False,
            **dict.fromkeys(ROLE_FLAGS, False), **data}


def remove_person_links(store: InMemoryStore, user_id: int) -> None:
    """What cascades when an institution user is deleted."""
    for collection in (COURSE_LEARNERS, COURSE_INSTRUCTORS, SEND_LEARNERS, UI_OPTIONS):
        for record in list(store.find(collection, user_id=user_id)):
            store.delete(collection, str(record["id"]))
