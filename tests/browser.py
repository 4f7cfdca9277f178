"""Headless chromium (Debian's) for tests that check pages as a browser renders them.

Without chromium such tests are skipped, unless EDUMOCK_REQUIRE_BROWSER=1 (as CI sets), which
makes a missing browser a failure."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

TIMEOUT = 30
"""Seconds chromium gets per page; it needs about one."""


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        reason = "Debian's chromium is not installed (apt-get install chromium)"
        if os.environ.get("EDUMOCK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"EDUMOCK_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    return found


def headless(chromium: str, profile: Path, *arguments: str) -> str:
    """Run headless chromium on its own process group (so a hung page takes its renderer
    processes down with it) and return what it printed."""
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu",
               "--disable-dev-shm-usage", f"--user-data-dir={profile}", *arguments]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                          start_new_session=True) as browser:
        try:
            out, err = browser.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(browser.pid, signal.SIGKILL)
            browser.communicate()
            pytest.fail(f"chromium did not finish within {TIMEOUT}s: {' '.join(command)}")
    assert browser.returncode == 0, err[-2000:]
    return out
