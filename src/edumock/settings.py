"""Every default of edumock, in one frozen value built from the CLI or by tests, and where the
specs and default fixtures live (in a checkout or an installed wheel)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

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




@dataclass(frozen=True, slots=True)
class Settings:
    """How one edumock server is configured."""

    host: str = "127.0.0.1"
    port: int = 8080
    seed: int = 42
    platforms: tuple[str, ...] = ()
    """Names of the platforms to serve; empty means every registered platform."""
    specs_dir: Path = field(default_factory=specs_dir)
    fixtures_dir: Path = field(default_factory=fixtures_dir)
    start_time: datetime | None = None
    """Freeze the sandbox clock at this instant (None: follow real time)."""
    validate_responses: bool = True
    swagger_ui: bool = True
    violation_log_size: int = 1000
    """How many response-contract violations are kept for inspection."""
    journal_size: int = 1000
    """How many requests each world's journal keeps (the oldest go first)."""
    journal_body_limit: int = 16384
    """Bytes of each request and response body the journal keeps."""
    admin_key: str | None = None
    """When set, every admin call must send it as ``X-Edumock-Admin-Key`` (required to serve
    on an address other than loopback)."""
    max_worlds: int = 100
    """How many worlds (``X-Edumock-World``) may exist; the least recently used goes first."""
    max_body_bytes: int = 10 * 1024 * 1024
    """The largest request body accepted; a bigger one is a 413 before it is read whole."""
    store: str | None = None
    """Keep world state in this Valkey/Redis engine (``redis://``, ``rediss://``, ``unix://``,
    or a Cluster: ``redis+cluster://``) instead of this process's memory, so many workers and
    hosts share one sandbox."""
    lease_ms: int = 10_000
    """How long a world's lease lasts unless renewed (with ``store``): a worker killed
    mid-request keeps its world locked at most this long; a live one renews every third."""
    request_log: str | None = None
    """Write one line per request to stdout: ``"text"`` (coloured on a terminal) or
    ``"json"``; None writes none (the default off the command line, so tests stay quiet)."""
    handler_threads: bool = False
    """Run handlers on worker threads instead of inline on the event loop: slower per request,
    but a long handler (a huge upload) no longer holds every other request while it runs."""

    def with_changes(self, **changes: Any) -> Settings:
        """A copy with some fields replaced (None values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})
