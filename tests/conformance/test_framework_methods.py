"""The checker treats the methods a platform's framework answers on every path (TeSLA's HEAD
and OPTIONS, ``Platform.framework_methods``) as declared: a HEAD is judged as its GET without
a body, an OPTIONS answer is the framework's own and no operation's. Elsewhere they are
undeclared methods."""

from __future__ import annotations

import json

from edumock.cli.conformance import contract_for
from edumock.conformance.checker import Checker
from edumock.conformance.exchange import Exchange

LEARNERS = "/api/v2/institution/1/learner/"


def _exchange(method: str, path: str, status: int, body: bytes = b"") -> Exchange:
    return Exchange(1, method, f"http://a{path}", status,
                    response_headers=(("content-type", "application/json"),),
                    response_body=body, request_headers=(("authorization", "JWT x"),))


def test_tesla_head_and_options_are_declared() -> None:
    checker = Checker(contract_for("tesla"))
    head = _exchange("HEAD", LEARNERS, 200)
    operation = checker.operation_for(head)
    assert operation is not None and operation.operation_id == "learner.list"
    assert checker.check(head) == []
    described = _exchange("OPTIONS", LEARNERS, 200, json.dumps({"name": "x"}).encode())
    assert checker.check(described) == []


def test_a_head_where_no_get_is_declared_is_still_undeclared() -> None:
    checker = Checker(contract_for("tesla"))
    found = checker.check(_exchange("HEAD", f"{LEARNERS}5/ic/", 405))
    assert [f.rule for f in found] == ["method-declared"]


def test_other_platforms_declare_no_options() -> None:
    checker = Checker(contract_for("sdr"))
    found = checker.check(_exchange("OPTIONS", "/submissions/v1.0/returns", 405))
    assert [f.rule for f in found] == ["method-declared"]
