"""Silence the deprecation warnings a third-party module raises while it is being imported,
and nothing else.

Connexion 3's ``connexion.json_schema`` imports ``RefResolver`` and ``RefResolutionError``
from jsonschema, which deprecates both: three ``DeprecationWarning``s that nothing edumock
(or its user) does can cause or fix, and which would otherwise land in the summary of every
test run that uses the pytest plugin, or fail one run with ``-W error``. Filtering them in
the user's warning configuration would hide them from the user's own code too; instead, the
named module's import runs under a filter for those messages only. A warning the module's
code raises later, or any other module's, is untouched.
"""

from __future__ import annotations

import importlib.machinery
import sys
import warnings
from collections.abc import Sequence
from types import ModuleType

QUIET_WHILE_IMPORTING: dict[str, tuple[str, ...]] = {
    "connexion.json_schema": (
        r"jsonschema\.RefResolver is deprecated",
        r"jsonschema\.exceptions\.RefResolutionError is deprecated",
    ),
}
"""Module name → the messages (regular expressions) of the DeprecationWarnings its import may
raise without anyone hearing of them."""


class _QuietLoader(importlib.machinery.SourceFileLoader):
    """The usual source loader, running the module's body under a narrow filter."""

    messages: tuple[str, ...] = ()

    def exec_module(self, module: ModuleType) -> None:
        """Run the module with its known deprecations ignored (only while it runs)."""
        with warnings.catch_warnings():
            for message in self.messages:
                warnings.filterwarnings("ignore", message=message, category=DeprecationWarning)
            super().exec_module(module)


class _QuietFinder:
    """A ``sys.meta_path`` finder (duck-typed: ``importlib.abc`` alone would cost every start
    a hundredth of a second) that finds the listed modules as the path finder does and gives
    them the quiet loader."""

    def find_spec(self, fullname: str, path: Sequence[str] | None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        """The module's usual spec with ``_QuietLoader`` when it is listed; else ``None``."""
        messages = QUIET_WHILE_IMPORTING.get(fullname)
        if messages is None:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or type(spec.loader) is not importlib.machinery.SourceFileLoader:
            return spec
        loader = _QuietLoader(fullname, spec.loader.path)
        loader.messages = messages
        spec.loader = loader
        return spec


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once), before the listed modules load."""
    if not any(isinstance(finder, _QuietFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _QuietFinder())
