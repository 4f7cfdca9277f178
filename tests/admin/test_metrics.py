"""GET /__admin/metrics: scraped over HTTP after a known mix of traffic, every count exact."""

from __future__ import annotations

from pathlib import Path

import httpx
from prometheus_client.parser import text_string_to_metric_families

from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT

LEARNERS = "/api/v2/institution/1/learner/"
Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


def scrape(url: str) -> Samples:
    """Every sample of a scrape, by name and labels (the text parsed by prometheus_client)."""
    answer = httpx.get(url + "/__admin/metrics")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8"
    return {(sample.name, frozenset(sample.labels.items())): sample.value
            for family in text_string_to_metric_families(answer.text)
            for sample in family.samples}


def pick(samples: Samples, name: str, **labels: str) -> dict[frozenset[tuple[str, str]], float]:
    """The samples of one name whose labels include ``labels``."""
    wanted = set(labels.items())
    return {found: value for (sample, found), value in samples.items()
            if sample == name and wanted <= found}


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def _fault(url: str, **fault: object) -> None:
    answer = httpx.post(url + "/__admin/faults", json={"platform": "tesla", **fault})
    assert answer.status_code == 201, answer.text


def test_a_scrape_counts_a_known_mix_of_traffic_exactly(broken_specs: Path):
    settings = Settings(start_time=FROZEN_AT, platforms=("tesla",), specs_dir=broken_specs)
    with ThreadedServer(settings) as server, httpx.Client(base_url=server.url) as client:
        token = client.post("/__admin/tokens", json={
            "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
        auth = {"Authorization": f"JWT {token}"}
        before = scrape(server.url)
        for _ in range(3):
            assert client.get(LEARNERS, headers=auth).status_code == 200
        assert client.get(LEARNERS).status_code == 403  # the platform's own refusal
        assert client.post(LEARNERS, headers={**auth, "Content-Type": "application/json"},
                           content=b"{broken").status_code == 400
        assert client.put(LEARNERS, headers=auth).status_code == 405
        assert client.get("/api/v2/nowhere/").status_code == 404
        foreign = {"uid": "s1", "email": "s1@elsewhere.org"}
        assert client.post(LEARNERS, headers=auth, json=foreign).status_code == 400
        created = {"uid": "m1", "email": "m1@pu1.ac.nz", "first_name": "Ana",
                   "last_name": "Ngata"}
        assert client.post(LEARNERS, headers=auth, json=created).status_code == 201
        _fault(server.url, method="GET", path=LEARNERS, status=503, times=1)
        assert client.get(LEARNERS, headers=auth).status_code == 503
        _fault(server.url, method="GET", path=LEARNERS, latency={"minMs": 300, "maxMs": 300},
               times=1)
        assert client.get(LEARNERS, headers=auth).status_code == 200
        assert client.get(LEARNERS, headers={"Prefer": "code=200"}).json() == {"count": "many"}
        assert client.get(LEARNERS, headers={**auth, "X-Edumock-World": "other"}
                          ).status_code == 200
        samples = scrape(server.url)

    assert before[("edumock_worlds", frozenset())] == 1
    assert value(before, "edumock_journal_entries", world="default") == 0
    assert not pick(before, "edumock_requests_total")
    requests = {dict(labels)["operation"] + " " + dict(labels)["status"]: count
                for labels, count in pick(samples, "edumock_requests_total",
                                          platform="tesla").items()}
    assert requests == {"learner.list 200": 6, "learner.list 403": 1, "learner.list 503": 1,
                        "learner.create 400": 2, "learner.create 201": 1,
                        "none 405": 1, "none 404": 1}
    assert value(samples, "edumock_request_duration_seconds_count", platform="tesla") == 13
    # the one the latency fault held 300 ms lies above 0.25 s (others may too on a busy
    # machine), and every request lies within the top bucket
    assert value(samples, "edumock_request_duration_seconds_bucket", platform="tesla",
                 le="0.25") <= 12
    assert value(samples, "edumock_request_duration_seconds_bucket", platform="tesla",
                 le="10.0") == 13
    refusals = {dict(labels)["kind"]: count for labels, count in
                pick(samples, "edumock_contract_refusals_total", platform="tesla").items()}
    assert refusals == {"body_malformed": 1, "method_not_allowed": 1, "route_not_found": 1}
    assert value(samples, "edumock_response_violations_total", platform="tesla") == 1
    assert value(samples, "edumock_faults_fired_total", platform="tesla") == 2
    assert value(samples, "edumock_store_transactions_total", platform="tesla",
                 outcome="committed") == 1
    assert value(samples, "edumock_store_transactions_total", platform="tesla",
                 outcome="rolled_back") == 1
    assert value(samples, "edumock_store_transactions_total", platform="admin",
                 outcome="committed") == 1  # the token minted
    assert samples[("edumock_worlds", frozenset())] == 2
    assert pick(samples, "edumock_journal_entries") == {  # 13 requests, one in "other"
        frozenset({("world", "default")}): 12, frozenset({("world", "other")}): 1}
    assert value(samples, "edumock_lease_waits_total") == 0  # no shared store, no lease


def test_each_sandbox_counts_only_its_own_requests():
    settings = Settings(start_time=FROZEN_AT, platforms=("tesla",))
    with ThreadedServer(settings) as first, ThreadedServer(settings) as second:
        httpx.get(first.url + "/api/v2/nowhere/")
        assert pick(scrape(first.url), "edumock_requests_total") == {
            frozenset({("platform", "tesla"), ("operation", "none"), ("status", "404")}): 1}
        assert not pick(scrape(second.url), "edumock_requests_total")
