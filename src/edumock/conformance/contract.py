"""A platform's contract as the checker reads it: operations with their parameters, bodies,
responses and security, references resolved, and a lookup from a concrete request to the
operation that declares it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from connexion.json_schema import resolve_refs

from edumock.contract.loader import load_spec
from edumock.contract.operations import HTTP_METHODS

ANONYMOUS = "x-edumock-anonymous"


def pointer(*parts: str | int) -> str:
    """A JSON pointer (``/paths/~1api~1x/get``) naming a place in the spec."""
    escaped = (str(part).replace("~", "~0").replace("/", "~1") for part in parts)
    return "/" + "/".join(escaped)


def child(at: str, *parts: str | int) -> str:
    """The pointer ``at`` extended by ``parts``."""
    return at + pointer(*parts)


@dataclass(frozen=True, slots=True)
class Parameter:
    """A declared path, query or header parameter."""

    name: str
    location: str
    required: bool
    schema: dict[str, Any]
    schema_at: str


@dataclass(slots=True)
class OperationSpec:
    """One declared operation, everything resolved."""

    spec_file: str
    method: str
    template: str
    operation_id: str
    parameters: list[Parameter]
    request_body: dict[str, Any] | None
    responses: dict[str, Any]
    security: list[dict[str, list[str]]]
    security_schemes: dict[str, Any]
    at: str
    pattern: re.Pattern[str] = field(repr=False, default=re.compile(""))

    @property
    def key(self) -> str:
        """``METHOD /template``: how reports name an operation."""
        return f"{self.method} {self.template}"

    anonymous: bool = False
    """``x-edumock-anonymous: true``: the operation answers calls without credentials too (the
    view's permissions let anyone in) while still refusing bad ones."""

    @property
    def secured(self) -> bool:
        """True when every alternative needs a credential (no ``{}`` in ``security``) and the
        operation is not marked as answering anonymous calls."""
        return (bool(self.security) and all(requirement for requirement in self.security)
                and not self.anonymous)

    def path_params(self, path: str) -> dict[str, str]:
        """The path parameters of a concrete path matching this operation, by declared name."""
        found = self.pattern.match(path)
        if not found:
            return {}
        names = re.findall(r"\{([^}]+)\}", self.template)
        return dict(zip(names, found.groups(), strict=False))

    def response_for(self, status: int) -> tuple[str, dict[str, Any]] | None:
        """The declared response for a status: exact, then ``4XX``-style, then ``default``."""
        for key in (str(status), f"{str(status)[0]}XX", "default"):
            if key in self.responses:
                return key, self.responses[key]
        return None


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", template)
    names: list[str] = []
    regex = ""
    for part in parts:
        if part.startswith("{") and part.endswith("}"):
            name = re.sub(r"\W", "_", part[1:-1])
            while name in names:
                name += "_"
            names.append(name)
            regex += f"(?P<{name}>[^/]+)"
        else:
            regex += re.escape(part)
    return re.compile(f"^{regex}$")


def _parameters(item: dict[str, Any], operation: dict[str, Any], at: str,
                path_at: str) -> list[Parameter]:
    merged: dict[tuple[str, str], Parameter] = {}
    for source, base in ((item.get("parameters") or [], path_at),
                         (operation.get("parameters") or [], at)):
        for index, raw in enumerate(source):
            location = raw.get("in", "")
            name = raw.get("name", "")
            key_name = name.lower() if location == "header" else name
            merged[(location, key_name)] = Parameter(
                name, location, bool(raw.get("required")) or location == "path",
                raw.get("schema") or {}, child(base, "parameters", index, "schema"))
    return list(merged.values())


class Contract:
    """Every operation of one platform's spec files."""

    def __init__(self, platform: str, spec_paths: Iterable[Path]) -> None:
        self.platform = platform
        self.operations: list[OperationSpec] = []
        for path in spec_paths:
            spec = resolve_refs(load_spec(path))
            schemes = (spec.get("components") or {}).get("securitySchemes") or {}
            default_security = spec.get("security") or []
            for template, item in (spec.get("paths") or {}).items():
                for method in HTTP_METHODS:
                    operation = item.get(method)
                    if operation is None:
                        continue
                    at = pointer("paths", template, method)
                    self.operations.append(OperationSpec(
                        spec_file=path.name, method=method.upper(), template=template,
                        operation_id=operation.get("operationId", f"{method} {template}"),
                        parameters=_parameters(item, operation, at, pointer("paths", template)),
                        request_body=operation.get("requestBody"),
                        responses=operation.get("responses") or {},
                        security=operation.get("security", default_security),
                        security_schemes=schemes, at=at, pattern=_pattern(template),
                        anonymous=bool(operation.get(ANONYMOUS))))

    def match(self, method: str, path: str) -> tuple[OperationSpec | None, list[str]]:
        """The operation for a request, and the methods the path declares (to tell an unknown
        path from a method the path does not allow). Literal segments win over templates."""
        candidates = [op for op in self.operations if op.pattern.match(path)]
        candidates.sort(key=lambda op: op.template.count("{"))
        allowed = sorted({op.method for op in candidates})
        chosen = next((op for op in candidates if op.method == method.upper()), None)
        return chosen, allowed

    def owns(self, path: str) -> bool:
        """Whether any operation's path matches (used to skip foreign traffic in a HAR)."""
        return any(op.pattern.match(path) for op in self.operations)
