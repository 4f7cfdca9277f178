"""Operations of ReportAudit (``operationId: report_audit.<action>``)."""

from edumock.platforms.tesla.handlers.binding import bind
from edumock.platforms.tesla.models.reports import ReportAuditResource

list, create, read, update, partial_update, destroy = bind(ReportAuditResource)
