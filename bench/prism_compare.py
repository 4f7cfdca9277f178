"""edumock against Prism 5 on the same shapes, one after the other, under wrk.

Installs ``@stoplight/prism-cli@5`` from npm into a temporary folder and has
it mock a spec holding the TeSLA operations measured, each answering the very
body edumock answers (taken from edumock first, so both send the same shape).
Shapes: a learner page of 10 and one learner. edumock serves every platform,
as ``make serve`` does, with request and response validation, journaling and
authentication on. For each server: cold start (launch to the first 200 on
the first shape; for edumock that includes generating the TeSLA world), then
per shape a 2 s warm-up and ``wrk -t2 -c16`` for a fixed time. Prints
requests/s, p50, p99 and cold start for both, with edumock/Prism ratios.
Needs ``npm`` and Debian's ``wrk`` on the PATH. wrk's two threads share the
machine's cores with the server under test.
"""

from __future__ import annotations

import compileall
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import yaml

from edumock.testing.server import free_port

EDUMOCK = str(Path(sys.executable).with_name("edumock"))
FROZEN = "2026-08-10T09:30:00+00:00"
DURATION = 10
WARM_UP = 2


@dataclass(frozen=True)
class Shape:
    """One measured request: its name, the spec template it exercises, the concrete path."""

    name: str
    template: str
    path: str


LIST = "/api/v2/institution/{parent_lookup_institution_id}/learner/"
SHAPES = (Shape("learner page of 10", LIST, "/api/v2/institution/1/learner/?limit=10"),
          Shape("one learner", LIST + "{id}/", "/api/v2/institution/1/learner/{id}/"))


def wait_for(url: str, headers: dict[str, str], started: float, timeout: float = 60) -> float:
    """Seconds from ``started`` until ``url`` first answers 200."""
    while time.perf_counter() - started < timeout:
        try:
            if httpx.get(url, headers=headers, timeout=2).status_code == 200:
                return time.perf_counter() - started
        except httpx.TransportError:
            pass
        time.sleep(0.003)
    raise RuntimeError(f"{url} did not answer 200 within {timeout}s")


def wrk(url: str, headers: dict[str, str], seconds: int = DURATION) -> dict[str, float]:
    """Requests/s, p50 and p99 (ms) of ``wrk -t2 -c16`` against ``url``."""
    command = ["wrk", "-t2", "-c16", f"-d{seconds}s", "--latency"]
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


def measure(base: str, paths: list[str], headers: dict[str, str]) -> list[dict[str, float]]:
    """Warm up, then wrk, each path in turn."""
    figures = []
    for path in paths:
        wrk(base + path, headers, WARM_UP)
        figures.append(wrk(base + path, headers))
    return figures


def run_edumock() -> tuple[list[dict[str, float]], float, list[str], list[object]]:
    """edumock serving every platform: figures per shape, cold start, paths and bodies."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([EDUMOCK, "serve", "--port", str(port), "--freeze-time", FROZEN],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for(f"{base}/__admin/health", {}, started)
        token = httpx.post(f"{base}/__admin/tokens", json={
            "platform": "tesla", "institution_id": 1, "roles": ["inst_admin"]}).json()["token"]
        headers = {"Authorization": f"JWT {token}"}
        cold = wait_for(base + SHAPES[0].path, headers, started)
        page = httpx.get(base + SHAPES[0].path, headers=headers).json()
        paths = [SHAPES[0].path, SHAPES[1].path.format(id=page["results"][0]["id"])]
        bodies = [httpx.get(base + path, headers=headers).json() for path in paths]
        figures = measure(base, paths, headers)
    finally:
        server.terminate()
        server.wait(timeout=10)
    return figures, cold, paths, bodies


def prism_spec(bodies: list[object], folder: Path) -> Path:
    """A spec of the measured operations, each answering its edumock body as its example."""
    spec = yaml.safe_load((Path(__file__).resolve().parents[1] / "specs" / "tesla.yaml")
                          .read_text(encoding="utf-8"))
    kept = {}
    for shape, body in zip(SHAPES, bodies, strict=True):
        item = spec["paths"][shape.template]
        operation = item["get"]
        schema = operation["responses"]["200"]["content"]["application/json"]["schema"]
        operation["responses"] = {"200": {"description": shape.name, "content": {
            "application/json": {"schema": schema, "example": body}}}}
        operation.pop("security", None)
        kept[shape.template] = {"parameters": item.get("parameters", []), "get": operation}
    spec["paths"] = kept
    spec.pop("security", None)
    path = folder / "tesla-measured.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def run_prism(spec: Path, folder: Path, paths: list[str]) -> tuple[list[dict[str, float]], float]:
    """Prism mocking ``spec``: figures per shape and cold start."""
    subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                    "@stoplight/prism-cli@5"], cwd=folder, check=True, capture_output=True)
    prism = folder / "node_modules" / ".bin" / "prism"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen([str(prism), "mock", str(spec), "-p", str(port), "-h",
                               "127.0.0.1"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        cold = wait_for(base + paths[0], {}, started)
        figures = measure(base, paths, {})
    finally:
        server.terminate()
        server.wait(timeout=10)
    return figures, cold


def main() -> None:
    """Run both and print the table."""
    for tool in ("npm", "wrk"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (npm from Node.js, wrk from Debian)")
    # As an installed package has it: sources compiled (``make bytecode``), even where the
    # environment keeps Python from writing bytecode itself.
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "src"), quiet=1)
    edumock, edumock_cold, paths, bodies = run_edumock()
    with tempfile.TemporaryDirectory() as folder:
        prism, prism_cold = run_prism(prism_spec(bodies, Path(folder)), Path(folder), paths)
    print(f"wrk -t2 -c16 -d{DURATION}s after a {WARM_UP}s warm-up; edumock serves every "
          f"platform with validation both ways")
    print(f"{'':30}{'requests/s':>12}{'p50 ms':>10}{'p99 ms':>10}")
    for index, shape in enumerate(SHAPES):
        ours, theirs = edumock[index], prism[index]
        for name, figures in (("Prism 5", theirs), ("edumock", ours)):
            print(f"{shape.name + ', ' + name:30}{figures['rps']:>12.0f}"
                  f"{figures['p50']:>10.2f}{figures['p99']:>10.2f}")
        print(f"{shape.name + ', ratio':30}{ours['rps'] / theirs['rps']:>12.2f}"
              f"{ours['p50'] / theirs['p50']:>10.2f}{ours['p99'] / theirs['p99']:>10.2f}")
    print(f"cold start to the first page: Prism {prism_cold:.2f} s, edumock {edumock_cold:.2f} s"
          f" (ratio {edumock_cold / prism_cold:.2f})")


if __name__ == "__main__":
    main()
