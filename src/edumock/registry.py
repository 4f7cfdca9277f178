"""The platforms edumock serves: one line each. Imported only by the composition roots."""

from __future__ import annotations

from edumock.platform import Platform
from edumock.platforms import sdr, sunbird, tesla

PLATFORMS: tuple[Platform, ...] = (sdr.PLATFORM, tesla.PLATFORM, sunbird.PLATFORM)


def select(names: tuple[str, ...] | list[str]) -> tuple[Platform, ...]:
    """The named platforms in registry order (all of them for an empty selection)."""
    if not names:
        return PLATFORMS
    known = {platform.name: platform for platform in PLATFORMS}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise KeyError(f"unknown platform(s): {', '.join(unknown)}; known: {', '.join(known)}")
    return tuple(platform for platform in PLATFORMS if platform.name in names)
