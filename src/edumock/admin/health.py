"""GET /__admin/health and /__admin/violations."""

from __future__ import annotations

from typing import Any

from edumock.serving.sandbox import Sandbox
from edumock.version import version
from edumock.world import World


def read(sandbox: Sandbox, world: World) -> dict[str, Any]:
    """Liveness with the served platforms, the seed in use and the version (which a client's
    bug report or a CI log needs to name)."""
    return {
        "status": "ok",
        "version": version(),
        "platforms": [platform.name for platform in sandbox.platforms],
        "seed": sandbox.seed,
        "now": world.clock.now().isoformat(),
        "responseViolations": len(sandbox.violations),
        "store": "memory" if sandbox.shared is None else "engine",
    }


def violations(sandbox: Sandbox) -> dict[str, Any]:
    """Responses of ours that broke our own spec, oldest first."""
    return {
        "violations": [
            {"method": v.method, "path": v.path, "detail": v.detail} for v in sandbox.violations
        ]
    }
