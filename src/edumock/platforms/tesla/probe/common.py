"""What every TeSLA scenario shares: the institution's URLs, lists walked page by page,
what discovery found, and the refusals (bad token, unknown id) any operation can answer."""

from __future__ import annotations

import weakref
from typing import Any

from edumock.conformance.probe_client import ProbeClient

API = "/api/v2/institution/"
PAGE = 3
"""Rows per page when a list is walked: small, so seeded lists take several pages."""
MAX_PAGES = 200
UNKNOWN = "987654321"
"""An id no seeded or created record has."""
BAD_TOKEN = {"Authorization": "JWT not.a.token"}
INVALID_TOKEN = "Invalid token: Invalid JWT token"
NOT_FOUND = {"detail": "Not found."}
PERMISSION_DENIED = {"detail": "You do not have permission to perform this action."}
FAR_FUTURE = "2999-01-01T00:00:00Z"

_KNOWN: weakref.WeakKeyDictionary[ProbeClient, dict[str, Any]] = weakref.WeakKeyDictionary()
_MINTED: weakref.WeakSet[ProbeClient] = weakref.WeakSet()


def institution(probe: ProbeClient) -> str:
    """The institution the token administers (``--param institution``, default 1)."""
    return probe.params.get("institution", "1")


def other_institution(probe: ProbeClient) -> str:
    """Another institution (``--param other_institution``): its data must stay out of reach."""
    return probe.params.get("other_institution", "2" if institution(probe) == "1" else "1")


def base(probe: ProbeClient) -> str:
    """``/api/v2/institution/{id}/``."""
    return f"{API}{institution(probe)}/"


def known(probe: ProbeClient) -> dict[str, Any]:
    """Ids discovery found (by resource key, such as ``course`` or ``course/learner``) and
    facts later scenarios need; empty until the discovery scenario ran."""
    return _KNOWN.setdefault(probe, {})


def minted(probe: ProbeClient) -> bool:
    """The run minted its own credentials (edumock, no ``--token``) and may mint more."""
    return probe in _MINTED and probe.extras


def note_minted(probe: ProbeClient) -> None:
    """Remember that :func:`minted` holds."""
    _MINTED.add(probe)


def get(probe: ProbeClient, step: str, path: str, *, status: int = 200, **params: Any) -> Any:
    """GET ``path``; it answers ``status`` with JSON (returned), or the scenario stops."""
    return probe.require_status(probe.call(step, "GET", path, params=params or None), status,
                                step)


def send(probe: ProbeClient, step: str, method: str, path: str, body: Any,
         status: int = 200) -> Any:
    """A write answering ``status`` with JSON (returned), or the scenario stops."""
    return probe.require_status(probe.call(step, method, path, json=body), status, step)


def attempt(probe: ProbeClient, step: str, method: str, path: str, body: Any = None,
            status: int = 200, **params: Any) -> Any:
    """A request whose answer later steps do not need: a wrong status is a finding, not the
    end of the scenario, so one refused step does not hide every step after it. The JSON
    body when the status is right, else None."""
    response = probe.call(step, method, path, json=body, params=params or None)
    if not probe.expect_status(response, status, step) or not response.content:
        return None
    return response.json()


def walk(probe: ProbeClient, step: str, path: str, **params: Any) -> tuple[int, list[Any]]:
    """Every page of a list, following ``next``: (count, rows in page order). The count must
    match the rows and no row may repeat."""
    query = "&".join(f"{k}={v}" for k, v in {"limit": PAGE, **params}.items())
    url: str | None = f"{path}?{query}"
    count = 0
    rows: list[Any] = []
    for number in range(1, MAX_PAGES + 1):
        if url is None:
            break
        body = probe.require_status(probe.call(f"{step} {number}", "GET", url), 200,
                                    f"{step} {number}")
        count = int(body["count"])
        rows.extend(body["results"])
        url = body["next"]
    probe.expect(url is None, step, f"still a next page after {MAX_PAGES} pages")
    ids = [row.get("id") for row in rows if isinstance(row, dict)]
    probe.expect(count == len(rows), step, f"count is {count}, but the pages held {len(rows)}")
    probe.expect(len(set(map(str, ids))) == len(ids), step, "a row appears on two pages")
    return count, rows


def listed(probe: ProbeClient, step: str, path: str, **params: Any) -> list[Any]:
    """The rows of one page of a list (limit 100)."""
    return list(get(probe, step, path, limit=100, **params)["results"])


