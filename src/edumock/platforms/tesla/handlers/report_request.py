"""Operations of ReportRequest (``operationId: report_request.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.reports import ReportRequestResource

list, create, read, update, partial_update, destroy = bind(ReportRequestResource)
