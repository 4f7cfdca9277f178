"""Operations of Instrument (``operationId: instrument.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.instrument import InstrumentResource

list, create, read, update, partial_update, destroy = bind(InstrumentResource)
