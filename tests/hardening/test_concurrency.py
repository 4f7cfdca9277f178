"""Racing clients on a live server: no lost, duplicated or half-applied write.

Each test runs for several rounds, each in a fresh world of one live server whose store
reads are slowed (see ``racing.py``); a round's threads use connections that are already
open and are released together at a barrier. The server runs its handlers on worker threads
(``--handler-threads``): by default it runs them one at a time on its event loop, which no
client can race, and these tests prove the protections that make the threaded mode, and any
in-process caller on several threads, safe.
"""

from __future__ import annotations

import itertools
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from datetime import datetime
from typing import Any

import httpx
import pytest

from edumock.settings import Settings
from edumock.testing import ThreadedServer
from tests.conftest import FROZEN_AT
from tests.engine.conftest import require_engine
from tests.engine.server import engine_server
from tests.hardening.racing import (
    WORLD,
    Action,
    Race,
    sdr,
    slowed_reads,
    state,
    sunbird,
    tesla,
)
from tests.platforms.sdr.conftest import OPEN_RETURN, learner

THREADS = 16
ROUNDS = 3
LEARNERS = "/api/v2/institution/1/learner/"
SDR = "/submissions/v1.0"
_worlds = itertools.count()


@pytest.fixture(scope="module", params=["memory", "engine"])
def urls(request: pytest.FixtureRequest) -> Iterator[list[str]]:
    """Live servers for the module, running handlers on worker threads (so they can overlap
    at all), their store reads slowed by a millisecond: one in-memory server, or two servers
    sharing one engine (``--store``), so the same races run across processes' worlds."""
    with pytest.MonkeyPatch.context() as patch, ExitStack() as stack:
        slowed_reads(patch, 0.001)
        store = None
        if request.param == "engine":
            require_engine()
            store = stack.enter_context(engine_server()).url
        settings = Settings(start_time=FROZEN_AT, handler_threads=True, store=store)
        servers = [stack.enter_context(ThreadedServer(settings))
                   for _ in range(1 if store is None else 2)]
        yield [server.url for server in servers]


@pytest.fixture(scope="module")
def clients(urls: list[str]) -> Iterator[list[httpx.Client]]:
    """One client per racing thread, made once (a new client costs more than a request),
    spread over the servers."""
    pool = [httpx.Client(base_url=urls[n % len(urls)], timeout=30) for n in range(THREADS + 4)]
    yield pool
    for client in pool:
        client.close()


@pytest.fixture(params=range(ROUNDS), ids=lambda n: f"round{n}")
def http(urls: list[str]) -> Iterator[httpx.Client]:
    """A client in a fresh world; the server must not have broken its own spec meanwhile."""
    with httpx.Client(base_url=urls[0], headers={WORLD: f"race-{next(_worlds)}"},
                      timeout=30) as client:
        yield client
        assert client.get("/__admin/violations").json()["violations"] == []


@pytest.fixture
def race(http: httpx.Client, clients: list[httpx.Client]) -> Race:
    return Race(http, clients)


# -- TeSLA: creates, updates, deletes, minted users ----------------------------------------

def test_racing_creates_keep_each_write_once_and_a_unique_uid_once(
        http: httpx.Client, race: Race) -> None:
    auth = tesla(http)
    users = state(http, "tesla", "users")
    listed = http.get(LEARNERS, headers=auth).json()["count"]

    def create(uid: str, email: str) -> Action[httpx.Response]:
        return lambda h: h.post(LEARNERS, headers=auth, json={"uid": uid, "email": email})

    answers = race([create(f"race-{i}", f"race-{i}@pu1.ac.nz") for i in range(THREADS)])
    assert [a.status_code for a in answers] == [201] * THREADS
    first = max(u["id"] for u in users) + 1
    assert sorted(a.json()["id"] for a in answers) == list(range(first, first + THREADS))
    assert http.get(LEARNERS, headers=auth).json()["count"] == listed + THREADS
    assert len(state(http, "tesla", "users")) == len(users) + THREADS

    twins = race([create("twin", f"twin-{i}@pu1.ac.nz") for i in range(THREADS)])
    assert sorted(a.status_code for a in twins) == [201] + [400] * (THREADS - 1)
    assert all(a.json() == {"non_field_errors": [
        "The fields institution_id, uid must make a unique set."]}
        for a in twins if a.status_code == 400)
    assert [u["uid"] for u in state(http, "tesla", "users")].count("twin") == 1


