"""A usage error: the run cannot start (unreadable input, unknown platform, unreachable
upstream). Commands print its message and exit with 2."""

from __future__ import annotations

USAGE_EXIT = 2


class UsageError(Exception):
    """Raised with a message a person can act on."""
