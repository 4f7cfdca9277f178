"""``edumock drift`` against the real TeSLA CE server: no undeclared difference over the whole
institution API.

The real server is started fresh for this test (the session's shared one may have been
written to by other tests), so both sides begin from the same seeded world."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from edumock.cli import main
from edumock.platforms.tesla.drift import KNOWN
from tests.upstream.conftest import skip_or_fail_without
from tests.upstream.tesla.launcher import real_tesla
from tests.upstream.tesla.services import missing_requirements

pytestmark = pytest.mark.real_tesla


def test_the_real_server_shows_no_undeclared_drift(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    skip_or_fail_without(missing_requirements())
    report = tmp_path / "drift.json"
    with real_tesla() as server:
        who = server.credentials
        status = main(["drift", "--platform", "tesla", "--real", server.base_url,
                       "--real-username", who.admin_email,
                       "--real-password", who.admin_password,
                       "--param", f"institution={server.institution_id}",
                       "--timeout", "30", "--report", str(report)])
    data = json.loads(report.read_text())
    undeclared = [f"{f['exchange_label']} {f['json_path']}: {f['message']}"
                  for f in data["findings"]]
    assert status == 0 and not undeclared, "\n".join(undeclared)
    assert data["coverage"]["exercised"] == data["coverage"]["declared"] == 112
    both = data["runs"]
    assert both["real"]["exchanges"] == both["sandbox"]["exchanges"] > 600
    met = data["known"]
    assert met and {entry["reason"] for entry in met} <= {known.reason for known in KNOWN}
    unmet = [f"{known.step} {known.path}" for known in KNOWN
             if not any(known.covers(entry["exchange_label"], entry["json_path"])
                        for entry in met)]
    assert not unmet, f"declared but never met (remove them): {unmet}"
    assert "known:" in capsys.readouterr().out
