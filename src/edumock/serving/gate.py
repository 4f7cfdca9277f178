"""The platform's pre-validation gate (``Platform.gate``): after routing and the spec's security
step, before the request body is read and validated, so a server that checks who is asking
before anything else (DRF) refuses an unauthorised caller with its own 403 rather than a 400
or 415 about the body. A method the path does not declare has no operation to secure or
validate; :class:`~edumock.serving.world_choice.WorldMiddleware` runs the gate before its 405.
"""

from __future__ import annotations

from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from edumock.platform import GateRequest
from edumock.serving.routing import context_of, target_of
from edumock.serving.sandbox import Sandbox


def run_gate(sandbox: Sandbox, scope: Scope, context: dict[str, Any], *,
             authenticated: bool) -> None:
    """Call the owning platform's gate, if it has one (it raises to refuse)."""
    target = target_of(context)
    if target is None or not target.platform:
        return
    platform = sandbox.platform(target.platform)
    if platform is None or platform.gate is None:
        return
    token_info = (context.get("token_info") or {}) if authenticated else None
    platform.gate(GateRequest(target, scope["method"], context["world"],
                              context.get("request_headers", {}), context["request_url"],
                              token_info))


class GateMiddleware:
    """Run the platform's gate for every request an operation takes."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox
        self._any = any(p.gate is not None for p in sandbox.platforms)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self._any:
            run_gate(self.sandbox, scope, context_of(scope), authenticated=True)
        await self.app(scope, receive, send)
