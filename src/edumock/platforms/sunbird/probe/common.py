"""Steps the Sunbird probe's scenarios share: the envelope's success and refusal, a course
and the server's today, a batch of the run's own, the user's enrolments, a second user."""

from __future__ import annotations

import zlib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, timedelta
from typing import Any, NoReturn

import httpx

from edumock.conformance.probe_client import WORLD_HEADER, ProbeClient, StepFailed

COURSE = "/api/course/v1"
DATA = "/api/data/v1"
USER_TOKEN = "x-authenticated-user-token"
MINTED = "minted"
"""Set in ``probe.credentials`` when edumock's admin API minted the run's credentials (it may
then mint a second user's token too)."""


def ok(probe: ProbeClient, response: httpx.Response, step: str) -> dict[str, Any]:
    """A success envelope's ``result``."""
    body = probe.require_status(response, 200, step)
    probe.expect(body["responseCode"] == "OK" and body["params"]["err"] is None, step,
                 f"a 200 that is not a success envelope: {body['params']}")
    result: dict[str, Any] = body["result"]
    return result


def refused(probe: ProbeClient, response: httpx.Response, step: str, code: str | None,
            status: int = 400, message: str | None = None) -> bool:
    """The envelope's refusal: ``status``, ``params.err`` ``code`` (and ``errmsg``)."""
    if not probe.expect_status(response, status, step):
        return False
    params = response.json().get("params") or {}
    right = probe.expect(params.get("err") == code, step,
                         f"params.err is {params.get('err')!r}, not {code}")
    if message is not None:
        right = probe.expect(params.get("errmsg") == message, step,
                             f"params.errmsg is {params.get('errmsg')!r}, not {message!r}") \
            and right
    return right


def client_error(probe: ProbeClient, response: httpx.Response, step: str, message: str) -> None:
    """The service's refusal without an error code (``throwClientErrorException`` with
    ``ResponseCode.CLIENT_ERROR``): 400, ``err`` null, ``status`` SERVER_ERROR."""
    if refused(probe, response, step, None, 400, message):
        status = (response.json().get("params") or {}).get("status")
        probe.expect(status == "SERVER_ERROR", step,
                     f"params.status is {status!r}, not SERVER_ERROR")


def post(probe: ProbeClient, step: str, path: str, request: dict[str, Any],
         method: str = "POST", headers: Mapping[str, str] | None = None) -> httpx.Response:
    """A ``{"request": ...}`` body."""
    return probe.call(step, method, path, json={"request": request}, headers=headers)


def not_json(probe: ProbeClient, step: str, path: str) -> None:
    """A body that is not JSON is refused before the service reads it: 400
    INVALID_REQUESTED_DATA."""
    response = probe.call(step, "POST", path, content=b'{"request": {', invalid=True,
                          headers={"Content-Type": "application/json"})
    refused(probe, response, step, "INVALID_REQUESTED_DATA", 400,
            "Requested data for this operation is not valid.")


def server_today(response: httpx.Response) -> date:
    """The server's today, from the envelope's ``ts``."""
    return date.fromisoformat(str(response.json()["ts"])[:10])


def open_batches(probe: ProbeClient, step: str = "find a course"
                 ) -> tuple[list[dict[str, Any]], date]:
    """Open batches (the server's own), and the server's today."""
    response = post(probe, step, f"{COURSE}/batch/list",
                    {"filters": {"enrollmentType": "open"}, "limit": 50})
    result = ok(probe, response, step)
    return list(result["response"]["content"]), server_today(response)


def course_and_today(probe: ProbeClient) -> tuple[str, date]:
    """A course that has batches (or ``--param courseId``), and the server's today."""
    content, today = open_batches(probe)
    if "courseId" in probe.params:
        return probe.params["courseId"], today
    probe.require(bool(content), "find a course", "no open batch to take a course from; "
                                                  "pass --param courseId=<id>")
    return str(content[0]["courseId"]), today


def new_batch(probe: ProbeClient, step: str = "create batch") -> dict[str, Any]:
    """A batch of the run's own, open from the server's today for sixty days."""
    course_id, today = course_and_today(probe)
    batch = {"courseId": course_id, "name": probe.unique("Probe batch "),
             "enrollmentType": "open", "startDate": today.isoformat(),
             "endDate": (today + timedelta(days=60)).isoformat()}
    result = ok(probe, post(probe, step, f"{COURSE}/batch/create", batch), step)
    probe.expect(result.get("response") == "SUCCESS", step,
                 f"result.response is {result.get('response')!r}, not SUCCESS")
    probe.require(bool(result.get("batchId")), step, "no batchId in the answer")
    return {**batch, "batchId": str(result["batchId"]), "today": today}


def enrolled(probe: ProbeClient, step: str, user: str | None = None) -> dict[str, Any]:
    """A user's enrolments (the run's user by default), by batch id."""
    result = ok(probe, probe.call(step, "GET", f"{COURSE}/user/enrollment/list/"
                                  f"{user or probe.params['userId']}"), step)
    return {str(c["batchId"]): c for c in result.get("courses") or []}


def leaves_of(probe: ProbeClient, enrolment: dict[str, Any], step: str) -> list[str]:
    """The leaf contents of an enrolment's course."""
    leaves = (enrolment.get("content") or {}).get("leafNodes") or []
    probe.require(bool(leaves), step, "the enrolment lists no leaf contents")
    return [str(leaf) for leaf in leaves]


def other_user_token(probe: ProbeClient, user_id: str) -> str | None:
    """A token of another user: ``--param otherUserToken``, or minted by edumock when it
    minted the run's own; ``None`` when neither is at hand."""
    if "otherUserToken" in probe.params:
        return probe.params["otherUserToken"]
    if probe.credentials.get(MINTED) and probe.extras:
        return str(probe.mint({"platform": "sunbird", "userId": user_id})["userToken"])
    return None


def seeded(probe: ProbeClient, collection: str) -> list[dict[str, Any]]:
    """Against edumock, a collection's seeded records read from its admin API; none
    elsewhere."""
    if not probe.extras:
        return []
    world = {k: v for k, v in probe.headers.items() if k.lower() == WORLD_HEADER}
    answer = probe.login(f"find seeded {collection}", "GET",
                         f"/__admin/state/sunbird/{collection}", headers=world)
    records = answer.json().get("records") if answer.status_code == 200 else None
    return list(records or [])


def seeded_group(probe: ProbeClient) -> dict[str, Any] | None:
    """Against edumock, a seeded group with members and an activity, read from its admin API
    as ``--param groupId`` would name one (the API neither lists nor creates groups); None
    elsewhere."""
    return next((group for group in seeded(probe, "groups")
                 if group.get("members") and group.get("activities")), None)


def skip() -> NoReturn:
    """End a scenario quietly (what it needs is not at hand)."""
    raise StepFailed("skipped")


def unknown_id(probe: ProbeClient) -> str:
    """A numeric id no server has: the run's and the step's, as digits."""
    return f"99{zlib.crc32(probe.unique('unknown').encode()):010d}"


@contextmanager
def without_user_token(probe: ProbeClient) -> Iterator[None]:
    """Steps sent with the API key alone."""
    saved = probe.headers
    probe.headers = {k: v for k, v in saved.items() if k.lower() != USER_TOKEN}
    try:
        yield
    finally:
        probe.headers = saved