def test_racing_patches_lose_no_field_and_never_mix_two_writes(
        http: httpx.Client, race: Race) -> None:
    single = {"email": "moved@pu1.ac.nz", "locale": "mi-NZ", "uid": "renamed",
              "inst_admin": True, "legal_admin": True, "send_admin": True, "data_admin": True}
    auth = tesla(http)
    target = http.post(LEARNERS, headers=auth, json={
        "uid": "target", "email": "target@pu1.ac.nz", "first_name": "Orig",
        "last_name": "Orig"}).json()
    path = f"{LEARNERS}{target['id']}/"
    bodies: list[dict[str, Any]] = [
        *({"first_name": f"F{i}", "last_name": f"L{i}"} for i in range(THREADS - len(single))),
        *({field: value} for field, value in single.items())]

    def write(body: dict[str, Any]) -> Action[dict[str, Any]]:
        return lambda h: dict(h.patch(path, headers=auth, json=body).json())

    def read(h: httpx.Client) -> dict[str, Any]:
        return dict(h.get(path, headers=auth).json())

    seen = race([*map(write, bodies), read, read, read, read])
    final = read(http)
    for view in [*seen, final]:  # every answer shows whole writes only
        assert view["first_name"][1:] == view["last_name"][1:], view
        assert view["username"] == view["email"], view
    assert final["first_name"] != "Orig", "every name write was lost"
    assert {field: final[field] for field in single} == single, "a write was lost"


def test_racing_deletes_of_one_record_answer_one_204(http: httpx.Client, race: Race) -> None:
    groups = "/api/v2/institution/1/group/"
    auth = tesla(http)
    doomed = http.post(groups, headers=auth, json={"name": "Doomed"}).json()["id"]
    before = len(state(http, "tesla", "groups"))
    answers = race([lambda h: h.delete(f"{groups}{doomed}/", headers=auth)] * THREADS)
    assert sorted(a.status_code for a in answers) == [204] + [404] * (THREADS - 1)
    assert all(a.json() == {"detail": "Not found."} for a in answers if a.status_code == 404)
    assert len(state(http, "tesla", "groups")) == before - 1


def test_racing_token_mints_create_one_user_for_new_roles(http: httpx.Client, race: Race) -> None:
    claims = {"platform": "tesla", "institution_id": 1, "roles": ["legal_admin", "send_admin"]}
    before = len(state(http, "tesla", "users"))
    answers = race([lambda h: h.post("/__admin/tokens", json=claims)] * THREADS)
    assert {a.status_code for a in answers} == {200}
    assert len({a.json()["userId"] for a in answers}) == 1
    assert len(state(http, "tesla", "users")) == before + 1


# -- Sunbird: enrolment, page edits, the upload queue --------------------------------------

def test_racing_enrolments_of_one_user_in_one_batch_succeed_once(
        http: httpx.Client, race: Race) -> None:
    today = FROZEN_AT.date().isoformat()
    auth, user = sunbird(http)
    batch = next(b for b in state(http, "sunbird", "batches")
                 if b["startDate"] <= today < b["endDate"] and b["enrollmentType"] == "open"
                 and (b.get("enrollmentEndDate") or today) >= today)
    body = {"request": {"courseId": batch["courseId"], "batchId": batch["batchId"],
                        "userId": user}}
    answers = race([lambda h: h.post("/api/course/v1/enrol", headers=auth, json=body)] * THREADS)
    assert sorted(a.status_code for a in answers) == [200] + [400] * (THREADS - 1)
    assert all(a.json()["params"]["err"] == "USER_ALREADY_ENROLLED_COURSE"
               for a in answers if a.status_code == 400)
    mine = [e for e in state(http, "sunbird", "enrolments")
            if (e["userId"], e["batchId"]) == (user, batch["batchId"])]
    assert len(mine) == 1


