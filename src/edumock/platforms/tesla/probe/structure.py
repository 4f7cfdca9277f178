"""Lives of the institution's structure: its settings rewritten unchanged, a VLE (where the
server can register one), groups with a course linked, informed consent versions with
their documents, and an activity's instrument configuration. Seeded records are only ever
rewritten with their own values; everything created is the run's and deleted."""

from __future__ import annotations

from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.tesla.probe.common import (
    FAR_FUTURE,
    base,
    delete,
    field_error,
    get,
    known,
    listed,
    required,
    same,
    send,
)

SETTINGS = ("external_ic", "mail_domain", "disable_vle_learner_creation",
            "disable_vle_instructor_creation", "disable_vle_user_creation",
            "allow_learner_report", "allow_learner_audit", "allow_valid_audit")


def institution_settings(probe: ProbeClient) -> None:
    """PUT and PATCH of the institution with the values it has: answered 200, unchanged."""
    own = get(probe, "read the institution", base(probe))
    settings = {k: own[k] for k in SETTINGS if k in own and own[k] is not None}
    same(probe, "rewrite the settings", send(probe, "rewrite the settings", "PUT", base(probe),
                                               settings), settings)
    flag = {"allow_valid_audit": own["allow_valid_audit"]}
    same(probe, "rewrite one flag", send(probe, "rewrite one flag", "PATCH", base(probe), flag),
         flag)
    same(probe, "read back", get(probe, "read back", base(probe)), settings)


def vle_life(probe: ProbeClient) -> None:
    """A VLE registered (the real server needs Vault for it, else 403 ``Cannot register
    VLEs``), read, listed, renamed by PUT and PATCH, a taken name refused, deleted."""
    vles = f"{base(probe)}vle/"
    fields: dict[str, Any] = {"type": 0, "name": probe.unique("probe vle "),
                              "url": "https://vle.example.org"}
    response = probe.call("register", "POST", vles, json=fields)
    probe.expect_status(response, (201, 403), "register")
    if response.status_code == 403:
        probe.expect(response.json() == {"detail": "Cannot register VLEs"}, "register",
                     response.text[:120])
        return
    created = response.json()
    url = f"{vles}{created['id']}/"
    probe.created(url)
    required(probe, "register", "POST", vles, fields, ["name"])
    same(probe, "read back", get(probe, "read back", url), fields)
    probe.expect(created["id"] in [r["id"] for r in listed(probe, "list", vles)], "list",
                 "the new VLE is not listed")
    seeded = [r["name"] for r in known(probe).get("rows/vle", [])]
    if seeded:
        field_error(probe, "a name already used", "POST", vles, {**fields, "name": seeded[0]},
                    "name", "This field must be unique.")
    renamed = {**fields, "name": fields["name"] + "b"}
    same(probe, "update", send(probe, "update", "PUT", url, renamed), renamed)
    same(probe, "partial update", send(probe, "partial update", "PATCH", url,
                                       {"url": "https://other.example.org"}),
         {"url": "https://other.example.org"})
    delete(probe, "delete", url)


def group_life(probe: ProbeClient) -> None:
    """A group and a child group: created, read, filtered by name, PUT and PATCH; a parent of
    no group refused; a course linked, listed, read, relinked by PUT and PATCH, unlinked
    and gone; the groups deleted."""
    groups = f"{base(probe)}group/"
    fields = {"name": probe.unique("probe group "), "description": "made by the probe"}
    group = send(probe, "create", "POST", groups, fields, 201)
    required(probe, "create", "POST", groups, fields, ["name"])
    url = f"{groups}{group['id']}/"
    probe.created(url)
    same(probe, "read back", get(probe, "read back", url), fields)
    probe.expect([r["id"] for r in listed(probe, "filter by name", groups, name=fields["name"])]
                 == [group["id"]], "filter by name", "the new group is not found by name")
    child = send(probe, "create a child", "POST", groups,
                 {"name": probe.unique("probe group "), "parent": group["id"]}, 201)
    probe.created(f"{groups}{child['id']}/")
    field_error(probe, "a parent that is no group", "POST", groups,
                {"name": probe.unique("probe group "), "parent": 987654321}, "parent")
    renamed = {"name": fields["name"] + "b", "description": "renamed"}
    same(probe, "update", send(probe, "update", "PUT", url, renamed), renamed)
    same(probe, "partial update", send(probe, "partial update", "PATCH", url,
                                       {"description": "patched"}), {"description": "patched"})
    course = known(probe).get("institution/course")
    probe.require(course is not None, "link a course", "discovery found no course")
    linked = f"{url}course/"
    send(probe, "link a course", "POST", linked, {"id": course}, 201)
    required(probe, "link a course", "POST", linked, {"id": course}, ["id"])
    one = f"{linked}{course}/"
    probe.created(one)
    probe.expect(course in [r["id"] for r in listed(probe, "list its courses", linked)],
                 "list its courses", "the linked course is not listed")
    get(probe, "read its course", one)
    send(probe, "relink by PUT", "PUT", one, {"id": course})
    send(probe, "relink by PATCH", "PATCH", one, {"id": course})
    delete(probe, "unlink", one)
    delete(probe, "delete the child", f"{groups}{child['id']}/")
    delete(probe, "delete", url)


