"""Connexion validators that compile each schema once and keep every failure.

Connexion's stock validators build a new jsonschema validator per request and
stop at the first error as a text message. Platforms need more: an SDR batch
refusal names every offending record, and DRF names every failing field. These
subclasses raise the structured errors of :mod:`edumock.errors` instead.
"""

from __future__ import annotations

import json
import math
from collections.abc import AsyncGenerator, Callable
from typing import Any

from connexion.datastructures import MediaTypeDict
from connexion.exceptions import NonConformingResponseBody
from connexion.utils import is_null, is_nullable
from connexion.validators import (
    FormDataValidator,
    JSONRequestBodyValidator,
    JSONResponseBodyValidator,
    ParameterValidator,
    TextResponseBodyValidator,
)
from starlette.datastructures import Headers, MutableHeaders, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.types import Receive, Scope

from edumock.contract.operations import FORM_RECORD
from edumock.contract.schema_check import SCHEMAS, SchemaCheck
from edumock.errors import BodyInvalid, BodyMalformed, BodyMissing, ParameterInvalid
from edumock.serving.inline_app import PARSED_BODY_KEY
from edumock.serving.jsonify import loads
from edumock.serving.uploads import CONTEXT_KEY as UPLOADS_KEY
from edumock.serving.uploads import KeepingParser, UploadedFile, UploadKeepingValidator

_COMPILED = SCHEMAS
"""The compiled schemas, shared with the conformance checker."""


NONCONFORMING = "Response body does not conform to specification. "
"""How a response violation's detail starts; what follows is the first broken field."""

MAX_NESTING = 100
"""How deep arrays and objects may nest in a JSON body. Python's parser fails near its recursion
limit, and a body that parsed just below it can still exhaust the stack later (a schema check,
a copy into the store, the response), so the bound sits far below, far above any real payload."""


def _nested_deeper_than(text: str, body: Any, limit: int) -> bool:
    """Whether ``body`` (parsed from ``text``) nests containers more than ``limit`` deep. Walked
    without recursion, and only when the text has enough brackets to nest that deep at all."""
    if text.count("[") + text.count("{") <= limit or not isinstance(body, dict | list):
        return False
    stack: list[tuple[dict[str, Any] | list[Any], int]] = [(body, 1)]
    while stack:
        node, depth = stack.pop()
        for child in node.values() if isinstance(node, dict) else node:
            if isinstance(child, dict | list):
                if depth >= limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _not_json(literal: str) -> Any:
    """Python's parser takes ``NaN`` and ``Infinity``; JSON has no such numbers, and a stored one
    would be written back as invalid JSON."""
    raise ValueError(f"{literal} is not a JSON number")


def _finite(literal: str) -> float:
    """A JSON number too large for a float (``1e999``) is refused rather than read as infinity."""
    value = float(literal)
    if not math.isfinite(value):
        raise ValueError(f"the number {literal} is out of range")
    return value


class StructuredParameterValidator(ParameterValidator):  # type: ignore[misc]
    """Parameter validation that says which parameter failed, and how."""

    def _check(self, location: str, param: dict[str, Any], value: Any) -> None:
        if is_nullable(param) and is_null(value):
            return
        name = param["name"]
        if value is None:
            if param.get("required"):
                message = f"Missing {location} parameter '{name}'"
                raise ParameterInvalid(location, name, message, missing=True)
            return
        schema = param.get("schema", param)
        # A parameter's schema is a request schema: ``nullable`` holds at every depth, as in
        # the jsonschema-rs translation (plain Draft 4 would refuse a nested null it accepts).
        issue = _COMPILED.get(schema, "request").first_issue(value)
        if issue is not None:
            raise ParameterInvalid(location, name, issue.message, missing=False)

    def validate_request(self, request: Any) -> None:
        if self.strict_validation:
            extra = self.validate_query_parameter_list(
                request, security_params=self.security_query_params
            )
            if extra:
                name = sorted(extra)[0]
                raise ParameterInvalid("query", name, f"Extra query parameter {name}", False)
        sources: dict[str, Callable[[dict[str, Any]], Any]] = {
            "path": lambda p: request.path_params.get(p["name"].replace("-", "_")),
            "query": lambda p: request.query_params.get(p["name"]),
            "header": lambda p: request.headers.get(p["name"]),
            "cookie": lambda p: request.cookies.get(p["name"]),
        }
        for location in ("path", "header", "query", "cookie"):
            for param in self.parameters.get(location, []):
                raw = sources[location](param)
                self._check(location, param, self._coerce(param, raw))

    @staticmethod
    def _coerce(param: dict[str, Any], raw: Any) -> Any:
        """Query and header strings arrive untyped: convert integers/numbers/booleans."""
        if raw is None or not isinstance(raw, str):
            return raw
        kind = param.get("schema", {}).get("type")
        try:
            if kind == "integer":
                return int(raw)
            if kind == "number":
                return float(raw)
        except ValueError:
            return raw
        if kind == "boolean" and raw.lower() in ("true", "false"):
            return raw.lower() == "true"
        return raw


class StructuredJSONBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    """JSON body validation keeping every schema failure and the parsed body."""

    @property
    def _check(self) -> SchemaCheck:
        return _COMPILED.get(self._schema, "request")

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        empty = not int(Headers(scope=scope).get("content-length", 0) or 0)
        if self._required and empty and self._schema.get("default") is None:
            raise BodyMissing()
        result: tuple[Receive, Scope] = await super().wrap_receive(receive, scope=scope)
        return result

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Scope) -> Any:
        raw = b"".join([message async for message in stream])
        try:
            text = raw.decode(self._encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise BodyMalformed(f"Request body is not valid {self._encoding}: {error}") from None
        self._absent = not raw  # whitespace alone is not an absent body but a malformed one
        if self._absent:
            return None
        too_deep = BodyMalformed(f"Request body nests arrays and objects more than "
                                 f"{MAX_NESTING} deep")
        try:
            body = json.loads(text, parse_constant=_not_json, parse_float=_finite)
        except json.JSONDecodeError as error:
            raise BodyMalformed(str(error)) from None
        except RecursionError:  # thousands of nested arrays or objects
            raise too_deep from None
        except ValueError as error:  # NaN, Infinity, 1e999, an integer of 5,000 digits
            raise BodyMalformed(str(error)) from None
        if _nested_deeper_than(text, body, MAX_NESTING):
            raise too_deep
        scope.setdefault("extensions", {}).setdefault("connexion_context", {})[
            PARSED_BODY_KEY] = body
        return body

    def _validate(self, body: Any) -> None:
        absent = getattr(self, "_absent", True)  # a JSON ``null`` is a body, of the wrong type
        if body is None and not self._required and absent:
            return
        if body is None and not self._nullable and absent:
            raise BodyMissing()
        issues = self._check.issues(body)
        if issues:
            raise BodyInvalid(issues, body)


BODY_FROM_FORM_KEY = "body_from_form"
"""Set (true) in the request context when the handler's body was read from a form: a handler
naming this argument may apply what its platform does only for form input."""


class FormRecordValidator(StructuredJSONBodyValidator):
    """A form (URL-encoded or multipart) read as the object it stands for, for schemas marked
    ``x-edumock-form: record``: each field's last value, as text (Django's ``QueryDict``),
    with file parts left in the request context (:mod:`edumock.serving.uploads`). It is
    validated as a JSON body is, every failure located, and handed on as that JSON body, so
    the handler and every later step read one object whichever way it came. Connexion's own
    form reading instead converts values by their schema's ``type``."""

    async def wrap_receive(self, receive: Receive, *, scope: Scope) -> tuple[Receive, Scope]:
        messages: list[Any] = []

        async def stream() -> AsyncGenerator[bytes, None]:
            more = True
            while more:
                message = await receive()
                messages.append(message)
                more = message.get("more_body", False)
                yield message.get("body", b"")
            yield b""

        record = await self._parse(stream(), scope)
        self._validate(record)
        context = scope.setdefault("extensions", {}).setdefault("connexion_context", {})
        context[PARSED_BODY_KEY], context[BODY_FROM_FORM_KEY] = record, True
        receive, scope = self._insert_body(receive, body=record, scope=scope)
        MutableHeaders(scope=scope)["content-type"] = "application/json"
        return receive, scope

    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Scope) -> Any:
        headers = Headers(scope=scope)
        self._absent = False  # an empty form is an object without fields
        if "multipart/" in headers.get("content-type", ""):
            files: list[UploadedFile] = []
            scope.setdefault("extensions", {}).setdefault("connexion_context", {})[
                UPLOADS_KEY] = files
            parser: FormParser | MultiPartParser = KeepingParser(headers, stream, files)
        else:
            parser = FormParser(headers, stream)
        try:
            form = await parser.parse()
        except MultiPartException as error:  # no boundary, a part without a name...
            raise BodyMalformed(str(error)) from None
        return {name: value for name, value in form.multi_items()
                if not isinstance(value, UploadFile)}


def _form_validator(fallback: type[FormDataValidator]) -> Callable[..., Any]:
    """The body validator of a form media type: :class:`FormRecordValidator` for a schema
    marked ``x-edumock-form: record``, else ``fallback`` (Connexion's reading)."""

    def build(*, schema: dict[str, Any], **kwargs: Any) -> Any:
        if schema.get(FORM_RECORD) == "record":
            kwargs.pop("uri_parser", None)
            return FormRecordValidator(schema=schema, **kwargs)
        return fallback(schema=schema, **kwargs)

    return build


class CompiledJSONResponseValidator(JSONResponseBodyValidator):  # type: ignore[misc]
    """Response validation with the schema compiled once; failures stay 500s (our bugs)."""

    @property
    def _check(self) -> SchemaCheck:
        return _COMPILED.get(self._schema, "response")

    def _parse(self, stream: Any) -> Any:
        raw = b"".join(stream)
        if not raw:
            return None
        try:
            return loads(raw)
        except ValueError as error:  # not JSON at all
            raise NonConformingResponseBody(str(error)) from None

    def _validate(self, body: Any) -> None:
        issues = self._check.issues(body)
        if issues:
            first = issues[0]
            raise NonConformingResponseBody(
                detail=f"{NONCONFORMING}{first.message} at {first.json_path}"
            )


VALIDATOR_MAP: dict[str, Any] = {
    "parameter": StructuredParameterValidator,
    "body": MediaTypeDict(
        {
            "*/*json": StructuredJSONBodyValidator,
            "application/x-www-form-urlencoded": _form_validator(FormDataValidator),
            "multipart/form-data": _form_validator(UploadKeepingValidator),
        }
    ),
    "response": MediaTypeDict(
        {
            "*/*json": CompiledJSONResponseValidator,
            "text/plain": TextResponseBodyValidator,
        }
    ),
}
