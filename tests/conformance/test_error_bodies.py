"""Error bodies are part of the contract: every documented response with a body has a schema
that says what it holds, so a server answering an error in the wrong shape is caught."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from edumock.cli.conformance import contract_for
from edumock.conformance.exchange import Exchange
from edumock.conformance.report import judge

SPECS = sorted((Path(__file__).resolve().parents[2] / "specs").glob("*.yaml"))
SHAPING = {"type", "properties", "oneOf", "anyOf", "allOf", "$ref", "enum", "const", "items"}


def _follow(document: dict[str, Any], node: Any) -> Any:
    """``node`` with its ``$ref`` chain followed inside ``document``."""
    while isinstance(node, dict) and "$ref" in node:
        target: Any = document
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        node = target
    return node


def _loose(document: dict[str, Any], schema: Any) -> bool:
    """A schema that accepts anything: empty, or naming no shape at all."""
    schema = _follow(document, schema)
    return not isinstance(schema, dict) or not set(schema) & SHAPING


@pytest.mark.parametrize("spec", SPECS, ids=lambda path: path.name)
def test_every_documented_body_has_a_shape(spec: Path) -> None:
    document = yaml.safe_load(spec.read_text())
    loose = []
    for path, item in document.get("paths", {}).items():
        for method, operation in item.items():
            if not isinstance(operation, dict):
                continue
            for status, response in operation.get("responses", {}).items():
                content = _follow(document, response).get("content") or {}
                for media, body in content.items():
                    if _loose(document, body.get("schema")):
                        loose.append(f"{method.upper()} {path} {status} {media}")
    assert not loose, loose


def _tesla_exchange(status: int, body: Any) -> Exchange:
    return Exchange(0, "GET", "http://127.0.0.1/api/v2/institution/1/learner/999/", status,
                    request_headers=(("Authorization", "JWT x"),),
                    response_headers=(("Content-Type", "application/json"),),
                    response_body=json.dumps(body).encode(), label="wrong error")


@pytest.mark.parametrize(("status", "body"), [
    (404, {"error": "not found"}), (404, {"detail": 404}), (403, ["forbidden"]),
    (401, {"detail": "Invalid token", "extra": True})])
def test_a_tesla_error_in_the_wrong_shape_is_a_violation(status: int, body: Any) -> None:
    report = judge(contract_for("tesla"), [_tesla_exchange(status, body)], "wrong errors")
    assert any(f.rule == "response-body" for f in report.findings), report.findings


@pytest.mark.parametrize(("status", "body"), [
    (404, {"detail": "Not found."}), (404, "Invalid institution"),
    (403, {"detail": "You do not have permission to perform this action."})])
def test_a_tesla_error_in_drfs_shape_passes(status: int, body: Any) -> None:
    report = judge(contract_for("tesla"), [_tesla_exchange(status, body)], "right errors")
    assert not [f for f in report.findings if f.rule == "response-body"], report.findings
