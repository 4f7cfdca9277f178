"""Each schema compiled once into jsonschema-rs to decide, with Python jsonschema to describe.

Python's jsonschema spends milliseconds on a page of records; jsonschema-rs
decides the same question some thirty times faster but words its failures
differently. So every check asks jsonschema-rs first, and only a value it
refuses goes to the Python validator Connexion would have used, whose
findings (messages, paths, keywords) are what reaches the platforms' error
formatters. The verdict therefore stays Python's: the translated schema is
never more lenient than the original (OpenAPI's ``nullable`` becomes a type
union, ``writeOnly`` in a response an always-failing schema, and
jsonschema-rs checks formats at least as strictly as Python does), and where
jsonschema-rs is stricter, Python has the last word.

``CROSSCHECK`` (set by the test suite) also runs Python on every value
jsonschema-rs accepts and fails loudly where the two disagree, so the whole
suite proves the translation faithful.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import jsonschema_rs
from jsonschema import ValidationError
from jsonschema.protocols import Validator

from edumock.errors import SchemaIssue

CROSSCHECK = False
"""When true, Python validates every value jsonschema-rs accepts, and a disagreement raises."""

_VALUES = frozenset({"enum", "default", "example", "examples", "const"})
"""Keywords whose values are data, not schemas: left as they are."""

_WRITE_ONLY = ("writeOnly", "x-writeOnly")


class ValidatorsDisagree(AssertionError):
    """jsonschema-rs accepted what Python jsonschema refuses: the translation is wrong."""


def _issue(error: ValidationError) -> SchemaIssue:
    return SchemaIssue(
        path=tuple(error.absolute_path),
        message=error.message,
        keyword=str(error.validator),
        schema_path=tuple(error.absolute_schema_path),
        expected=error.validator_value,
    )


def python_issues(validator: Validator, instance: Any) -> list[SchemaIssue]:
    """Every failure Python jsonschema finds, ordered by location so reports are stable."""
    issues = [_issue(error) for error in validator.iter_errors(instance)]
    return sorted(issues, key=lambda issue: [str(part) for part in issue.path])


class _Recursive(ValueError):
    """A schema that contains itself (Connexion inlines a recursive ``$ref`` as a cycle)."""


def rust_schema(node: Any, *, response: bool, _inside: frozenset[int] = frozenset()) -> Any:
    """``node`` rewritten for a plain Draft 4 validator, with Connexion's extensions spelled out:
    ``nullable``/``x-nullable`` admit null in ``type`` and ``enum``, and in a response a schema
    marked write-only fails whatever it is given. Raises :class:`ValueError` on a cycle."""
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
    return out


class SchemaCheck:
    """One schema: jsonschema-rs decides, the Python validator (built on first need) explains."""

    def __init__(self, schema: Any, python: Callable[[Any], Validator], *, response: bool) -> None:
        self._schema = schema
        self._make_python = python
        self._python: Validator | None = None
        try:
            self._rust: Any = jsonschema_rs.Draft4Validator(
                rust_schema(schema, response=response), validate_formats=True)
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

    def issues(self, instance: Any) -> list[SchemaIssue]:
        """Every failure of ``instance`` (empty when it is valid)."""
        if self._rust_accepts(instance):
            if CROSSCHECK:
                found = python_issues(self.python, instance)
                if found:
                    raise ValidatorsDisagree(f"jsonschema-rs accepted {instance!r}, "
                                             f"Python refuses: {found[0].message}")
            return []
        return python_issues(self.python, instance)

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
only matters if something hands over fresh schema objects per request (the cache then starts
afresh rather than growing)."""


class CompiledSchemas:
    """One :class:`SchemaCheck` per schema object and purpose (specs never change while
    serving, and holding the schema keeps its ``id`` from being reused)."""

    def __init__(self) -> None:
        self._cache: dict[tuple[int, str], tuple[Any, SchemaCheck]] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._cache)

    def get(self, schema: Any, kind: str, python: Callable[[Any], Validator]) -> SchemaCheck:
        """The check for ``schema`` used as ``kind`` (``param``, ``request`` or ``response``)."""
        if isinstance(schema, dict) and not schema:
            schema = _NO_SCHEMA
        key = (id(schema), kind)
        hit = self._cache.get(key)
        if hit is not None and hit[0] is schema:
            return hit[1]
        check = SchemaCheck(schema, python, response=kind == "response")
        with self._lock:
            if len(self._cache) >= KEPT:
                self._cache.clear()
            self._cache[key] = (schema, check)
        return check
