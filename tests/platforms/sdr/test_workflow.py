"""The whole SDR workflow, as an integrator's client runs it: in-process and on a live server."""

from __future__ import annotations

import httpx
import pytest

from edumock.testing import ThreadedServer
from tests.platforms.sdr.conftest import DATA_SETS, Sdr, problem


def _batches(records: list[dict], size: int) -> list[list[dict]]:
    return [records[i:i + size] for i in range(0, len(records), size)]


def run_workflow(sdr: Sdr) -> None:
    """mint → returns → token → upload in batches → delete → validate → poll → reset → token."""
    returns = sdr.returns(pageSize=10).json()
    open_return = next(r for r in returns["results"] if r["windowStatus"] == "Open")
    token_body = sdr.request_token(str(open_return["returnId"])).json()
    token = token_body["submissionToken"]
    batch_size = min(token_body["maxRecordPerBatch"], 4)

    sample = sdr.sample()
    for data_set in DATA_SETS:
        for batch in _batches(sample[data_set], batch_size):
            response = sdr.put(data_set, token, batch)
            assert response.status_code == 200, response.text
    for data_set in DATA_SETS:
        assert len(sdr.state(data_set)) == len(sample[data_set])

    # Remove one learner without touching its enrolments: validation must notice.
    dropped = sample["learners"][0]
    deleted = sdr.delete("learners", token, [dropped["localId"], "NOT-THERE"]).json()
    assert deleted["content"][0]["errors"] == [] and deleted["content"][1]["errors"]

    queued = sdr.validate(token).json()
    assert queued["status"] == "Queued"
    problem(sdr.put("learners", token, [dropped]), 429, "DS1")
    statuses = []
    for _ in range(10):
        statuses.append(sdr.validation(token).json()["status"])
        if statuses[-1] not in ("Queued", "InProgress"):
            break
        sdr.advance(5)
    assert statuses[0] == "Queued" and "InProgress" in statuses and statuses[-1] == "Rejected"
    result = sdr.validation(token).json()
    student = dropped["studentIdentificationCode"]
    orphaned = {e["localId"] for e in sample["course-enrolments"]
                if e["studentIdentificationCode"] == student}
    assert {e["localId"] for e in result["errors"] if e["code"] == "E201"} == orphaned
    assert result["errorCount"] == len(result["errors"]) >= len(orphaned)

    # Put the learner back and validate again: the submission is clean.
    assert sdr.put("learners", token, [dropped]).status_code == 200
    sdr.validate(token)
    sdr.advance(40, renew_bearer=True)
    clean = sdr.validation(token).json()
    assert clean["status"] == "Processed" and clean["errorCount"] == 0
    assert sdr.request_token(str(open_return["returnId"])).json()["submissionStatus"] == (
        "Validated")

    # Reset the submission and start again.
    assert sdr.delete_token(token).status_code == 204
    assert all(sdr.state(data_set) == [] for data_set in DATA_SETS)
    second = sdr.token(str(open_return["returnId"]))
    assert second != token

    # Reset the whole sandbox: the seed's state comes back, and work starts afresh.
    assert sdr.client.post("/__admin/reset").status_code == 200
    assert sdr.state("tokens") == []
    sdr.bearer = sdr.mint(sdr.edumis)
    assert sdr.request_token(str(open_return["returnId"])).status_code == 200


def test_full_workflow_in_process(client):
    run_workflow(Sdr(client))


class LiveClient:
    """An httpx client against a live server, with the test client's call shape."""

    def __init__(self, base_url: str) -> None:
        self._http = httpx.Client(base_url=base_url, timeout=10)

    def __getattr__(self, name: str):
        return getattr(self._http, name)


@pytest.mark.parametrize("seed", [42])
def test_full_workflow_on_a_live_server(settings, seed):
    from dataclasses import replace

    with ThreadedServer(replace(settings, seed=seed)) as server:
        live = LiveClient(server.url)
        try:
            run_workflow(Sdr(live))
            assert live.get("/__admin/health").json()["responseViolations"] == 0
        finally:
            live.close()
