"""Which platform and operation a request is for, worked out once per request.

The fault, journal and coverage steps all need it; matching a path against
every declared operation is not free, so the first step to ask caches the
answer in the request's context.
"""

from __future__ import annotations

from typing import Any

from edumock.sandbox import Sandbox

TARGET_KEY = "edumock_target"


def request_target(sandbox: Sandbox, context: dict[str, Any], method: str, path: str
                   ) -> tuple[str | None, str | None]:
    """(platform name, operationId) for the request; None where nothing owns or declares it."""
    cached: tuple[str | None, str | None] | None = context.get(TARGET_KEY)
    if cached is None:
        platform = sandbox.owner_of(path)
        operation = sandbox.operations.match(method, path)
        cached = (platform.name if platform else None,
                  operation.operation_id if operation else None)
        context[TARGET_KEY] = cached
    return cached
