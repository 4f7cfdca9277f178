"""The rules, applied to one exchange at a time (and, for pagination, across exchanges)."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import parse_qsl

from edumock.conformance import schemas
from edumock.conformance.exchange import Exchange
from edumock.conformance.findings import Finding
from edumock.conformance.pagination import PaginationTracker, page_findings
from edumock.contract.operations import FORM_RECORD, Operation, Operations, child


def _accepts(declared: dict[str, Any], media: str | None) -> str | None:
    """The declared media type key matching ``media`` (exact, then ``type/*``, ``*/*``)."""
    if media is None:
        return None
    for key in (media, media.split("/")[0] + "/*", "*/*"):
        if key in declared:
            return key
    if media.endswith("+json") and "application/json" in declared:
        return "application/json"
    return None


def _is_json(media: str | None) -> bool:
    return bool(media) and (media == "application/json" or str(media).endswith("+json"))


class Checker:
    """Judges exchanges against one platform's contract."""

    def __init__(self, contract: Operations) -> None:
        self.contract = contract
        self.pages = PaginationTracker()

    def operation_for(self, exchange: Exchange) -> Operation | None:
        """The declared operation an exchange exercised, if any."""
        return self.contract.match(exchange.method, exchange.path)[0]

    def check(self, exchange: Exchange) -> list[Finding]:
        """Every rule one exchange breaks."""
        operation, allowed = self.contract.match(exchange.method, exchange.path)
        if operation is None:
            if exchange.method.upper() in allowed:
                return []  # the framework's own answer (OPTIONS): no operation describes it
            if allowed:
                return [self._finding(exchange, None, "method-declared",
                                      f"{exchange.method} is not declared for this path "
                                      f"(declared: {', '.join(allowed)})")]
            return [self._finding(exchange, None, "path-declared",
                                  f"no operation declares the path {exchange.path}")]
        found = (self._parameters(exchange, operation) + self._request_body(exchange, operation)
                 + self._response(exchange, operation) + self._auth(exchange, operation))
        body = exchange.response_json()
        if 200 <= exchange.status < 300 and exchange.method == "GET":
            found += [self._finding(exchange, operation, "pagination", message, path)
                      for message, path in page_findings(exchange, body)]
            self.pages.add(exchange, operation.key, body)
        elif exchange.method != "GET":
            self.pages.write_seen()
        return found

    def finish(self) -> list[Finding]:
        """Findings only the traffic as a whole shows (pages that disagree with each other)."""
        return [Finding("pagination", message, operation, index, label)
                for operation, index, label, message in self.pages.findings()]

    # -- the rules ---------------------------------------------------------
    @staticmethod
    def _finding(exchange: Exchange, operation: Operation | None, rule: str, message: str,
                 json_path: str = "$", schema_location: str = "") -> Finding:
        return Finding(rule, message, operation.key if operation else None, exchange.index,
                       exchange.describe(), json_path, schema_location)

    def _parameters(self, exchange: Exchange, op: Operation) -> list[Finding]:
        found: list[Finding] = []
        path_values = op.path_params(exchange.path)
        query = exchange.query
        for param in op.parameters:
            if param.location == "path":
                values = [path_values[param.name]] if param.name in path_values else []
            elif param.location == "query":
                values = [v for k, v in query if k == param.name]
            elif param.location == "header":
                value = exchange.request_header(param.name)
                values = [value] if value is not None else []
            else:
                continue
            where = f"{param.location} parameter {param.name}"
            if not values:
                if param.required:
                    found.append(self._finding(exchange, op, "parameter",
                                               f"required {where} is missing", "$",
                                               param.schema_at))
                continue
            for error in schemas.errors(param.schema, schemas.coerce(param.schema, values),
                                        response=False):
                found.append(self._finding(
                    exchange, op, "parameter", f"{where}: {error.message}",
                    f"${schemas.json_path(error)[1:]}",
                    f"{param.schema_at}/{schemas.schema_path(error)}".rstrip("/")))
        return found

    def _request_body(self, exchange: Exchange, op: Operation) -> list[Finding]:
        body = op.request_body
        if body is None:
            return []
        content = body.get("content") or {}
        at = child(op.at, "requestBody")
        if not exchange.request_body.strip():
            if body.get("required"):
                return [self._finding(exchange, op, "request-body",
                                      "the operation requires a request body; none was sent",
                                      "$", at)]
            return []
        media = exchange.request_media_type
        key = _accepts(content, media)
        if key is None:
            return [self._finding(exchange, op, "request-content-type",
                                  f"request media type {media or '(none)'} is not accepted "
                                  f"(declared: {', '.join(content) or 'none'})", "$",
                                  child(at, "content"))]
        schema = (content[key] or {}).get("schema")
        if not schema:
            return []
        schema_at = child(at, "content", key, "schema")
        if _is_json(media):
            try:
                value = json.loads(exchange.request_body)
            except (ValueError, UnicodeDecodeError):
                return [self._finding(exchange, op, "request-body",
                                      "the request body is not valid JSON", "$", schema_at)]
        elif media == "application/x-www-form-urlencoded":
            pairs = parse_qsl(exchange.request_body.decode("utf-8", "replace"),
                              keep_blank_values=True)
            props = schema.get("properties") or {}
            if schema.get(FORM_RECORD) == "record":  # each field's last value, as text
                value = dict(pairs)
            else:
                value = {name: schemas.coerce(props.get(name) or {},
                                              [v for k, v in pairs if k == name])
                         for name in dict(pairs)}
        else:
            return []  # multipart and other bodies: the media type is all that is checked
        return [self._finding(exchange, op, "request-body", error.message,
                              schemas.json_path(error),
                              f"{schema_at}/{schemas.schema_path(error)}".rstrip("/"))
                for error in schemas.errors(schema, value, response=False)]

    def _response(self, exchange: Exchange, op: Operation) -> list[Finding]:
        declared = op.response_for(exchange.status)
        if declared is None:
            return [self._finding(exchange, op, "response-status",
                                  f"status {exchange.status} is not declared (declared: "
                                  f"{', '.join(op.responses)})", "$", child(op.at, "responses"))]
        status_key, response = declared
        at = child(op.at, "responses", status_key)
        found = self._response_headers(exchange, op, response, at)
        content = response.get("content") or {}
        if not exchange.response_body.strip():
            return found
        if not content:
            return [*found, self._finding(exchange, op, "response-body",
                                          f"no body is declared for status {status_key}, "
                                          "but one was sent", "$", at)]
        media = exchange.response_media_type
        key = _accepts(content, media)
        if key is None:
            return [*found, self._finding(
                exchange, op, "response-content-type",
                f"response media type {media or '(none)'} is not declared for status "
                f"{status_key} (declared: {', '.join(content)})", "$", child(at, "content"))]
        schema = (content[key] or {}).get("schema")
        if not schema or not _is_json(media):
            return found
        schema_at = child(at, "content", key, "schema")
        value = exchange.response_json()
        if value is None and exchange.response_body.strip() != b"null":
            return [*found, self._finding(exchange, op, "response-body",
                                          "the response body is not valid JSON", "$",
                                          schema_at)]
        return found + [self._finding(exchange, op, "response-body", error.message,
                                      schemas.json_path(error),
                                      f"{schema_at}/{schemas.schema_path(error)}".rstrip("/"))
                        for error in schemas.errors(schema, value, response=True)]

    def _response_headers(self, exchange: Exchange, op: Operation,
                          response: dict[str, Any], at: str) -> list[Finding]:
        found = []
        for name, header in (response.get("headers") or {}).items():
            value = exchange.response_header(name)
            header_at = child(at, "headers", name)
            if value is None:
                if header.get("required"):
                    found.append(self._finding(exchange, op, "response-headers",
                                               f"required response header {name} is missing",
                                               "$", header_at))
                continue
            schema = header.get("schema") or {}
            found.extend(self._finding(exchange, op, "response-headers",
                                       f"response header {name}: {error.message}", "$",
                                       child(header_at, "schema"))
                         for error in schemas.errors(schema, schemas.coerce(schema, [value]),
                                                     response=True))
        return found

    def _auth(self, exchange: Exchange, op: Operation) -> list[Finding]:
        if not op.secured or not 200 <= exchange.status < 300:
            return []
        if any(self._carries(exchange, op.security_schemes.get(name) or {})
               for requirement in op.security for name in requirement):
            return []
        names = sorted({name for requirement in op.security for name in requirement})
        return [self._finding(exchange, op, "auth-required",
                              f"answered {exchange.status} to a call carrying no credentials "
                              f"(the operation requires {' or '.join(names)})", "$",
                              child(op.at, "security"))]

    @staticmethod
    def _carries(exchange: Exchange, scheme: dict[str, Any]) -> bool:
        if scheme.get("type") == "apiKey":
            name = str(scheme.get("name", ""))
            if scheme.get("in") == "query":
                return any(key == name for key, _ in exchange.query)
            if scheme.get("in") == "cookie":
                return f"{name}=" in (exchange.request_header("cookie") or "")
            return exchange.request_header(name) is not None
        return exchange.request_header("authorization") is not None
