"""``Prefer: code=NNN`` (as Prism users know it): answer the operation's documented response
for that status without running the handler, so nothing in the world changes.

An error status is rendered in the owning platform's own format; a success
status gets the spec's example for it, or the smallest body its schema allows
(:mod:`edumock.serving.examples`). A status the operation does not document is a 400
saying which ones it does. Credentials are not checked: the point is to see
how a client handles an answer, whoever asks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from edumock.conformance import schemas
from edumock.serving import examples
from edumock.serving.routing import context_of, target_of
from edumock.serving.sandbox import ContractViolationRecord, Sandbox, is_sandbox_path
from edumock.world.faults import InjectedFault
from edumock.world.journal import OUTCOME_KEY

CODE = re.compile(r"(?:^|[\s,;])code\s*=\s*\"?(\d{3})\"?")
EXAMPLE = re.compile(r"(?:^|[\s,;])example\s*=\s*\"?([^\s\",;]+)\"?")


def preferred_code(header: str | None) -> int | None:
    """The status a ``Prefer`` header asks for, if it asks for one."""
    found = CODE.search(header or "")
    return int(found.group(1)) if found else None


def preferred_example(header: str | None) -> str | None:
    """The named example a ``Prefer`` header asks for, if it asks for one."""
    found = EXAMPLE.search(header or "")
    return found.group(1) if found else None


def _json_media(response: dict[str, Any]) -> str | None:
    return next((m for m in response.get("content") or {} if m.endswith("json")), None)


class PreferMiddleware:
    """Short-circuit requests that carry ``Prefer: code=NNN``."""

    def __init__(self, app: ASGIApp, sandbox: Sandbox) -> None:
        self.app = app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        code = name = None
        if scope["type"] == "http" and not is_sandbox_path(path):
            prefer = dict(scope.get("headers", [])).get(b"prefer", b"").decode("latin-1")
            code, name = preferred_code(prefer), preferred_example(prefer)
        asked = code is not None or name is not None
        target = target_of(context_of(scope)) if asked else None
        operation = target.operation if target and target.platform else None
        if not asked or operation is None:
            await self.app(scope, receive, send)
            return
        context = context_of(scope)
        context[OUTCOME_KEY] = "prefer"
        if code is None:  # example=NAME alone: the first documented success
            code = next((int(key) for key in operation.responses
                         if key.isdigit() and 200 <= int(key) < 300), 200)
        declared = operation.response_for(code)
        if declared is None:
            raise InjectedFault(400, {}, detail=f"Prefer: code={code} is not documented for "
                                                f"{operation.key} (documented: "
                                                f"{', '.join(operation.responses)})")
        response = declared[1]
        media = _json_media(response)
        if name is not None and (media is None or name not in (
                response["content"][media].get("examples") or {})):
            raise InjectedFault(400, {}, detail=f"Prefer: example={name} is not documented "
                                                f"for {operation.key} {code}")
        if code >= 400:
            documented = media is not None and examples.has_example(response["content"][media])
            body = examples.from_media(response["content"][media], name) if documented \
                and media is not None else None
            raise InjectedFault(code, {}, detail=f"Prefer: code={code}", body=body)
        await self._example(send, scope, code, response, name)

    async def _example(self, send: Send, scope: Scope, code: int,
                       response: dict[str, Any], name: str | None) -> None:
        content = response.get("content") or {}
        media = _json_media(response)
        body = b""
        headers = []
        if media is not None and code != 204:
            value = examples.from_media(content[media], name)
            schema = content[media].get("schema") or {}
            for error in schemas.errors(schema, value, response=True)[:1]:
                self.sandbox.violations.append(ContractViolationRecord(
                    scope["method"], scope["path"],
                    f"Prefer example breaks the spec: {error.message}"))
            body = json.dumps(value).encode()
            headers.append((b"content-type", media.encode()))
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": code, "headers": headers})
        await send({"type": "http.response.body", "body": body})
