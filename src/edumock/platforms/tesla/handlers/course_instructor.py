"""Operations of CourseInstructor (``operationId: course_instructor.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.course_members import CourseInstructorResource

list, create, read, update, partial_update, destroy = bind(CourseInstructorResource)
