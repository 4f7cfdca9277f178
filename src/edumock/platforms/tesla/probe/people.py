"""Lives of the institution's people and what hangs on them: SEND categories assigned to a
learner of the run's own, a learner's informed consent, instructors, and users with their
UI options. Every record is named by the run and deleted at its end."""

from __future__ import annotations

from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.tesla.probe.common import (
    FAR_FUTURE,
    attempt,
    base,
    delete,
    field_error,
    get,
    known,
    listed,
    minted,
    required,
    same,
    send,
)
from edumock.platforms.tesla.probe.learners import domain, new_learner, person


def send_life(probe: ProbeClient) -> None:
    """A SEND category: created, read, searched, PUT and PATCH; assigned to a new learner,
    whose ``send`` then shows it; the assignment read, updated, refused twice, deleted."""
    learner = new_learner(probe, domain(probe))
    categories = f"{base(probe)}send/"
    fields: dict[str, Any] = {"description": probe.unique("probe send "),
                              "data": {"enabled_options": ["big_fonts"],
                                       "disabled_instruments": []}}
    wrong = {**fields, "data": {"enabled_options": ["loud_colours"]}}
    response = probe.call("an unknown option", "POST", categories, json=wrong)
    if probe.expect_status(response, 400, "an unknown option"):
        probe.expect(response.json() == {"data": {"enabled_options": [
            '"loud_colours" is not a valid choice.']}}, "an unknown option", response.text)
    category = send(probe, "create a category", "POST", categories, fields, 201)
    required(probe, "create a category", "POST", categories, fields, ["description"])
    url = f"{categories}{category['id']}/"
    probe.created(url)
    same(probe, "read the category", get(probe, "read the category", url), fields)
    searched = attempt(probe, "search categories", "GET", categories, limit=100,
                       search=fields["description"])
    if searched is not None:
        probe.expect(category["id"] in [r["id"] for r in searched["results"]],
                     "search categories", "the new category is not found by its description")
    replaced = {**fields, "data": {"enabled_options": ["high_contrast"],
                                   "disabled_instruments": []}}
    same(probe, "replace the category", send(probe, "replace the category", "PUT", url,
                                               replaced), replaced)
    same(probe, "rename the category", send(probe, "rename the category", "PATCH", url,
                                              {"description": fields["description"] + "b"}),
         {"data": replaced["data"]})

    assignments = f"{base(probe)}learner/{learner['id']}/send/"
    assigned = send(probe, "assign", "POST", assignments, {"category": category["id"]}, 201)
    required(probe, "assign", "POST", assignments, {"category": category["id"]}, ["category"])
    one = f"{assignments}{assigned['id']}/"
    probe.created(one)
    field_error(probe, "assign again", "POST", assignments, {"category": category["id"]},
                "non_field_errors")
    get(probe, "read the assignment", one)
    probe.expect(assigned["id"] in [r["id"] for r in listed(probe, "list assignments",
                                                             assignments)],
                 "list assignments", "the assignment is not listed")
    shown = get(probe, "read the learner", f"{base(probe)}learner/{learner['id']}/")
    probe.expect(shown.get("send", {}).get("is_send") is True, "read the learner",
                 f"the learner's send is {shown.get('send')}")
    dated = {"category": category["id"], "expires_at": FAR_FUTURE}
    send(probe, "replace the assignment", "PUT", one, dated)
    send(probe, "extend the assignment", "PATCH", one, {"expires_at": FAR_FUTURE})
    delete(probe, "delete the assignment", one)
    shown = get(probe, "read the learner after", f"{base(probe)}learner/{learner['id']}/")
    probe.expect(not shown.get("send", {}).get("is_send"), "read the learner after",
                 f"a deleted assignment still shows: {shown.get('send')}")
    delete(probe, "delete the category", url)


def consent_of_a_learner(probe: ProbeClient) -> None:
    """Only the learner accepts or rejects their consent: an administrator is refused. When
    the run mints its own credentials, the learner does it: nothing to reject (404), an
    unknown version (404), the current one accepted, accepting it again (400), rejected."""
    learner = new_learner(probe, domain(probe))
    path = f"{base(probe)}learner/{learner['id']}/ic/"
    current = get(probe, "read the current consent", f"{base(probe)}ic/current/")
    for method, body in (("POST", {"version": current["version"]}), ("DELETE", None)):
        step = f"{method} as an administrator"
        probe.expect_status(probe.call(step, method, path, json=body), 403, step)
    if not minted(probe):
        return
    token = probe.mint({"platform": "tesla", "user_id": learner["id"]})["token"]
    as_learner = {"Authorization": f"JWT {token}"}

    def answer(label: str, method: str, body: object, status: int) -> object:
        response = probe.call(label, method, path, json=body, headers=as_learner)
        return probe.require_status(response, status, label)

    probe.expect(answer("reject nothing", "DELETE", None, 404) == "No Informed Consent to reject",
                 "reject nothing", "not the upstream message")
    probe.expect(answer("accept an unknown version", "POST", {"version": "0.0.1"}, 404)
                 == "Informed Consent not found", "accept an unknown version",
                 "not the upstream message")
    response = probe.call("accept without a version", "POST", path, json={},
                          headers=as_learner, invalid=True)
    probe.expect_status(response, 400, "accept without a version")
    accepted = answer("accept", "POST", {"version": current["version"]}, 200)
    probe.expect(isinstance(accepted, dict) and accepted.get("consent_accepted") is not None,
                 "accept", f"consent_accepted not set: {accepted}")
    probe.expect(answer("accept again", "POST", {"version": current["version"]}, 400)
                 == "Cannot downgrade consent", "accept again", "not the upstream message")
    rejected = answer("reject", "DELETE", None, 200)
    probe.expect(isinstance(rejected, dict) and rejected.get("consent_rejected") is not None,
                 "reject", f"consent_rejected not set: {rejected}")