def test_racing_page_and_section_edits_lose_no_field(http: httpx.Client, race: Race) -> None:
    edits: list[tuple[str, dict[str, Any]]] = [
        ("pages", {"portalMap": []}), ("pages", {"appMap": []}), ("pages", {"name": "Renamed"}),
        *(("sections", {field: f"new {field}"}) for field in (
            "name", "sectionDataType", "alt", "description", "imgUrl", "dataSource",
            "searchQuery", "display", "dynamicFilters"))]
    auth, _ = sunbird(http)
    ids = {kind: state(http, "sunbird", kind)[0]["id"] for kind in ("pages", "sections")}

    def edit(kind: str, change: dict[str, Any]) -> Action[int]:
        path = "/api/data/v1/page/" + ("update" if kind == "pages" else "section/update")
        body = {"request": {"id": ids[kind], **change}}
        return lambda h: h.patch(path, headers=auth, json=body).status_code

    assert race([edit(*e) for e in edits]) == [200] * len(edits)
    stored = {kind: next(r for r in state(http, "sunbird", kind) if r["id"] == ids[kind])
              for kind in ids}
    for kind, change in edits:
        field, value = next(iter(change.items()))
        assert stored[kind][field] == value, f"the write of {kind} {field} was lost"


def test_racing_bulk_uploads_queue_one_behind_another(http: httpx.Client, race: Race) -> None:
    rows, uploads = 4, THREADS // 2
    auth, _ = sunbird(http)

    def upload(i: int) -> Action[httpx.Response]:
        text = "firstName,email,userType,roles\n" + "".join(
            f"U{i}x{n},u{i}x{n}@example.org,student,PUBLIC\n" for n in range(rows))
        return lambda h: h.post("/api/user/v1/upload", headers=auth,
                                files={"user": ("users.csv", text.encode(), "text/csv")})

    answers = race([upload(i) for i in range(uploads)])
    assert {a.status_code for a in answers} == {200}
    ids = {a.json()["result"]["processId"] for a in answers}
    runs = sorted((datetime.fromisoformat(p["startsAt"]), datetime.fromisoformat(
        p["finishesAt"]), p["processId"]) for p in state(http, "sunbird", "uploads"))
    assert {run[2] for run in runs} == ids and len(ids) == uploads
    for earlier, later in itertools.pairwise(runs):
        assert later[0] >= earlier[1], f"two processes run at once: {earlier}, {later}"
    users = len(state(http, "sunbird", "users"))
    http.post("/__admin/clock", json={"advance": 60}).raise_for_status()
    assert len(state(http, "sunbird", "users")) == users + rows * uploads


# -- SDR: one live token per return, whole batches, no upload while validating -------------

