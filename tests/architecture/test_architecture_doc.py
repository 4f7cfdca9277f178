"""docs/architecture.md stays short and true: its request path is the app's middleware order,
and every module it names exists."""

from __future__ import annotations

import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "architecture.md"
MAX_LINES = 60


def _section(title: str) -> str:
    text = DOC.read_text(encoding="utf-8")
    return text.split(f"## {title}\n", 1)[1].split("\n## ", 1)[0]


def test_the_architecture_doc_is_short() -> None:
    assert len(DOC.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def test_the_request_path_it_lists_is_the_apps(shared_app) -> None:
    listed = re.findall(r"^\d+\. `(\w+)`", _section("The request path"), flags=re.MULTILINE)
    built = [m.func.__name__ if isinstance(m, functools.partial) else m.__name__
             for m in shared_app.connexion_app.middleware.middlewares]
    assert listed == built


def test_every_module_it_names_exists() -> None:
    named = set(re.findall(r"`((?:[a-z_]+/)+[a-z_]+\.py)`", DOC.read_text(encoding="utf-8")))
    assert named, "the doc names no module"
    src = ROOT / "src" / "edumock"
    missing = [path for path in named if not (src / path).exists() and not (ROOT / path).exists()]
    assert not missing, missing
