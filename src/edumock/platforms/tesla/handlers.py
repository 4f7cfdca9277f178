"""Thin handlers for specs/tesla.yaml: each resource group bound to its DRF resource.

``HANDLERS`` binds each operationId of the spec to its function: :func:`crud`
gives a resource group its six DRF actions (``<group>.list`` … ``<group>.destroy``),
and the few extra actions are plain functions. Handlers receive Connexion's
arguments (path parameters, body, the token's ``token_info``, the request URL)
and hand them to the resource; nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from edumock.platform import HandlerTable
from edumock.platforms.tesla.models.base import Resource
from edumock.platforms.tesla.models.consent import ConsentResource
from edumock.platforms.tesla.models.context import Call, actor_for
from edumock.platforms.tesla.models.learner import LearnerResource
from edumock.platforms.tesla.models.login import METHOD_NOT_ALLOWED, login, refresh
from edumock.platforms.tesla.views import VIEWS
from edumock.world import World

Handler = Callable[..., Any]


def make_call(world: World, request_url: str, token_info: dict[str, Any] | None,
              params: dict[str, Any]) -> Call:
    """The resource's view of one request."""
    query = dict(parse_qsl(urlsplit(request_url).query, keep_blank_values=True))
    path = {key: str(value) for key, value in params.items()
            if isinstance(value, str | int) and not isinstance(value, bool)}
    return Call(world, actor_for(world, token_info), path, query, request_url)


def crud(group: str, resource: type[Resource]) -> dict[str, Handler]:
    """``<group>.list``, ``.create``, ``.read``, ``.update``, ``.partial_update`` and
    ``.destroy`` for one resource (the spec binds those of them the API offers)."""

    def list_(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
        return resource(make_call(world, request_url, token_info, params)).list_page()

    def create(world: World, request_url: str, token_info: Any = None, body: Any = None,
               body_from_form: bool = False, **params: Any) -> Any:
        call = make_call(world, request_url, token_info, params)
        created = resource(call).create(body if isinstance(body, dict) else {}, body_from_form)
        # DRF's ``get_success_headers``: a ``url`` field, whatever it holds, is the Location.
        return created, 201, {"Location": str(created["url"])} if "url" in created else {}

    def read(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
        return resource(make_call(world, request_url, token_info, params)).retrieve()

    def update(world: World, request_url: str, token_info: Any = None, body: Any = None,
               body_from_form: bool = False, **params: Any) -> Any:
        call = make_call(world, request_url, token_info, params)
        return resource(call).update(body if isinstance(body, dict) else {}, partial=False,
                                     from_form=body_from_form)

    def partial_update(world: World, request_url: str, token_info: Any = None,
                       body: Any = None, **params: Any) -> Any:
        call = make_call(world, request_url, token_info, params)
        return resource(call).update(body if isinstance(body, dict) else {}, partial=True)

    def destroy(world: World, request_url: str, token_info: Any = None, **params: Any) -> Any:
        resource(make_call(world, request_url, token_info, params)).destroy()
        return None, 204

    actions = {"list": list_, "create": create, "read": read, "update": update,
               "partial_update": partial_update, "destroy": destroy}
    return {f"{group}.{action}": handler for action, handler in actions.items()}


def consent_current(world: World, request_url: str, token_info: Any = None,
                    **params: Any) -> Any:
    """``ic/current/``: the newest valid consent version."""
    return ConsentResource(make_call(world, request_url, token_info, params)).current()


def learner_enrolment(world: World, request_url: str, token_info: Any = None,
                      **params: Any) -> Any:
    """``learner/{id}/enrolment/``: enrolment status per instrument."""
    return LearnerResource(make_call(world, request_url, token_info, params)).enrolment()


def learner_ic_accept(world: World, request_url: str, token_info: Any = None, body: Any = None,
                      **params: Any) -> Any:
    """POST ``learner/{id}/ic/``: accept an informed consent version."""
    call = make_call(world, request_url, token_info, params)
    return LearnerResource(call).accept_consent(str((body or {}).get("version", "")))


def learner_ic_reject(world: World, request_url: str, token_info: Any = None,
                      **params: Any) -> Any:
    """DELETE ``learner/{id}/ic/``: reject the accepted consent."""
    return LearnerResource(make_call(world, request_url, token_info, params)).reject_consent()


def auth_login(world: World, body: Any = None) -> Any:
    """POST ``auth/login``: a token pair for an e-mail and password."""
    return login(world, body if isinstance(body, dict) else {})


def auth_refresh(world: World, request_headers: dict[str, str], body: Any = None) -> Any:
    """POST ``auth/token/refresh``: a new access token."""
    return refresh(world, body if isinstance(body, dict) else {},
                   request_headers.get("authorization"))


def auth_get() -> Any:
    """GET on the login views: their own bare 405."""
    return METHOD_NOT_ALLOWED, 405


HANDLERS: HandlerTable = {
    "auth.login": auth_login,
    "auth.login_get": auth_get,
    "auth.refresh": auth_refresh,
    "auth.refresh_get": auth_get,
    **{name: handler for group, resource in VIEWS.items()
       for name, handler in crud(group, resource).items()},
    "ic.current": consent_current,
    "learner.enrolment": learner_enrolment,
    "learner.ic_accept": learner_ic_accept,
    "learner.ic_reject": learner_ic_reject,
}
