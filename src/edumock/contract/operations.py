"""The operation table: every operation the served specs declare, and the one matcher that turns
a request into the operation it exercises.

The router, the request journal, coverage, faults, ``Prefer``, the error router and the
conformance checker all ask this table, so they can never name different operations for the
same request. Precedence is Starlette's documented route priority, which Connexion's own
``sort_routes`` follows and Django's URL resolver shares: among the path templates matching a
path, the most literal one wins (``ic/current/`` before ``ic/{id}/``), whatever the method;
a method that template does not declare is then a 405 naming the methods it does.

Path templates compile exactly as Connexion's router compiles them (``starlettify_path`` and
Starlette's ``compile_path`` with Connexion's convertors), anchored at the true end of the
path so a ``%0A`` cannot end a match early.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import starlette.convertors
from connexion.frameworks import starlette as connexion_starlette
from connexion.json_schema import resolve_refs
from starlette.routing import compile_path

from edumock.contract.bounded import BoundedMemory
from edumock.contract.loader import load_spec
from edumock.contract.path_types import HTTP_METHODS, path_types

ANONYMOUS = "x-edumock-anonymous"
REMEMBERED = 4096
"""How many (method, path) answers the table keeps: a client's paths repeat, and the bound
keeps one walking endless ids from growing memory."""

FORM_RECORD = "x-edumock-form"
"""A request schema's extension: with the value ``record``, a form body sent to it is read as
the object it stands for, each field's last value as text (Django's ``QueryDict``), and
validated as a JSON body would be; without it, form values take their schema's ``type``."""

# The convertors Connexion's routing middleware registers for typed path parameters.
starlette.convertors.register_url_convertor("float", connexion_starlette.FloatConverter())
starlette.convertors.register_url_convertor("int", connexion_starlette.IntegerConverter())


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


class SpecDocument:
    """One spec file as served: the parsed text, and its references resolved on first need
    (routing needs only paths and methods; the checker and ``Prefer`` need the schemas)."""

    def __init__(self, owner: str | None, name: str, spec: dict[str, Any]) -> None:
        self.owner = owner
        self.name = name
        self.spec = spec

    @functools.cached_property
    def resolved(self) -> dict[str, Any]:
        """The spec with every ``$ref`` replaced by what it names."""
        resolved: dict[str, Any] = resolve_refs(self.spec)
        return resolved

    @classmethod
    def read(cls, owner: str | None, path: Path) -> SpecDocument:
        """The spec file at ``path``, owned by the named platform (None: the sandbox's own)."""
        return cls(owner, path.name, load_spec(path))


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


@dataclass(eq=False)
class Operation:
    """One declared operation; its schemas are read from the resolved spec when first asked."""

    document: SpecDocument = field(repr=False)
    method: str
    template: str
    operation_id: str

    @property
    def platform(self) -> str | None:
        """The platform serving it (None for the sandbox's own admin API)."""
        return self.document.owner

    @property
    def spec_file(self) -> str:
        """The spec file declaring it."""
        return self.document.name

    @property
    def key(self) -> str:
        """``METHOD /template``: how reports name an operation."""
        return f"{self.method} {self.template}"

    @property
    def at(self) -> str:
        """Its pointer in the spec."""
        return pointer("paths", self.template, self.method.lower())

    @functools.cached_property
    def _resolved(self) -> dict[str, Any]:
        spec = self.document.resolved
        item = spec["paths"][self.template]
        operation: dict[str, Any] = item[self.method.lower()]
        return {"item": item, "operation": operation, "spec": spec}

    @functools.cached_property
    def parameters(self) -> list[Parameter]:
        """Path-level and operation-level parameters, the operation's winning."""
        found = self._resolved
        return _parameters(found["item"], found["operation"], self.at,
                           pointer("paths", self.template))

    @property
    def request_body(self) -> dict[str, Any] | None:
        """The declared request body, if any."""
        body: dict[str, Any] | None = self._resolved["operation"].get("requestBody")
        return body

    @property
    def responses(self) -> dict[str, Any]:
        """The documented responses by status key."""
        responses: dict[str, Any] = self._resolved["operation"].get("responses") or {}
        return responses

    @property
    def security(self) -> list[dict[str, list[str]]]:
        """The operation's security requirements (the spec's default when it names none)."""
        found = self._resolved
        security: list[dict[str, list[str]]] = found["operation"].get(
            "security", found["spec"].get("security") or [])
        return security

    @property
    def security_schemes(self) -> dict[str, Any]:
        """The spec's security schemes."""
        schemes: dict[str, Any] = (self._resolved["spec"].get("components") or {}).get(
            "securitySchemes") or {}
        return schemes

    @property
    def anonymous(self) -> bool:
        """``x-edumock-anonymous: true``: the operation answers calls without credentials too
        (the view's permissions let anyone in) while still refusing bad ones."""
        return bool(self.document.spec["paths"][self.template][self.method.lower()].get(
            ANONYMOUS))

    @property
    def secured(self) -> bool:
        """True when every alternative needs a credential (no ``{}`` in ``security``) and the
        operation is not marked as answering anonymous calls."""
        return (bool(self.security) and all(requirement for requirement in self.security)
                and not self.anonymous)

    def path_params(self, path: str) -> dict[str, str]:
        """The path parameters of a concrete path matching this operation, by declared name,
        as the text the path carries."""
        found = _compiled(self.template, ()).regex.match(path)
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


