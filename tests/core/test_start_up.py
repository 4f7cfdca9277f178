"""What makes a cold start quick, and keeps it correct: parsed specs kept on disk, Connexion's
spec check decided by jsonschema-rs, the command line importing only its subcommand, and the
libraries the server never uses loaded only when touched."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from connexion.exceptions import InvalidSpecification
from connexion.spec import OpenAPISpecification

from edumock.cli import COMMANDS, build_parser
from edumock.contract import parsed_cache
from edumock.contract.loader import load_spec
from edumock.serving import spec_check
from edumock.settings import specs_dir

SPECS = sorted(specs_dir().glob("*.yaml"))


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EDUMOCK_CACHE_DIR", str(tmp_path))
    return tmp_path / "specs"


def test_a_parsed_spec_reads_back_from_the_cache(cache_dir: Path) -> None:
    text = b"openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n"
    document = {"openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {}}
    assert parsed_cache.read(text) is None
    parsed_cache.write(text, document)
    assert parsed_cache.read(text) == document
    assert parsed_cache.read(text + b"# edited\n") is None  # new bytes, new entry
    assert len(list(cache_dir.iterdir())) == 1


def test_a_document_json_cannot_carry_is_not_kept(cache_dir: Path) -> None:
    import datetime

    parsed_cache.write(b"x: 2026-01-01\n", {"x": datetime.date(2026, 1, 1)})
    parsed_cache.write(b"1: one\n", {1: "one"})
    assert not cache_dir.exists() or not list(cache_dir.iterdir())


def test_a_damaged_entry_is_ignored(cache_dir: Path) -> None:
    text = b"a: 1\n"
    parsed_cache.write(text, {"a": 1})
    entry = next(cache_dir.iterdir())
    entry.write_bytes(b"{not json")
    assert parsed_cache.read(text) is None


def test_the_cache_can_be_turned_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDUMOCK_CACHE_DIR", "")
    parsed_cache.write(b"a: 1\n", {"a": 1})
    assert parsed_cache.folder() is None
    assert parsed_cache.read(b"a: 1\n") is None


def test_specs_load_the_same_from_yaml_and_from_the_cache(cache_dir: Path) -> None:
    import yaml

    for path in SPECS:
        load_spec.cache_clear()
        first = load_spec(path)
        load_spec.cache_clear()
        again = load_spec(path)
        assert first == again == yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(list(cache_dir.iterdir())) == len(SPECS)
    load_spec.cache_clear()


@pytest.mark.parametrize("path", SPECS, ids=lambda p: p.name)
def test_the_fast_spec_check_passes_every_shipped_spec(path: Path) -> None:
    assert spec_check.looks_valid(load_spec(path))


def _broken(change: str) -> dict[str, Any]:
    spec = copy.deepcopy(load_spec(specs_dir() / "sdr.yaml"))
    if change == "no info":
        del spec["info"]
    else:
        holder = next(spec_check._holders_of_default(spec))
        holder["default"] = ["not", "what", "the", "schema", "says"]
    return spec


@pytest.mark.parametrize("change", ["no info", "bad default"])
def test_a_broken_spec_is_refused_with_connexions_own_error(change: str) -> None:
    spec_check.install()
    assert not spec_check.looks_valid(_broken(change))
    with pytest.raises(InvalidSpecification):
        OpenAPISpecification(_broken(change))


def test_a_doubt_of_the_fast_check_is_settled_by_connexion() -> None:
    """A ``default`` in a place Connexion never checks (an example) makes the fast check
    doubt; Connexion's own check then accepts the spec."""
    spec_check.install()
    spec = copy.deepcopy(load_spec(specs_dir() / "sdr.yaml"))
    spec["info"]["x-sample"] = {"type": "integer", "default": "text"}
    assert not spec_check.looks_valid(spec)
    OpenAPISpecification(spec)


def test_the_command_line_registers_only_the_chosen_subcommand() -> None:
    def names(parser: Any) -> set[str]:
        action = next(a for a in parser._actions if a.dest == "command")
        return set(action.choices)

    assert names(build_parser("serve")) == {"serve"}
    assert names(build_parser()) == set(COMMANDS)


def test_the_server_leaves_unused_libraries_unloaded_until_touched() -> None:
    script = (
        "import sys\n"
        "from edumock.cli.deferred_imports import defer\n"
        "assert defer() == ['httpx', 'requests']\n"
        "import edumock.app\n"
        "print(sorted(n for n in ('httpx', 'requests', 'urllib3') if n in sys.modules\n"
        "             and type(sys.modules[n]).__name__ != '_StandIn'))\n"
        "import httpx\n"
        "print(httpx.codes.OK == 200, callable(httpx.Client))\n"
        "import requests.exceptions\n"
        "print(issubclass(requests.exceptions.HTTPError, Exception))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True).stdout.split("\n")
    assert out[:3] == ["[]", "True True", "True"]
