"""Where edumock's Sunbird answers differ on purpose from a real Sunbird Lern service, for
``edumock drift`` (each also listed in docs/sunbird.md). No real Sunbird service runs beside
us, so nothing is declared until a run against one shows a difference worth keeping. (The
steps the probe plays against edumock alone, through its admin API, are not played in a
drift run at all.)"""

from __future__ import annotations

from edumock.conformance.drift import KnownDrift

KNOWN: tuple[KnownDrift, ...] = ()
