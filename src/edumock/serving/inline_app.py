"""Connexion's ASGI app with handlers called inline, built once per operation.

Connexion's ``AsyncApp`` hands every synchronous handler to a thread pool and,
on every request, builds a new decorator chain for it (signature inspection,
URI parser, response decorator). The sandbox's handlers only touch the
in-memory store: they never wait on I/O, so a thread hand-off costs more than
the call itself and buys no parallelism under the GIL. Here each operation
builds its chain once and calls its handler directly on the event loop.

Two more per-request costs go: a JSON body already parsed by the request
validator reaches the handler without a second parse, and the multipart form
Starlette parses for the handler's file arguments is closed once the handler
returns (its spooled files would otherwise be left to the garbage collector).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from connexion import AsyncApp
from connexion.apps.asynchronous import AsyncApi, AsyncOperation
from connexion.context import receive, scope
from connexion.decorators import StarletteDecorator
from connexion.decorators.parameter import AsyncParameterDecorator
from connexion.decorators.response import AsyncResponseDecorator
from connexion.lifecycle import ConnexionRequest
from connexion.operations import AbstractOperation
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from edumock.contract.bounded import BoundedMemory

PARSED_BODY_KEY = "edumock_parsed_body"
"""Where the request validator leaves the JSON body it parsed (in Connexion's request context)."""

_ABSENT = object()


class _ParsedBodyRequest(ConnexionRequest):  # type: ignore[misc]
    """A request whose JSON body is the one the validator already parsed, when there is one."""

    async def json(self) -> Any:
        parsed = self.context.get(PARSED_BODY_KEY, _ABSENT)
        if parsed is not _ABSENT:
            return parsed
        return await super().json()

    async def _split_form_files(self) -> None:
        """Connexion reads the form on every call to find file arguments. An operation with a
        body has had its form validated already; one without ignores its body, so a form that
        cannot be parsed (a GET sent as multipart without a boundary) is an empty one."""
        try:
            await super()._split_form_files()
        except HTTPException:
            empty: dict[str, Any] = {}
            self._files, self._form = empty, dict(empty)


class _ParameterDecorator(AsyncParameterDecorator):  # type: ignore[misc]
    """Connexion's parameter decorator, remembering how it renamed each parameter (it runs
    CamelCase-to-snake_case regular expressions over every name on every request)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        rename: Callable[[str], str] = vars(self)["sanitize_fn"]
        renamed: BoundedMemory[str, str] = BoundedMemory(1024)
        self.sanitize_fn = functools.partial(renamed.get_or_compute, compute=rename)


class _ResponseDecorator(AsyncResponseDecorator):  # type: ignore[misc]
    """Connexion's, but a 204 has no media type: Connexion names the operation's only one
    even when there is no body."""

    def build_framework_response(self, handler_response: Any) -> Any:
        response = super().build_framework_response(handler_response)
        if response.status_code == 204 and "content-type" in response.headers:
            del response.headers["content-type"]
        return response


class _InlineDecorator(StarletteDecorator):  # type: ignore[misc]
    """Connexion's Starlette decorator, built once, calling synchronous handlers directly (or,
    with ``threaded``, on Starlette's worker threads as Connexion does)."""

    def __init__(self, *, threaded: bool, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.threaded = threaded

    @property
    def _parameter_decorator_cls(self) -> type[AsyncParameterDecorator]:
        return _ParameterDecorator

    @property
    def _response_decorator_cls(self) -> type[AsyncResponseDecorator]:
        return _ResponseDecorator

    @property
    def _sync_async_decorator(self) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorator(function: Callable[..., Any]) -> Callable[..., Any]:
            @functools.wraps(function)
            async def wrapper(*args: Any, **kwargs: Any) -> Any:
                if self.threaded:
                    return await run_in_threadpool(function, *args, **kwargs)
                return function(*args, **kwargs)

            return wrapper

        return decorator

    def __call__(self, function: Callable[..., Any]) -> Callable[..., Any]:
        decorated = self.decorate(function)
        parser: list[Any] = []  # the URI parser, built from the operation on first use

        @functools.wraps(function)
        async def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not parser:
                parser.append(self.uri_parser)
            request = _ParsedBodyRequest(scope, receive, uri_parser=parser[0])
            try:
                return await decorated(request)
            finally:
                await request._starlette_request.close()

        return wrapper


class _InlineOperation(AsyncOperation):  # type: ignore[misc]
    """An operation whose decorated handler is built on its first call and then reused."""

    threaded = False

    @functools.cached_property
    def fn(self) -> Callable[..., Any]:
        decorator = _InlineDecorator(threaded=self.threaded, pythonic_params=self.pythonic_params,
                                     jsonifier=self.jsonifier)
        return decorator(self._fn)


class _InlineApi(AsyncApi):  # type: ignore[misc]
    threaded = False

    def make_operation(self, spec_operation: AbstractOperation) -> _InlineOperation:
        made = _InlineOperation(spec_operation.function, jsonifier=self.jsonifier,
                                operation_id=spec_operation.operation_id,
                                pythonic_params=self.pythonic_params)
        made.threaded = self.threaded
        return made


class _ThreadedApi(_InlineApi):
    threaded = True


class InlineApp(AsyncApp):  # type: ignore[misc]
    """``AsyncApp`` whose operations run their handlers inline (see the module docstring), or
    on worker threads when ``handler_threads`` is set."""

    def __init__(self, import_name: str, *, handler_threads: bool = False, **kwargs: Any
                 ) -> None:
        super().__init__(import_name, **kwargs)
        self._middleware_app.api_cls = _ThreadedApi if handler_threads else _InlineApi

