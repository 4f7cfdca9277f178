"""Where the specs and default fixtures live, in a checkout or an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
_CHECKOUT_ROOT = _PACKAGE_DIR.parents[1]


def _data_dir(name: str) -> Path:
    bundled = _PACKAGE_DIR / "_data" / name
    return bundled if bundled.is_dir() else _CHECKOUT_ROOT / name


def specs_dir() -> Path:
    """The directory holding every OpenAPI file (``specs/`` in a checkout)."""
    return _data_dir("specs")


def fixtures_dir() -> Path:
    """The directory holding the default fixture files (``fixtures/`` in a checkout)."""
    return _data_dir("fixtures")
