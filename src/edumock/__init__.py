"""edumock: a contract-first sandbox of education platform APIs.

``create_app``, ``Settings`` and ``__version__`` are read on first use, so that importing a
submodule (the command line, the pytest plugin) does not load the web stack
before it is needed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from edumock import import_warnings

# Before anything of edumock's imports Connexion (see import_warnings for which and why).
import_warnings.install()

if TYPE_CHECKING:
    from edumock.app import create_app
    from edumock.settings import Settings

__all__ = ["Settings", "__version__", "create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from edumock.app import create_app

        return create_app
    if name == "Settings":
        from edumock.settings import Settings

        return Settings
    if name == "__version__":
        from edumock.version import version

        return version()
    raise AttributeError(f"module 'edumock' has no attribute {name!r}")
