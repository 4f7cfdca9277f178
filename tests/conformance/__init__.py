"""Reports built from TeSLA's real contract and hand-made exchanges with known defects, so
every finding in them is one the checker really produced."""

from __future__ import annotations

import json
from functools import cache

from edumock.conformance.exchange import Exchange
from edumock.conformance.report import Report, judge
from edumock.contract.operations import Contract
from edumock.settings import specs_dir

LEARNERS = "/api/v2/institution/1/learner/"
HOSTILE_PATH = "/api/v2/<img src=x onerror=alert(1)>/"
"""An undeclared path whose text, echoed in a finding, would be markup if left unescaped."""

HOSTILE_ID = "<b id=injected>one</b>"
"""An institution id of the wrong type, echoed in a response-body finding's message."""

_AUTH = (("Authorization", "JWT token"),)
_JSON = (("Content-Type", "application/json"),)


@cache
def tesla() -> Contract:
    """TeSLA's contract, read once: every report here is judged against it."""
    return Contract("tesla", [specs_dir() / "tesla.yaml"])


def exchange(index: int, method: str, path: str, status: int, *, body: object = None,
             answer: object = None) -> Exchange:
    """An authenticated JSON exchange with the sandbox's host."""
    request = b"" if body is None else json.dumps(body).encode()
    return Exchange(index, method, f"http://sandbox.test{path}", status,
                    _AUTH + (_JSON if body is not None else ()), request, _JSON,
                    json.dumps({"detail": "no"} if answer is None else answer).encode(),
                    label=f"entry {index}")


def institution(identifier: object) -> dict[str, object]:
    """A TeSLA institution body, complete but for what ``identifier`` gets wrong."""
    flags = ("external_ic", "disable_vle_learner_creation", "disable_vle_instructor_creation",
             "disable_vle_user_creation", "allow_learner_report", "allow_learner_audit",
             "allow_valid_audit")
    return {"id": identifier, "acronym": "UOC", "name": "Open University",
            "mail_domain": None, "allowed_domains": None, "created_at": "2026-08-10T09:30:00Z",
            "updated_at": None, **dict.fromkeys(flags, False)}


def conforming_exchanges() -> list[Exchange]:
    """Three calls that keep the contract: a refused list, a refused create, a read."""
    return [exchange(1, "GET", f"{LEARNERS}?limit=5", 403),
            exchange(2, "POST", LEARNERS, 403, body={"uid": "u-1", "email": "a@b.org"}),
            exchange(3, "GET", "/api/v2/institution/1/", 200, answer=institution(1))]


def defective_exchanges() -> list[Exchange]:
    """One conforming call plus five defects: a body missing a required field, an undeclared
    status, a response field of the wrong type, a method the path does not declare, and a
    hostile undeclared path."""
    return [exchange(1, "GET", "/api/v2/institution/2/vle/", 403),
            exchange(2, "POST", LEARNERS, 400, body={"email": "x@elsewhere.org"}),
            exchange(3, "GET", f"{LEARNERS}?limit=5", 418),
            exchange(4, "GET", "/api/v2/institution/1/", 200, answer=institution(HOSTILE_ID)),
            exchange(5, "DELETE", "/api/v2/institution/1/", 405),
            exchange(6, "GET", HOSTILE_PATH, 404)]


def conforming_report() -> Report:
    """A report with no findings."""
    return judge(tesla(), conforming_exchanges(), "conforming.har")


def failing_report() -> Report:
    """A report with one finding per defect in ``defective_exchanges``."""
    return judge(tesla(), defective_exchanges(), "defective.har")