@dataclass(frozen=True, slots=True)
class _Matcher:
    regex: re.Pattern[str]
    convertors: dict[str, Any]


_MATCHERS: BoundedMemory[tuple[str, tuple[tuple[str, str], ...]], _Matcher] = BoundedMemory(
    REMEMBERED)


def _compile(key: tuple[str, tuple[tuple[str, str], ...]]) -> _Matcher:
    template, types = key
    regex, _, convertors = compile_path(
        connexion_starlette.starlettify_path(template, dict(types)))
    source = regex.pattern[:-1] + r"\Z" if regex.pattern.endswith("$") else regex.pattern
    return _Matcher(re.compile(source, re.DOTALL), convertors)


def _compiled(template: str, types: tuple[tuple[str, str], ...]) -> _Matcher:
    """``template`` compiled as Connexion's router compiles it, anchored at the path's end."""
    return _MATCHERS.get_or_compute((template, types), _compile)


def specificity(template: str) -> tuple[int, ...]:
    """Sort key putting literal segments before parameters, segment by segment: Starlette's
    route priority (and Django's), so ``/users/me`` is tried before ``/users/{name}``."""
    return tuple(1 if "{" in segment else 0 for segment in template.split("/"))


def template_shape(template: str) -> str:
    """A template with its parameter names blanked, so ``/a/{x}/`` and ``/a/{id}/`` compare
    equal."""
    return re.sub(r"\{[^}]*\}", "{}", template)


@dataclass(frozen=True, slots=True)
class Target:
    """What a request is for: the platform owning its path, the operation it exercises (None:
    no declared path and method take it), the methods its path declares, its path parameters
    as the handler receives them, and the path with its final slash toggled when only that
    path is declared (a client that should be redirected)."""

    platform: str | None
    operation: Operation | None = None
    allowed: tuple[str, ...] = ()
    path_params: Mapping[str, Any] = field(default_factory=dict)
    redirect: str | None = None
    declared: tuple[Operation, ...] = ()
    """The operations the path's template declares, also when none takes the method: the
    view a server that checks permissions before methods still consults."""

    @property
    def operation_id(self) -> str | None:
        """The operationId, if an operation takes the request."""
        return self.operation.operation_id if self.operation else None

    @property
    def template(self) -> str | None:
        """The path template that took the request, if any."""
        return self.operation.template if self.operation else None

    def by_framework(self, method: str) -> bool:
        """No operation takes the request, but the path's framework answers it (OPTIONS)."""
        return self.operation is None and method in self.allowed


@dataclass(frozen=True)
class _Route:
    """One path template and the operations its methods declare."""

    template: str
    matcher: _Matcher
    methods: dict[str, Operation]
    implicit: tuple[str, ...]  # what the serving framework answers itself: HEAD, OPTIONS

    @property
    def allowed(self) -> tuple[str, ...]:
        """Declared methods, then the framework's: HEAD (where GET is), OPTIONS."""
        framework = [m for m in self.implicit if m == "OPTIONS" or m in self.methods]
        return (*(m.upper() for m in HTTP_METHODS
                  if m.upper() in self.methods and m.upper() not in framework), *framework)

    def params(self, path: str) -> dict[str, Any] | None:
        found = self.matcher.regex.match(path)
        if found is None:
            return None
        return {name: self.matcher.convertors[name].convert(value)
                for name, value in found.groupdict().items()}


