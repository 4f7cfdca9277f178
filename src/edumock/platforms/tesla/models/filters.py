"""django-filter's filters as the real TeSLA filtersets declare them (django-filter 23.2 on
Django 4.2).

A filter cleans its query parameter with its form field, which refuses what Django's field
refuses with Django's own message, then tests records against the cleaned value. A filterset
cleans every parameter it declares before it filters anything: a request with refused values
answers one 400 naming each refused parameter, in the filterset's field order
(``DjangoFilterBackend`` raising the form's errors). A parameter the filterset does not
declare is ignored; a blank value is ignored by every field but the multiple-choice ones,
which refuse it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import ROUND_DOWN, Decimal, DecimalException
from typing import Any

from edumock.platforms.tesla.errors import ValidationError
from edumock.platforms.tesla.models.context import Call
from edumock.platforms.tesla.models.timefmt import parse_datetime
from edumock.world.store import InMemoryStore, Record

NULL_CHARACTERS = "Null characters are not allowed."
ENTER_A_NUMBER = "Enter a number."
NUMBER_LIMIT = 1e50
"""``NumberFilter``'s ``MaxValueValidator``: a float, compared exactly with the decimal."""
TOO_LARGE = "Ensure this value is less than or equal to 1e+50."
ENTER_A_DATETIME = "Enter a valid date/time."
INVALID_MODEL_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def invalid_choice(value: str) -> str:
    """``ChoiceField``'s message, naming the value as sent."""
    return f"Select a valid choice. {value} is not one of the available choices."


class Refused(Exception):
    """A value the filter's form field refuses, with the field's message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Clean = Callable[[InMemoryStore, list[str]], Any]
"""A form field: every value of the parameter (``QueryDict.getlist``) to the value the test
gets, or None when the filter does not apply; raises :class:`Refused`."""


@dataclass(frozen=True, slots=True)
class Filter:
    """One filter of a filterset: its form field and its lookup."""

    test: Callable[[Record, Any], bool]
    clean: Clean


def apply(call: Call, records: Iterable[Record], filters: Mapping[str, Filter]) -> list[Record]:
    """The filterset: clean every declared parameter, refuse them all at once, then filter."""
    params = call.params()
    active: list[tuple[Filter, Any]] = []
    errors: dict[str, list[str]] = {}
    for name, declared in filters.items():
        values = params.get(name)
        if not values:
            continue
        try:
            value = declared.clean(call.store, values)
        except Refused as refused:
            errors[name] = [refused.message]
            continue
        if value is not None:
            active.append((declared, value))
    if errors:
        raise ValidationError(errors)
    if not active:
        return list(records)
    return [r for r in records if all(f.test(r, value) for f, value in active)]


# -- form fields ---------------------------------------------------------------
def _text(store: InMemoryStore, values: list[str]) -> str | None:
    """``CharField``: surrounding whitespace stripped, blank ignored, NUL refused."""
    value = values[-1].strip()
    if not value:
        return None
    if "\x00" in value:
        raise Refused(NULL_CHARACTERS)
    return value


def _decimal(store: InMemoryStore, values: list[str]) -> Decimal | None:
    """``DecimalField``, as ``NumberFilter`` uses it: any finite decimal up to 1e50."""
    raw = values[-1]
    if raw == "":
        return None
    try:
        value = Decimal(raw)
    except DecimalException:
        raise Refused(ENTER_A_NUMBER) from None
    if not value.is_finite():
        raise Refused(ENTER_A_NUMBER)
    if value > NUMBER_LIMIT:
        raise Refused(TOO_LARGE)
    # An integer field's lookup reads the decimal through int(): its fraction is dropped.
    return value.to_integral_value(rounding=ROUND_DOWN)


def _datetime(store: InMemoryStore, values: list[str]) -> datetime | None:
    """``IsoDateTimeField``: Django's ``parse_datetime``; a naive time is UTC (TIME_ZONE)."""
    raw = values[-1]
    if raw == "":
        return None
    try:
        parsed = parse_datetime(raw.strip())
    except ValueError:
        parsed = None
    if parsed is None:
        raise Refused(ENTER_A_DATETIME)
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _as_sent(store: InMemoryStore, values: list[str]) -> str | None:
    """django-filter's base ``Filter`` (a plain ``forms.Field``): the value unchecked."""
    return values[-1] or None


