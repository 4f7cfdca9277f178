"""Racing clients on a live server: one live token per return, no lost upload."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx

from edumock.testing import ThreadedServer
from tests.platforms.sdr.conftest import EDUMIS, learner


def test_racing_token_requests_get_one_token_and_racing_uploads_lose_nothing(settings):
    with ThreadedServer(settings) as server, httpx.Client(base_url=server.url) as http:
        minted = http.post("/__admin/tokens", json={"platform": "sdr", "edumis": EDUMIS}).json()
        headers = {"Authorization": f"Bearer {minted['token']}", "EID": EDUMIS}

        def ask(_: int) -> str:
            with httpx.Client(base_url=server.url) as own:
                reply = own.post("/submissions/v1.0/token/202608", headers=headers)
                return str(reply.json()["submissionToken"])

        with ThreadPoolExecutor(max_workers=8) as pool:
            tokens = set(pool.map(ask, range(16)))
        assert len(tokens) == 1
        token = tokens.pop()

        def upload(batch: int) -> int:
            content = [learner(f"B{batch}N{i}") for i in range(20)]
            with httpx.Client(base_url=server.url) as own:
                return own.put("/submissions/v1.0/learners", headers=headers,
                               json={"submissionToken": token, "content": content}).status_code

        with ThreadPoolExecutor(max_workers=8) as pool:
            assert set(pool.map(upload, range(10))) == {200}
        stored = http.get("/__admin/state/sdr/learners").json()
        assert stored["count"] == 200
        assert len(http.get("/__admin/state/sdr/tokens").json()["records"]) == 1
