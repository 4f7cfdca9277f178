"""The seam between the core and a platform: what the core needs to know, nothing more.

A platform hands the core a :class:`Platform` value. The core never imports a
platform package; the composition roots (the CLI and the test helpers) pass
the registry's list into :func:`edumock.app.create_app`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from edumock.errors import ErrorContext, ErrorResponse, Failure, PlatformError

if TYPE_CHECKING:
    from edumock.contract.operations import Target
    from edumock.world import World
    from edumock.world.seeding.context import FixtureContext

ErrorRenderer = Callable[[Failure | PlatformError, ErrorContext], ErrorResponse]
"""Turns a failed request (core failure or the platform's own error) into the platform's
error body; the context gives the request's path, headers and sandbox time."""

HandlerTable = Mapping[str, Callable[..., Any]]
"""A platform's ``handlers`` module exposes one as ``HANDLERS``: each operationId of its specs,
spelt exactly as there, → the plain function serving it (see ``serving/resolver.py``)."""

StateBuilder = Callable[["FixtureContext"], None]
"""Fills a fresh world's store for this platform from the fixtures and the seed."""

TokenMinter = Callable[["World", Mapping[str, Any]], dict[str, Any]]
"""Mints credentials for ``POST /__admin/tokens``; raises PlatformError on bad input."""

AnswerHeaders = Callable[["Target", int], Mapping[str, str]]
"""Headers the platform's server puts on its answers to a request one of its declared paths
takes (the request's target, the answer's status): DRF's ``Allow`` on every view answer."""

RecordPreparer = Callable[["World", dict[str, Any]], tuple[str, dict[str, Any]]]
"""Completes one arranged record that passed its collection's schema, inside the store's
transaction: generates its id where absent (as the platform generates them), fills the
platform's defaults, applies the platform's rules (uniqueness, parents that must exist) and
answers the store key and the record to store; raises RecordRefused naming the field."""


@dataclass(frozen=True, slots=True)
class Arrangeable:
    """How records of one collection may be put in place through the admin API."""

    schema: Mapping[str, Any]
    """JSON Schema (draft 4) of a record as a test may send it."""
    prepare: RecordPreparer


_TYPES = {"str": "string", "int": "integer", "num": "number", "bool": "boolean",
          "obj": "object", "list": "array", "any": None}


def record_schema(**fields: str) -> dict[str, Any]:
    """A record's schema from short field types: ``"str"``, ``"int"``, ``"num"``,
    ``"bool"``, ``"obj"``, ``"list"`` or ``"any"``; a leading ``!`` makes the field required,
    a trailing ``?`` lets it be null. Other fields are allowed, as records carry them."""
    properties: dict[str, Any] = {}
    for name, spec in fields.items():
        kind = _TYPES[spec.strip("!?")]
        if kind is not None:
            properties[name] = {"type": [kind, "null"] if spec.endswith("?") else kind}
        else:
            properties[name] = {}
    required = [name for name, spec in fields.items() if spec.startswith("!")]
    return {"type": "object", "properties": properties,
            **({"required": required} if required else {})}


@dataclass(frozen=True, slots=True)
class GateRequest:
    """What a platform's gate sees of a request: routed and authenticated, body unread."""

    target: Target
    method: str
    world: World
    headers: Mapping[str, str]
    """Lower-cased names."""
    url: str
    token_info: Mapping[str, Any] | None
    """What the spec's security step made of the credentials; None when that step has not
    run (a method the path does not declare has no operation to secure), so the gate
    authenticates the caller itself."""


Gate = Callable[[GateRequest], None]
"""Refuses a request, by raising the platform's error, before its body is validated and before
a method the path does not declare is refused: for a server that checks who is asking first
(DRF's ``initial()`` runs the permissions before the handler is looked up or the body
parsed)."""

Describer = Callable[[GateRequest], Mapping[str, Any]]
"""The body of the framework's own ``OPTIONS`` answer (200 JSON) for a request the gate let
through: what the view at the request's path is and takes (DRF's ``SimpleMetadata``)."""

SlashRedirect = Callable[[str], tuple[int, Mapping[str, str]]]
"""The platform's answer to a request whose path is declared only with its final slash
toggled, given the location to send it to (the request's path so toggled, percent-encoded,
with its query): the status and headers of an answer without a body. Without one, the
sandbox answers as Starlette's router does (307 to the absolute URL)."""

Settler = Callable[["World"], None]
"""Applies the platform's time-driven background work that is due by the world's clock (for
state that changes as time passes, such as queued uploads), before the state is inspected."""


@dataclass(frozen=True, slots=True)
class Platform:
    """Everything the core needs to serve one platform."""

    name: str
    title: str
    specs: tuple[str, ...]
    handlers: str
    """Module defining ``HANDLERS`` (a :data:`HandlerTable`); imported only when the app is
    built, so the registry stays cheap to import."""
    path_prefixes: tuple[str, ...]
    render_error: ErrorRenderer
    build_state: StateBuilder
    collections: tuple[str, ...]
    mint_token: TokenMinter | None = None
    settle: Settler | None = None
    probe: str | None = None
    """Module holding the platform's live-workflow probe (``edumock probe``): it defines
    ``SCENARIOS`` and ``authenticate``; imported only when a probe runs."""
    drift: str | None = None
    """Module declaring the differences from the real server the sandbox keeps on purpose
    (``KNOWN``, a sequence of ``KnownDrift``), read by ``edumock drift``."""
    fixtures_file: str | None = None
    answer_headers: AnswerHeaders | None = None
    arrange: Mapping[str, Arrangeable] = field(default_factory=dict)
    """Each collection's rules for ``POST /__admin/state/{platform}/{collection}``."""
    gate: Gate | None = None
    slash_redirect: SlashRedirect | None = None
    framework_methods: tuple[str, ...] = ()
    """Methods the platform's web framework answers on every path its specs declare, though
    the specs do not: ``HEAD`` (the path's ``GET`` answer without its body, where ``GET`` is
    declared) and ``OPTIONS`` (answered by :attr:`describe`). The operation table, the
    checker and the probes treat them as declared."""
    describe: Describer | None = None
    docs_prefix: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    def owns(self, path: str) -> int:
        """Length of the longest of this platform's prefixes matching ``path`` (0: none)."""
        return max((len(p) for p in self.path_prefixes if path.startswith(p)), default=0)

    def docs_name(self, spec_file: str) -> str:
        """The docs folder of one of this platform's specs: the platform's name for its first
        spec (``sunbird``), the name and the spec's suffix for the others (``sunbird-bulk``)."""
        if spec_file == self.specs[0]:
            return self.name
        return f"{self.name}-{spec_file.rsplit('.', 1)[0].split('-', 1)[-1]}"

    @property
    def docs_paths(self) -> tuple[str, ...]:
        """Where this platform's Swagger UIs are served (the raw spec is ``openapi.json``
        beside each)."""
        return tuple(f"/docs/{self.docs_name(spec)}/" for spec in self.specs)
