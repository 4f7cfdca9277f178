"""Each schema compiled once into jsonschema-rs to decide, with Python jsonschema to describe.

Python's jsonschema spends milliseconds on a page of records; jsonschema-rs
decides the same question some thirty times faster but words its failures
differently. So every check asks jsonschema-rs first, and only a value it
refuses goes to Connexion's Python validator for requests or responses, whose
findings (messages, paths, keywords) are what reaches the platforms' error
formatters. The verdict therefore stays Python's: the translated schema is
never more lenient than the original (OpenAPI's ``nullable`` becomes a type
union, ``writeOnly`` in a response an always-failing schema, a ``date-time``
must also match the pattern Python's check enforces, and a ``regex`` is
compiled by Python's :mod:`re`; every other format jsonschema-rs checks at
least as strictly as Python), and where jsonschema-rs is stricter, Python has
the last word.

The conformance checker asks the same compiled checks (:data:`SCHEMAS`), so
the server and the checker cannot reach different verdicts on one value.

``CROSSCHECK`` (set by the test suite) also runs Python on every value
jsonschema-rs accepts and fails loudly where the two disagree, so the whole
suite proves the translation faithful.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import jsonschema_rs
from connexion.json_schema import Draft4RequestValidator, Draft4ResponseValidator
from jsonschema import Draft4Validator, ValidationError
from jsonschema.protocols import Validator

from edumock.contract.bounded import BoundedMemory
from edumock.errors import SchemaIssue

CROSSCHECK = False
"""When true, Python validates every value jsonschema-rs accepts, and a disagreement raises."""

_VALUES = frozenset({"enum", "default", "example", "examples", "const"})
"""Keywords whose values are data, not schemas: left as they are."""

_WRITE_ONLY = ("writeOnly", "x-writeOnly")

_FORMATS = Draft4Validator.FORMAT_CHECKER
"""The formats Python checks (for Draft 4: date-time, email, idn-email, ipv4, ipv6, regex)."""

_RFC3339 = ("^([1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])-(0[1-9]|1[0-2])-[0-9]{2}"
            "[Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]+)?"
            "([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$")
"""What Python's ``date-time`` check (rfc3339-validator) accepts, day of month aside. The
jsonschema-rs check alone also takes a leap second (``23:59:60``), a signed or short year
(``+026-01-01T...``) and year 0, all of which Python refuses; this pattern rules them out."""


def _python_regex(value: str) -> bool:
    """Python's ``regex`` check: the pattern compiles with :mod:`re`. jsonschema-rs reads
    patterns as ECMA 262 and takes some :mod:`re` refuses (``\\p{L}``, ``(?<name>x)``)."""
    return bool(_FORMATS.conforms(value, "regex"))


class ValidatorsDisagree(AssertionError):
    """jsonschema-rs accepted what Python jsonschema refuses: the translation is wrong."""


def _issue(error: ValidationError) -> SchemaIssue:
    return SchemaIssue(
        path=tuple(error.absolute_path),
        message=error.message,
        keyword=str(error.validator),
        schema_path=tuple(error.absolute_schema_path),
        expected=error.validator_value,
        schema=error.schema,
    )


def python_errors(validator: Validator, instance: Any) -> list[ValidationError]:
    """Every failure Python jsonschema finds, ordered by location so reports are stable."""
    return sorted(validator.iter_errors(instance),
                  key=lambda error: [str(part) for part in error.absolute_path])


def python_issues(validator: Validator, instance: Any) -> list[SchemaIssue]:
    """:func:`python_errors` as the neutral issues the platforms' error formatters read."""
    return [_issue(error) for error in python_errors(validator, instance)]


class _Recursive(ValueError):
    """A schema that contains itself (Connexion inlines a recursive ``$ref`` as a cycle)."""


def rust_schema(node: Any, *, response: bool, _inside: frozenset[int] = frozenset()) -> Any:
    """``node`` rewritten for a plain Draft 4 validator, with Connexion's extensions spelled out:
    ``nullable``/``x-nullable`` admit null in ``type`` and ``enum``, in a response a schema
    marked write-only fails whatever it is given, and a ``date-time`` must also match what
    Python's check accepts. Raises :class:`ValueError` on a cycle."""
    if not isinstance(node, dict | list):
        return node
    if id(node) in _inside:
        raise _Recursive("the schema refers to itself")
    inside = _inside | {id(node)}
    if isinstance(node, list):
        return [rust_schema(item, response=response, _inside=inside) for item in node]
    if response and any(key in node for key in _WRITE_ONLY):
        return {"not": {}}
    out = {key: value if key in _VALUES else rust_schema(value, response=response, _inside=inside)
           for key, value in node.items()}
    if node.get("nullable") is True or node.get("x-nullable") is True:
        kind = node.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
        elif isinstance(kind, list) and "null" not in kind:
            out["type"] = [*kind, "null"]
        if isinstance(node.get("enum"), list) and None not in node["enum"]:
            out["enum"] = [*node["enum"], None]
    if node.get("format") == "date-time":
        out["allOf"] = [*out.get("allOf", []), {"pattern": _RFC3339}]
    return out


