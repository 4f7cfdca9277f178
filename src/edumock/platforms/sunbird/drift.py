"""Where edumock's Sunbird answers differ on purpose from a real Sunbird Lern service, for
``edumock drift`` (each also listed in docs/sunbird.md). No real Sunbird service runs beside
us, so no difference of behaviour is declared until a run against one shows one worth keeping;
what is declared are the steps the probe plays against edumock alone."""

from __future__ import annotations

from edumock.conformance.drift import KnownDrift

KNOWN: tuple[KnownDrift, ...] = (
    KnownDrift("server failures/*", "$step",
               "played against edumock only: each operation's 500 comes from a fault injected "
               "through edumock's admin API, and a real service cannot be made to fail"),
    KnownDrift("group aggregate/aggregate", "$step",
               "played against edumock with a seeded group read from its admin API; elsewhere "
               "only with --param groupId, since the API neither lists nor creates groups"),
)
