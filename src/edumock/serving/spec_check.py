"""Connexion's start-up check of each spec, decided by jsonschema-rs.

Connexion validates every spec it is given against the OpenAPI 3.0
meta-schema, and every ``default`` against the schema it sits in, with
Python jsonschema: about a quarter of a second for edumock's specs, paid on
every start and every time the docs page asks for a spec. jsonschema-rs
answers the same question in about a millisecond. Only a spec it doubts goes
on to Connexion's own check, so a broken spec is refused with exactly
Connexion's error, and the verdict is always Connexion's: the fast check looks
at every ``default`` anywhere in the spec (a superset of those Connexion
checks), with OpenAPI's ``nullable`` spelled out as in :mod:`schema_check`.

Connexion has no hook for this, so :func:`install` swaps the check on its
OpenAPI 3 specification class; it changes how fast a verdict comes, never
which one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema_rs
from connexion.spec import OpenAPISpecification, Specification

from edumock.contract.schema_check import rust_schema

_CONNEXION_CHECK = Specification.__dict__["_validate_spec"]
_META = jsonschema_rs.Draft4Validator(OpenAPISpecification.openapi_schema)


def _holders_of_default(node: Any) -> Iterator[dict[str, Any]]:
    """Every mapping in the document that carries a ``default``, walked without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            if "default" in current:
                yield current
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def _default_fits(holder: dict[str, Any]) -> bool:
    schema = {key: value for key, value in holder.items() if key != "default"}
    try:
        check = jsonschema_rs.Draft4Validator(rust_schema(schema, response=False),
                                              validate_formats=True)
        return bool(check.is_valid(holder["default"]))
    except (ValueError, TypeError, jsonschema_rs.ValidationError):
        return False  # not something jsonschema-rs can read as a schema: let Connexion judge


def looks_valid(spec: dict[str, Any]) -> bool:
    """Whether jsonschema-rs finds nothing wrong (then Connexion would find nothing either)."""
    try:
        if not _META.is_valid(spec):
            return False
    except (ValueError, TypeError):
        return False
    return all(_default_fits(holder) for holder in _holders_of_default(spec))


def _validate_spec(cls: type[OpenAPISpecification], spec: dict[str, Any]) -> None:
    if not looks_valid(spec):
        _CONNEXION_CHECK.__func__(cls, spec)


def install() -> None:
    """Make Connexion's OpenAPI 3 specifications use the fast check (idempotent)."""
    OpenAPISpecification._validate_spec = classmethod(_validate_spec)