def _pk(raw: str) -> int | None:
    """A primary key as Django's integer field reads it (``int()``), or None."""
    try:
        return int(raw)
    except ValueError:
        return None


# -- filters -------------------------------------------------------------------
def exact(field: str) -> Filter:
    """``CharFilter``: the record's field equals the value (compared as text)."""
    return Filter(lambda record, value: str(record.get(field)) == value, _text)


def icontains(field: str) -> Filter:
    """``CharFilter(lookup_expr='icontains')``."""
    return Filter(lambda record, value: value.casefold() in str(record.get(field) or "").casefold(),
                  _text)


def text(test: Callable[[Record, str], bool]) -> Filter:
    """A ``CharFilter`` with its own lookup."""
    return Filter(test, _text)


def plain(test: Callable[[Record, str], bool]) -> Filter:
    """A filter whose form field checks nothing: its lookup decides what a value means."""
    return Filter(test, _as_sent)


def number(field: str, compare: Callable[[Decimal, Decimal], bool] = Decimal.__eq__) -> Filter:
    """``NumberFilter`` on an integer field (``exact``, ``gte``, ``lte``)."""
    def test(record: Record, value: Decimal) -> bool:
        current = record.get(field)
        return current is not None and compare(Decimal(int(current)), value)
    return Filter(test, _decimal)


def choice(field: str, choices: Callable[[InMemoryStore], Iterable[object]],
           test: Callable[[Record, str], bool] | None = None) -> Filter:
    """``ChoiceFilter``: the value must be one of the choices' keys written out exactly
    (``01`` is not ``1``); the default lookup compares the field as text."""
    def clean(store: InMemoryStore, values: list[str]) -> str | None:
        value = values[-1]
        if value == "":
            return None
        if value not in {str(key) for key in choices(store)}:
            raise Refused(invalid_choice(value))
        return value
    return Filter(test or (lambda record, value: str(record.get(field)) == value), clean)


def model_choice(field: str, collection: str) -> Filter:
    """``ModelChoiceFilter`` on a foreign key: the value must be the id of a record of the
    collection (any of them, not only those the URL's parents reach)."""
    def clean(store: InMemoryStore, values: list[str]) -> int | None:
        value = values[-1]
        if value == "":
            return None
        pk = _pk(value)
        if pk is None or store.get(collection, str(pk)) is None:
            raise Refused(INVALID_MODEL_CHOICE)
        return pk
    return Filter(lambda record, pk: record.get(field) == pk, clean)


def multiple_choice(choices: Iterable[str], test: Callable[[Record, list[str]], bool]) -> Filter:
    """``MultipleChoiceFilter``: every value (the parameter repeated) must be a choice; a
    blank one is refused too. The first refused value is named."""
    allowed = frozenset(choices)

    def clean(store: InMemoryStore, values: list[str]) -> list[str]:
        for value in values:
            if value not in allowed:
                raise Refused(invalid_choice(value))
        return values
    return Filter(test, clean)


def model_multiple_choice(field: str, collection: str) -> Filter:
    """``ModelMultipleChoiceFilter`` on a many-to-many field: records related to any of the
    values. Every value must read as an id (else ``“x” is not a valid value.``, before any
    other check) and be written exactly as an existing record's id (else the choice message).
    Where several are refused the real server names one in its set's hash order; the first
    sent is named here."""
    def clean(store: InMemoryStore, values: list[str]) -> frozenset[int]:
        sent = list(dict.fromkeys(values))
        for value in sent:
            if _pk(value) is None:
                raise Refused(f"“{value}” is not a valid value.")
        for value in sent:
            if store.get(collection, value) is None:  # ids are stored as their text
                raise Refused(invalid_choice(value))
        return frozenset(int(value) for value in sent)
    return Filter(lambda record, pks: not pks.isdisjoint(record.get(field) or ()), clean)


def iso_datetime(field: str) -> Filter:
    """``IsoDateTimeFilter``: the record's instant equals the value's."""
    def test(record: Record, value: datetime) -> bool:
        current = record.get(field)
        return isinstance(current, str) and parse_datetime(current) == value
    return Filter(test, _datetime)
