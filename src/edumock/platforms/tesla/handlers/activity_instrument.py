"""Operations of ActivityInstrument (``operationId: activity_instrument.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.activity import ActivityInstrumentResource

list, create, read, update, partial_update, destroy = bind(ActivityInstrumentResource)
