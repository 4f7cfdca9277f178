"""Memory under sustained mixed traffic: the server's RSS should stop growing after a minute.

Starts ``edumock serve`` (every platform, default fixtures) and drives it from
``--clients`` threads for ``--minutes``: TeSLA list/read/create/update/delete, the SDR
submission workflow, Sunbird reads, enrolment, progress, jobs and bulk uploads, admin calls,
refusals of bad input and 404s on ever-new ids and paths. Each scenario runs in the default
world (4 in 10), one of six long-lived worlds (3 in 10, reset now and then) or a world of its
own (3 in 10: new names beyond ``--max-worlds``, so worlds are evicted); scenarios that only
add state (uploads, jobs) stay out of the default world, so its state is bounded. The
server's VmRSS is sampled every 10 s; prints RSS and requests served per minute, then RSS at
1 minute against the end: PASS when the end is within 10% of minute 1.
"""

from __future__ import annotations

import argparse
import itertools
import math
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from edumock.testing.server import free_port
from edumock.world.randomness import SeededRandom

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
WORLD = "X-Edumock-World"
HOT_WORLDS = 6
TESLA = "/api/v2/institution/1"
SDR = "/submissions/v1.0"
SAMPLE_EVERY = 10.0
TOLERANCE = 0.10
Sample = tuple[float, int, int]
"""Seconds since the traffic started, server RSS in kB, requests answered so far."""
FRESH = itertools.count(1)
"""Ever-new numbers for ids, names and paths (shared by every client)."""


class Seeded:
    """Records every world starts with (all worlds share the seed), read once."""

    def __init__(self, http: httpx.Client) -> None:
        def records(platform: str, collection: str) -> list[dict[str, Any]]:
            reply = http.get(f"/__admin/state/{platform}/{collection}")
            return list(reply.raise_for_status().json()["records"])

        self.samples = records("sdr", "samples")
        self.users = [u["id"] for u in records("sunbird", "users")]
        self.batches = records("sunbird", "batches")
        self.leaves = {c["identifier"]: c["leafNodes"] for c in records("sunbird", "courses")}
        self.pages = [p["name"] for p in records("sunbird", "pages")]


