"""The request log of a real ``edumock serve``: one line per request on its console, plain when
piped, coloured on a terminal, JSON with ``--log-format json``, none with ``--quiet``."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any

import httpx

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
LEARNERS = "/api/v2/institution/1/learner/"
START_LINES = 2  # tesla, admin


def _serve(*options: str, stdout: int | IO[Any] = subprocess.PIPE, no_color: str = ""
           ) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen([EDUMOCK, "serve", "--port", str(port), "--platform", "tesla",
                                *options], stdout=stdout, stderr=subprocess.DEVNULL,
                               env={**os.environ, "NO_COLOR": no_color})
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            if httpx.get(f"{url}/__admin/health").status_code == 200:
                break
        except httpx.TransportError:
            time.sleep(0.02)
    return process, url


def _traffic(url: str) -> None:
    """One request of each kind the log tells apart."""
    with httpx.Client(base_url=url, timeout=10) as http:
        token = http.post("/__admin/tokens", json={
            "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
        http.headers["Authorization"] = f"JWT {token}"
        assert http.get(LEARNERS, params={"limit": 10}).status_code == 200
        assert http.post(LEARNERS, json={"email": 5}).status_code == 400
        assert http.post(LEARNERS, json={"email": "x@elsewhere.org", "uid": "s1"}
                         ).status_code == 400
        assert http.get(LEARNERS, headers={"Prefer": "code=404"}).status_code == 404
        http.post("/__admin/faults", json={"platform": "tesla", "method": "GET",
                                           "path": LEARNERS, "status": 503, "times": 1})
        assert http.get(LEARNERS).status_code == 503
        assert http.get(LEARNERS, headers={"X-Edumock-World": "w2"}).status_code == 200


def _console(*options: str) -> list[str]:
    process, url = _serve(*options)
    try:
        _traffic(url)
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    return out.decode().splitlines()


def test_each_request_is_one_plain_line_when_piped():
    lines = _console()
    assert lines[0].startswith("tesla ") and lines[1].startswith("admin ")
    log = [line.split(" ", 7)[1:] for line in lines[START_LINES:]]
    assert all(fields[2] == LEARNERS for fields in log)
    assert [(f[0], f[1], f[3], f[4]) for f in log] == [
        ("default", "GET", "learner.list", "200"), ("default", "POST", "learner.create", "400"),
        ("default", "POST", "learner.create", "400"), ("default", "GET", "learner.list", "404"),
        ("default", "GET", "learner.list", "503"), ("w2", "GET", "learner.list", "200")]
    verdicts = [fields[6] for fields in log]
    assert verdicts[0] == "ok"
    assert verdicts[1].startswith("refused by the contract: ")
    assert "$.email: 5 is not of type 'string'" in verdicts[1]
    assert verdicts[2].startswith("refused by the platform: ValidationError")
    assert "Provided email does not belong" in verdicts[2]
    assert verdicts[3] == "Prefer answered: code=404"
    assert verdicts[4] == "fault fired"
    assert all(fields[5].endswith("ms") and float(fields[5][:-2]) >= 0 for fields in log)
    assert not any("\033[" in line for line in lines)


def test_json_lines_carry_the_same_fields():
    lines = _console("--log-format", "json")
    assert lines[0].startswith("tesla ")
    records = [json.loads(line) for line in lines[START_LINES:]]
    assert {key for record in records for key in record} == {
        "time", "world", "platform", "method", "path", "operationId", "status", "durationMs",
        "verdict", "reason"}
    assert [(r["verdict"], r["status"]) for r in records] == [
        ("ok", 200), ("invalid-request", 400), ("refused", 400), ("prefer", 404),
        ("fault", 503), ("ok", 200)]
    assert records[1]["reason"].startswith("refused by the contract: ")
    assert records[0]["operationId"] == "learner.list" and records[0]["path"] == LEARNERS
    assert records[5]["world"] == "w2" and records[0]["time"].endswith("Z")


def test_a_response_violation_names_the_field_our_answer_got_wrong():
    process, url = _serve()
    try:
        with httpx.Client(base_url=url, timeout=10) as http:
            snapshot = http.get("/__admin/snapshot").json()
            users = snapshot["stores"]["tesla"]["users"]
            first = min((user for user in users.values()
                         if user["institution_id"] == 1 and user["is_learner"]),
                        key=lambda user: user["id"])  # the first on the learner page
            first["email"] = 5  # the store takes it; the learner list's schema does not
            assert http.put("/__admin/snapshot", json=snapshot).status_code == 200
            token = http.post("/__admin/tokens", json={
                "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
            answer = http.get(LEARNERS, headers={"Authorization": f"JWT {token}"})
            assert answer.status_code == 500
            journaled = http.get("/__admin/requests", params={"verdict": "invalid-response"}
                                 ).json()["requests"]
    finally:
        process.terminate()
        out, _ = process.communicate(timeout=10)
    broken = "5 is not of type 'string' at $.results[0].email"
    assert [entry["problems"] for entry in journaled] == [[broken]]
    line = out.decode().splitlines()[-1]
    assert f"GET {LEARNERS} learner.list 500 " in line
    assert line.endswith(f"ms response violation: {broken}")


def test_quiet_keeps_only_the_start_up_lines():
    lines = _console("--quiet")
    assert [line.split()[0] for line in lines] == ["tesla", "admin"]


def _on_a_terminal(no_color: str) -> str:
    """The log line of one refused request, ``edumock serve``'s stdout a terminal."""
    leader, follower = pty.openpty()
    process, url = _serve(stdout=follower, no_color=no_color)
    os.close(follower)
    try:
        with httpx.Client(base_url=url, timeout=10) as http:
            http.get(LEARNERS)  # no credentials: refused
        time.sleep(0.2)
    finally:
        process.terminate()
        process.wait(timeout=10)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the terminal's other end is closed: all is read
            break
        if not chunk:
            break
        seen += chunk
    os.close(leader)
    line = seen.decode().splitlines()[-1]
    assert LEARNERS in line
    return line


def test_a_terminal_gets_colour():
    assert "\033[33m403\033[0m" in _on_a_terminal(no_color="")


def test_no_color_keeps_a_terminal_plain():
    line = _on_a_terminal(no_color="1")
    assert " 403 " in line and "\033[" not in line
    assert line.endswith("ms refused: not permitted (no credentials or not enough rights)")
