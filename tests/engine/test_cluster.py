"""A Redis/Valkey Cluster of 3 nodes holds the sandbox: each world whole on the node owning
its hash tag's slot, worlds spread over the nodes, and two processes on the Cluster serving
what one in-memory process serves."""

from __future__ import annotations

import httpx

from edumock.testing import ThreadedServer
from tests.engine.cluster import ClusterServer, cluster_server
from tests.engine.conftest import require_engine
from tests.engine.processes import serving
from tests.engine.test_processes import _created_ids, _memory_ids_and_snapshot, _snapshot
from tests.engine.test_shared_state import LEARNERS, _learner, _settings, _token

WORLDS = [f"ci-{n}" for n in range(1, 7)]


def _world_of(key: str) -> str:
    return key.split("{", 1)[1].split("}", 1)[0]


def test_worlds_spread_over_the_nodes_each_whole_on_one(cluster: ClusterServer):
    with ThreadedServer(_settings(cluster.url)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        for world in WORLDS:
            headers = {**_token(client, world), "X-Edumock-World": world}
            answer = client.post(LEARNERS, json=_learner(f"{world}uid"), headers=headers)
            assert answer.status_code == 201, answer.text
        listed = client.get("/__admin/worlds").json()["worlds"]
        assert {w["name"] for w in listed} >= set(WORLDS)
    holders: dict[str, set[int]] = {}
    for port, node in zip(cluster.ports, cluster.nodes(), strict=True):
        for key in node.scan_iter("edumock:{*}:*"):
            holders.setdefault(_world_of(key), set()).add(port)
    for world in WORLDS:
        assert holders[world] == {cluster.node_of(f"edumock:{{{world}}}:versions")}
    assert {next(iter(holders[w])) for w in WORLDS} == set(cluster.ports)


def test_two_processes_on_a_cluster_give_one_memory_process_ids_and_snapshot(
        cluster: ClusterServer):
    with serving(cluster.url) as first, serving(cluster.url) as second:
        ids = _created_ids([first, second])
        shared = _snapshot(first)
        assert shared == _snapshot(second)
    assert (ids, shared) == _memory_ids_and_snapshot()


def test_a_world_deleted_on_a_cluster_leaves_no_key_and_is_made_again(cluster: ClusterServer):
    with ThreadedServer(_settings(cluster.url)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        headers = {**_token(client, "gone"), "X-Edumock-World": "gone"}
        assert client.post(LEARNERS, json=_learner("gone1"), headers=headers).status_code == 201
        holder = cluster.nodes()[cluster.ports.index(
            cluster.node_of("edumock:{gone}:versions"))]
        assert any(k != "edumock:{gone}:fence" for k in holder.scan_iter("edumock:{gone}:*"))
        assert client.delete("/__admin/worlds/gone").status_code == 204
        assert set(holder.scan_iter("edumock:{gone}:*")) <= {"edumock:{gone}:fence"}
        assert "gone" not in {w["name"] for w in client.get("/__admin/worlds").json()["worlds"]}
        headers = {**_token(client, "gone"), "X-Edumock-World": "gone"}  # tokens went too
        found = client.get(LEARNERS, params={"search": "gone1"}, headers=headers)
        assert found.status_code == 200 and found.json()["count"] == 0


def test_a_reseed_through_one_process_on_a_cluster_is_seen_by_the_other(
        cluster: ClusterServer):
    later = {"X-Edumock-World": "later"}
    with ThreadedServer(_settings(cluster.url)) as first, \
            ThreadedServer(_settings(cluster.url)) as second, \
            ThreadedServer(_settings()) as memory:
        for server in (first, memory):
            assert httpx.post(server.url + "/__admin/reset", json={"seed": 7}).status_code == 200
        assert httpx.get(second.url + "/__admin/health").json()["seed"] == 7
        assert _snapshot(second.url) == _snapshot(memory.url)
        made = httpx.get(second.url + "/__admin/snapshot", headers=later).json()  # new world
        assert made == httpx.get(memory.url + "/__admin/snapshot", headers=later).json()


def test_a_lost_node_stops_only_its_worlds_and_they_resume_with_nothing_lost():
    require_engine()
    with cluster_server(persistent=True) as cluster, \
            ThreadedServer(_settings(cluster.url)) as server, \
            httpx.Client(base_url=server.url, timeout=30) as client:
        holders = {w: cluster.node_of(f"edumock:{{{w}}}:versions") for w in WORLDS}
        lost = next(port for port in cluster.ports
                    if port not in {cluster.node_of("edumock:worlds"),
                                    cluster.node_of("edumock:seed")})
        assert lost in holders.values()
        headers = {w: {**_token(client, w), "X-Edumock-World": w} for w in WORLDS}
        for world in WORLDS:
            assert client.post(LEARNERS, json=_learner(f"{world}a"),
                               headers=headers[world]).status_code == 201
        cluster.stop(lost)
        for world in WORLDS:
            answer = client.post(LEARNERS, json=_learner(f"{world}b"), headers=headers[world])
            if holders[world] == lost:
                assert (answer.status_code, answer.json()) == (
                    503, {"detail": "sandbox state store unavailable"})
                assert answer.elapsed.total_seconds() < 2
            else:
                assert answer.status_code == 201
        cluster.start(lost)
        for world in WORLDS:
            found = client.get(LEARNERS, params={"search": world}, headers=headers[world])
            assert found.json()["count"] == (1 if holders[world] == lost else 2)


def test_each_worlds_journal_on_a_cluster_holds_both_processes_requests_whole(
        cluster: ClusterServer):
    with serving(cluster.url) as first, serving(cluster.url) as second:
        for world in ("ci-a", "ci-b"):
            for url in (first, second, first):
                with httpx.Client(base_url=url, timeout=30) as client:
                    headers = {**_token(client, world), "X-Edumock-World": world}
                    answer = client.get(LEARNERS, params={"limit": 3}, headers=headers)
                    assert answer.status_code == 200
        for world in ("ci-a", "ci-b"):
            shown = httpx.get(second + "/__admin/requests", params={"path": LEARNERS},
                              headers={"X-Edumock-World": world}, timeout=30).json()
            entries = shown["requests"]
            assert [(e["world"], e["status"]) for e in entries] == [(world, 200)] * 3
            assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)
            assert all(e["responseBody"].startswith('{"count":') for e in entries)
