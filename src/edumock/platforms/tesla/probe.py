"""The TeSLA workflows ``edumock probe`` plays against any TeSLA CE server: an institution's
learners created, read back, found by search and by walking every page, updated, deleted,
and a create the institution's rules refuse, which must change nothing.

The institution is 1 unless ``--param institution=ID`` names another; the token must be an
institution administrator's (edumock mints one when no ``--token`` is given).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from edumock.conformance.probe_client import ProbeClient

PAGE = 10
"""Learners per page when every page of the list is walked."""
MAX_PAGES = 200


def _institution(probe: ProbeClient) -> str:
    return probe.params.get("institution", "1")


def authenticate(probe: ProbeClient, token: str | None,
                 extra_headers: Mapping[str, str]) -> dict[str, str]:
    """``Authorization: JWT <token>``; minted as the institution's administrator when no
    token is given."""
    if token is None:
        token = str(probe.mint({"platform": "tesla", "roles": ["inst_admin"],
                                "institution_id": int(_institution(probe))})["token"])
    return {"Authorization": f"JWT {token}"}


def _learners(probe: ProbeClient) -> str:
    return f"/api/v2/institution/{_institution(probe)}/learner/"


def _domain(probe: ProbeClient) -> str | None:
    """The institution's mail domain (learners' e-mails must end with it), if it has one."""
    step = "read the institution"
    body = probe.require_status(probe.call(
        step, "GET", f"/api/v2/institution/{_institution(probe)}/"), 200, step)
    probe.expect(str(body["id"]) == _institution(probe), step,
                 f"asked for institution {_institution(probe)}, got {body['id']}")
    domain = body.get("mail_domain")
    return str(domain).lstrip("@") if domain else None


def _new_learner(probe: ProbeClient, domain: str | None) -> dict[str, Any]:
    uid = probe.unique("probe")
    return {"uid": uid, "email": f"{uid}@{domain or 'probe.example.org'}",
            "first_name": "Probe", "last_name": uid}


def _count(probe: ProbeClient, step: str, **filters: str) -> int:
    body = probe.require_status(probe.call(step, "GET", _learners(probe),
                                           params={"limit": 1, **filters}), 200, step)
    return int(body["count"])


def _walk(probe: ProbeClient, step: str) -> tuple[int, list[Any]]:
    """Every page of the learner list, following ``next``: (count, ids in page order)."""
    url: str | None = f"{_learners(probe)}?limit={PAGE}"
    count = 0
    ids: list[Any] = []
    for number in range(1, MAX_PAGES + 1):
        if url is None:
            break
        body = probe.require_status(probe.call(f"{step} {number}", "GET", url), 200,
                                    f"{step} {number}")
        count = int(body["count"])
        ids.extend(learner["id"] for learner in body["results"])
        url = body["next"]
    probe.expect(url is None, step, f"still a next page after {MAX_PAGES} pages")
    return count, ids


def learner_life(probe: ProbeClient) -> None:
    """Create, read back, search, walk every page, update, delete, and see it gone."""
    domain = _domain(probe)
    before = _count(probe, "count before")
    fields = _new_learner(probe, domain)
    created = probe.require_status(probe.call("create", "POST", _learners(probe), json=fields),
                                   201, "create")
    for name in ("uid", "email", "first_name", "last_name"):
        probe.expect(created.get(name) == fields[name], "create",
                     f"{name} is {created.get(name)!r}, not the {fields[name]!r} sent")
    url = f"{_learners(probe)}{created['id']}/"
    read = probe.require_status(probe.call("read back", "GET", url), 200, "read back")
    probe.expect({k: read.get(k) for k in fields} == fields, "read back",
                 f"read back {({k: read.get(k) for k in fields})}, created {fields}")

    found = probe.require_status(probe.call("search", "GET", _learners(probe),
                                            params={"search": fields["uid"]}), 200, "search")
    probe.expect([r["id"] for r in found["results"]] == [created["id"]], "search",
                 f"searching for {fields['uid']} found {[r['id'] for r in found['results']]}")
    probe.expect(_count(probe, "filter by e-mail", email=fields["email"]) == 1,
                 "filter by e-mail", f"filtering by {fields['email']} does not find exactly one")
    count, ids = _walk(probe, "page")
    probe.expect(count == before + 1, "page 1",
                 f"count is {count} after one create; it was {before}")
    probe.expect(created["id"] in ids, "page 1", "the new learner is on no page")

    patched = probe.require_status(probe.call("partial update", "PATCH", url,
                                              json={"first_name": "Renamed"}), 200,
                                   "partial update")
    probe.expect(patched["first_name"] == "Renamed" and patched["email"] == fields["email"],
                 "partial update", f"PATCH of first_name gave {patched}")
    replaced = {**fields, "first_name": "Replaced", "last_name": "Learner"}
    probe.require_status(probe.call("update", "PUT", url, json=replaced), 200, "update")
    read = probe.require_status(probe.call("read the update", "GET", url), 200,
                                "read the update")
    probe.expect((read["first_name"], read["last_name"]) == ("Replaced", "Learner"),
                 "read the update", f"read back {read['first_name']} {read['last_name']}")

    deleted = probe.call("delete", "DELETE", url)
    probe.expect_status(deleted, 204, "delete")
    probe.expect(not deleted.content, "delete", "a 204 with a body")
    probe.expect_status(probe.call("read the deleted", "GET", url), 404, "read the deleted")
    probe.expect(_count(probe, "search the deleted", search=fields["uid"]) == 0,
                 "search the deleted", "the deleted learner is still listed")
    after = _count(probe, "count after")
    probe.expect(after == before, "count after", f"count is {after}; it was {before}")


def refused_create(probe: ProbeClient) -> None:
    """A learner whose e-mail the institution refuses (outside its mail domain, or already
    used) gets a field error and is not stored."""
    domain = _domain(probe)
    fields = _new_learner(probe, domain)
    existing = None
    if domain:
        fields["email"] = f"{fields['uid']}@elsewhere.example.org"
    else:
        existing = probe.require_status(probe.call(
            "create", "POST", _learners(probe), json=_new_learner(probe, None)), 201, "create")
        fields["email"] = existing["email"]
    before = _count(probe, "count before")
    refused = probe.call("refused create", "POST", _learners(probe), json=fields)
    if probe.expect_status(refused, 400, "refused create"):
        errors = refused.json()
        probe.expect(isinstance(errors, dict) and isinstance(errors.get("email"), list)
                     and bool(errors["email"]), "refused create",
                     f"no field error names email: {errors}")
    probe.expect(_count(probe, "count after") == before, "count after",
                 "the refused create changed the count")
    probe.expect(_count(probe, "search the refused", search=fields["uid"]) == 0,
                 "search the refused", "the refused learner is listed")
    if existing is not None:
        probe.expect_status(probe.call("clean up", "DELETE",
                                       f"{_learners(probe)}{existing['id']}/"), 204, "clean up")


SCENARIOS = [
    ("learner life", learner_life),
    ("refused create", refused_create),
]
