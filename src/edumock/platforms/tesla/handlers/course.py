"""Operations of Course (``operationId: course.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.course import CourseResource

list, create, read, update, partial_update, destroy = bind(CourseResource)
