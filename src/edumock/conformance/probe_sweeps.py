"""Probe steps generic over a contract, which a platform's probe plays with its own checks of
the answer: every declared path sent a method it does not declare, and (against edumock only)
every operation failed once by an injected fault."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import httpx

from edumock.conformance.probe_client import SAFE_METHODS, ProbeClient
from edumock.contract.operations import Operation

WRONG_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
"""Tried in this order for a path: GET wherever the path lacks it (it changes nothing), POST on
a path that declares GET. Path parameters are filled with values no record has, so even a
server that took the method would find nothing to act on."""

Fill = Callable[[str], str]
"""A value for a path parameter, by name."""


def filled(template: str, value: Fill) -> str:
    """``template`` with each ``{name}`` replaced by ``value(name)``."""
    return re.sub(r"\{([^}]+)\}", lambda found: value(found.group(1)), template)


def by_path(probe: ProbeClient) -> dict[str, list[Operation]]:
    """The contract's path templates, each with the operations its methods declare."""
    paths: dict[str, list[Operation]] = {}
    for operation in probe.contract.operations:
        paths.setdefault(operation.template, []).append(operation)
    return paths


def declared_methods(probe: ProbeClient, operations: list[Operation]) -> tuple[str, ...]:
    """The methods a path's operations declare, with those its platform's framework answers
    there (TeSLA's HEAD beside GET and OPTIONS), sorted: none of them is undeclared."""
    methods = {operation.method for operation in operations}
    framework = probe.contract.implicit.get(operations[0].spec_file, ())
    methods |= {m for m in framework if m != "HEAD" or "GET" in methods}
    return tuple(sorted(methods))


def first_wrong_method(template: str, declared: tuple[str, ...]) -> str | None:
    """The first of :data:`WRONG_METHODS` the path does not declare."""
    return next((m for m in WRONG_METHODS if m not in declared), None)


def undeclared_methods(probe: ProbeClient, path_for: Callable[[str], str | None],
                       check: Callable[[httpx.Response, str, tuple[str, ...]], None], *,
                       method_for: Callable[[str, tuple[str, ...]], str | None]
                       = first_wrong_method, prefix: str = "") -> None:
    """Send every declared path (filled by ``path_for``; None skips it) a method it does not
    declare (chosen by ``method_for``; a read-only run sends only safe ones) and hand each
    answer to ``check`` with the step's name (the template without ``prefix``) and the
    methods the path declares (its framework's included). The contract's own routing must
    leave the request to no operation and no framework method; a path whose filled form
    another template takes is skipped."""
    for template, operations in by_path(probe).items():
        declared = declared_methods(probe, operations)
        method = method_for(template, declared)
        if method is None or (probe.read_only and method not in SAFE_METHODS):
            continue
        path = path_for(template)
        if path is None or method in probe.contract.resolve(method, path).allowed or \
                {op.template for op in probe.contract.declared_at(path)} != {template}:
            continue
        step = f"{method} {template.removeprefix(prefix)}"
        check(probe.call(step, method, path, invalid=True), step, declared)


def injected_failures(probe: ProbeClient, status: int, value: Fill,
                      request: Callable[[Operation], dict[str, Any]],
                      check: Callable[[httpx.Response, str], None]) -> None:
    """Against edumock only: every operation documenting ``status`` called once with a fault
    of that status injected (``request`` gives the call's body), each answer handed to
    ``check``. A real server cannot be made to fail on purpose, so elsewhere nothing is sent."""
    if not probe.extras:
        return
    for operation in probe.contract.operations:
        if str(status) not in operation.responses:
            continue
        if probe.read_only and operation.method not in SAFE_METHODS:
            continue
        step = f"{operation.method} {operation.template} failing"
        answer = probe.injected(step, operation.method, filled(operation.template, value),
                                status, **request(operation))
        if answer is not None:
            check(answer, step)
