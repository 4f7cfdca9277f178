"""Sunbird state and rules: batches, enrolments, progress, certificates, aggregates, pages, jobs.

Each module validates in the real service's order and raises
:class:`~edumock.platforms.sunbird.errors.SunbirdError` with its codes.
"""
