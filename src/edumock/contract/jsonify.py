"""JSON in and out of the hot path with orjson, falling back to the standard library.

orjson encodes and decodes several times faster than :mod:`json`; where it
refuses a value the standard library accepts (an integer beyond 64 bits, a
non-finite float written by a handler), the standard library answers instead,
so nothing that used to encode fails now. Output is compact, as the platforms'
own servers write it.
"""

from __future__ import annotations

import json
from typing import Any

import orjson
from connexion.jsonifier import Jsonifier

_OPTIONS = orjson.OPT_NON_STR_KEYS


def dumps(data: Any, **_: Any) -> str:
    """``data`` as compact JSON text."""
    try:
        return orjson.dumps(data, option=_OPTIONS).decode()
    except TypeError:  # orjson.JSONEncodeError: a value orjson will not write
        return json.dumps(data, separators=(",", ":"))


def loads(data: str | bytes) -> Any:
    """Parse JSON text (bytes or str)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


class _Codec:
    """The module-shaped object Connexion's :class:`Jsonifier` expects."""

    dumps = staticmethod(dumps)
    loads = staticmethod(loads)


JSONIFIER = Jsonifier(_Codec)
"""The jsonifier every API of the app serialises handler data with."""
