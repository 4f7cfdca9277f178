"""The pytest plugin as a user's project meets it: a separate test project run by pytester."""

from __future__ import annotations

from pathlib import Path

import pytest

USER_TESTS = '''
import httpx
from pathlib import Path

import pytest

LEARNERS = "/api/v2/institution/1/learner/"


def tesla(edumock_server):
    token = edumock_server.token("tesla", institution_id=1, roles=["inst_admin"])["token"]
    return {"Authorization": f"JWT {token}"}


def test_my_client_creates_a_learner(edumock_server):
    headers = tesla(edumock_server)
    domain = httpx.get(edumock_server.url + "/api/v2/institution/1/",
                       headers=headers).json()["mail_domain"]
    created = httpx.post(edumock_server.url + LEARNERS, headers=headers,
                         json={"email": "new@" + domain, "uid": "new-learner"})
    assert created.status_code == 201
    users = edumock_server.state("tesla", "users")
    assert any(u.get("uid") == "new-learner" for u in users)
    edumock_server.verify(method="POST", path=LEARNERS, count=1, body={"uid": "new-learner"})


def test_each_test_starts_from_the_seed(edumock_server):
    users = edumock_server.state("tesla", "users")
    assert not any(u.get("uid") == "new-learner" for u in users)
    assert edumock_server.requests() == []


def test_arrange_and_remove(edumock_server):
    learner = edumock_server.arrange("tesla", "users", {
        "institution_id": 1, "email": "given@pu1.ac.nz", "uid": "given", "is_learner": True})
    found = httpx.get(edumock_server.url + LEARNERS + "?search=given@pu1.ac.nz",
                      headers=tesla(edumock_server)).json()["results"]
    assert [row["id"] for row in found] == [learner["id"]]
    pair = edumock_server.arrange("tesla", "groups", [
        {"institution_id": 1, "name": "A"}, {"institution_id": 1, "name": "B"}])
    assert [group["name"] for group in pair] == ["A", "B"]
    with pytest.raises(AssertionError, match="email"):
        edumock_server.arrange("tesla", "users", {"institution_id": 1,
                                                  "email": "given@pu1.ac.nz", "uid": "x"})
    edumock_server.remove("tesla", "users", learner["id"])
    assert not any(u["id"] == learner["id"] for u in edumock_server.state("tesla", "users"))
    with pytest.raises(AssertionError, match="404"):
        edumock_server.remove("tesla", "users", learner["id"])


def test_faults_and_time(edumock_server):
    edumock_server.fault(platform="tesla", status=503, times=1)
    assert httpx.get(edumock_server.url + LEARNERS).status_code == 503
    before = httpx.get(edumock_server.url + "/__admin/clock").json()["offsetSeconds"]
    edumock_server.advance(60)
    assert httpx.get(edumock_server.url + "/__admin/clock").json()["offsetSeconds"] == before + 60


def test_snapshot_and_restore(edumock_server):
    saved = edumock_server.snapshot()
    edumock_server.advance(5)
    edumock_server.restore(saved)
    assert edumock_server.snapshot() == saved


@pytest.mark.edumock(seed=7, platforms=["sdr"])
def test_a_marker_chooses_seed_and_platforms(edumock_server):
    health = httpx.get(edumock_server.url + "/__admin/health").json()
    assert health["platforms"] == ["sdr"] and health["seed"] == 7


@pytest.mark.edumock(fresh=True, platforms=["sunbird"])
def test_a_server_of_its_own(edumock_server):
    assert httpx.get(edumock_server.url + "/__admin/health").json()["platforms"] == ["sunbird"]
'''


def test_a_users_project_uses_the_fixture(pytester: pytest.Pytester):
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=7)


def test_options_set_the_seed_for_every_test(pytester: pytest.Pytester):
    pytester.makepyfile(test_seed='''
import httpx

def test_seed(edumock_server):
    assert httpx.get(edumock_server.url + "/__admin/health").json()["seed"] == 11
''')
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider", "--edumock-seed", "11",
                                          "--edumock-platform", "tesla")
    result.assert_outcomes(passed=1)


def test_xdist_workers_each_get_their_own_server(pytester: pytest.Pytester,
                                                 monkeypatch: pytest.MonkeyPatch):
    pytester.makepyfile(test_parallel='''
import os
import pathlib

from pathlib import Path

import pytest


@pytest.mark.parametrize("n", range(4))
def test_record_my_server(edumock_server, n):
    out = pathlib.Path(os.environ["EDUMOCK_URLS"])
    with out.open("a") as handle:
        handle.write(os.environ["PYTEST_XDIST_WORKER"] + " " + edumock_server.url + "\\n")
''')
    urls = pytester.path / "urls.txt"
    monkeypatch.setenv("EDUMOCK_URLS", str(urls))
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", "-n", "2",
                                           "--edumock-platform", "sdr")
    result.assert_outcomes(passed=4)
    seen = dict(line.split() for line in urls.read_text().splitlines())
    assert len(seen) == 2 and len(set(seen.values())) == 2


def test_the_readme_example_runs(pytester: pytest.Pytester):
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it in your test suite", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    pytester.makepyfile(test_readme=example)
    result = pytester.runpytest_inprocess("-q", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=2)