def consent_life(probe: ProbeClient) -> None:
    """A consent version valid only in the far future (so no learner is affected): a
    malformed and a taken version refused; read, listed, PUT and PATCH; documents created,
    read, listed, updated, a second of one language refused, deleted; the version
    deleted."""
    consents = f"{base(probe)}ic/"
    number = int.from_bytes(probe.run_id.encode(), "big") % 100000
    version = f"999.{number}.{len(probe.report.exchanges)}"
    fields = {"version": version, "valid_from": FAR_FUTURE}
    field_error(probe, "a malformed version", "POST", consents,
                {**fields, "version": "one"}, "version",
                "Invalid version. Expected X.Y.Z with X, Y and Z integer values")
    created = send(probe, "create", "POST", consents, fields, 201)
    required(probe, "create", "POST", consents, fields, ["version", "valid_from"])
    url = f"{consents}{created['id']}/"
    probe.created(url)
    get(probe, "read back", url)
    field_error(probe, "the same version again", "POST", consents, fields, "non_field_errors")
    probe.expect(created["id"] in [r["id"] for r in listed(probe, "list", consents)], "list",
                 "the new version is not listed")
    send(probe, "update", "PUT", url, fields)
    send(probe, "partial update", "PATCH", url, {"valid_from": FAR_FUTURE})
    _documents(probe, url)
    delete(probe, "delete", url)


def _documents(probe: ProbeClient, consent: str) -> None:
    documents = f"{consent}document/"
    fields = {"language": "en", "html": "<p>probe</p>"}
    send(probe, "add a document", "POST", documents, fields, 201)
    required(probe, "add a document", "POST", documents, fields, ["language"])
    one = f"{documents}en/"
    probe.created(one)
    same(probe, "read the document", get(probe, "read the document", one), {"language": "en"})
    field_error(probe, "a second English document", "POST", documents, fields,
                "non_field_errors")
    probe.expect("en" in [r["language"] for r in listed(probe, "list documents", documents)],
                 "list documents", "the document is not listed")
    send(probe, "replace the document", "PUT", one, {"language": "en", "html": "<p>2</p>"})
    send(probe, "edit the document", "PATCH", one, {"html": "<p>3</p>"})
    delete(probe, "delete the document", one)


def activity_life(probe: ProbeClient) -> None:
    """The activity rewritten with its own values (the real server cannot create one); an
    instrument it lacks configured, read, listed, an unknown instrument refused, PUT and
    PATCH, removed and gone."""
    ids = known(probe)
    probe.require("course/activity" in ids, "find an activity", "discovery found none")
    activity = f"{base(probe)}course/{ids['institution/course']}/activity/" \
               f"{ids['course/activity']}/"
    own = get(probe, "read the activity", activity)
    values: dict[str, Any] = {"enabled": own["enabled"]}
    if own.get("conf") is not None:
        values["conf"] = own["conf"]
    same(probe, "rewrite", send(probe, "rewrite", "PUT", activity, values), values)
    same(probe, "rewrite one field", send(probe, "rewrite one field", "PATCH", activity,
                                            {"enabled": own["enabled"]}), values)
    configured = f"{activity}instrument/"
    used = {row["instrument"]["id"] for row in listed(probe, "list its instruments",
                                                      configured)}
    free = [row["id"] for row in listed(probe, "list instruments", f"{base(probe)}instrument/")
            if row["id"] not in used]
    probe.require(bool(free), "list instruments", "every instrument is already configured")
    field_error(probe, "an unknown instrument", "POST", configured,
                {"instrument_id": 987654321, "active": False}, "instrument_id")
    fields = {"instrument_id": free[0], "active": False, "options": {}}
    created = send(probe, "configure", "POST", configured, fields, 201)
    required(probe, "configure", "POST", configured, fields, ["active"])
    url = f"{configured}{created['id']}/"
    probe.created(url)
    field_error(probe, "configure it twice", "POST", configured, fields, "non_field_errors")
    probe.expect(get(probe, "read back", url)["instrument"]["id"] == free[0], "read back",
                 "another instrument was configured")
    same(probe, "update", send(probe, "update", "PUT", url, {**fields, "active": True}),
         {"active": True})
    same(probe, "partial update", send(probe, "partial update", "PATCH", url,
                                       {"active": False}), {"active": False})
    delete(probe, "delete", url)
