"""JSON in and out of the hot path with orjson, falling back to the standard library.

orjson encodes and decodes several times faster than :mod:`json`; where it
refuses a value the standard library accepts (an integer beyond 64 bits), the
standard library answers instead, so nothing that used to encode fails now.
Output is compact, as the platforms' own servers write it, and handler data
goes straight to the bytes that are sent.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from connexion.jsonifier import Jsonifier

_OPTIONS = orjson.OPT_NON_STR_KEYS


def loads(data: str | bytes) -> Any:
    """Parse JSON text (bytes or str)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


class _BytesJsonifier(Jsonifier):  # type: ignore[misc]
    """Handler data straight to the bytes that are sent, newline included. Connexion's own
    jsonifier makes text, adds the newline and leaves Starlette to encode it: three copies of
    a large answer alive at once where one will do."""

    def __init__(self) -> None:
        super().__init__(json)

    def dumps(self, data: Any, **_: Any) -> bytes:
        try:
            return orjson.dumps(data, option=_OPTIONS | orjson.OPT_APPEND_NEWLINE)
        except TypeError:  # orjson.JSONEncodeError: a value orjson will not write
            return (json.dumps(data, separators=(",", ":")) + "\n").encode()

    def loads(self, data: str | bytes) -> Any:
        return loads(data)


JSONIFIER = _BytesJsonifier()
"""The jsonifier every API of the app serialises handler data with."""