def test_racing_token_requests_and_resets_leave_one_live_token(
        http: httpx.Client, race: Race) -> None:
    auth = sdr(http)

    def ask(h: httpx.Client) -> httpx.Response:
        return h.post(f"{SDR}/token/{OPEN_RETURN}", headers=auth)

    first = race([ask] * THREADS)
    assert {a.status_code for a in first} == {200}
    old = {a.json()["submissionToken"] for a in first}
    assert len(old) == 1 and len(state(http, "sdr", "tokens")) == 1

    def reset(h: httpx.Client) -> httpx.Response:
        return h.delete(f"{SDR}/token/{next(iter(old))}/delete", headers=auth)

    answers = race([reset, ask] * (THREADS // 2))
    resets, asks = answers[::2], answers[1::2]
    assert sorted(a.status_code for a in resets) == [204] + [400] * (len(resets) - 1)
    assert all(a.json()["errorCode"] == "SC1" for a in resets if a.status_code == 400)
    assert {a.status_code for a in asks} == {200}
    new = {a.json()["submissionToken"] for a in asks} - old
    live = [t["submissionToken"] for t in state(http, "sdr", "tokens") if not t["deleted"]]
    assert len(new) <= 1 and live == list(new or old)


def test_readers_never_see_part_of_an_uploaded_batch(
        http: httpx.Client, race: Race, clients: list[httpx.Client]) -> None:
    size, batches = 40, 6
    auth = sdr(http)
    token = http.post(f"{SDR}/token/{OPEN_RETURN}", headers=auth).json()["submissionToken"]
    done, counts = threading.Event(), []

    def upload(i: int) -> Action[int]:
        body = {"submissionToken": token, "content": [learner(f"B{i}N{n}") for n in range(size)]}
        return lambda h: h.put(f"{SDR}/learners", headers=auth, json=body).status_code

    def poll(h: httpx.Client) -> None:
        h.headers[WORLD] = http.headers[WORLD]
        while True:  # at least once, and once more after the last upload was answered
            finished = done.is_set()
            counts.append(h.get("/__admin/state/sdr").json()["collections"]["learners"])
            if finished:
                return

    with ThreadPoolExecutor(max_workers=4) as readers:
        polls = [readers.submit(poll, client) for client in clients[-4:]]
        try:
            assert race([upload(i) for i in range(batches)]) == [200] * batches
        finally:
            done.set()
    for polled in polls:
        polled.result()
    assert {count % size for count in counts} == {0}, sorted(set(counts))
    assert max(counts) == size * batches
    assert len(state(http, "sdr", "learners")) == size * batches


@pytest.mark.parametrize("attempt", [1, 2])  # twice the rounds: its window is narrow
def test_uploads_racing_validation_are_either_in_the_run_or_refused(
        http: httpx.Client, race: Race, attempt: int) -> None:
    auth = sdr(http)
    token = http.post(f"{SDR}/token/{OPEN_RETURN}", headers=auth).json()["submissionToken"]
    first = [learner(f"I{n}") for n in range(5)]
    assert http.put(f"{SDR}/learners", headers=auth, json={
        "submissionToken": token, "content": first}).status_code == 200
    # fewer uploads than the server's ten handler threads, so that the validation's request
    # never waits for one of them to finish before it starts
    batches = [[learner(f"B{i}N{n}") for n in range(5)] for i in range(8)]

    def upload(batch: list[dict[str, Any]]) -> Action[httpx.Response]:
        body = {"submissionToken": token, "content": batch}
        return lambda h: h.put(f"{SDR}/learners", headers=auth, json=body)

    def validate(h: httpx.Client) -> httpx.Response:
        return h.post(f"{SDR}/validate/{token}", headers=auth)

    answers = race([validate, *map(upload, batches)])
    assert answers[0].status_code == 200, answers[0].text
    for answer in answers[1:]:
        assert answer.status_code in (200, 429), answer.text
        if answer.status_code == 429:
            assert answer.json()["errorCode"] == "DS1" and int(answer.headers["Retry-After"])
    accepted = {r["localId"] for batch, answer in zip(batches, answers[1:], strict=True)
                if answer.status_code == 200 for r in batch}
    stored = {r["localId"] for r in state(http, "sdr", "learners")}
    assert stored == accepted | {r["localId"] for r in first}  # refused batches left nothing
    http.post("/__admin/clock", json={"advance": 40}).raise_for_status()
    run = http.get(f"{SDR}/validation/{token}", headers=sdr(http)).json()
    assert run["status"] == "Processed"
    assert {w["localId"] for w in run["warnings"] if w["code"] == "W101"} == stored