class Operations:
    """Every operation of a set of specs, and the lookup from a request to one of them."""

    def __init__(self, documents: Iterable[SpecDocument], *,
                 owners: Mapping[str, tuple[str, ...]] | None = None,
                 platform: str = "", implicit: Mapping[str, Iterable[str]] | None = None) -> None:
        self.platform = platform
        """The platform a per-platform view is of (empty for the whole table)."""
        self.documents = list(documents)
        self.owners = dict(owners or {})
        # Spec file → what its framework answers on every path: HEAD as the GET, OPTIONS.
        self.implicit = {name: tuple(methods) for name, methods in (implicit or {}).items()}
        self.operations: list[Operation] = []
        routes: list[_Route] = []
        for document in self.documents:
            for template, item in (document.spec.get("paths") or {}).items():
                methods = {m.upper(): Operation(document, m.upper(), template,
                                                item[m].get("operationId", f"{m} {template}"))
                           for m in HTTP_METHODS if m in item}
                self.operations.extend(methods.values())
                implicit_here = self.implicit.get(document.name, ())
                if "HEAD" in implicit_here and "GET" in methods and "HEAD" not in methods:
                    methods["HEAD"] = methods["GET"]
                routes.append(_Route(template, _compiled(template, path_types(
                    item, document.spec)), methods, implicit_here))
        self._routes = sorted(routes, key=lambda route: specificity(route.template))
        self._answers: BoundedMemory[tuple[str, str], Target] = BoundedMemory(REMEMBERED)

    def for_platform(self, name: str) -> Operations:
        """The same table restricted to one platform's specs (what the checker judges)."""
        return Operations([d for d in self.documents if d.owner == name],
                          owners={name: self.owners.get(name, ())}, platform=name,
                          implicit=self.implicit)

    def owner_of(self, path: str) -> str | None:
        """The platform whose path prefix best matches ``path`` (None: none does)."""
        best, length = None, 0
        for name, prefixes in self.owners.items():
            for prefix in prefixes:
                if path.startswith(prefix) and len(prefix) > length:
                    best, length = name, len(prefix)
        return best

    def resolve(self, method: str, path: str) -> Target:
        """The request's target (remembered for the last :data:`REMEMBERED` requests)."""
        return self._answers.get_or_compute((method.upper(), path), self._work_out)

    def _work_out(self, request: tuple[str, str]) -> Target:
        method, path = request
        for route in self._routes:
            params = route.params(path)
            if params is not None:
                operation = route.methods.get(method)
                owner = operation.platform if operation else self._owner(route, path)
                return Target(owner, operation, route.allowed, params if operation else {},
                              declared=tuple(dict.fromkeys(route.methods.values())))
        toggled = path.rstrip("/") if path.endswith("/") else path + "/"
        redirect = toggled if path != "/" and any(
            route.params(toggled) is not None for route in self._routes) else None
        return Target(self.owner_of(path), redirect=redirect)

    def _owner(self, route: _Route, path: str) -> str | None:
        first = next(iter(route.methods.values()))
        return first.platform if first.platform is not None else self.owner_of(path)

    def match(self, method: str, path: str) -> tuple[Operation | None, list[str]]:
        """The checker's question: the operation for a request, and the methods its path
        declares, sorted (to tell an unknown path from a method the path does not allow)."""
        target = self.resolve(method, path)
        return target.operation, sorted(target.allowed)

    def declared_at(self, path: str) -> list[Operation]:
        """The operations of the path template that takes ``path`` (empty: none does)."""
        route = next((r for r in self._routes if r.params(path) is not None), None)
        return [] if route is None else list(dict.fromkeys(route.methods.values()))

    def owns(self, path: str) -> bool:
        """Whether any declared path matches (used to skip foreign traffic in a HAR)."""
        return any(route.params(path) is not None for route in self._routes)


class Contract(Operations):
    """One platform's operations read from its spec files: what the checker judges against
    when no sandbox is running."""

    def __init__(self, platform: str, spec_paths: Iterable[Path], *,
                 framework_methods: Iterable[str] = ()) -> None:
        paths, methods = list(spec_paths), tuple(framework_methods)
        super().__init__([SpecDocument.read(platform, path) for path in paths],
                         platform=platform, implicit={path.name: methods for path in paths})
