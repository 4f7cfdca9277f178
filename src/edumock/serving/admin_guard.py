"""Keep the admin API (reset, tokens, state, faults, snapshots) to those who may drive it.

By default edumock serves on loopback, so only this machine reaches the admin
API. Serving on any other address needs an admin key (``edumock serve
--admin-key``), and then every ``/__admin`` call must send it as
``X-Edumock-Admin-Key``: anyone who can reach a sandbox could otherwise
reset it, mint its credentials or read its state.
"""

from __future__ import annotations

import hmac
import ipaddress
import json

from starlette.types import ASGIApp, Receive, Scope, Send

ADMIN_PREFIX = "/__admin"
KEY_HEADER = b"x-edumock-admin-key"


def is_loopback(host: str) -> bool:
    """Whether binding to ``host`` keeps the server on this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class AdminGuardMiddleware:
    """Refuse admin calls without the configured key (no key configured: open, on loopback)."""

    def __init__(self, app: ASGIApp, admin_key: str | None) -> None:
        self.app = app
        self.admin_key = admin_key.encode() if admin_key else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (self.admin_key is not None and scope["type"] == "http"
                and scope.get("path", "").startswith(ADMIN_PREFIX)):
            sent = dict(scope.get("headers", [])).get(KEY_HEADER)
            if sent is None:
                await _problem(send, 401, "Unauthorized",
                               "the admin API needs the X-Edumock-Admin-Key header")
                return
            if not hmac.compare_digest(sent, self.admin_key):
                await _problem(send, 403, "Forbidden", "wrong X-Edumock-Admin-Key")
                return
        await self.app(scope, receive, send)


async def _problem(send: Send, status: int, title: str, detail: str) -> None:
    """An RFC 7807 answer, as the rest of the admin API refuses."""
    body = json.dumps({"type": "about:blank", "title": title, "status": status,
                       "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/problem+json"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
