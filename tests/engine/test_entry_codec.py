"""Journal entries as the engine keeps them: compressed, bodies raw, every field back."""

from __future__ import annotations

from dataclasses import asdict

import orjson

from edumock.world.engine.entry_codec import pack, unpack
from edumock.world.journal import EntryFields, JournalEntry


def _entry(request_body: str, response_body: str) -> JournalEntry:
    return JournalEntry(
        id=7, time="2026-01-01T00:00:00+00:00", world="w", platform="tesla",
        operation_id="learner_list", method="POST", path="/api/v2/x/", query="a=1&b=é",
        status=201, verdict="ok", duration_ms=1.25, request_headers={"x-h": "v\nw"},
        request_body=request_body, response_body=response_body,
        changes=[{"collection": "learners", "key": "1", "change": "created"}],
        problems=["one"])


def _fields(entry: JournalEntry) -> EntryFields:
    return {name: value for name, value in asdict(entry).items() if name != "id"}


def test_every_field_and_both_bodies_come_back_under_the_engines_id():
    for request_body, response_body in [("", ""), ('{"a": "\\n"}\n', "ü\n{}\n\x00"),
                                        ("ñ" * 5000, ""), ("", "line\n" * 3000)]:
        entry = _entry(request_body, response_body)
        back = unpack(41, pack(_fields(entry)))
        assert back == JournalEntry(**{**orjson.loads(orjson.dumps(entry)), "id": 41})


def test_a_page_of_results_is_kept_in_a_fraction_of_its_text():
    page = orjson.dumps({"count": 40, "results": [
        {"id": n, "institution": {"id": 1, "acronym": "PU1", "name": "University"},
         "username": f"learner{n}@pu1.ac.nz", "consent": None} for n in range(40)]}).decode()
    entry = _entry("", page)
    assert len(pack(_fields(entry))) < len(orjson.dumps(entry)) / 3
