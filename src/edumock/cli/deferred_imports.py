"""Libraries Connexion imports at start-up for features ``edumock serve`` never uses.

Connexion imports ``requests`` (to fetch remote ``$ref`` documents) and
``httpx`` (to ask a remote OAuth2 server about tokens; it pulls in ``rich``
and ``pygments`` for its own command line) as soon as it is imported: together
close to a tenth of a second of every cold start. edumock hands Connexion
local, already-parsed specs and its own security handlers, so the server never
touches them. (Connexion's ``jinja2`` would be a third, but Flask, which
Connexion also imports, uses it at once.)

Each is registered as a stand-in module that imports the real library the
first time anything reads one of its attributes, and from then on forwards
every read to it. (The standard library's ``LazyLoader`` cannot do this on
Python 3.11: the ``import`` statement itself reads the module's ``__spec__``,
which makes it load at once.) Only ``edumock serve`` installs them, before
anything imports Connexion, and a library already imported is left alone.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import threading
import types
from typing import Any

DEFERRED = ("httpx", "requests")


class _StandIn(types.ModuleType):
    """A module that becomes the real one on first use."""

    def __init__(self, name: str, spec: Any) -> None:
        super().__init__(name)
        self.__spec__ = spec
        self._edumock_lock = threading.Lock()

    def __getattr__(self, attribute: str) -> Any:
        """Called only for attributes the stand-in lacks: load the library, then forward."""
        with self._edumock_lock:
            if sys.modules.get(self.__name__) is self:
                del sys.modules[self.__name__]
                real = importlib.import_module(self.__name__)
                self.__dict__.update({k: v for k, v in vars(real).items() if k != "__class__"})
        return getattr(sys.modules[self.__name__], attribute)


def defer(names: tuple[str, ...] = DEFERRED) -> list[str]:
    """Register a stand-in for each named library not imported yet; returns their names."""
    deferred = []
    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None:
            continue
        sys.modules[name] = _StandIn(name, spec)
        deferred.append(name)
    return deferred
