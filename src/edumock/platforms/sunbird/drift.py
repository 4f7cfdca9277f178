"""Where edumock's Sunbird answers differ on purpose from a real Sunbird Lern service, for
``edumock drift`` (each also listed in docs/sunbird.md). No real Sunbird service runs beside
us, so only differences edumock chose against upstream's code are declared. (The steps the
probe plays against edumock alone, through its admin API, are not played in a drift run at
all.)"""

from __future__ import annotations

from edumock.conformance.drift import KnownDrift

KNOWN: tuple[KnownDrift, ...] = (
    KnownDrift("completion and certificate/read the template",
               "$.result.response.cert_templates.*",
               "a template added without signatoryList: lms-service writes the asset's "
               "signatories under issuer (its else-branch repeats the issuer's key), edumock "
               "keeps the issuer under issuer and the asset's signatories under signatoryList"),
)
