"""Architecture rules as tests: import contracts, module size, determinism by construction."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SRC = ROOT / "src" / "edumock"
TESTS = ROOT / "tests"
MAX_LINES = 400
BANNED_CALLS = {("datetime", "now"), ("datetime", "utcnow"), ("date", "today"),
                ("uuid", "uuid4"), ("uuid", "uuid1"), ("time", "time")}
RANDOMNESS_HOMES = {SRC / "world" / "randomness.py", SRC / "world" / "clock.py"}


def test_import_linter_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True, cwd=SRC.parents[1],
                            check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_no_module_exceeds_the_size_budget():
    """The budget holds for the test suite too: a long test module hides its topics."""
    oversized = {
        str(path.relative_to(ROOT)): count
        for tree in (SRC, TESTS)
        for path in tree.rglob("*.py")
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not oversized, f"modules over {MAX_LINES} lines: {oversized}"


def test_only_the_clock_and_randomness_modules_read_time_or_draw_randomly():
    offenders = []
    for path in SRC.rglob("*.py"):
        if path in RANDOMNESS_HOMES:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [alias.name for alias in node.names]
                module = getattr(node, "module", None) or ""
                if "random" in names or module == "random" or "secrets" in names:
                    offenders.append(f"{path.name}: imports random/secrets")
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and (node.value.id, node.attr) in BANNED_CALLS):
                offenders.append(f"{path.name}:{node.lineno} {node.value.id}.{node.attr}")
    assert not offenders, offenders


def test_handlers_do_not_touch_the_store_directly():
    """Handlers stay thin: state and rules belong to the platform's model layer."""
    offenders = [
        str(path.relative_to(SRC))
        for pattern in ("platforms/*/handlers.py", "platforms/*/handlers/*.py")
        for path in SRC.glob(pattern)
        if ".store" in path.read_text(encoding="utf-8")
    ]
    assert not offenders, offenders
