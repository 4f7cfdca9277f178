"""``edumock serve`` takes every option from an ``EDUMOCK_*`` variable too (the way a container
is configured); the command line wins, and a bad value is a usage error naming the variable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from edumock.cli import build_parser
from edumock.cli.environment import options, variable
from edumock.cli.serve import settings_from
from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))


def serve_parser():
    """The ``serve`` subcommand's own parser."""
    commands = next(a for a in build_parser("serve")._actions if a.dest == "command")
    return commands.choices["serve"]


def clean_environment(**variables: str) -> dict[str, str]:
    """This process's environment without any serve variable, plus ``variables``."""
    names = {variable(action) for action in options(serve_parser())}
    return {**{k: v for k, v in os.environ.items() if k not in names}, **variables}


def test_a_server_configured_only_through_its_environment():
    port = free_port()
    environment = clean_environment(EDUMOCK_PORT=str(port), EDUMOCK_SEED="7",
                                    EDUMOCK_PLATFORM="sdr, tesla")
    process = subprocess.Popen([EDUMOCK, "serve"], env=environment, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    try:
        health = None
        deadline = time.monotonic() + 15
        while health is None and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__admin/health") as reply:
                    health = json.loads(reply.read())
            except OSError:
                time.sleep(0.05)
        assert health is not None and (health["seed"], health["platforms"]) == (
            7, ["sdr", "tesla"])
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_without_an_admin_key_a_public_address_is_refused_naming_the_variable():
    result = subprocess.run([EDUMOCK, "serve"], env=clean_environment(EDUMOCK_HOST="0.0.0.0"),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "EDUMOCK_ADMIN_KEY" in result.stderr


def test_a_bad_value_is_a_usage_error_naming_the_variable():
    result = subprocess.run([EDUMOCK, "serve"], env=clean_environment(EDUMOCK_PORT="eighty"),
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2
    assert "EDUMOCK_PORT='eighty'" in result.stderr


def test_the_command_line_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("EDUMOCK_SEED", "3")
    monkeypatch.setenv("EDUMOCK_PLATFORM", "tesla,sunbird")
    monkeypatch.setenv("EDUMOCK_MAX_WORLDS", "9")
    from_environment = settings_from(build_parser().parse_args(["serve"]))
    assert (from_environment.seed, from_environment.platforms) == (3, ("tesla", "sunbird"))
    given = settings_from(build_parser().parse_args(
        ["serve", "--seed", "4", "--platform", "sdr", "--platform", "tesla"]))
    assert (given.seed, given.platforms, given.max_worlds) == (4, ("sdr", "tesla"), 9)


@pytest.mark.parametrize(("text", "expected"), [("1", True), ("true", True), ("off", False),
                                                ("", False)])
def test_flags_read_the_usual_words(monkeypatch, text, expected):
    monkeypatch.setenv("EDUMOCK_HANDLER_THREADS", text)
    assert settings_from(build_parser().parse_args(["serve"])).handler_threads is expected


def test_a_flag_refuses_other_words(monkeypatch, capsys):
    monkeypatch.setenv("EDUMOCK_HANDLER_THREADS", "maybe")
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve"])
    assert "EDUMOCK_HANDLER_THREADS='maybe'" in capsys.readouterr().err


def test_every_option_names_its_variable_in_the_help():
    for action in options(serve_parser()):
        assert f"[env {variable(action)}]" in (action.help or ""), action.option_strings
