"""The type of each path parameter a path item declares, as Connexion reads them to build its
routes (``int`` parameters only match digits), so the operation table routes as Connexion
does."""

from __future__ import annotations

import functools
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def path_types(item: dict[str, Any], spec: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Each path parameter's OpenAPI type, as Connexion hands it to ``starlettify_path``."""
    types: dict[str, str] = {}
    raw = list(item.get("parameters") or [])
    for method in HTTP_METHODS:
        raw += (item.get(method) or {}).get("parameters") or []
    for parameter in raw:
        if "$ref" in parameter:  # "#/components/parameters/X"
            parameter = functools.reduce(lambda node, key: node.get(key) or {},
                                         parameter["$ref"].lstrip("#/").split("/"), spec)
        if parameter.get("in") == "path":
            schema = parameter.get("schema") or {}
            kind = "path" if schema.get("format") == "path" else schema.get("type")
            if kind:
                types[parameter["name"]] = str(kind)
    return tuple(sorted(types.items()))
