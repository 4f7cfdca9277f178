"""Where edumock's TeSLA answers differ on purpose from the real TeSLA CE 1.0.10 server, for
``edumock drift`` (each also listed in docs/tesla.md with its reason)."""

from __future__ import annotations

from edumock.conformance.drift import KnownDrift

KNOWN: tuple[KnownDrift, ...] = ()
