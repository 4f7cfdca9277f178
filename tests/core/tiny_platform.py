"""A throw-away platform built entirely inside the test suite: its spec, its fixtures, its
handler table, its error format and its state, with nothing registered in shared code.

``test_new_platform.py`` serves it; this module is also its ``handlers`` module (the
``HANDLERS`` table below), as a platform's ``handlers.py`` would be.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from edumock.errors import ErrorContext, ErrorResponse, Failure, PlatformError
from edumock.platform import HandlerTable, Platform
from edumock.world import World
from edumock.world.seeding.context import FixtureContext

NAME = "tiny"
GADGETS = "gadgets"

SPEC = """\
openapi: 3.0.3
info: {title: Tiny gadget API, version: '1'}
paths:
  /tiny/gadgets/:
    get:
      operationId: gadgets.list_gadgets
      responses:
        '200':
          description: every gadget
          content:
            application/json:
              schema:
                type: object
                required: [gadgets]
                properties:
                  gadgets: {type: array, items: {$ref: '#/components/schemas/Gadget'}}
  /tiny/gadgets/{gadget_id}:
    get:
      operationId: gadgets.read
      parameters:
      - {name: gadget_id, in: path, required: true, schema: {type: string}}
      responses:
        '200':
          description: the gadget
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Gadget'}
        '404':
          description: no such gadget
          content:
            application/json:
              schema: {$ref: '#/components/schemas/TinyError'}
components:
  schemas:
    Gadget:
      type: object
      additionalProperties: false
      required: [id, name]
      properties: {id: {type: string}, name: {type: string}}
    TinyError:
      type: object
      required: [tinyError, status]
      properties: {tinyError: {type: string}, status: {type: integer}}
"""

FIXTURES = """\
generate: {gadgets: 2}
records:
  gadgets:
  - {id: sprocket, name: The named sprocket}
"""


class GadgetMissing(PlatformError):
    """No gadget with that id in this world."""

    status = 404


def _gadgets(world: World) -> dict[str, Any]:
    """The model layer: the world's gadgets by id."""
    return {record["id"]: record for record in world.store(NAME).values(GADGETS)}


def list_gadgets(world: World) -> dict[str, Any]:
    """Every gadget, in id order."""
    return {"gadgets": [gadget for _, gadget in sorted(_gadgets(world).items())]}


def read(world: World, gadget_id: str) -> dict[str, Any]:
    """One gadget, or the platform's own 404."""
    gadget = _gadgets(world).get(gadget_id)
    if gadget is None:
        raise GadgetMissing(f"no gadget {gadget_id}")
    return dict(gadget)


HANDLERS: HandlerTable = {"gadgets.list_gadgets": list_gadgets, "gadgets.read": read}


def render(error: Failure | PlatformError, context: ErrorContext) -> ErrorResponse:
    """Tiny's error format: ``{"tinyError": ..., "status": ...}`` for every refusal."""
    message = error.message if isinstance(error, PlatformError) else error.detail
    return ErrorResponse(error.status, {"tinyError": message, "status": error.status,
                                        "path": context.path})


def build_state(ctx: FixtureContext) -> None:
    """The fixture file's explicit gadgets, then ``generate.gadgets`` drawn from the seed."""
    for gadget in ctx.explicit(GADGETS):
        ctx.store.put(GADGETS, gadget["id"], gadget)
    for index in range(int(ctx.setting(GADGETS, 1))):
        gadget_id = f"g{index}-{ctx.rng.randint(100, 999)}"
        ctx.store.put(GADGETS, gadget_id, {"id": gadget_id, "name": f"Gadget {index}"})


def platform(handlers: str = __name__) -> Platform:
    """The platform's descriptor (``handlers`` names the module holding its table)."""
    return Platform(name=NAME, title="Tiny gadgets", specs=("tiny.yaml",), handlers=handlers,
                    path_prefixes=("/tiny/",), render_error=render, build_state=build_state,
                    collections=(GADGETS,), fixtures_file="tiny.yaml")


def write_files(root: Path, admin_spec: Path, spec: str = SPEC) -> tuple[Path, Path]:
    """A specs directory (this spec beside the admin API's) and a fixtures directory."""
    specs, fixtures = root / "specs", root / "fixtures"
    specs.mkdir()
    fixtures.mkdir()
    (specs / "tiny.yaml").write_text(spec, encoding="utf-8")
    (specs / "admin.yaml").write_bytes(admin_spec.read_bytes())
    (fixtures / "tiny.yaml").write_text(FIXTURES, encoding="utf-8")
    return specs, fixtures
