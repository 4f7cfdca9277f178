"""Resolve operationIds inside a package, and mark JSON answers as JSON.

Connexion refuses to guess a response's media type when an operation declares
several (every operation here also declares its error media type). Handlers
return plain data; this wrapper labels it ``application/json`` so handlers
stay free of HTTP details. It also notes which records the handler's
committed transactions touched, for the request journal.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from connexion import NoContent
from connexion.context import context
from connexion.resolver import RelativeResolver

from edumock.journal import CHANGES_KEY
from edumock.store.changes import recording

JSON = "application/json"


def _with_json_media_type(function: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with recording() as changes:
            try:
                result = function(*args, **kwargs)
            finally:
                context[CHANGES_KEY] = changes
        if isinstance(result, tuple) and result[0] is None:
            return NoContent, *result[1:]  # no body, so no media type
        if not isinstance(result, tuple):
            return result, 200, {"Content-Type": JSON}
        if len(result) == 2:
            return result[0], result[1], {"Content-Type": JSON}
        body, status, headers = result
        return body, status, {"Content-Type": JSON, **headers}

    return wrapper


class PackageResolver(RelativeResolver):  # type: ignore[misc]
    """``operationId: module.function`` resolved in one handler package."""

    def resolve_function_from_operation_id(self, operation_id: str) -> Callable[..., Any]:
        """The handler, wrapped so its data is sent as JSON."""
        return _with_json_media_type(super().resolve_function_from_operation_id(operation_id))
