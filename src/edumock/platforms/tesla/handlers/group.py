"""Operations of Group (``operationId: group.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.group import GroupResource

list, create, read, update, partial_update, destroy = bind(GroupResource)
