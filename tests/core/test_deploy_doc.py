"""docs/deploy.md's table of variables is the parser's list of ``serve`` options, both ways:
an option added to ``serve`` without a row fails here."""

from __future__ import annotations

import re
from pathlib import Path

from edumock.cli.environment import options, variable
from tests.core.test_serve_environment import serve_parser

DEPLOY = Path(__file__).resolve().parents[2] / "docs" / "deploy.md"


def test_the_table_lists_every_serve_option_and_its_variable():
    rows = set(re.findall(r"^\| `(EDUMOCK_[A-Z_]+)` \| `(--[a-z-]+)` \|",
                          DEPLOY.read_text(encoding="utf-8"), flags=re.MULTILINE))
    expected = {(variable(action), max(action.option_strings, key=len))
                for action in options(serve_parser())}
    assert rows == expected


def test_the_compose_file_shown_is_the_one_in_deploy():
    shown = DEPLOY.read_text(encoding="utf-8").split("```yaml\n", 1)[1].split("```", 1)[0]
    compose = (DEPLOY.parents[1] / "deploy" / "compose.yaml").read_text(encoding="utf-8")
    assert shown == "services:\n" + compose.split("services:\n", 1)[1]
