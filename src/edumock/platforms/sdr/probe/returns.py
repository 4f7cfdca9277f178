"""Read-only scenarios: the return periods, walked page by page and filtered, their paging
refusals, and the validation status of a token the organisation never had."""

from __future__ import annotations

from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sdr.probe.common import BASE, eid, refused

PAGE = 5


def _walk(probe: ProbeClient) -> tuple[list[Any], int]:
    """Every page of the returns (Indicative included); the ids seen and the next page."""
    seen: list[Any] = []
    page, total = 1, None
    while total is None or len(seen) < total:
        step = f"returns page {page}"
        body = probe.require_status(probe.call(step, "GET", f"{BASE}/returns", params={
            "includeIndicative": "true", "pageSize": PAGE, "page": page}), 200, step)
        total = total if total is not None else body["totalCount"]
        if total == 0:
            break
        probe.expect(body["totalCount"] == total, step,
                     f"totalCount changed from {total} to {body['totalCount']}")
        wanted = min(PAGE, total - len(seen))
        probe.expect(len(body["results"]) == wanted, step,
                     f"{len(body['results'])} returns on the page; {wanted} expected of {total}")
        probe.require(bool(body["results"]), step, "an empty page before the end")
        probe.expect(all(str(r["edumis"]) == eid(probe) for r in body["results"]), step,
                     f"returns of another organisation than EID {eid(probe)}")
        seen.extend(r["returnId"] for r in body["results"])
        page += 1
    probe.expect(len(set(seen)) == len(seen), "returns", "a return period appears twice")
    probe.expect(seen == sorted(seen, reverse=True), "returns",
                 "the return periods are not newest first")
    return seen, page


def return_periods(probe: ProbeClient) -> None:
    """Walk every page of the return periods: sizes, total and ids agree; Full ones alone by
    default; a page past the end and out-of-range paging are refused."""
    seen, page = _walk(probe)
    full = probe.require_status(probe.call("Full returns only", "GET", f"{BASE}/returns",
                                           params={"pageSize": 100}), 200, "Full returns only")
    probe.expect(all(r["returnType"] == "Full" for r in full["results"]), "Full returns only",
                 "without includeIndicative an Indicative return is listed")
    probe.expect({r["returnId"] for r in full["results"]} <= set(seen), "Full returns only",
                 "a Full return is missing from the complete list")
    if seen:
        refused(probe, probe.call("page past the end", "GET", f"{BASE}/returns", params={
            "includeIndicative": "true", "pageSize": PAGE, "page": page}), 400, "PR2",
            "page past the end")
    for step, params in (("page size 0", {"pageSize": 0}), ("page 0", {"page": 0}),
                         ("page size 101", {"pageSize": 101})):
        refused(probe, probe.call(step, "GET", f"{BASE}/returns", params=params, invalid=True),
                400, "PR1", step)


def unknown_token(probe: ProbeClient) -> None:
    """The validation status of a submission token nobody issued is refused (SC1)."""
    step = "validation of an unknown token"
    body = refused(probe, probe.call(step, "GET", f"{BASE}/validation/{probe.unique('nobody')}"),
                   400, "SC1", step)
    if body is not None:
        probe.expect(body["type"].endswith("SC1") and body["instance"].startswith(BASE), step,
                     f"the problem document's type or instance is off: {body}")