def instructor_life(probe: ProbeClient) -> None:
    """One instructor (the real server creates one at a time): created, read, listed,
    a taken uid refused, PUT and PATCH, deleted and gone."""
    instructors = f"{base(probe)}instructor/"
    fields = person(probe, domain(probe), "probeteacher")
    created = send(probe, "create", "POST", instructors, fields, 201)
    required(probe, "create", "POST", instructors, fields, ["uid"])
    url = f"{instructors}{created['id']}/"
    probe.created(url)
    same(probe, "read back", get(probe, "read back", url), fields)
    probe.expect(created["id"] in [r["id"] for r in listed(probe, "list", instructors)],
                 "list", "the new instructor is not listed")
    field_error(probe, "a uid already used", "POST", instructors,
                {**person(probe, domain(probe)), "uid": fields["uid"]}, "non_field_errors")
    replaced = {**fields, "first_name": "Replaced"}
    same(probe, "update", send(probe, "update", "PUT", url, replaced), replaced)
    same(probe, "partial update",
         send(probe, "partial update", "PATCH", url, {"last_name": "Patched"}),
         {"first_name": "Replaced", "last_name": "Patched"})
    delete(probe, "delete", url)


def user_life(probe: ProbeClient) -> None:
    """A user with a password: mismatched passwords and a taken username refused; read,
    filtered, searched, PUT and PATCH; a UI option of theirs created, read, listed, updated,
    an unknown route refused, deleted; the user deleted and gone."""
    users = f"{base(probe)}user/"
    someone = person(probe, domain(probe), "probeuser")
    fields = {**someone, "username": someone["uid"], "password": "Pr0be-pass",
              "password2": "Pr0be-pass"}
    field_error(probe, "passwords that differ", "POST", users,  # compared only if login is allowed
                {**fields, "password2": "other", "login_allowed": True}, "non_field_errors",
                "Passwords does not match")
    created = send(probe, "create", "POST", users, fields, 201)
    required(probe, "create", "POST", users, fields, ["username", "uid"])
    url = f"{users}{created['id']}/"
    probe.created(url)
    shown = {k: v for k, v in fields.items() if not k.startswith("password")}
    same(probe, "read back", get(probe, "read back", url), shown)
    probe.expect([r["id"] for r in listed(probe, "filter by username", users,
                                          username=fields["username"])] == [created["id"]],
                 "filter by username", "the new user is not found by username")
    field_error(probe, "a username already used", "POST", users,
                {**fields, "uid": probe.unique("probeuser")}, "username",
                "This field must be unique.")
    replaced = {**fields, "first_name": "Replaced"}
    same(probe, "update", send(probe, "update", "PUT", url, replaced),
         {"first_name": "Replaced", "uid": fields["uid"]})
    same(probe, "partial update", send(probe, "partial update", "PATCH", url,
                                       {"last_name": "Patched"}), {"last_name": "Patched"})
    _ui_life(probe, created["id"])
    delete(probe, "delete", url)


def _ui_life(probe: ProbeClient, user: int) -> None:
    options = f"{base(probe)}ui/"
    routes = [r["route"] for r in known(probe).get("rows/ui", []) if r.get("is_global")] or \
        [r["route"] for r in listed(probe, "list UI options", options) if r.get("is_global")]
    probe.require(bool(routes), "list UI options", "no global route to configure")
    fields = {"route": routes[0], "enabled": False, "user": user}
    field_error(probe, "an unknown route", "POST", options,
                {**fields, "route": "/no/such/route"}, "route", "Invalid Route")
    created = send(probe, "create a UI option", "POST", options, fields, 201)
    required(probe, "create a UI option", "POST", options, fields, ["route"])
    url = f"{options}{created['id']}/"
    probe.created(url)
    same(probe, "read the UI option", get(probe, "read the UI option", url), fields)
    field_error(probe, "the same route again", "POST", options, fields, "non_field_errors",
                "This route already exists")
    same(probe, "replace the UI option", send(probe, "replace the UI option", "PUT", url,
                                                {**fields, "enabled": True}),
         {"enabled": True})
    disabled = attempt(probe, "disable the UI option", "PATCH", url, {"enabled": False})
    if disabled is not None:
        same(probe, "disable the UI option", disabled, {"enabled": False})
    delete(probe, "delete the UI option", url)
