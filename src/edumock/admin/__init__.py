"""Handlers of the admin API (``specs/admin.yaml``): one module per resource.

Admin handlers reach platforms only through the :class:`~edumock.platform.Platform`
values the sandbox was built with, never by import.
"""
