"""Operations of Activity (``operationId: activity.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.activity import ActivityResource

list, create, read, update, partial_update, destroy = bind(ActivityResource)
