"""Sunbird Lern course service: batches, enrolment, progress, certificates, pages and jobs."""
