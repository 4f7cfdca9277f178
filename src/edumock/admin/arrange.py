"""POST and DELETE /__admin/state/{platform}/{collection}: put records in place for a test.

A test says "given a learner with this e-mail" without building a whole snapshot. Each record
passes its collection's schema and then the platform's own rules (``Platform.arrange``), all
inside one store transaction, so a refused list writes nothing. The call is journaled in the
request's world as an admin change.
"""

from __future__ import annotations

from typing import Any

from connexion.context import context
from connexion.exceptions import ProblemException
from jsonschema import Draft4Validator, ValidationError

from edumock.errors import RecordRefused
from edumock.platform import Arrangeable, Platform
from edumock.serving.sandbox import Sandbox
from edumock.world import World
from edumock.world.journal import ADMIN_CHANGE_KEY


def _not_found(detail: str) -> ProblemException:
    return ProblemException(status=404, title="Not Found", detail=detail)


def _rules(sandbox: Sandbox, world: World, platform: str, collection: str
           ) -> tuple[Platform, Arrangeable]:
    """The collection's rules, the platform's due background work applied first."""
    found = sandbox.platform(platform)
    if found is None:
        raise _not_found(f"unknown platform {platform!r}")
    context[ADMIN_CHANGE_KEY] = platform
    if found.settle is not None:
        found.settle(world)
    rules = found.arrange.get(collection)
    if rules is None:
        raise _not_found(f"platform {platform!r} has no collection {collection!r}")
    return found, rules


def _field(error: ValidationError) -> str:
    """The dotted name of the field a schema failure is about (the missing one for
    ``required``)."""
    parts = [str(part) for part in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        wanted: list[str] = list(error.validator_value)  # type: ignore[arg-type]
        missing = [name for name in wanted if name not in error.instance]
        parts.extend(missing[:1])
    return ".".join(parts) or "$"


def arrange(sandbox: Sandbox, world: World, platform: str, collection: str,
            body: dict[str, Any] | list[dict[str, Any]]) -> tuple[dict[str, Any], int]:
    """Store one record or a list (all of them, or none when one is refused)."""
    _, rules = _rules(sandbox, world, platform, collection)
    records = body if isinstance(body, list) else [body]
    index = None if isinstance(body, dict) else 0
    validator = Draft4Validator(rules.schema)
    stored: list[dict[str, Any]] = []
    store = world.store(platform)
    try:
        with store.transaction():
            for position, record in enumerate(records):
                index = None if isinstance(body, dict) else position
                errors = sorted(validator.iter_errors(record),
                                key=lambda e: [str(part) for part in e.absolute_path])
                if errors:
                    raise RecordRefused(_field(errors[0]), errors[0].message)
                key, value = rules.prepare(world, dict(record))
                store.put(collection, key, value)
                stored.append(value)
    except RecordRefused as error:
        raise RecordRefused(error.field, error.message, index) from None
    return {"platform": platform, "collection": collection, "count": len(stored),
            "records": stored}, 201


def remove(sandbox: Sandbox, world: World, platform: str, collection: str, id_: str
           ) -> tuple[None, int]:
    """Delete one record by its store key."""
    _rules(sandbox, world, platform, collection)
    store = world.store(platform)
    with store.transaction():
        if not store.delete(collection, id_):
            raise _not_found(f"{platform} {collection} has no record {id_!r}")
    return None, 204
