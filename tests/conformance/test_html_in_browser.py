"""The HTML report in a real headless browser (Debian's chromium): it loads, its script runs,
it shows the operations and findings, and a screenshot is taken of it.

Without chromium the tests are skipped, unless EDUMOCK_REQUIRE_BROWSER=1 (as CI sets), which
makes a missing browser a failure."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import pytest

from edumock.conformance.reports import write_reports
from tests.browser import chromium, headless
from tests.conformance import HOSTILE_PATH, failing_report

__all__ = ["chromium"]  # the fixture, used by name

WIDTH, HEIGHT = 1280, 2000
FAIL_RED = (0xB4, 0x23, 0x18)
"""The header's background when the report does not conform (see the report's CSS)."""


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    write_reports(failing_report(), [path])
    return path


def test_the_browser_renders_the_operations_and_findings(chromium: str, page: Path,
                                                         tmp_path: Path) -> None:
    dom = headless(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert 'id="operations"' in dom
    assert "112 of 112 operations shown" in dom, "the page's script did not run"
    assert dom.count('<tr class="operation"') == 112
    assert dom.count('data-result="fail"') == 3
    assert dom.count('<details class="finding"') == 5
    assert "'uid' is a required property" in dom
    assert "does not conform: 5 findings" in dom
    assert "<img" not in dom and 'id="injected"' not in dom
    assert HOSTILE_PATH.replace("<", "&lt;").replace(">", "&gt;") in dom


def test_a_screenshot_of_the_report_is_taken(chromium: str, page: Path,
                                             tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    headless(chromium, tmp_path / "profile", f"--screenshot={shot}",
             f"--window-size={WIDTH},{HEIGHT}", "--hide-scrollbars", page.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (WIDTH, HEIGHT)
    assert len(data) > 20_000, "the screenshot is nearly blank"
    assert top_left_colour(data) == FAIL_RED, "the failing verdict's header is not shown"


def top_left_colour(png: bytes) -> tuple[int, int, int]:
    """The colour of the pixel at (4, 4): enough of a PNG decoder to read the first rows."""
    chunks, offset = [], 8
    while offset < len(png):
        length, kind = struct.unpack(">I4s", png[offset:offset + 8])
        chunks.append((kind, png[offset + 8:offset + 8 + length]))
        offset += 12 + length
    header = dict(chunks)[b"IHDR"]
    width, _, depth, colour_type = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour_type in (2, 6), "expected 8-bit RGB or RGBA"
    size = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(data for kind, data in chunks if kind == b"IDAT"))
    stride = width * size
    previous = bytearray(stride)
    for row in range(5):
        line = raw[row * (stride + 1):(row + 1) * (stride + 1)]
        previous = unfilter(line[0], bytearray(line[1:]), previous, size)
    return (previous[4 * size], previous[4 * size + 1], previous[4 * size + 2])


def unfilter(kind: int, line: bytearray, above: bytearray, size: int) -> bytearray:
    """Undo one scanline's PNG filter (None, Sub, Up, Average, Paeth)."""
    for i, value in enumerate(line):
        left = line[i - size] if i >= size else 0
        up, corner = above[i], above[i - size] if i >= size else 0
        if kind == 1:
            value += left
        elif kind == 2:
            value += up
        elif kind == 3:
            value += (left + up) // 2
        elif kind == 4:
            guess = left + up - corner
            near = min((abs(guess - left), 0, left), (abs(guess - up), 1, up),
                       (abs(guess - corner), 2, corner))
            value += near[2]
        line[i] = value & 0xFF
    return line


def test_a_drift_report_renders_its_differences(chromium: str, tmp_path: Path) -> None:
    from edumock.conformance.drift import compare
    from edumock.conformance.exchange import Exchange
    from edumock.conformance.report import Report
    from edumock.contract.operations import Contract
    from edumock.settings import specs_dir

    contract = Contract("tesla", [specs_dir() / "tesla.yaml"])

    def answer(base: str, body: bytes) -> Exchange:
        return Exchange(1, "GET", f"{base}/api/v2/institution/1/learner/", 200,
                        response_headers=(("content-type", "application/json"),),
                        response_body=body, label="learners/list")

    real = Report("tesla", "real", contract, exchanges=[answer("http://a", b'{"count": 1}')])
    sandbox = Report("tesla", "sandbox", contract,
                     exchanges=[answer("http://b", b'{"count": "1"}')])
    report = compare(real, sandbox)
    page = tmp_path / "drift.html"
    write_reports(report, [page])
    dom = headless(chromium, tmp_path / "profile", "--dump-dom", page.as_uri())
    assert "does not conform: 1 finding" in dom
    assert "type differs: real &#x27;number&#x27;, sandbox &#x27;string&#x27;" in dom or \
        "type differs: real 'number', sandbox 'string'" in dom
    assert "$.count" in dom
