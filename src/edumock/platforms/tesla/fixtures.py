"""Build a TeSLA world from ``fixtures/tesla.yaml`` and the seed.

Institutions with administrators, instructors and learners; VLEs with courses,
memberships, activities and instrument configurations; consent versions with
documents in several languages; SEND categories and assignments; course
groups; and reports, requests and audit rows for learners enrolled on each
activity's course. Same seed, same bytes.
"""

from __future__ import annotations

from edumock.platforms.tesla import catalogue
from edumock.platforms.tesla import collections as c
from edumock.platforms.tesla.world_builder import WorldBuilder
from edumock.world.seeding.context import FixtureContext
from edumock.world.seeding.lazy import on_first_use


@on_first_use
def build_state(ctx: FixtureContext) -> None:
    """Fill a fresh world's TeSLA store."""
    builder = WorldBuilder(ctx)
    ctx.store.put(c.CONFIG, "tesla", {"signing_key": ctx.rng.token_hex(32)})
    builder.instruments()
    builder.person(None, {"username": "tesla-admin", "uid": "tesla-admin",
                          "email": "admin@tesla.edumock.local", "first_name": "TeSLA",
                          "last_name": "Administrator", "is_staff": True})
    for route in catalogue.UI_ROUTES:
        builder.add(c.UI_OPTIONS, {"route": route, "enabled": True, "roles": None,
                                   "institution_id": None, "user_id": None})
    for index in range(int(ctx.setting("institutions", 2))):
        builder.institution(index)
    builder.finish()
