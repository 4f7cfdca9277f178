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
