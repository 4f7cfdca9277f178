"""Records a test may put in place through the admin API, keyed and completed as the SDR
model keys and completes its own: organisations by EDUMIS, return periods by organisation
and return, tokens by value (one live token per organisation and return, as the token
endpoint keeps it), uploaded records by token and ``localId``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from edumock.errors import RecordRefused
from edumock.platform import Arrangeable, record_schema
from edumock.platforms.sdr import collections as c
from edumock.platforms.sdr.config import SdrConfig
from edumock.platforms.sdr.models import tokens
from edumock.platforms.sdr.models.backend import record_key
from edumock.platforms.sdr.models.returns import FULL_RETURN_MONTHS, return_key
from edumock.platforms.sdr.models.timefmt import iso
from edumock.world import World
from edumock.world.store import InMemoryStore, Record

Prepare = Callable[[World, dict[str, Any]], tuple[str, Record]]


def _store(world: World) -> InMemoryStore:
    return world.store("sdr")


def _new(store: InMemoryStore, collection: str, key: str, field: str) -> str:
    """``key`` when no record holds it yet; refused naming ``field`` otherwise."""
    if store.get(collection, key) is not None:
        raise RecordRefused(field, f"{collection} already holds {key!r}")
    return key


def _organisation(store: InMemoryStore, edumis: str, field: str = "edumis") -> None:
    if store.get(c.ORGANISATIONS, edumis) is None:
        raise RecordRefused(field, f"no organisation {edumis!r}")


def _token(store: InMemoryStore, value: str) -> Record:
    token = store.get(c.TOKENS, value)
    if token is None:
        raise RecordRefused("submissionToken", f"no submission token {value!r}")
    return token


def organisation(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """An organisation, by EDUMIS."""
    return _new(_store(world), c.ORGANISATIONS, record["edumis"], "edumis"), record


def client(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """ESL client credentials for organisations that exist."""
    store = _store(world)
    for position, edumis in enumerate(record["organisations"]):
        _organisation(store, str(edumis), f"organisations.{position}")
    return _new(store, c.CLIENTS, record["clientId"], "clientId"), record


def return_period(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A return period; year, month and type follow from a ``YYYYMM`` return id."""
    store = _store(world)
    _organisation(store, record["edumis"])
    return_id = record["returnId"]
    if not (len(return_id) == 6 and return_id.isdecimal() and 1 <= int(return_id[4:]) <= 12):
        raise RecordRefused("returnId", "a return id is YYYYMM")
    month = int(return_id[4:])
    full = {"returnYear": int(return_id[:4]), "returnMonth": month,
            "returnType": "Full" if month in FULL_RETURN_MONTHS else "Indicative", **record}
    return _new(store, c.RETURNS, return_key(record["edumis"], return_id), "returnId"), full


def token(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A submission token for a return period that exists; its value is generated."""
    store = _store(world)
    period = store.get(c.RETURNS, return_key(record["edumis"], record["returnId"]))
    if period is None:
        raise RecordRefused("returnId", f"organisation {record['edumis']} has no return "
                                        f"{record['returnId']}")
    now = world.clock.now()
    if tokens.live_token_for(store, record["edumis"], record["returnId"], now) is not None:
        raise RecordRefused("returnId", "the organisation already holds a live token for "
                                        "this return")
    config = SdrConfig.load(store)
    value = record.get("submissionToken") or world.rng.token_hex(16)
    full = {**tokens.new_token(value, period, now, config.submission_token_lifetime_seconds,
                               config.max_record_per_batch), **record, "submissionToken": value}
    return _new(store, c.TOKENS, value, "submissionToken"), full


def validation(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A validation run of a token that exists, received now unless told otherwise."""
    store = _store(world)
    owner = _token(store, record["submissionToken"])
    now = iso(world.clock.now())
    full = {"edumis": owner["edumis"], "returnId": owner["returnId"], "dateReceived": now,
            "startsAt": now, "completesAt": now, "findings": [], **record}
    return _new(store, c.VALIDATIONS, record["submissionToken"], "submissionToken"), full


def config(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """The world's tunable rules: the given ones replace, the others stay."""
    current = _store(world).get(c.CONFIG, "sdr") or {}
    merged = {**current, **record}
    try:
        SdrConfig(**merged)
    except TypeError as error:
        raise RecordRefused("$", str(error)) from None
    return "sdr", merged


def sample(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """An organisation's sample submission."""
    store = _store(world)
    _organisation(store, record["edumis"])
    full = {**{name: [] for name in c.DATA_SETS}, **record}
    return _new(store, c.SAMPLES, record["edumis"], "edumis"), full


def uploaded(data_set: str) -> Prepare:
    """An uploaded record under a token, as the upload endpoint stores it."""
    def prepare(world: World, record: dict[str, Any]) -> tuple[str, Record]:
        store = _store(world)
        owner = _token(store, record["submissionToken"])
        local_id = record["localId"]
        full = {"submissionToken": owner["submissionToken"], "edumis": owner["edumis"],
                "returnId": owner["returnId"], "localId": local_id,
                "uploadedAt": iso(world.clock.now()), **record,
                "record": {**record["record"], "localId": local_id}}
        key = record_key(owner["submissionToken"], local_id)
        return _new(store, data_set, key, "localId"), full
    return prepare


_CONFIG = record_schema(**{name: "int" for name in SdrConfig.__dataclass_fields__
                           if name != "signing_key"}, signing_key="str")

ARRANGE: dict[str, Arrangeable] = {
    c.ORGANISATIONS: Arrangeable(record_schema(edumis="!str", name="!str"), organisation),
    c.CLIENTS: Arrangeable(record_schema(clientId="!str", clientSecret="!str",
                                         organisations="!list"), client),
    c.RETURNS: Arrangeable(record_schema(edumis="!str", returnId="!str", returnYear="int",
                                         returnMonth="int", openWindowDate="!str",
                                         closeWindowDate="!str", returnType="str"),
                           return_period),
    c.TOKENS: Arrangeable(record_schema(edumis="!str", returnId="!str", submissionToken="str",
                                        tokenExpiry="str", issuedAt="str", deleted="bool",
                                        maxRecordPerBatch="int"), token),
    c.VALIDATIONS: Arrangeable(record_schema(submissionToken="!str", dateReceived="str",
                                             startsAt="str", completesAt="str",
                                             findings="list"), validation),
    c.CONFIG: Arrangeable(_CONFIG, config),
    c.SAMPLES: Arrangeable(record_schema(edumis="!str", **dict.fromkeys(c.DATA_SETS, "list")),
                           sample),
    **{name: Arrangeable(record_schema(submissionToken="!str", localId="!str", record="!obj"),
                         uploaded(name)) for name in c.DATA_SETS},
}
"""Every collection's rules."""
