"""``--edumock-url``: the plugin gives each test a world of its own on a running sandbox,
so many jobs share one fleet without seeing each other."""

from __future__ import annotations

import httpx
import pytest

from tests.engine.processes import serving
from tests.engine.server import EngineServer

SHARED_TESTS = '''
import httpx
import pytest

LEARNERS = "/api/v2/institution/1/learner/"


def headers(edumock_server):
    token = edumock_server.token("tesla", institution_id=1, roles=["inst_admin"])["token"]
    return {"Authorization": f"JWT {token}", **edumock_server.headers}


@pytest.mark.parametrize("n", range(4))
def test_each_test_has_a_world_of_its_own(edumock_server, n):
    assert edumock_server.world_name.startswith("pytest-")
    auth = headers(edumock_server)
    seeded = httpx.get(edumock_server.url + LEARNERS, headers=auth).json()["count"]
    created = httpx.post(edumock_server.url + LEARNERS, headers=auth, json={
        "uid": "mine", "email": "mine@pu1.ac.nz", "first_name": "A", "last_name": "B"})
    assert created.status_code == 201
    assert httpx.get(edumock_server.url + LEARNERS, headers=auth).json()["count"] == seeded + 1
    edumock_server.verify(method="POST", path=LEARNERS, count=1)
    edumock_server.fault(platform="tesla", status=503, times=1)
    assert httpx.get(edumock_server.url + LEARNERS, headers=auth).status_code == 503


def test_the_default_world_is_untouched(edumock_server):
    assert httpx.get(edumock_server.url + "/__admin/requests").json()["count"] == 0


@pytest.mark.edumock(platforms=["sdr"])
def test_a_choice_the_running_sandbox_cannot_make_is_refused(edumock_server):
    pass
'''


def test_tests_share_a_running_sandbox_through_separate_worlds(
        pytester: pytest.Pytester, engine: EngineServer):
    pytester.makepyfile(test_shared=SHARED_TESTS)
    with serving(engine.url, "--workers", "2") as url:
        result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", "-n", "2",
                                               "--edumock-url", url)
        # verify sees the POST whichever worker served it; the marker raises in the fixture
        result.assert_outcomes(passed=5, errors=1)
        result.stdout.fnmatch_lines(["*platforms cannot be chosen per test on a running*"])
        worlds = httpx.get(url + "/__admin/worlds").json()["worlds"]
        assert [world["name"] for world in worlds] == ["default"]
