"""/__admin/faults: add, list, remove and clear the world's faults."""

from __future__ import annotations

from typing import Any

from connexion.exceptions import ProblemException

from edumock.world import World
from edumock.world.faults import FaultInvalid


def add(world: World, body: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """Add a fault; it applies from the next matching request."""
    try:
        return world.faults.add(body).to_json(), 201
    except FaultInvalid as error:
        raise ProblemException(status=400, title="Bad Request", detail=str(error)) from None


def list_faults(world: World) -> dict[str, Any]:
    """Every fault of the world with how often it matched and fired."""
    return {"faults": [fault.to_json() for fault in world.faults.list()]}


def clear(world: World) -> dict[str, Any]:
    """Remove every fault."""
    return {"cleared": world.faults.clear()}


def remove(world: World, fault_id: int) -> tuple[None, int]:
    """Remove one fault."""
    if not world.faults.remove(fault_id):
        raise ProblemException(status=404, title="Not Found", detail=f"no fault {fault_id}")
    return None, 204
