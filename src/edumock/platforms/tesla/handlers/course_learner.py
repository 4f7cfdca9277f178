"""Operations of CourseLearner (``operationId: course_learner.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.course_members import CourseLearnerResource

list, create, read, update, partial_update, destroy = bind(CourseLearnerResource)
