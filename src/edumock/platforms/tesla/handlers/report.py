"""Operations of Report (``operationId: report.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.reports import ReportResource

list, create, read, update, partial_update, destroy = bind(ReportResource)
