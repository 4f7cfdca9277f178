"""Operations of User (``operationId: user.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.users import UserResource

list, create, read, update, partial_update, destroy = bind(UserResource)
