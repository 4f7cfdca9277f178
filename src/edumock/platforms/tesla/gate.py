"""DRF's ``initial()`` before anything else: the caller is authenticated and the view's
permission classes run before the method's handler is looked up and before the body is
parsed, so a caller the view refuses gets 403 whatever the body, its media type or the method
(``Platform.gate``)."""

from __future__ import annotations

from edumock.platform import GateRequest


def check(request: GateRequest) -> None:
    """Refuse (403, or 401 for bad credentials) what the view's permissions refuse."""
    from edumock.platforms.tesla.auth import authenticate
    from edumock.platforms.tesla.handlers import make_call
    from edumock.platforms.tesla.models.permissions import METADATA, require
    from edumock.platforms.tesla.views import ACTIONS, permissions_of

    target = request.target
    operation = target.operation
    view = operation or (target.declared[0] if target.declared else None)
    if view is None or view.operation_id.startswith("auth."):
        return  # the login views authenticate nobody: their bodies carry the credentials
    token_info = request.token_info
    if token_info is None:
        token_info = authenticate(request.world, request.headers.get("authorization"))
    if operation is not None:
        action = ACTIONS.get(operation.operation_id.rsplit(".", 1)[-1])
    else:  # OPTIONS is the viewset's ``metadata`` action; a HEAD is routed to its GET
        action = METADATA if request.method == "OPTIONS" else None
    call = make_call(request.world, request.url, dict(token_info), {})
    require(call, action, permissions_of(view.operation_id))
