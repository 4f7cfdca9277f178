"""edumock against Prism 5 on the same shape: a TeSLA learner page of 10, under wrk.

Installs ``@stoplight/prism-cli@5`` from npm into a temporary folder, mocks
a spec whose only operation answers a real page of 10 learners (taken from
edumock, so both send the same bytes' shape), then runs each server in turn:
cold start to the first 200, and ``wrk -t2 -c16`` for a fixed time. Prints a
table of requests/s, p50, p99 and cold start, with edumock/Prism ratios.
Needs ``npm`` and Debian's ``wrk`` on the PATH.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import yaml

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
PATH = "/api/v2/institution/1/learner/"
QUERY = "?limit=10"
FROZEN = "2026-08-10T09:30:00+00:00"
DURATION = 10


def wait_for(url: str, headers: dict[str, str], started: float, timeout: float = 60) -> float:
    """Seconds from ``started`` until ``url`` first answers 200."""
    while time.perf_counter() - started < timeout:
        try:
            if httpx.get(url, headers=headers, timeout=2).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f"{url} did not answer 200 within {timeout}s")


def wrk(url: str, headers: dict[str, str]) -> dict[str, float]:
    """Requests/s, p50 and p99 (ms) of ``wrk -t2 -c16`` against ``url``."""
    command = ["wrk", "-t2", "-c16", f"-d{DURATION}s", "--latency"]
    for name, value in headers.items():
        command += ["-H", f"{name}: {value}"]
    out = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in out:
        raise RuntimeError(f"wrk saw errors:\n{out}")

    def millis(label: str) -> float:
        found = re.search(rf"{label}\s+([\d.]+)(us|ms|s)", out)
        if not found:
            raise RuntimeError(f"no {label} in wrk output:\n{out}")
        value, unit = float(found.group(1)), found.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return {"rps": float(rate.group(1)) if rate else 0.0, "p50": millis("50%"),
            "p99": millis("99%")}


def run_edumock() -> tuple[dict[str, float], float, dict[str, object]]:
    """edumock serving TeSLA: its figures, cold start, and one page (for Prism's example)."""
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([EDUMOCK, "serve", "--port", str(port), "--platform", "tesla",
                               "--freeze-time", FROZEN], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        cold = wait_for(f"{base}/__admin/health", {}, started)
        token = httpx.post(f"{base}/__admin/tokens", json={
            "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
        headers = {"Authorization": f"JWT {token}"}
        page = httpx.get(base + PATH + QUERY, headers=headers).json()
        figures = wrk(base + PATH + QUERY, headers)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return figures, cold, page


def prism_spec(page: dict[str, object], folder: Path) -> Path:
    """A one-operation spec answering ``page`` (the learner list's own response schema)."""
    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "specs" / "tesla.yaml")
                          .read_text(encoding="utf-8"))
    template = "/api/v2/institution/{parent_lookup_institution_id}/learner/"
    operation = spec["paths"][template]["get"]
    operation["responses"] = {"200": {"description": "A page", "content": {
        "application/json": {"schema": operation["responses"]["200"]["content"][
            "application/json"]["schema"], "example": page}}}}
    operation.pop("security", None)
    spec["paths"] = {template: {"parameters": spec["paths"][template].get("parameters", []),
                                "get": operation}}
    spec.pop("security", None)
    path = folder / "learners.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def run_prism(spec: Path, folder: Path) -> tuple[dict[str, float], float]:
    """Prism mocking ``spec``: its figures and cold start."""
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                    "@stoplight/prism-cli@5"], cwd=folder, check=True, capture_output=True)
    prism = folder / "node_modules" / ".bin" / "prism"
    port = free_port()
    started = time.perf_counter()
    server = subprocess.Popen([str(prism), "mock", str(spec), "-p", str(port), "-h",
                               "127.0.0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        cold = wait_for(f"http://127.0.0.1:{port}{PATH}{QUERY}", {}, started)
        figures = wrk(f"http://127.0.0.1:{port}{PATH}{QUERY}", {})
    finally:
        server.terminate()
        server.wait(timeout=10)
    return figures, cold


def main() -> None:
    """Run both and print the table."""
    for tool in ("npm", "wrk"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (npm from Node.js, wrk from Debian)")
    edumock, edumock_cold, page = run_edumock()
    with tempfile.TemporaryDirectory() as folder:
        prism, prism_cold = run_prism(prism_spec(page, Path(folder)), Path(folder))
    print(f"TeSLA learner page of 10, wrk -t2 -c16 -d{DURATION}s, validation on in edumock")
    print(f"{'':12}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}{'cold start s':>14}")
    for name, figures, cold in (("Prism 5", prism, prism_cold),
                                ("edumock", edumock, edumock_cold)):
        print(f"{name:12}{figures['rps']:>12.0f}{figures['p50']:>10.2f}{figures['p99']:>10.2f}"
              f"{cold:>14.2f}")
    print(f"{'ratio':12}{edumock['rps'] / prism['rps']:>12.2f}"
          f"{edumock['p50'] / prism['p50']:>10.2f}{edumock['p99'] / prism['p99']:>10.2f}"
          f"{edumock_cold / prism_cold:>14.2f}")


if __name__ == "__main__":
    main()
