"""Operations of SendCategory (``operationId: send.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.send import SendCategoryResource

list, create, read, update, partial_update, destroy = bind(SendCategoryResource)
