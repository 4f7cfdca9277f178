"""Batched uploads and deletes of the five data sets: created, replaced, deleted per
``localId``, and every refused batch (schema, repeated localId, too many records, unknown
token, wrong media type) named record by record and storing nothing.

SDR has no way to read uploaded records back, so their effects are observed as the API shows
them: a re-upload of a stored ``localId`` is ``Updated``, one never stored is ``Created``, a
deleted one cannot be deleted again, and validation judges exactly what was kept.
"""

from __future__ import annotations

from typing import Any

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sdr.probe.common import (
    BASE,
    DATA_SETS,
    MAKERS,
    delete,
    fresh_token,
    learner,
    open_return,
    put,
    refused,
    remove,
    request_token,
    reset,
    stored,
)

LARGEST_BATCH_TRIED = 2000
"""A server allowing larger batches is not sent one past its limit (MP1 is left untried)."""


def _named(probe: ProbeClient, body: Any, indexes: dict[int, str], step: str) -> None:
    """The refusal names exactly the offending records, by index and localId."""
    content = (body or {}).get("errors", {}).get("content") or []
    named = {entry["index"]: entry.get("localId") for entry in content}
    probe.expect(named == indexes, step,
                 f"the refusal names {named}, not the offending records {indexes}")


def _life(probe: ProbeClient, token: str, data_set: str) -> None:
    """Create two records, replace one, delete the other, fail to delete it twice, bring it
    back; a body in another media type is refused."""
    first, second = MAKERS[data_set](probe), MAKERS[data_set](probe)
    stored(probe, f"{data_set}: upload", data_set, token, [first, second], "Created")
    stored(probe, f"{data_set}: upload again", data_set, token, [first], "Updated")
    probe.expect(delete(probe, f"{data_set}: delete", data_set, token, second["localId"]) == [],
                 f"{data_set}: delete", f"deleting {second['localId']} reported errors")
    probe.expect(bool(delete(probe, f"{data_set}: delete again", data_set, token,
                             second["localId"])),
                 f"{data_set}: delete again", f"{second['localId']} could be deleted twice")
    stored(probe, f"{data_set}: upload the deleted record", data_set, token, [second], "Created")
    form = {"submissionToken": token, "content": second["localId"]}
    for method in ("PUT", "DELETE"):
        step = f"{data_set}: {method} as a form"
        probe.expect_status(probe.call(step, method, f"{BASE}/{data_set}", data=form,
                                       invalid=True), 415, step)


def uploads_and_deletes(probe: ProbeClient) -> None:
    """Each data set's records are created, replaced and deleted by localId; a refused batch
    keeps nothing."""
    _, token = fresh_token(probe)
    for data_set in DATA_SETS:
        _life(probe, token, data_set)
    kept, twice = learner(probe), learner(probe)
    answer = put(probe, "batch repeating a localId", "learners", token, [kept, twice, twice])
    if probe.expect_status(answer, 400, "batch repeating a localId"):
        _named(probe, answer.json(), {1: twice["localId"], 2: twice["localId"]},
               "batch repeating a localId")
    stored(probe, "upload after the refused batch", "learners", token, [kept], "Created")
    reset(probe, token, "clean up")


def refused_batches(probe: ProbeClient) -> None:
    """A batch with records failing their schema (CV1), more records than the token allows
    (MP1), or an unknown token (SC1) is refused whole, naming every offending record."""
    _, token = fresh_token(probe)
    good, gender, missing = learner(probe), learner(probe), learner(probe)
    gender["gender"] = "X"
    del missing["dateOfBirth"]
    body = refused(probe, put(probe, "records failing their schema", "learners", token,
                              [good, gender, missing], invalid=True), 400, "CV1",
                   "records failing their schema")
    if body is not None:
        _named(probe, body, {1: gender["localId"], 2: missing["localId"]},
               "records failing their schema")
    stored(probe, "upload after the schema refusal", "learners", token, [good], "Created")
    limit = int(request_token(probe, open_return(probe), "the token's limit")["maxRecordPerBatch"])
    if limit < LARGEST_BATCH_TRIED:
        batch = [learner(probe) for _ in range(limit + 1)]
        body = refused(probe, put(probe, "one record too many", "learners", token, batch),
                       400, "MP1", "one record too many")
        if body is not None:
            _named(probe, body, {limit: batch[limit]["localId"]}, "one record too many")
        stored(probe, "upload after the refused large batch", "learners", token, batch[:1],
               "Created")
    nobody = probe.unique("nobody")
    for data_set in DATA_SETS:
        step = f"{data_set}: upload with an unknown token"
        refused(probe, put(probe, step, data_set, nobody, [MAKERS[data_set](probe)]), 400,
                "SC1", step)
        step = f"{data_set}: delete with an unknown token"
        refused(probe, remove(probe, step, data_set, nobody, [probe.unique("absent-")]), 400,
                "SC1", step)
    reset(probe, token, "clean up")
