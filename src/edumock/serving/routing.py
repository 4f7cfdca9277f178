"""The routing step: the operation table resolves each request once, and Connexion's later
steps (security, validation, the handler) are told which operation it is.

It takes the place of Connexion's routing middleware. That one walks each API's Starlette
routes, and a request it routed could still be taken by another reading of the specs (the
``Allow`` of a 405, the journal, the checker); here there is one reading. The resolved
:class:`~edumock.contract.operations.Target` goes into the request's context for every later
step to read; a request no declared path takes, but whose path with its final slash toggled
is declared, is redirected there as Starlette's router would.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from connexion.middleware.abstract import ROUTING_CONTEXT, SpecMiddleware
from connexion.middleware.routing import RoutingAPI
from starlette.datastructures import URL
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from edumock.contract.operations import Operations, Target
from edumock.platform import SlashRedirect

PATH_SAFE = "/:@&+$,-_.!~*'()"
"""What Django leaves unescaped in a URL path it builds (``escape_uri_path``)."""

TARGET_KEY = "edumock_target"
"""Where the request's :class:`Target` lives in Connexion's request context."""


def context_of(scope: Scope) -> dict[str, Any]:
    """Connexion's request context (what handlers receive by name), made when missing."""
    context: dict[str, Any] = scope.setdefault("extensions", {}).setdefault(
        "connexion_context", {})
    return context


def target_of(context: dict[str, Any]) -> Target | None:
    """The request's target, once the routing step has resolved it."""
    target: Target | None = context.get(TARGET_KEY)
    return target


class _ConnexionIds(RoutingAPI):  # type: ignore[misc]
    """Connexion's reading of one spec, kept only for the id under which Connexion's later
    steps file each operation (its resolver's name for the handler, not the spec's
    ``operationId``); no routes are built."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.ids: dict[tuple[str, str], str] = {}
        self._adding: tuple[str, str] = ("", "")
        super().__init__(*args, **kwargs)

    def add_operation(self, path: str, method: str) -> None:
        self._adding = (path, method.upper())
        super().add_operation(path, method)

    def _add_operation_internal(self, method: str, path: str, operation: Any,
                                name: str | None = None) -> None:
        self.ids[self._adding] = operation.operation_id


class OperationRouter(SpecMiddleware):  # type: ignore[misc]
    """Resolve the request against the operation table and hand Connexion the answer."""

    def __init__(self, app: ASGIApp, operations: Operations,
                 redirects: Mapping[str, SlashRedirect] | None = None) -> None:
        self.app = app
        self.operations = operations
        self.redirects = dict(redirects or {})
        self._ids: dict[tuple[str, str], str] = {}

    def add_api(self, specification: Any, base_path: str | None = None,
                arguments: dict[str, Any] | None = None, **kwargs: Any) -> None:
        """Learn Connexion's id for each of the spec's operations (called by Connexion for
        every API, as for its own routing middleware)."""
        api = _ConnexionIds(specification, base_path=base_path, arguments=arguments,
                            next_app=self.app, **kwargs)
        self._ids.update(api.ids)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        target = self.operations.resolve(scope["method"], scope["path"])
        context_of(scope)[TARGET_KEY] = target
        if target.redirect is not None:
            await self._redirect(target, scope)(scope, receive, send)
            return
        if target.operation is not None:
            operation = target.operation
            scope["extensions"][ROUTING_CONTEXT] = {
                "api_base_path": "",
                "operation_id": self._ids[(operation.template, operation.method)]}
            scope["path_params"] = dict(target.path_params)
        await self.app(scope, receive, send)

    def _redirect(self, target: Target, scope: Scope) -> Response:
        """The owning platform's answer to the toggled slash, else Starlette's."""
        answer = self.redirects.get(target.platform or "")
        if answer is None:
            return RedirectResponse(url=str(URL(scope={**scope, "path": target.redirect})))
        location = quote(scope.get("root_path", "") + str(target.redirect), safe=PATH_SAFE)
        if scope.get("query_string"):
            location += "?" + scope["query_string"].decode("latin-1")
        status, headers = answer(location)
        return Response(b"", status, headers=dict(headers))