class Tally:
    """Responses by status class, shared by the clients."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.lock = threading.Lock()

    def add(self, status: int) -> None:
        with self.lock:
            self.counts[f"{status // 100}xx"] += 1

    def total(self) -> int:
        with self.lock:
            return sum(self.counts.values())


class Client:
    """One thread's traffic: scenarios drawn at random, each in a world drawn at random."""

    def __init__(self, base: str, seeded: Seeded, tally: Tally, seed: int) -> None:
        self.http = httpx.Client(base_url=base, timeout=60)
        self.seeded, self.tally, self.rng = seeded, tally, SeededRandom(seed)
        self.world = "default"
        self.failures: Counter[str] = Counter()

    def call(self, method: str, path: str, headers: dict[str, str] | None = None,
             **options: Any) -> httpx.Response:
        reply = self.http.request(method, path, headers={WORLD: self.world, **(headers or {})},
                                  **options)
        self.tally.add(reply.status_code)
        return reply

    def mint(self, **claims: Any) -> dict[str, Any]:
        return dict(self.call("POST", "/__admin/tokens", json=claims).json())

    def run(self, stop: threading.Event) -> None:
        scenarios: list[Callable[[], None]] = [self.tesla, self.sdr, self.sunbird, self.admin,
                                               self.refusals]
        growing: list[Callable[[], None]] = [self.bulk_upload, self.jobs]
        while not stop.is_set():
            roll = self.rng.random()
            self.world = ("default" if roll < 0.4 else f"hot-{self.rng.randint(0, HOT_WORLDS - 1)}"
                          if roll < 0.7 else f"run-{next(FRESH)}")
            pool = scenarios if self.world == "default" else scenarios + growing
            scenario = self.rng.choice(pool)
            try:
                scenario()
            except (httpx.HTTPError, KeyError, TypeError, ValueError, IndexError,
                    StopIteration) as error:
                self.failures[f"{scenario.__name__}: {type(error).__name__}"] += 1
        self.http.close()

    def tesla(self) -> None:
        """A TeSLA administrator's round: lists, then a learner and a group made and undone."""
        headers = {"Authorization": "JWT " + self.mint(
            platform="tesla", institution_id=1, roles=["inst_admin"])["token"]}
        self.call("GET", f"{TESLA}/learner/", headers, params={
            "search": self.rng.choice(["an", "ac.nz", "ma"]), "ordering": "-last_name",
            "limit": 5, "offset": self.rng.randint(0, 40)})
        for listing in ("course", "vle", "instrument", "group"):
            self.call("GET", f"{TESLA}/{listing}/", headers)
        n = next(FRESH)
        learner = self.call("POST", f"{TESLA}/learner/", headers,
                            json={"email": f"soak{n}@pu1.ac.nz", "uid": f"soak-{n}"}).json()
        path = f"{TESLA}/learner/{learner['id']}/"
        self.call("GET", path, headers)
        self.call("PATCH", path, headers, json={"first_name": "Aroha"})
        self.call("DELETE", path, headers)
        group = self.call("POST", f"{TESLA}/group/", headers, json={"name": f"Soak {n}"}).json()
        path = f"{TESLA}/group/{group['id']}/"
        self.call("PUT", path, headers, json={"name": f"Soak {n} renamed"})
        self.call("GET", path, headers)
        self.call("DELETE", path, headers)

    def sdr(self) -> None:
        """An SDR submission: token, the sample uploaded, validation, and the token deleted."""
        sample = self.rng.choice(self.seeded.samples)
        bearer = self.mint(platform="sdr", edumis=sample["edumis"])["token"]
        headers = {"Authorization": f"Bearer {bearer}", "EID": sample["edumis"]}
        returns = self.call("GET", f"{SDR}/returns", headers,
                            params={"includeIndicative": "true"}).json()["results"]
        open_return = next(r["returnId"] for r in returns if r["windowStatus"] == "Open")
        reply = self.call("POST", f"{SDR}/token/{open_return}", headers)
        if reply.status_code != 200:
            return
        token = reply.json()["submissionToken"]
        for data_set in ("learners", "courses", "course-enrolments"):
            self.call("PUT", f"{SDR}/{data_set}", headers,
                      json={"submissionToken": token, "content": sample[data_set]})
        bad = {**sample["learners"][0], "gender": "Q", "nationalStudentNumber": 12}
        self.call("PUT", f"{SDR}/learners", headers, json={"submissionToken": token,
                                                           "content": [bad]})
        self.call("POST", f"{SDR}/validate/{token}", headers)
        self.call("POST", "/__admin/clock", json={"advance": 2})
        self.call("GET", f"{SDR}/validation/{token}", headers)
        self.call("DELETE", f"{SDR}/token/{token}/delete", headers)

    def sunbird_login(self) -> tuple[dict[str, str], str]:
        """Credentials of a seeded Sunbird user, and the user's id."""
        minted = self.mint(platform="sunbird", userId=self.rng.choice(self.seeded.users))
        return {"Authorization": f"Bearer {minted['apiKey']}",
                "x-authenticated-user-token": minted["userToken"]}, str(minted["userId"])

    def sunbird(self) -> None:
        """A learner's round: batches read, enrol, progress, then unenrol."""
        headers, user = self.sunbird_login()
        batch = self.rng.choice(self.seeded.batches)
        ids = {"courseId": batch["courseId"], "batchId": batch["batchId"], "userId": user}
        self.call("POST", "/api/course/v1/batch/list", headers,
                  json={"request": {"filters": {"status": self.rng.choice([0, 1, 2])}}})
        self.call("GET", f"/api/course/v1/batch/read/{batch['batchId']}", headers)
        self.call("GET", "/api/data/v1/page/section/list", headers)
        self.call("GET", f"/api/data/v1/page/read/{self.rng.choice(self.seeded.pages)}",
                  headers)
        self.call("POST", "/api/course/v1/enrol", headers, json={"request": ids})
        leaf = self.rng.choice(self.seeded.leaves[batch["courseId"]])
        self.call("PATCH", "/api/course/v1/content/state/update", headers, json={"request": {
            "userId": user, "contents": [{"contentId": leaf, "batchId": batch["batchId"],
                                          "courseId": batch["courseId"], "status": 1}]}})
        self.call("POST", "/api/course/v1/content/state/read", headers, json={"request": ids})
        self.call("GET", f"/api/course/v1/user/enrollment/list/{user}", headers)
        self.call("POST", "/api/course/v1/unenrol", headers, json={"request": ids})

    def bulk_upload(self) -> None:
        """A CSV of users uploaded, the clock moved on, and the process's status read."""
        headers, _ = self.sunbird_login()
        n = next(FRESH)
        csv = ("NAME,EMAIL,SCHOOL EXTERNAL ID,USER_TYPE,ROLES\n"
               f"Asha,asha{n}@example.org,SCH1000,teacher,PUBLIC\n"
               f"Ben,ben{n}@example.org,SCH1001,student,PUBLIC\n")
        reply = self.call("POST", "/api/user/v1/upload", headers,
                          files={"user": ("users.csv", csv.encode(), "text/csv")})
        process = reply.json()["result"]["processId"]
        self.call("POST", "/__admin/clock", json={"advance": 5})
        self.call("GET", f"/api/data/v1/upload/status/{process}", headers)

    def jobs(self) -> None:
        """A data-exhaust job submitted and listed by its tag."""
        headers, _ = self.sunbird_login()
        batch = self.rng.choice(self.seeded.batches)
        self.call("POST", "/api/course/v1/jobrequest/submit", headers, json={"request": {
            "tag": batch["batchId"], "dataset": "progress-exhaust",
            "datasetConfig": {"batchId": batch["batchId"]},
            **({"encryptionKey": "soak-key"} if self.rng.random() < 0.7 else {})}})
        self.call("GET", f"/api/course/v1/jobrequest/list/{batch['batchId']}", headers)

    def admin(self) -> None:
        """What a test harness asks of the admin API between its calls."""
        self.call("GET", "/__admin/requests", params={"limit": 20})
        self.call("POST", "/__admin/requests/verify",
                  json={"method": "GET", "path": "/api/*", "atLeast": 0})
        self.call("GET", "/__admin/coverage")
        self.call("POST", "/__admin/clock", json={"advance": 5})
        self.call("GET", "/__admin/worlds")
        self.call("GET", f"/__admin/state/{self.rng.choice(['sdr', 'tesla', 'sunbird'])}")
        fault = self.call("POST", "/__admin/faults", json={
            "platform": "tesla", "path": f"{TESLA}/vle/", "status": 429, "times": 1}).json()
        self.call("GET", f"{TESLA}/vle/")
        self.call("DELETE", f"/__admin/faults/{fault['id']}")
        if self.world.startswith("hot-") and self.rng.random() < 0.2:
            self.call("POST", f"/__admin/worlds/{self.world}/reset", json={})

    def refusals(self) -> None:
        """Bad input, unknown credentials, and 404s on ids and paths never seen before."""
        n = next(FRESH)
        headers = {"Authorization": "JWT " + self.mint(
            platform="tesla", institution_id=1, roles=["inst_admin"])["token"]}
        self.call("POST", f"{TESLA}/learner/", headers,
                  json={"email": f"x{n}@elsewhere.org", "uid": f"x{n}"})
        self.call("GET", f"{TESLA}/learner/{10**6 + n}/", headers)
        self.call("GET", f"{TESLA}/learnerz-{n}/", headers)
        self.call("GET", f"{TESLA}/learner/", headers, params={"search": f"nobody{n}"})
        self.call("GET", f"{SDR}/validation/{n:032x}", {"Authorization": "Bearer forged"})
        sunbird, _ = self.sunbird_login()
        self.call("GET", f"/api/course/v1/batch/read/soak-{n}", sunbird)
        self.call("GET", f"/api/data/v1/upload/status/{n}", sunbird)
        self.call("GET", f"/api/course/v1/batch/read/soak-{n}")
        self.call("GET", f"/soak/{n}/nothing-here")
        self.call("GET", f"{TESLA}/", {WORLD: "not a world!"})


