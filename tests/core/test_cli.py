"""The ``edumock`` command: serve starts fast and announces each platform; bad input exits 2."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from edumock.cli import main
from edumock.registry import PLATFORMS
from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))


def test_serve_announces_platforms_and_answers_health():
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [EDUMOCK, "serve", "--port", str(port), "--seed", "5"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        health = None
        while time.monotonic() - started < 15:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__admin/health") as reply:
                    health = json.loads(reply.read())
                    break
            except OSError:
                time.sleep(0.05)
        expected = {"status": "ok", "platforms": [p.name for p in PLATFORMS], "seed": 5}
        assert health == {**health, **expected}
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    assert f"http://127.0.0.1:{port}/submissions/" in out
    assert f"http://127.0.0.1:{port}/docs/sdr/" in out


def test_unknown_platform_exits_2(capsys):
    assert main(["serve", "--platform", "moodle"]) == 2
    assert "unknown platform" in capsys.readouterr().err


def test_bad_fixture_file_exits_2(tmp_path, capsys):
    (tmp_path / "sdr.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    assert main(["serve", "--fixtures", str(tmp_path)]) == 2
    assert "sdr.yaml" in capsys.readouterr().err


def test_missing_subcommand_is_a_usage_error():
    with pytest.raises(SystemExit) as exit_info:
        main([])
    assert exit_info.value.code == 2


def test_serve_options_become_settings():
    from edumock.cli import build_parser
    from edumock.cli.serve import settings_from

    args = build_parser().parse_args(
        ["serve", "--host", "0.0.0.0", "--port", "9", "--seed", "3", "--platform", "sdr",
         "--freeze-time", "2026-08-10T09:30:00+00:00", "--journal-size", "50",
         "--max-worlds", "4"])
    settings = settings_from(args)
    assert (settings.journal_size, settings.max_worlds) == (50, 4)
    assert (settings.host, settings.port, settings.seed, settings.platforms) == (
        "0.0.0.0", 9, 3, ("sdr",))
    assert settings.start_time is not None and settings.start_time.year == 2026


def test_handlers_run_inline_unless_threads_are_asked_for():
    from edumock.cli import build_parser
    from edumock.cli.serve import settings_from

    assert settings_from(build_parser().parse_args(["serve"])).handler_threads is False
    threaded = build_parser().parse_args(["serve", "--handler-threads"])
    assert settings_from(threaded).handler_threads is True
