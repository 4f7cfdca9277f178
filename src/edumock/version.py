"""The installed edumock's version, read from the package metadata (the one place it is set:
``pyproject.toml``), for ``edumock --version``, ``/__admin/health`` and the landing page."""

from __future__ import annotations

from functools import cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as distribution_version


@cache
def version() -> str:
    """``0.1.0`` as installed; ``0+unknown`` when run from a tree that was never installed."""
    try:
        return distribution_version("edumock")
    except PackageNotFoundError:
        return "0+unknown"
