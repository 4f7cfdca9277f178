"""The TeSLA workflows ``edumock probe`` plays against any TeSLA CE server, reaching every
operation of the institution API v2.

Read-only scenarios come first: discovery lists every collection (walking each page) and
reads one record of each, searches, filters and orders, sees another institution's data
refused and a learner's consent action refused to an administrator (403); then every GET
is refused a forged token (401) and an unknown id or parent (404), each list whose filters
check their values is sent one they refuse (400), every operation under another
institution is refused (403), and every path answers a method it does not declare with 405
(403 on the views the administrator may only read: permissions come first), every path
answers HEAD (where it declares GET) and OPTIONS as Django REST framework does, and the login
views refuse what they refuse. The lives
follow, each creating only records named by the run (deleted at its end): learners, SEND, a
learner's consent, an instructor, a user with a UI option, the institution's settings
rewritten unchanged, a VLE, groups with a linked course, consent versions with documents, an
activity's instrument; last, every write is refused a forged token, an unknown id, a
text/plain body (415) and a list body.

The institution is 1 unless ``--param institution=ID`` names another (and
``--param other_institution=ID`` the one whose data must stay out of reach). The token must
be an institution administrator's who is also a data administrator (only they delete
users); edumock mints one when no ``--token`` is given.
"""

from __future__ import annotations

from collections.abc import Mapping

from edumock.conformance.probe_client import ProbeClient
from edumock.conformance.usage import UsageError
from edumock.platforms.tesla.probe.common import institution, note_minted
from edumock.platforms.tesla.probe.everywhere import (
    other_institutions_refused,
    undeclared_methods_refused,
)
from edumock.platforms.tesla.probe.filters import filters_refused
from edumock.platforms.tesla.probe.framework import framework_methods
from edumock.platforms.tesla.probe.learners import learner_life, refused_create
from edumock.platforms.tesla.probe.login import login_views
from edumock.platforms.tesla.probe.people import (
    consent_of_a_learner,
    instructor_life,
    send_life,
    user_life,
)
from edumock.platforms.tesla.probe.reading import boundaries, courses, discover, people
from edumock.platforms.tesla.probe.refusals import reads_refused, writes_refused
from edumock.platforms.tesla.probe.structure import (
    activity_life,
    consent_life,
    group_life,
    institution_settings,
    vle_life,
)

__all__ = ["SCENARIOS", "authenticate"]


def authenticate(probe: ProbeClient, token: str | None,
                 extra_headers: Mapping[str, str]) -> dict[str, str]:
    """``Authorization: JWT <token>``: the one given, or one from the platform's own login
    (``--username`` is the e-mail of an institution and data administrator), or minted as such
    by edumock's admin API."""
    if token is None and probe.credentials.get("username"):
        answer = probe.login("log in", "POST", "/api/v2/auth/login", json={
            "email": probe.credentials["username"],
            "password": probe.credentials.get("password", "")})
        if answer.status_code != 200:
            raise UsageError(f"the TeSLA login refused {probe.credentials['username']}: "
                             f"{answer.status_code} {answer.text[:200]}")
        token = str(answer.json()["token"]["access_token"])
    if token is None:
        token = str(probe.mint({"platform": "tesla", "roles": ["inst_admin", "data_admin"],
                                "institution_id": int(institution(probe))})["token"])
        note_minted(probe)
    return {"Authorization": f"JWT {token}"}


SCENARIOS = [
    ("discovery", discover),
    ("courses and reports", courses),
    ("people, groups and consent", people),
    ("other institutions and methods", boundaries),
    ("reads refused", reads_refused),
    ("filters refused", filters_refused),
    ("another institution", other_institutions_refused),
    ("undeclared methods", undeclared_methods_refused),
    ("head and options", framework_methods),
    ("login", login_views),
    ("learner life", learner_life),
    ("refused create", refused_create),
    ("send", send_life),
    ("consent of a learner", consent_of_a_learner),
    ("instructor life", instructor_life),
    ("user life", user_life),
    ("institution settings", institution_settings),
    ("vle life", vle_life),
    ("group life", group_life),
    ("consent life", consent_life),
    ("activity life", activity_life),
    ("writes refused", writes_refused),
]
