"""Identifiers in Sunbird's shapes, drawn from a seeded stream: ``do_…`` content ids,
numeric-string batch ids, UUID user ids."""

from __future__ import annotations

from edumock.world.randomness import SeededRandom


def content_id(rng: SeededRandom) -> str:
    """``do_11305961646828748812224``-style content identifier."""
    return f"do_113{rng.digits(20)}"


def batch_id(rng: SeededRandom) -> str:
    """``01314396679983104011``-style batch identifier (kept a string, as clients send it)."""
    return f"01{rng.digits(18)}"


def page_id(rng: SeededRandom) -> str:
    """Page and section identifiers are numeric strings too."""
    return f"01{rng.digits(17)}"
