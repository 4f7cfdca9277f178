"""The SDR workflows ``edumock probe`` plays against any SDR server: the credentials and
their refusals, every path's refusal of a method it does not declare, the ESL token
endpoint, return periods, the submission token and its reset and declines, batched uploads
and deletes of the five data sets with their refusals, and a validation run from queued to
its verdict.

Read-only scenarios come first (a ``--read-only`` run stops each scenario at its first
write); the one that moves the sandbox clock past every token's lifetime comes last.
"""

from __future__ import annotations

from edumock.platforms.sdr.probe.access import (
    authenticate,
    credential_refusals,
    esl_token,
    undeclared_methods,
)
from edumock.platforms.sdr.probe.returns import return_periods, unknown_token
from edumock.platforms.sdr.probe.tokens import declined_tokens, submission_token
from edumock.platforms.sdr.probe.uploads import refused_batches, uploads_and_deletes
from edumock.platforms.sdr.probe.validation import expired_token, validation

__all__ = ["SCENARIOS", "authenticate"]

SCENARIOS = [
    ("return periods", return_periods),
    ("credentials", credential_refusals),
    ("undeclared methods", undeclared_methods),
    ("unknown token", unknown_token),
    ("declined tokens", declined_tokens),
    ("esl token", esl_token),
    ("submission token", submission_token),
    ("uploads and deletes", uploads_and_deletes),
    ("refused batches", refused_batches),
    ("validation", validation),
    ("expired token", expired_token),
]
