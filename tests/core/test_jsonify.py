"""Handler data is written with orjson, once, as the bytes sent; the standard library steps in
where orjson refuses a value."""

from __future__ import annotations

from edumock.serving.jsonify import JSONIFIER, loads


def test_handler_data_is_written_once_as_the_bytes_sent() -> None:
    assert JSONIFIER.dumps({"a": [1, "é"], 2: None}) == '{"a":[1,"é"],"2":null}\n'.encode()
    huge = {"n": 2**70}  # beyond orjson's integers: the standard library writes it
    assert JSONIFIER.dumps(huge) == b'{"n":1180591620717411303424}\n'
    assert loads(JSONIFIER.dumps(huge)) == huge
