"""The operation index: every (method, path template, operationId) a set of specs declares.

Used to answer what Connexion's router cannot (the full ``Allow`` list of a
path) and by anything that needs to reason about the contract's operations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@dataclass(frozen=True, slots=True)
class Operation:
    """One declared operation."""

    method: str
    path: str
    operation_id: str
    pattern: re.Pattern[str]


def _template_pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    regex = "".join("[^/]+" if p.startswith("{") else re.escape(p) for p in parts)
    return re.compile(f"^{regex}$")


def _literal_segments(template: str) -> int:
    return sum(1 for part in template.split("/") if part and "{" not in part)


REMEMBERED = 4096
"""How many answers the index keeps. Every request asks it twice and a client's paths repeat,
so remembering spares a scan of every template; the bound keeps a client walking endless ids
from growing memory (the memory is simply started afresh when full)."""


K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


def _remembered(memory: dict[K, V], key: K, compute: Callable[[K], V]) -> V:
    try:
        return memory[key]
    except KeyError:
        pass
    value = compute(key)
    if len(memory) >= REMEMBERED:
        memory.clear()
    memory[key] = value
    return value


class OperationIndex:
    """Lookup of declared operations by concrete request path."""

    def __init__(self, specs: Iterable[dict[str, Any]]) -> None:
        self.operations: list[Operation] = []
        for spec in specs:
            for template, item in (spec.get("paths") or {}).items():
                pattern = _template_pattern(template)
                for method in HTTP_METHODS:
                    if method in item:
                        operation_id = item[method].get("operationId", f"{method} {template}")
                        self.operations.append(
                            Operation(method.upper(), template, operation_id, pattern)
                        )
        self._methods: dict[str, tuple[str, ...]] = {}
        self._matches: dict[tuple[str, str], Operation | None] = {}

    def methods_for(self, path: str) -> tuple[str, ...]:
        """Methods declared for the path, in a stable order (empty when none match). Where
        templates overlap (``ic/current/`` and ``ic/{id}/``) only the most literal counts, as
        the platforms' own routers try the fixed route first."""
        return _remembered(self._methods, path, self._methods_for)

    def match(self, method: str, path: str) -> Operation | None:
        """The declared operation for a request, if any."""
        return _remembered(self._matches, (method.upper(), path), lambda key: self._match(*key))

    def _methods_for(self, path: str) -> tuple[str, ...]:
        matching = [op for op in self.operations if op.pattern.match(path)]
        best = max((_literal_segments(op.path) for op in matching), default=0)
        found = {op.method for op in matching if _literal_segments(op.path) == best}
        return tuple(m.upper() for m in HTTP_METHODS if m.upper() in found)

    def _match(self, method: str, path: str) -> Operation | None:
        return next(
            (op for op in self.operations if op.method == method and op.pattern.match(path)),
            None,
        )
