"""The app factory: one Connexion app serving every given platform, plus the admin API.

It loops over the platforms it is handed and never names one; the CLI and the
test helpers pass the registry in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from connexion.exceptions import ProblemException
from connexion.middleware import MiddlewarePosition
from connexion.options import SwaggerUIOptions
from starlette.exceptions import HTTPException
from starlette.types import Receive, Scope, Send

from edumock.platform import Platform
from edumock.serving import spec_check
from edumock.serving.admin_guard import AdminGuardMiddleware
from edumock.serving.answer_headers import AnswerHeadersMiddleware
from edumock.serving.body_limit import BodyLimitMiddleware
from edumock.serving.docs import DOCS_ROOT, middleware_stack
from edumock.serving.error_router import ErrorRouter
from edumock.serving.fault_injection import FaultMiddleware, SlowBodyMiddleware
from edumock.serving.framework import HeadMiddleware
from edumock.serving.gate import GateMiddleware
from edumock.serving.inline_app import InlineApp
from edumock.serving.journaling import JournalMiddleware
from edumock.serving.jsonify import JSONIFIER
from edumock.serving.prefer import PreferMiddleware
from edumock.serving.resolver import TableResolver
from edumock.serving.sandbox import Sandbox
from edumock.serving.security import SECURITY_MAP
from edumock.serving.shared_world import SharedWorldMiddleware
from edumock.serving.uploads import quiet_content_type_notice
from edumock.serving.validators import VALIDATOR_MAP
from edumock.serving.world_choice import WorldMiddleware
from edumock.settings import Settings

ADMIN_HANDLERS = "edumock.admin"


class EdumockApp:
    """The ASGI application plus the sandbox behind it."""

    def __init__(self, connexion_app: InlineApp, sandbox: Sandbox) -> None:
        self.connexion_app = connexion_app
        self.sandbox = sandbox

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await self.connexion_app(scope, receive, send)

    def test_client(self, **kwargs: Any) -> Any:
        """An in-process HTTP client (Starlette's TestClient)."""
        return self.connexion_app.test_client(**kwargs)


def _docs(name: str, enabled: bool) -> SwaggerUIOptions:
    return SwaggerUIOptions(
        serve_spec=True,
        spec_path=f"{DOCS_ROOT}/{name}/openapi.json",
        swagger_ui=enabled,
        swagger_ui_path=f"{DOCS_ROOT}/{name}",
    )


def create_app(settings: Settings, platforms: Sequence[Platform]) -> EdumockApp:
    """Build the app for ``platforms`` (all of them are served, in the order given)."""
    spec_check.install()
    sandbox = Sandbox(settings, platforms)
    quiet_content_type_notice()
    app = InlineApp(__name__, jsonifier=JSONIFIER,
                    middlewares=middleware_stack(sandbox.operations, redirects={
                        p.name: p.slash_redirect for p in platforms if p.slash_redirect}),
                    handler_threads=settings.handler_threads)
    common: dict[str, Any] = {
        "base_path": "",
        "validate_responses": settings.validate_responses,
        "pythonic_params": True,
        "validator_map": VALIDATOR_MAP,
        "security_map": SECURITY_MAP,
    }
    for document in sandbox.operations.documents:
        platform = sandbox.platform(document.owner) if document.owner else None
        app.add_api(
            document.spec,
            name=f"{platform.name}:{document.name}" if platform else "admin",
            resolver=TableResolver(platform.handlers if platform else ADMIN_HANDLERS),
            swagger_ui_options=_docs(platform.docs_name(document.name) if platform else "admin",
                                     settings.swagger_ui),
            **common,
        )
    app.add_middleware(WorldMiddleware, MiddlewarePosition.BEFORE_SECURITY, sandbox=sandbox)
    # Inside the error router (so a 413 is in the platform's format), after the world is known
    # (so it is journaled there), before anything reads the body.
    app.add_middleware(BodyLimitMiddleware, MiddlewarePosition.BEFORE_SECURITY,
                       limit=settings.max_body_bytes)
    app.add_middleware(SharedWorldMiddleware, MiddlewarePosition.BEFORE_SECURITY,
                       sandbox=sandbox)
    app.add_middleware(FaultMiddleware, MiddlewarePosition.BEFORE_SECURITY, sandbox=sandbox)
    app.add_middleware(PreferMiddleware, MiddlewarePosition.BEFORE_SECURITY, sandbox=sandbox)
    # After the spec's security step, before the body is read and validated.
    app.add_middleware(GateMiddleware, MiddlewarePosition.BEFORE_VALIDATION, sandbox=sandbox)
    app.add_middleware(AdminGuardMiddleware, MiddlewarePosition.BEFORE_EXCEPTION,
                       admin_key=settings.admin_key)
    app.add_middleware(JournalMiddleware, MiddlewarePosition.BEFORE_EXCEPTION, sandbox=sandbox)
    app.add_middleware(HeadMiddleware, MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(SlowBodyMiddleware, MiddlewarePosition.BEFORE_EXCEPTION)
    app.add_middleware(AnswerHeadersMiddleware, MiddlewarePosition.BEFORE_EXCEPTION,
                       sandbox=sandbox)
    router = ErrorRouter(sandbox)
    for caught in (Exception, HTTPException, ProblemException):
        app.add_error_handler(caught, router)
    return EdumockApp(app, sandbox)
