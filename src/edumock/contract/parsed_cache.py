"""Parsed specs kept on disk as JSON, so a start need not parse YAML again.

Parsing edumock's YAML specs takes about a tenth of a second, a fifth of the
start-up budget; reading the same documents back from JSON takes a few
milliseconds. Entries are named by the SHA-256 of the YAML bytes, so an
edited spec is simply a new entry, and a document is kept only when its JSON
reads back equal to what YAML produced (a YAML date or a non-string key would
not survive the trip, and such a document is parsed from YAML every time).
The folder is ``$EDUMOCK_CACHE_DIR``, else ``$XDG_CACHE_HOME/edumock``, else
``~/.cache/edumock``; set ``EDUMOCK_CACHE_DIR`` to an empty string to turn
the cache off. A cache that cannot be read or written is ignored.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Any

import orjson

VERSION = "1"
"""Part of every entry's name: bumped if what is stored ever changes meaning."""


def folder() -> Path | None:
    """Where entries live, or None when the cache is turned off."""
    chosen = os.environ.get("EDUMOCK_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) / "specs" if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "edumock" / "specs"


def _entry(text: bytes) -> Path | None:
    place = folder()
    if place is None:
        return None
    return place / f"{hashlib.sha256(text).hexdigest()}-{VERSION}.json"


def read(text: bytes) -> dict[str, Any] | None:
    """The document parsed earlier from exactly ``text``, if the cache holds it."""
    entry = _entry(text)
    if entry is None:
        return None
    try:
        document = orjson.loads(entry.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    return document if isinstance(document, dict) else None


def write(text: bytes, document: dict[str, Any]) -> None:
    """Keep ``document`` (parsed from ``text``) when JSON can carry it unchanged."""
    entry = _entry(text)
    if entry is None:
        return
    try:
        blob = orjson.dumps(document)
    except TypeError:  # a value JSON has no form for
        return
    if orjson.loads(blob) != document:
        return
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(blob)
        partial.replace(entry)  # readers never see half an entry
    except OSError:
        return
