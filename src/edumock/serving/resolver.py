"""Resolve operationIds in a handler table, and mark JSON answers as JSON.

Every API (each platform's specs and the admin API) names one module whose
``HANDLERS`` mapping binds the spec's operationIds to handlers; the module is
imported on the first resolve, so building the registry stays cheap. An
operationId the table lacks stops the app at start, naming it.

Connexion refuses to guess a response's media type when an operation declares
several (every operation here also declares its error media type). Handlers
return plain data; this wrapper labels it ``application/json`` so handlers
stay free of HTTP details. It also notes which records the handler's
committed transactions touched, for the request journal.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Mapping
from typing import Any

from connexion import NoContent
from connexion.context import context
from connexion.exceptions import ResolverError
from connexion.resolver import Resolution, Resolver

from edumock.platform import HandlerTable
from edumock.world.journal import CHANGES_KEY, TRANSACTIONS_KEY
from edumock.world.store.changes import recording

JSON = "application/json"

def _with_json_media_type(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with recording() as recorded:
            try:
                result = function(*args, **kwargs)
            finally:
                context[CHANGES_KEY] = recorded.changes
                context[TRANSACTIONS_KEY] = (recorded.committed, recorded.rolled_back)
        if isinstance(result, tuple) and result[0] is None:
            return NoContent, *result[1:]  # no body, so no media type
        if not isinstance(result, tuple):
            return result, 200, {"Content-Type": JSON}
        if len(result) == 2:
            return result[0], result[1], {"Content-Type": JSON}
        body, status, headers = result
        return body, status, {"Content-Type": JSON, **headers}

    return wrapper


class TableResolver(Resolver):  # type: ignore[misc]
    """``operationId`` looked up in the ``HANDLERS`` table of one module."""

    def __init__(self, module_name: str) -> None:
        super().__init__()
        self.module_name = module_name
        self._table: HandlerTable | None = None
        self._wrapped: dict[str, Callable[..., Any]] = {}

    @property
    def table(self) -> HandlerTable:
        """The module's ``HANDLERS``, imported on first use."""
        if self._table is None:
            table = getattr(importlib.import_module(self.module_name), "HANDLERS", None)
            if not isinstance(table, Mapping):
                raise ResolverError(f"{self.module_name} defines no HANDLERS table")
            self._table = table
        return self._table

    def resolve(self, operation: Any) -> Resolution:
        """The handler for the operation's operationId, wrapped so its data is sent as JSON.

        The resolved id keeps the module's name in front (``module.operationId``), as a
        package-relative resolver would, so ids stay unique across the APIs served."""
        operation_id = operation.operation_id
        return Resolution(self.resolve_function_from_operation_id(operation_id),
                          f"{self.module_name}.{operation_id}")

    def resolve_function_from_operation_id(self, operation_id: str) -> Callable[..., Any]:
        """The wrapped handler, built once per operationId."""
        wrapped = self._wrapped.get(operation_id)
        if wrapped is None:
            handler = self.table.get(operation_id)
            if handler is None:
                raise ResolverError(f"operationId {operation_id!r} has no handler in "
                                    f"{self.module_name}.HANDLERS")
            wrapped = self._wrapped[operation_id] = _with_json_media_type(handler)
        return wrapped
