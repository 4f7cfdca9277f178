"""Operations of UiOption (``operationId: ui.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.ui import UiOptionResource

list, create, read, update, partial_update, destroy = bind(UiOptionResource)
