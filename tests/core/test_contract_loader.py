"""Specs: every file valid, problems reported with file and JSON path, every route resolves."""

from __future__ import annotations

import re
from pathlib import Path

from edumock.cli import main
from edumock.contract.loader import check_spec, check_specs
from edumock.settings import specs_dir


def test_every_spec_in_the_repository_is_valid():
    assert check_specs(specs_dir()) == []


def test_specs_check_command_succeeds(capsys):
    assert main(["specs", "check"]) == 0
    assert "valid" in capsys.readouterr().out


def test_invalid_spec_is_reported_with_file_and_json_path(tmp_path: Path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
                   "paths:\n  /x:\n    get:\n      responses: {'200': {}}\n", encoding="utf-8")
    problems = check_spec(bad)
    assert problems and problems[0].file == bad
    assert problems[0].json_path.startswith("$.paths")
    assert main(["specs", "check", "--dir", str(tmp_path)]) == 1
    assert "bad.yaml: $.paths" in capsys.readouterr().err


def test_unparseable_spec_is_a_problem_not_a_crash(tmp_path: Path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("openapi: [\n", encoding="utf-8")
    assert check_spec(bad)[0].json_path == "$"


def test_every_declared_operation_is_routed(app, client):
    """An operationId without a handler fails at start-up; a request proves each is mounted.

    A routed request may still be refused (401, 403, 404 for a missing record), but it never
    gets the answer an unknown path under the same prefix gets, nor a 405 (unless the
    operation documents only that: TeSLA's login views answer GET with their own 405).
    """
    for operation in app.sandbox.operations.operations:
        if operation.platform is None:
            continue  # the admin API: covered by its own tests
        path = re.sub(r"\{[^}]+\}", "1", operation.template)
        prefix = app.sandbox.owner_of(path).path_prefixes[0]
        unknown = client.get(prefix + "no-such-route-here/")
        response = client.request(operation.method, path)
        if set(operation.responses) != {"405"}:  # a view that answers only its own 405
            assert response.status_code != 405, f"{operation.method} {operation.template}"
        assert (response.status_code, response.content) != (unknown.status_code,
                                                             unknown.content), (
            f"{operation.method} {operation.template} is not routed")