def gone(probe: ProbeClient, step: str, path: str) -> None:
    """A deleted record reads as DRF's 404."""
    response = probe.call(step, "GET", path)
    if probe.expect_status(response, 404, step):
        probe.expect(response.json() == NOT_FOUND, step, f"404 body {response.text[:120]}")


def delete(probe: ProbeClient, step: str, path: str) -> None:
    """DELETE answers 204 with no body, and the record is gone."""
    response = probe.call(step, "DELETE", path)
    probe.expect_status(response, 204, step)
    probe.expect(not response.content, step, "a 204 with a body")
    gone(probe, f"{step}: read back", path)


def bad_token(probe: ProbeClient, step: str, method: str, path: str,
              body: Any = None) -> None:
    """A forged token is refused with 401 ``Invalid token`` and ``WWW-Authenticate``."""
    label = f"{step} with a bad token"
    response = probe.call(label, method, path, json=body, headers=BAD_TOKEN)
    if probe.expect_status(response, 401, label):
        probe.expect(response.json() == {"detail": INVALID_TOKEN}, label,
                     f"401 body {response.text[:120]}")
        probe.expect(bool(response.headers.get("www-authenticate")), label,
                     "a 401 without WWW-Authenticate")


def unknown(probe: ProbeClient, step: str, method: str, path: str, body: Any = None,
            detail: str | None = None) -> None:
    """An id that does not exist (or is another parent's) is DRF's 404 ``Not found.`` (or
    the view's own ``detail``)."""
    label = f"{step} of an unknown id"
    response = probe.call(label, method, path, json=body)
    if probe.expect_status(response, 404, label):
        expected = NOT_FOUND if detail is None else {"detail": detail}
        probe.expect(response.json() == expected, label, f"404 body {response.text[:120]}")


def media_type(probe: ProbeClient, step: str, method: str, path: str) -> None:
    """A body that is not JSON is refused with 415, naming the media type."""
    label = f"{step} as text/plain"
    response = probe.call(label, method, path, json={}, invalid=True,
                          headers={"Content-Type": "text/plain"})
    if probe.expect_status(response, 415, label):
        probe.expect(response.json() == {
            "detail": 'Unsupported media type "text/plain" in request.'}, label,
            f"415 body {response.text[:120]}")


def not_a_dictionary(probe: ProbeClient, step: str, method: str, path: str) -> None:
    """A JSON list where an object belongs is DRF's ``non_field_errors``."""
    label = f"{step} with a list body"
    response = probe.call(label, method, path, json=[], invalid=True)
    if probe.expect_status(response, 400, label):
        probe.expect(response.json() == {"non_field_errors": [
            "Invalid data. Expected a dictionary, but got list."]}, label,
            f"400 body {response.text[:120]}")


def required(probe: ProbeClient, step: str, method: str, path: str, body: dict[str, Any],
             fields: list[str]) -> None:
    """``body`` without ``fields`` gets ``This field is required.`` for each of them."""
    label = f"{step} without {', '.join(fields)}"
    partial = {k: v for k, v in body.items() if k not in fields}
    response = probe.call(label, method, path, json=partial, invalid=True)
    if probe.expect_status(response, 400, label):
        errors = response.json()
        probe.expect(all(errors.get(f) == ["This field is required."] for f in fields), label,
                     f"field errors {errors}")


def field_error(probe: ProbeClient, step: str, method: str, path: str, body: Any,
                field: str, message: str | None = None) -> None:
    """A write refused with 400 and a field error under ``field`` (``message`` when given);
    nothing is kept."""
    response = probe.call(step, method, path, json=body)
    if probe.expect_status(response, 400, step):
        errors = response.json()
        found = errors.get(field) if isinstance(errors, dict) else None
        probe.expect(isinstance(found, list) and bool(found)
                     and (message is None or message in found), step,
                     f"expected a {field} error{f' {message!r}' if message else ''}: {errors}")
    elif response.status_code == 201 and isinstance(response.json(), dict):
        probe.created(f"{path}{response.json().get('id')}/")


def write_refusals(probe: ProbeClient, step: str, method: str, path: str) -> None:
    """Bad token, text/plain and a list body, each refused."""
    bad_token(probe, step, method, path, [])
    media_type(probe, step, method, path)
    not_a_dictionary(probe, step, method, path)


def same(probe: ProbeClient, step: str, got: dict[str, Any], sent: dict[str, Any]) -> bool:
    """Every field sent reads back as sent."""
    differ = {k: (v, got.get(k)) for k, v in sent.items() if got.get(k) != v}
    return probe.expect(not differ, step, f"sent ≠ read (sent, read): {differ}")
