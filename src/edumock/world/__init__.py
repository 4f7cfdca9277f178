"""All state of a sandbox world, and nothing else: the world itself, its clock and seeded
randomness, its store, journal, faults and coverage, the registry of named worlds, and the
seeding that fills a world from the fixtures.

This is the part a shared engine would hold; the serving machinery reads and changes it only
through these types. Platforms receive a :class:`World` in every handler.
"""

from __future__ import annotations

from edumock.world.world import SnapshotInvalid, World

__all__ = ["SnapshotInvalid", "World"]
