"""Operations of GroupCourse (``operationId: group_course.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.group import GroupCourseResource

list, create, read, update, partial_update, destroy = bind(GroupCourseResource)