class SchemaCheck:
    """One schema: jsonschema-rs decides, the Python validator (built on first need) explains."""

    def __init__(self, schema: Any, python: Callable[[Any], Validator], *, response: bool) -> None:
        self._schema = schema
        self._make_python = python
        self._python: Validator | None = None
        try:
            self._rust: Any = jsonschema_rs.Draft4Validator(
                rust_schema(schema, response=response), validate_formats=True,
                formats={"regex": _python_regex})
        except (ValueError, jsonschema_rs.ValidationError):
            self._rust = None  # a construct jsonschema-rs cannot compile: Python alone decides

    @property
    def python(self) -> Validator:
        """The Python validator for this schema (the one whose findings are reported)."""
        if self._python is None:
            self._python = self._make_python(self._schema)
        return self._python

    def _rust_accepts(self, instance: Any) -> bool:
        if self._rust is None:
            return False
        try:
            return bool(self._rust.is_valid(instance))
        except (ValueError, TypeError, OverflowError):  # a value it cannot represent
            return False

    def errors(self, instance: Any) -> list[ValidationError]:
        """Every failure of ``instance`` as Python jsonschema words it (empty when valid)."""
        if self._rust_accepts(instance):
            if CROSSCHECK:
                found = python_errors(self.python, instance)
                if found:
                    raise ValidatorsDisagree(f"jsonschema-rs accepted {instance!r}, "
                                             f"Python refuses: {found[0].message}")
            return []
        return python_errors(self.python, instance)

    def issues(self, instance: Any) -> list[SchemaIssue]:
        """Every failure of ``instance`` (empty when it is valid)."""
        return [_issue(error) for error in self.errors(instance)]

    def first_issue(self, instance: Any) -> SchemaIssue | None:
        """The first failure Python reports, or None when ``instance`` is valid."""
        if self._rust_accepts(instance) and not CROSSCHECK:
            return None
        if self._rust_accepts(instance):
            return next(iter(self.issues(instance)), None)
        error = next(iter(self.python.iter_errors(instance)), None)
        return None if error is None else _issue(error)


_NO_SCHEMA: dict[str, Any] = {}
"""Stands for every empty schema: Connexion makes a fresh ``{}`` for each answer whose status
declares no body (a 204), which would otherwise be a new entry every time."""

KEPT = 4096
"""How many compiled checks are kept. The specs' own schemas number a few hundred; the bound
only matters if something hands over fresh schema objects per request (the least recently used
checks are then forgotten rather than memory growing)."""

Kind = Literal["request", "response"]
"""What a schema is used for: a request's parameters and body, or a response's body and
headers (where OpenAPI's ``writeOnly`` forbids a value)."""

PYTHON_VALIDATORS: dict[str, Callable[[Any], Validator]] = {
    "request": lambda schema: Draft4RequestValidator(schema, format_checker=_FORMATS),
    "response": lambda schema: Draft4ResponseValidator(schema, format_checker=_FORMATS),
}
"""The Python validator that words the failures of each kind: Connexion's, which know OpenAPI's
``nullable`` (at any depth, as the jsonschema-rs translation does) and ``writeOnly``."""


class CompiledSchemas:
    """One :class:`SchemaCheck` per schema object and kind, shared by the server's validators
    and the conformance checker so both reach the same verdict the same way. Specs never change
    while in use, and each entry holds its schema, so the ``id`` in its key stays that schema's
    for as long as the entry is remembered."""

    def __init__(self) -> None:
        self._memory: BoundedMemory[tuple[int, str], tuple[Any, SchemaCheck]] = (
            BoundedMemory(KEPT))

    def __len__(self) -> int:
        return len(self._memory)

    def get(self, schema: Any, kind: Kind,
            python: Callable[[Any], Validator] | None = None) -> SchemaCheck:
        """The check for ``schema`` used as ``kind``; ``python`` replaces the kind's Python
        validator (for a memory of one's own: a shared one always uses the kind's)."""
        if isinstance(schema, dict) and not schema:
            schema = _NO_SCHEMA
        make = python or PYTHON_VALIDATORS[kind]
        entry = self._memory.get_or_compute(
            (id(schema), kind),
            lambda _: (schema, SchemaCheck(schema, make, response=kind == "response")))
        return entry[1]


SCHEMAS = CompiledSchemas()
"""The one memory of compiled schemas the server and the conformance checker both ask."""
