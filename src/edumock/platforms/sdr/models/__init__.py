"""SDR state and rules: return periods, submission tokens, uploads and validation runs.

Handlers call :class:`~edumock.platforms.sdr.models.backend.SdrBackend`; every
rule and state transition lives in this package and raises the typed errors
of :mod:`edumock.platforms.sdr.errors`.
"""
