"""TeSLA's permission classes (``apps/api/permissions.py``), OR-ed per view.

Institution classes pass only when the URL starts with the actor's own
institution, so another institution's URLs are a 403, not a 404. Course
classes read the course id from the URL and check the actor is one of that
course's instructors or learners.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

from edumock.platforms.tesla.collections import COURSE_INSTRUCTORS, COURSE_LEARNERS
from edumock.platforms.tesla.errors import PermissionDenied
from edumock.platforms.tesla.models.context import Call

Rule = Callable[[Call, str | None], bool]

METADATA = "metadata"
"""The action of an ``OPTIONS`` request; like a read, it passes the read-only classes, which
test ``request.method in SAFE_METHODS`` (GET, HEAD, OPTIONS)."""
SAFE = frozenset({"list", "retrieve", METADATA})
_COURSE_IN_PATH = re.compile(r"^/api/v2/institution/(\d+)/course/(\d+)/")


def _path(call: Call) -> str:
    return urlsplit(call.url).path


def is_member(call: Call) -> bool:
    """An institution user acting on a URL of their own institution."""
    institution = call.actor.institution_id
    return institution is not None and _path(call).startswith(
        f"/api/v2/institution/{institution}/")


def _course_role(call: Call, links: str) -> bool:
    match = _COURSE_IN_PATH.match(_path(call))
    if match is None or not is_member(call):
        return False
    course_id, user_id = int(match.group(2)), call.actor.user_id
    return bool(call.store.find(links, course_id=course_id, user_id=user_id))


def allow_any(call: Call, action: str | None) -> bool:
    """DRF's default ``AllowAny`` (views without permission classes)."""
    return True


def global_admin(call: Call, action: str | None) -> bool:
    """``GlobalAdminPermission``."""
    return call.actor.is_global_admin


def global_admin_ro(call: Call, action: str | None) -> bool:
    """``GlobalAdminReadOnlyPermission``."""
    return call.actor.is_global_admin and action in SAFE


def member_ro(call: Call, action: str | None) -> bool:
    """``InstitutionMemberReadOnlyPermission``."""
    return is_member(call) and action in SAFE


def member(call: Call, action: str | None) -> bool:
    """``InstitutionMemberPermission``."""
    return is_member(call)


def flag(name: str, *, read_only: bool = False, not_delete: bool = False) -> Rule:
    """An institution role flag (inst_admin, legal_admin, send_admin, data_admin)."""
    def rule(call: Call, action: str | None) -> bool:
        if not (is_member(call) and call.actor.flag(name)):
            return False
        if read_only and action not in SAFE:
            return False
        return not (not_delete and action == "destroy")

    rule.__name__ = f"{name}{'_ro' if read_only else ''}{'_not_delete' if not_delete else ''}"
    return rule


def learner_ro(call: Call, action: str | None) -> bool:
    """``InstitutionLearnerReadOnlyPermission``: the learner, on URLs under their own id."""
    return (action in SAFE and is_member(call) and call.actor.flag("is_learner")
            and f"/learner/{call.actor.user_id}/" in _path(call))


def learner_self(call: Call, action: str | None) -> bool:
    """``InstitutionLearnerPermission`` (any method)."""
    return (is_member(call) and call.actor.flag("is_learner")
            and f"/learner/{call.actor.user_id}/" in _path(call))


def course_instructor(call: Call, action: str | None) -> bool:
    """``InstitutionCourseInstructorPermission``."""
    return _course_role(call, COURSE_INSTRUCTORS)


def course_instructor_ro(call: Call, action: str | None) -> bool:
    """``InstitutionCourseInstructorReadOnlyPermission``."""
    return action in SAFE and _course_role(call, COURSE_INSTRUCTORS)


def course_learner_ro(call: Call, action: str | None) -> bool:
    """``InstitutionCourseLearnerReadOnlyPermission``."""
    return action in SAFE and _course_role(call, COURSE_LEARNERS)


INST_ADMIN = flag("inst_admin")
INST_ADMIN_RO = flag("inst_admin", read_only=True)
INST_ADMIN_NOT_DELETE = flag("inst_admin", not_delete=True)
LEGAL_ADMIN_RO = flag("legal_admin", read_only=True)
SEND_ADMIN = flag("send_admin")
DATA_ADMIN = flag("data_admin")
DATA_ADMIN_RO = flag("data_admin", read_only=True)


def require(call: Call, action: str | None, rules: tuple[Rule, ...]) -> None:
    """Pass when any rule allows the action, as DRF OR-s permission classes."""
    if not any(rule(call, action) for rule in rules):
        raise PermissionDenied()
