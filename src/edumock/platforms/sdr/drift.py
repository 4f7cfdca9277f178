"""Where edumock's SDR answers differ on purpose from a real SDR service, for ``edumock drift``
(each also listed in docs/sdr.md). No real SDR service runs beside us, so nothing is declared
until a run against one shows a difference worth keeping."""

from __future__ import annotations

from edumock.conformance.drift import KnownDrift

KNOWN: tuple[KnownDrift, ...] = ()
