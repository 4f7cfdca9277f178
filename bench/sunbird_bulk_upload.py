"""Sunbird bulk upload of a 100,000-row user CSV: accepted, then processed on the sandbox clock.

Runs ``edumock serve`` (Sunbird only, clock frozen) in its own process and
prints the file's size, how long the upload took to be accepted, the progress
seen half-way, how long the rest took once the clock was moved past the end,
and the server's resident memory after start-up and at its peak (the budget
is 300 MB).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
ROWS = 100_000


def memory_mb(pid: int, field: str) -> float:
    """``VmRSS`` (now) or ``VmHWM`` (peak) of a process, in MB."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def wait_ready(http: httpx.Client) -> None:
    """Poll the health check until the server answers."""
    for _ in range(500):
        try:
            if http.get("/__admin/health").status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.02)
    raise RuntimeError("edumock did not start")


def user_csv(rows: int, school: str) -> bytes:
    """A user file in the seed's columns, every row valid."""
    lines = ["NAME,EMAIL,MOBILE PHONE,SCHOOL EXTERNAL ID,USER_TYPE,ROLES"]
    lines.extend(f"Learner {n},learner{n}@example.org,,{school},teacher,PUBLIC"
                 for n in range(rows))
    return ("\n".join(lines) + "\n").encode()


def main(rows: int = ROWS) -> None:
    """Upload, watch progress, complete, and print the figures."""
    port = free_port()
    server = subprocess.Popen([EDUMOCK, "serve", "--port", str(port), "--platform", "sunbird",
                               "--freeze-time", "2026-08-10T00:00:00Z"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as http:
            wait_ready(http)
            run(http, server.pid, rows)
    finally:
        server.terminate()
        server.wait(timeout=10)


def run(http: httpx.Client, pid: int, rows: int) -> None:
    """The measured part, against a ready server."""
    orgs = http.get("/__admin/state/sunbird/organisations").json()["records"]
    users = http.get("/__admin/state/sunbird/users").json()["records"]
    uploader = next(u for u in users if u["rootOrgId"] == orgs[0]["id"])
    minted = http.post("/__admin/tokens", json={"platform": "sunbird",
                                                "userId": uploader["id"]}).json()
    headers = {"Authorization": f"Bearer {minted['apiKey']}",
               "x-authenticated-user-token": minted["userToken"]}
    baseline = memory_mb(pid, "VmRSS")
    data = user_csv(rows, orgs[0]["externalId"])
    started = time.perf_counter()
    reply = http.post("/api/user/v1/upload", headers=headers,
                      files={"user": ("users.csv", data, "text/csv")})
    accepted = time.perf_counter() - started
    assert reply.status_code == 200, reply.text
    process_id = reply.json()["result"]["processId"]
    status_url = f"/api/data/v1/upload/status/{process_id}"
    config = http.get("/__admin/state/sunbird/config").json()["records"][0]
    rate = float(config["upload_rows_per_second"])
    http.post("/__admin/clock", json={"advance": config["upload_start_seconds"]
                                      + rows / rate / 2})
    started = time.perf_counter()
    half = http.get(status_url, headers=headers).json()["result"]["response"][0]
    halfway = time.perf_counter() - started
    http.post("/__admin/clock", json={"advance": rows / rate})
    started = time.perf_counter()
    http.get("/__admin/state/sunbird")
    finished = time.perf_counter() - started
    processed_peak = memory_mb(pid, "VmHWM")
    started = time.perf_counter()
    done = http.get(status_url, headers=headers).json()["result"]["response"][0]
    served = time.perf_counter() - started
    assert done["status"] == "COMPLETED", done["status"]
    assert len(done["successResult"]) == rows, len(done["failureResult"])
    peak = memory_mb(pid, "VmHWM")
    print(f"Sunbird bulk upload of {rows:,} users ({len(data) / 1e6:.1f} MB): accepted in "
          f"{accepted * 1000:.0f} ms; half-way status {half['status']} "
          f"{half['processedCount']:,}/{half['taskCount']:,} rows after {halfway:.1f} s; "
          f"rest processed in {finished:.1f} s; full status served in {served:.1f} s")
    print(f"  server memory: {baseline:.0f} MB after start-up, peak {processed_peak:.0f} MB "
          f"once processed, peak {peak:.0f} MB after serving the status "
          f"(budget 300 MB)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else ROWS)
