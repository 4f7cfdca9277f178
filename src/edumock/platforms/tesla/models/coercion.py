"""Written values read as DRF's serializer fields read them (``to_internal_value``).

The spec admits what the real fields accept (a number for a ``CharField``, a
numeric string for an ``IntegerField`` or a primary key, DRF's words for a
boolean), and form bodies bring every value as a string; the model stores what
DRF would: ``"123"`` for a ``uid`` of 123, ``17`` for a ``parent`` of ``"17"``,
``True`` for ``"on"``. The field kinds are the same wherever a name appears in
the institution API's request bodies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from edumock.platforms.tesla.errors import ValidationError

TRUE_VALUES = frozenset({"t", "T", "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE",
                         "on", "On", "ON", "1"})
FALSE_VALUES = frozenset({"f", "F", "n", "N", "no", "No", "NO", "false", "False", "FALSE",
                          "off", "Off", "OFF", "0"})
"""``BooleanField.TRUE_VALUES`` and ``FALSE_VALUES`` (besides 1, 0 and the booleans)."""

_DECIMAL_TAIL = re.compile(r"\.0*\s*$")
"""``IntegerField.re_decimal``: a zero fraction it drops before ``int()``."""


def _char(value: Any) -> Any:
    """``CharField``: a number becomes its ``str()``."""
    return str(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _integer(value: Any) -> Any:
    """``IntegerField``: ``int()`` of the text without a zero fraction."""
    if isinstance(value, str | float) and not isinstance(value, bool):
        return int(_DECIMAL_TAIL.sub("", str(value)))
    return value


def _primary_key(value: Any) -> Any:
    """``PrimaryKeyRelatedField``: ``""`` is None, a numeric string the id Django reads."""
    if value == "":
        return None
    return int(value) if isinstance(value, str) else value


def _boolean(value: Any) -> Any:
    """``BooleanField``: DRF's words, 1 and 0."""
    if isinstance(value, bool) or value is None:
        return value
    if value in TRUE_VALUES or (isinstance(value, int | float) and value == 1):
        return True
    return False if value in FALSE_VALUES or value == 0 else value


def _vle_type(value: Any) -> Any:
    """``ChoiceField`` of the VLE types: a choice is matched by its ``str()``."""
    if str(value) != "0":
        raise ValidationError({"type": [f'"{value}" is not a valid choice.']})
    return 0


_CHAR = ("uid", "username", "first_name", "last_name", "email", "password", "password2",
         "locale", "name", "description", "url", "client_id", "version", "language", "html",
         "route", "conf", "mail_domain", "allowed_domains")
_BOOLEAN = ("inst_admin", "legal_admin", "send_admin", "data_admin", "login_allowed",
            "enabled", "active", "external_ic", "disable_vle_learner_creation",
            "disable_vle_instructor_creation", "disable_vle_user_creation",
            "allow_learner_report", "allow_learner_audit", "allow_valid_audit")

KINDS: dict[str, Callable[[Any], Any]] = {
    **dict.fromkeys(_CHAR, _char),
    **dict.fromkeys(_BOOLEAN, _boolean),
    **dict.fromkeys(("parent", "category", "user", "alternative_to"), _primary_key),
    "instrument_id": _integer,
    "id": _integer,
    "type": _vle_type,
}


def coerce(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with each known field's value as its DRF field reads it (after the spec
    admitted it, so the conversions cannot fail but for a choice)."""
    return {key: KINDS[key](value) if key in KINDS and value is not None else value
            for key, value in data.items()}


def boolean_fields() -> tuple[str, ...]:
    """The fields a form leaves False when it omits them (``default_empty_html``)."""
    return _BOOLEAN
