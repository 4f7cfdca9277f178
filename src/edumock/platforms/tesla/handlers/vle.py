"""Operations of Vle (``operationId: vle.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.vle import VleResource

list, create, read, update, partial_update, destroy = bind(VleResource)
