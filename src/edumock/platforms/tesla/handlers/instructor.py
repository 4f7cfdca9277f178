"""Operations of Instructor (``operationId: instructor.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.users import InstructorResource

list, create, read, update, partial_update, destroy = bind(InstructorResource)
