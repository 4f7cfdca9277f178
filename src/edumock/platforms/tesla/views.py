"""Which DRF view serves each resource group of specs/tesla.yaml, and which permission
classes each operation's view runs: the handlers bind operations to these resources, and the
gate checks the same classes before the body is read."""

from __future__ import annotations

from edumock.platforms.tesla.models.activity import ActivityInstrumentResource, ActivityResource
from edumock.platforms.tesla.models.base import Resource
from edumock.platforms.tesla.models.consent import ConsentDocumentResource, ConsentResource
from edumock.platforms.tesla.models.course import CourseResource
from edumock.platforms.tesla.models.course_members import (
    CourseInstructorResource,
    CourseLearnerResource,
)
from edumock.platforms.tesla.models.group import GroupCourseResource, GroupResource
from edumock.platforms.tesla.models.institution import InstitutionResource
from edumock.platforms.tesla.models.instrument import InstrumentResource
from edumock.platforms.tesla.models.learner import LearnerResource
from edumock.platforms.tesla.models.permissions import Rule, allow_any
from edumock.platforms.tesla.models.reports import (
    ReportAuditResource,
    ReportRequestResource,
    ReportResource,
)
from edumock.platforms.tesla.models.send import LearnerSendResource, SendCategoryResource
from edumock.platforms.tesla.models.ui import UiOptionResource
from edumock.platforms.tesla.models.users import InstructorResource, UserResource
from edumock.platforms.tesla.models.vle import VleResource

VIEWS: dict[str, type[Resource]] = {
    "activity": ActivityResource,
    "activity_instrument": ActivityInstrumentResource,
    "course": CourseResource,
    "course_instructor": CourseInstructorResource,
    "course_learner": CourseLearnerResource,
    "group": GroupResource,
    "group_course": GroupCourseResource,
    "ic": ConsentResource,
    "ic_document": ConsentDocumentResource,
    "institution": InstitutionResource,
    "instructor": InstructorResource,
    "instrument": InstrumentResource,
    "learner": LearnerResource,
    "learner_send": LearnerSendResource,
    "report": ReportResource,
    "report_audit": ReportAuditResource,
    "report_request": ReportRequestResource,
    "send": SendCategoryResource,
    "ui": UiOptionResource,
    "user": UserResource,
    "vle": VleResource,
}
"""Resource group (an operationId's prefix) → its viewset."""

ACTIONS = {"list": "list", "create": "create", "read": "retrieve", "update": "update",
           "partial_update": "partial_update", "destroy": "destroy", "current": "retrieve",
           "enrolment": "retrieve", "ic_accept": "update", "ic_reject": "update"}
"""An operationId's suffix → the DRF action the permission rules are asked about (the
``@action`` routes' rules only tell reads from writes)."""

_OWN_RULES: dict[str, tuple[Rule, ...]] = {
    "learner.ic_accept": LearnerResource.ic_permissions,
    "learner.ic_reject": LearnerResource.ic_permissions,
    "learner.enrolment": LearnerResource.enrolment_permissions,
}


def permissions_of(operation_id: str) -> tuple[Rule, ...]:
    """The permission classes of the view serving an operation (an ``@action`` route has its
    own, whatever the method)."""
    if operation_id in _OWN_RULES:
        return _OWN_RULES[operation_id]
    if operation_id.startswith("auth."):
        return (allow_any,)  # the login views: anyone may try a password
    return VIEWS[operation_id.split(".", 1)[0]].permissions
