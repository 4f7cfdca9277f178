"""Operations of ConsentDocument (``operationId: ic_document.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.consent import ConsentDocumentResource

list, create, read, update, partial_update, destroy = bind(ConsentDocumentResource)