def rss_kb(pid: int) -> int:
    """The process's resident set size in kB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for process {pid}")


def wait_until_up(base: str, timeout: float = 60) -> None:
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if httpx.get(f"{base}/__admin/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"edumock did not answer within {timeout}s")


def soak(minutes: float, clients: int) -> list[Sample]:
    """Run the traffic; (seconds, RSS kB, requests so far) every SAMPLE_EVERY seconds."""
    port = free_port()
    server = subprocess.Popen([EDUMOCK, "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    tally, stop = Tally(), threading.Event()
    samples: list[Sample] = []
    try:
        wait_until_up(base)
        with httpx.Client(base_url=base) as http:
            seeded = Seeded(http)
        drivers = [Client(base, seeded, tally, seed) for seed in range(clients)]
        threads = [threading.Thread(target=d.run, args=(stop,)) for d in drivers]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        while (elapsed := time.monotonic() - started) < minutes * 60:
            time.sleep(min(SAMPLE_EVERY, minutes * 60 - elapsed))
            at, kb, served = time.monotonic() - started, rss_kb(server.pid), tally.total()
            samples.append((at, kb, served))
            print(f"{at:6.0f} s  RSS {kb / 1024:7.1f} MB  {served:>8} requests", flush=True)
        stop.set()
        for thread in threads:
            thread.join()
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with {server.returncode}")
        cut_short = sum((d.failures for d in drivers), Counter[str]())
        print(f"responses: {dict(sorted(tally.counts.items()))}; scenarios cut short by an "
              f"unexpected answer: {dict(cut_short) or 0}")
    finally:
        server.terminate()
        server.wait(timeout=10)
    return samples


def at_minute(samples: list[Sample], minute: int) -> Sample:
    """The last sample taken by the end of ``minute`` (a second late allowed)."""
    return [s for s in samples if s[0] <= minute * 60 + 1][-1]


def report(samples: list[Sample]) -> bool:
    """Print RSS and requests served per minute, then the verdict; True on PASS."""
    print(f"{'minute':>6}{'RSS MB':>10}{'requests':>10}{'req/s':>8}")
    previous: Sample = (0.0, 0, 0)
    for minute in range(1, math.ceil((samples[-1][0] - 1) / 60) + 1):
        sample = at_minute(samples, minute)
        served = sample[2] - previous[2]
        print(f"{minute:>6}{sample[1] / 1024:>10.1f}{served:>10}"
              f"{served / (sample[0] - previous[0]):>8.0f}")
        previous = sample
    first, last = at_minute(samples, 1), samples[-1]
    ratio = last[1] / first[1]
    verdict = "PASS" if ratio <= 1 + TOLERANCE else "FAIL"
    print(f"RSS at 1 min {first[1] / 1024:.1f} MB, at {last[0] / 60:.1f} min "
          f"{last[1] / 1024:.1f} MB, ratio {ratio:.3f}: {verdict} (limit {1 + TOLERANCE:.2f})")
    return verdict == "PASS"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    if args.minutes < 1:
        parser.error("--minutes must be at least 1 (minute 1 is the baseline)")
    samples = soak(args.minutes, args.clients)
    raise SystemExit(0 if report(samples) else 1)


if __name__ == "__main__":
    main()
