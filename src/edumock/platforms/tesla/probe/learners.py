"""Learner lives: create in the institution's mail domain, read back, search, filter, walk
every page, PATCH and PUT, delete and gone; the refusals the institution's rules make
(e-mail outside the domain or taken, a uid already used, missing fields), which change
nothing."""

from __future__ import annotations

from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.tesla.probe.common import attempt, base, field_error, get, required, walk


def learners(probe: ProbeClient) -> str:
    """The institution's learner list."""
    return f"{base(probe)}learner/"


def domain(probe: ProbeClient) -> str | None:
    """The institution's mail domain (learners' e-mails must end with it), if it has one."""
    body = get(probe, "read the institution", base(probe))
    probe.expect(str(body["id"]) == base(probe).rstrip("/").rsplit("/", 1)[-1],
                 "read the institution", f"asked for {base(probe)}, got {body['id']}")
    found = body.get("mail_domain")
    return str(found).lstrip("@") if found else None


def person(probe: ProbeClient, found: str | None, prefix: str = "probe") -> dict[str, Any]:
    """A new person's fields, named by the run so the probe recognises its own records."""
    uid = probe.unique(prefix)
    return {"uid": uid, "email": f"{uid}@{found or 'probe.example.org'}",
            "first_name": "Probe", "last_name": uid}


def new_learner(probe: ProbeClient, found: str | None) -> dict[str, Any]:
    """Create a learner (noted for deletion) and answer it."""
    created = probe.require_status(probe.call("create a learner", "POST", learners(probe),
                                              json=person(probe, found)), 201,
                                   "create a learner")
    probe.created(f"{learners(probe)}{created['id']}/")
    return dict(created)


def _count(probe: ProbeClient, step: str, **filters: Any) -> int:
    return int(get(probe, step, learners(probe), limit=1, **filters)["count"])


def learner_life(probe: ProbeClient) -> None:
    """Create, read back, search, walk every page, update, delete, and see it gone."""
    found = domain(probe)
    before = _count(probe, "count before")
    fields = person(probe, found)
    created = probe.require_status(probe.call("create", "POST", learners(probe), json=fields),
                                   201, "create")
    url = f"{learners(probe)}{created['id']}/"
    probe.created(url)
    for name in ("uid", "email", "first_name", "last_name"):
        probe.expect(created.get(name) == fields[name], "create",
                     f"{name} is {created.get(name)!r}, not the {fields[name]!r} sent")
    read = get(probe, "read back", url)
    probe.expect({k: read.get(k) for k in fields} == fields, "read back",
                 f"read back {({k: read.get(k) for k in fields})}, created {fields}")
    searched = get(probe, "search", learners(probe), search=fields["uid"])
    probe.expect([r["id"] for r in searched["results"]] == [created["id"]], "search",
                 f"searching for {fields['uid']} found "
                 f"{[r['id'] for r in searched['results']]}")
    probe.expect(_count(probe, "filter by e-mail", email=fields["email"]) == 1,
                 "filter by e-mail", f"filtering by {fields['email']} does not find exactly one")
    count, rows = walk(probe, "page", learners(probe))
    probe.expect(count == before + 1, "page 1",
                 f"count is {count} after one create; it was {before}")
    probe.expect(created["id"] in [r["id"] for r in rows], "page 1",
                 "the new learner is on no page")

    patched = attempt(probe, "partial update", "PATCH", url, {"first_name": "Renamed"})
    if patched is not None:
        probe.expect(patched["first_name"] == "Renamed" and patched["email"] == fields["email"],
                     "partial update", f"PATCH of first_name gave {patched}")
    replaced = {**fields, "first_name": "Replaced", "last_name": "Learner"}
    probe.require_status(probe.call("update", "PUT", url, json=replaced), 200, "update")
    read = get(probe, "read the update", url)
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
    used), whose uid is taken, or without its required fields gets DRF's field errors and
    is not stored."""
    found = domain(probe)
    fields = person(probe, found)
    existing = probe.require_status(probe.call(
        "create", "POST", learners(probe), json=person(probe, found)), 201, "create")
    probe.created(f"{learners(probe)}{existing['id']}/")
    if found:
        fields["email"] = f"{fields['uid']}@elsewhere.example.org"
    else:
        fields["email"] = existing["email"]
    before = _count(probe, "count before")
    field_error(probe, "refused create", "POST", learners(probe), fields, "email")
    taken = {**person(probe, found), "uid": existing["uid"]}
    field_error(probe, "a uid already used", "POST", learners(probe), taken,
                "non_field_errors", "The fields institution_id, uid must make a unique set.")
    required(probe, "create", "POST", learners(probe), person(probe, found), ["uid", "email"])
    probe.expect(_count(probe, "count after") == before, "count after",
                 "a refused create changed the count")
    probe.expect(_count(probe, "search the refused", search=fields["uid"]) == 0,
                 "search the refused", "the refused learner is listed")
    probe.expect_status(probe.call("clean up", "DELETE",
                                   f"{learners(probe)}{existing['id']}/"), 204, "clean up")
