"""Build an SDR world from ``fixtures/sdr.yaml`` and the seed.

Generates organisations (EDUMIS ids), each with a year of monthly return
periods around the sandbox's current month, the OAuth clients that may act
for them, and a realistic sample submission per organisation. Records listed
explicitly in the fixture file are loaded as given.
"""

from __future__ import annotations

from typing import Any

from edumock.platforms.sdr.collections import CLIENTS, ORGANISATIONS, RETURNS, SAMPLES
from edumock.platforms.sdr.config import SdrConfig
from edumock.platforms.sdr.models.returns import new_period, return_key
from edumock.platforms.sdr.samples import sample_submission
from edumock.world.seeding.context import FixtureContext
from edumock.world.seeding.lazy import on_first_use

DEFAULT_CLIENT = {"clientId": "edumock-sdr-client", "clientSecret": "edumock-sdr-secret",
                  "organisations": "*"}
_KINDS = ("Polytechnic", "Institute of Technology", "Wānanga", "Training Academy", "College")


def _organisations(ctx: FixtureContext) -> list[dict[str, Any]]:
    explicit = ctx.explicit(ORGANISATIONS)
    taken = {str(org["edumis"]) for org in explicit}
    generated = []
    for _ in range(int(ctx.setting("organisations", 5))):
        edumis = ctx.faker.edumis()
        while edumis in taken:
            edumis = ctx.faker.edumis()
        taken.add(edumis)
        name = f"{ctx.faker.city()} {ctx.faker.random_element(_KINDS)}"
        generated.append({"edumis": edumis, "name": name})
    return [{**org, "edumis": str(org["edumis"])} for org in explicit] + generated


def _clients(ctx: FixtureContext, edumis_ids: list[str]) -> list[dict[str, Any]]:
    configured = ctx.config.get("clients") or [DEFAULT_CLIENT]
    clients = []
    for client in configured:
        orgs = client.get("organisations", "*")
        allowed = edumis_ids if orgs == "*" else [str(org) for org in orgs]
        clients.append({"clientId": str(client["clientId"]),
                        "clientSecret": str(client["clientSecret"]), "organisations": allowed})
    return clients


@on_first_use
def build_state(ctx: FixtureContext) -> None:
    """Fill a fresh world's SDR store."""
    store = ctx.store
    SdrConfig.from_fixture(ctx.config.get("limits") or {}, ctx.rng.token_hex(32)).save(store)
    organisations = _organisations(ctx)
    now = ctx.clock.now()
    months_back = int(ctx.setting("monthsBack", 11))
    months_ahead = int(ctx.setting("monthsAhead", 2))
    sample_learners = int(ctx.setting("sampleLearners", 12))
    sample_courses = int(ctx.setting("sampleCourses", 6))
    for org in organisations:
        store.put(ORGANISATIONS, org["edumis"], org)
        for offset in range(-months_back, months_ahead + 1):
            month_index = now.year * 12 + now.month - 1 + offset
            period = new_period(org["edumis"], month_index // 12, month_index % 12 + 1)
            store.put(RETURNS, return_key(org["edumis"], period["returnId"]), period)
        for period in ctx.explicit(RETURNS):
            if str(period["edumis"]) == org["edumis"]:
                store.put(RETURNS, return_key(org["edumis"], str(period["returnId"])), period)
        sample = sample_submission(ctx.faker, sample_learners, sample_courses, now.year)
        store.put(SAMPLES, org["edumis"], {"edumis": org["edumis"], **sample})
    for client in _clients(ctx, [org["edumis"] for org in organisations]):
        store.put(CLIENTS, client["clientId"], client)
