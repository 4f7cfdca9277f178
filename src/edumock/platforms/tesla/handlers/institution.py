"""Operations of Institution (``operationId: institution.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.institution import InstitutionResource

list, create, read, update, partial_update, destroy = bind(InstitutionResource)
