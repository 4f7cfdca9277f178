"""The probe's client: sends each workflow step to a live server, records it as an exchange,
judges it against the contract, and keeps the workflow's own expectations as findings."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Collection, Mapping
from types import TracebackType
from typing import Any, NoReturn

import httpx

from edumock.conformance.checker import Checker
from edumock.conformance.exchange import Exchange
from edumock.conformance.findings import Finding
from edumock.conformance.report import Report
from edumock.conformance.usage import UsageError
from edumock.contract.operations import Operation, Operations
from edumock.world.clock import real_utc_now

REFUSALS = (401, 403)
"""What a server may answer a secured operation called without credentials."""
SANDBOX_POLL_BUDGET = 600.0
"""Sandbox seconds a poll may move an edumock clock before it gives up."""


WORLD_HEADER = "x-edumock-world"
"""The header naming an edumock world: admin calls a step makes go to the run's world."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""What a ``--read-only`` probe still sends."""
REQUEST_RULES = frozenset({"path-declared", "method-declared", "parameter",
                           "request-content-type", "request-body"})
"""Rules about the request alone: a step sending a deliberately invalid request (to provoke a
documented refusal) is not judged by them, only its answer is."""


class StepFailed(Exception):
    """A step's answer makes the rest of its scenario meaningless (its finding is recorded)."""


class ReadOnlyStop(StepFailed):
    """A ``--read-only`` probe reached a step that would write: the scenario ends there,
    without a finding."""


def _excerpt(response: httpx.Response, size: int = 200) -> str:
    text = response.content[:size].decode("utf-8", "replace").strip()
    return text + ("…" if len(response.content) > size else "")


class ProbeClient:
    """Plays workflow steps against ``base_url``; every exchange goes through one checker, so
    pagination is judged across the pages a scenario walks."""

    def __init__(self, contract: Operations, base_url: str, *, timeout: float = 10.0,
                 params: Mapping[str, str] | None = None, run_id: str | None = None,
                 progress: Callable[[Exchange], None] | None = None,
                 transport: httpx.BaseTransport | None = None, read_only: bool = False,
                 credentials: Mapping[str, str] | None = None,
                 sandbox_extras: bool = True) -> None:
        self.contract = contract
        self.sandbox_extras = sandbox_extras
        """Whether, against edumock, scenarios may play the steps only its admin API makes
        possible (see :attr:`extras`). A drift run turns them off on both sides, so both play
        the same steps."""
        self.read_only = read_only
        """Send only safe methods: scenarios end at their first write."""
        self.credentials = dict(credentials or {})
        """What the platform's login flow needs (``username``/``password``,
        ``client_id``/``client_secret``), from the command line."""
        self._cleanups: dict[str, tuple[str, dict[str, str]]] = {}
        self.base_url = base_url.rstrip("/")
        self.http = httpx.Client(base_url=self.base_url, timeout=30.0, transport=transport)
        self.checker = Checker(contract)
        self.report = Report(contract.platform, f"probe of {self.base_url}", contract)
        self.headers: dict[str, str] = {}
        """Sent with every step: the platform's credentials and the ``--header`` values."""
        self.params = dict(params or {})
        """Platform settings from ``--param NAME=VALUE`` (an institution id, say)."""
        self.timeout = timeout
        self.run_id = run_id or os.urandom(3).hex()
        """Makes this run's names and ids unique, so runs against one server do not collide."""
        self.progress = progress
        self.scenario = ""
        self.edumock = False
        """The target answers edumock's admin API: waits move its clock instead of sleeping."""
        self._counter = 0
        self._auth_checked: set[str] = set()
        self._last: dict[str, Exchange] = {}

    # -- set-up ------------------------------------------------------------
    def connect(self) -> None:
        """Check the server answers at all, and whether it is an edumock sandbox."""
        try:
            response = self.http.get("/__admin/clock")
        except httpx.HTTPError as error:
            raise UsageError(f"cannot reach {self.base_url}: {error}") from error
        try:
            body = response.json()
        except ValueError:
            body = None
        self.edumock = (response.status_code == 200 and isinstance(body, dict)
                        and "offsetSeconds" in body)

    @property
    def extras(self) -> bool:
        """Steps only edumock's admin API allows may be played: minting other people's
        credentials, injecting a fault, reading seeded state, moving time past a deadline."""
        return self.edumock and self.sandbox_extras

    def mint(self, claims: Mapping[str, Any]) -> dict[str, Any]:
        """Credentials from edumock's ``POST /__admin/tokens``, for runs given no ``--token``."""
        try:
            response = self.http.post("/__admin/tokens", json=dict(claims))
            body = response.json() if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError):
            body = None
        if not isinstance(body, dict):
            raise UsageError(f"no --token given, and {self.base_url}/__admin/tokens minted none "
                             "(the server is not an edumock sandbox); pass --token")
        return body

    def unique(self, prefix: str) -> str:
        """``prefix`` plus this run's id and a counter: a name no other run uses."""
        self._counter += 1
        return f"{prefix}{self.run_id}{self._counter}"

    # -- steps ---------------------------------------------------------------
    def label(self, step: str) -> str:
        """``scenario/step``: how findings and reports name a step."""
        return f"{self.scenario}/{step}" if self.scenario else step

    def call(self, step: str, method: str, path: str, *, json: Any = None,
             data: Mapping[str, str] | None = None, files: Any = None,
             content: bytes | None = None, params: Mapping[str, Any] | None = None,
             headers: Mapping[str, str] | None = None, credentials: bool = True,
             invalid: bool = False) -> httpx.Response:
        """Send one step, judge it, and return the answer. The first credentialed call of each
        secured operation is preceded by the same call without credentials, which must be
        refused. ``invalid``: the request breaks the contract on purpose (a wrong method or
        media type, a missing field, a body that is not JSON) so only the answer is judged."""
        if self.read_only and method.upper() not in SAFE_METHODS:
            raise ReadOnlyStop(self.label(step))
        operation = self.contract.match(method, httpx.URL(path).path or "/")[0]
        merged = {**self.headers, **(headers or {})}
        send = {"json": json, "data": data, "files": files, "content": content,
                "params": params}
        if credentials and operation is not None:
            self._refusal_checked(step, method, path, operation, merged, send, invalid)
        if not credentials and operation is not None:
            merged = self._without_credentials(merged, operation)
        response = self._send(step, method, path, merged, send, invalid)
        if method.upper() == "DELETE" and response.is_success:
            self._cleanups.pop(path, None)
        return response

    def _refusal_checked(self, step: str, method: str, path: str, operation: Operation,
                         headers: dict[str, str], send: dict[str, Any], invalid: bool) -> None:
        """Before the first credentialed call of a secured operation, the same call without
        credentials, which must be refused."""
        if not operation.secured or operation.key in self._auth_checked:
            return
        self._auth_checked.add(operation.key)
        anonymous = self._send(f"{step} without credentials", method, path,
                               self._without_credentials(headers, operation), send, invalid)
        self.expect(anonymous.status_code in REFUSALS, f"{step} without credentials",
                    f"a call without credentials was answered {anonymous.status_code}, "
                    f"not refused with 401 or 403")

    def injected(self, step: str, method: str, path: str, status: int, *, json: Any = None,
                 files: Any = None) -> httpx.Response | None:
        """Against edumock only (None elsewhere, and for a request no operation takes): the
        call answered by a fault of ``status`` injected through the admin API for this one
        call, to see the sandbox's failure in the platform's documented form. A client cannot
        make a real server fail on purpose. The operation's check without credentials, when
        still due, is played first, so the fault meets the call itself."""
        operation = self.contract.match(method, httpx.URL(path).path or "/")[0]
        if not self.extras or operation is None:
            return None
        if self.read_only and method.upper() not in SAFE_METHODS:
            raise ReadOnlyStop(self.label(step))
        send = {"json": json, "data": None, "files": files, "content": None, "params": None}
        self._refusal_checked(step, method, path, operation, dict(self.headers), send, False)
        world = {k: v for k, v in self.headers.items() if k.lower() == WORLD_HEADER}
        added = self.http.post("/__admin/faults", headers=world, json={
            "operationId": operation.operation_id, "method": method.upper(),
            "status": status, "times": 1})
        if added.status_code != 201:
            self.fail(step, f"edumock did not take the fault: {_excerpt(added)}")
        try:
            return self.call(step, method, path, json=json, files=files)
        finally:
            self.http.delete(f"/__admin/faults/{added.json()['id']}", headers=world)

    def created(self, path: str, headers: Mapping[str, str] | None = None) -> None:
        """A record this run made, deleted by ``DELETE path`` at the end of the run unless a
        step deletes it first: a probe leaves a foreign server as it found it."""
        self._cleanups[path] = (self.scenario, dict(headers or {}))

    def clean_up(self) -> None:
        """Delete what :meth:`created` noted and no step deleted, newest first."""
        while self._cleanups:
            path, (scenario, headers) = self._cleanups.popitem()
            self.scenario = "clean-up"
            try:
                self._send(f"delete what {scenario} made", "DELETE", path,
                           {**self.headers, **headers}, {})
            except StepFailed:
                pass
            finally:
                self.scenario = ""

    def login(self, step: str, method: str, path: str, **send: Any) -> httpx.Response:
        """A step outside the contract (a platform's login flow): sent, never judged."""
        try:
            return self.http.request(method, path, **send)
        except httpx.HTTPError as error:
            raise UsageError(f"{step}: {method} {path} was not answered: {error}") from error

    def _send(self, step: str, method: str, path: str, headers: dict[str, str],
              send: dict[str, Any], invalid: bool = False) -> httpx.Response:
        label = self.label(step)
        started = real_utc_now().isoformat(timespec="milliseconds")
        try:
            response = self.http.request(method, path, headers=headers, **send)
        except httpx.HTTPError as error:
            self.report.findings.append(Finding(
                "workflow", f"{method} {path} was not answered: {error}", None, None, label))
            raise StepFailed(label) from error
        self._record(response, label, started, invalid)
        return response

    def _record(self, response: httpx.Response, label: str, started: str,
                invalid: bool = False) -> None:
        request = response.request
        exchange = Exchange(
            index=len(self.report.exchanges) + 1, method=request.method, url=str(request.url),
            status=response.status_code, request_headers=tuple(request.headers.multi_items()),
            request_body=request.read(), response_headers=tuple(response.headers.multi_items()),
            response_body=response.content, label=label, started=started)
        self.report.exchanges.append(exchange)
        operation = self.checker.operation_for(exchange)
        if operation is not None:
            self.report.operation_of[exchange.index] = operation.key
        self.report.findings.extend(finding for finding in self.checker.check(exchange)
                                    if not (invalid and finding.rule in REQUEST_RULES))
        self._last[label] = exchange
        if self.progress is not None:
            self.progress(exchange)

    @staticmethod
    def _without_credentials(headers: dict[str, str], operation: Operation
                             ) -> dict[str, str]:
        names = set()
        for requirement in operation.security:
            for scheme_name in requirement:
                scheme = operation.security_schemes.get(scheme_name) or {}
                if scheme.get("type") == "apiKey" and scheme.get("in") == "header":
                    names.add(str(scheme.get("name", "")).lower())
                elif scheme.get("type") != "apiKey":
                    names.add("authorization")
        return {k: v for k, v in headers.items() if k.lower() not in names}

    # -- expectations --------------------------------------------------------
    def expect(self, condition: bool, step: str, message: str,
               operation: str | None = None) -> bool:
        """Record a workflow finding when ``condition`` is false; return ``condition``."""
        if condition:
            return True
        label = self.label(step)
        exchange = self._last.get(label)
        if operation is None and exchange is not None:
            operation = self.report.operation_of.get(exchange.index)
        self.report.findings.append(Finding(
            "workflow", f"{label}: {message}", operation,
            exchange.index if exchange else None, exchange.describe() if exchange else label))
        return False

    def expect_status(self, response: httpx.Response, status: int | Collection[int],
                      step: str) -> bool:
        """The step answered ``status`` (or one of them)."""
        wanted = (status,) if isinstance(status, int) else tuple(status)
        return self.expect(response.status_code in wanted, step,
                           f"expected status {' or '.join(map(str, wanted))}, got "
                           f"{response.status_code}: {_excerpt(response)}")

    def require(self, condition: bool, step: str, message: str) -> None:
        """Like :meth:`expect`, but stop the scenario when false."""
        if not condition:
            self.fail(step, message)

    def fail(self, step: str, message: str) -> NoReturn:
        """Record a workflow finding and stop the scenario."""
        self.expect(False, step, message)
        raise StepFailed(self.label(step))

    def require_status(self, response: httpx.Response, status: int | Collection[int],
                       step: str) -> Any:
        """The step answered ``status`` with a JSON body (returned), or the scenario stops."""
        if not self.expect_status(response, status, step):
            raise StepFailed(self.label(step))
        if not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            self.fail(step, f"the answer is not JSON: {_excerpt(response)}")

    # -- time ------------------------------------------------------------------
    def wait(self, seconds: float) -> None:
        """Let ``seconds`` pass on the server: an edumock clock is moved, others are waited
        for in real time."""
        if self.edumock:
            self.http.post("/__admin/clock", json={"advance": seconds})
        else:
            time.sleep(seconds)

    def poll(self, step: str, send: Callable[[], httpx.Response],
             done: Callable[[httpx.Response], bool], interval: float) -> httpx.Response:
        """Repeat ``send`` until ``done``; give up (a finding, and the scenario stops) after
        ``timeout`` seconds, or, on edumock, after a long stretch of sandbox time."""
        deadline = time.monotonic() + self.timeout
        moved = 0.0
        while True:
            response = send()
            if done(response):
                return response
            remaining = deadline - time.monotonic()
            if (self.edumock and moved >= SANDBOX_POLL_BUDGET) or \
                    (not self.edumock and remaining <= 0):
                waited = f"{moved:g} s of sandbox time" if self.edumock else \
                    f"{self.timeout:g} s (raise --timeout)"
                self.fail(step, f"still not finished after {waited}: {_excerpt(response)}")
            pause = interval if self.edumock else min(interval, max(remaining, 0.0))
            self.wait(pause)
            moved += pause

    # -- a run -------------------------------------------------------------------
    def run(self, name: str, scenario: Callable[[ProbeClient], None]) -> None:
        """Play one scenario; a step that stops it, or an answer of an unexpected shape,
        ends only that scenario."""
        self.scenario = name
        try:
            scenario(self)
        except StepFailed:
            pass
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as error:
            self.report.findings.append(Finding(
                "workflow", f"{name}: stopped on an answer of an unexpected shape "
                            f"({type(error).__name__}: {error})", None, None, name))
        finally:
            self.scenario = ""

    def finish(self) -> Report:
        """The report, with the findings only the traffic as a whole shows."""
        self.report.findings.extend(self.checker.finish())
        return self.report

    def close(self) -> None:
        """Close the connection pool."""
        self.http.close()

    def __enter__(self) -> ProbeClient:
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()
