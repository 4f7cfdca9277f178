"""The engine writer: commands whose replies requests await on the event loop, written
together once per turn of the loop, each reply given to the command that asked."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import redis

from edumock.world.engine.connection import Engine
from edumock.world.engine.writer import PipelinedWriter
from tests.engine.server import EngineServer


def _incr(client: Any, key: str) -> tuple[tuple[Any, ...], Any]:
    return ("INCR", key), lambda: client.incr(key)


def engine_and_writer(url: str) -> tuple[Engine, PipelinedWriter]:
    """A fresh engine client on ``url`` and its writer."""
    connection = Engine(url)
    writer = connection.writer()
    assert writer is not None
    return connection, writer


def check_mixed_replies(url: str) -> None:
    """A reply larger than one read comes whole, an error reply fails only its own command,
    and the commands after it get their replies in order."""
    connection, writer = engine_and_writer(url)
    value = "x" * 300_000  # several reads of the socket (many records over TLS)
    connection.client.set("big", value)
    connection.client.set("text", "not a number")

    async def mixed() -> list[Any]:
        sent = [writer.send(("GET", "big"), lambda: None),
                writer.send(*_incr(connection.client, "text")),
                *(writer.send(*_incr(connection.client, "after")) for _ in range(20))]
        return await asyncio.gather(*(writer.settle(s) for s in sent), return_exceptions=True)

    big, refused, *after = asyncio.run(mixed())
    assert big == value
    assert isinstance(refused, redis.ResponseError) and "not an integer" in str(refused)
    assert after == list(range(1, 21))
    connection.close()


def test_commands_of_one_turn_each_get_their_own_reply_in_order(engine: EngineServer):
    connection, writer = engine_and_writer(engine.url)

    async def burst() -> list[Any]:
        sent = [writer.send(*_incr(connection.client, f"k{n % 3}")) for n in range(30)]
        assert all(writer.unwritten(s) for s in sent)  # queued until the turn ends
        return list(await asyncio.gather(*(writer.settle(s) for s in sent)))

    replies = asyncio.run(burst())
    assert replies == [n // 3 + 1 for n in range(30)]
    assert redis.Redis.from_url(engine.url).get("k2") == b"10"
    connection.close()


def test_a_command_left_by_a_finished_loop_still_goes_out(engine: EngineServer):
    connection, writer = engine_and_writer(engine.url)

    queued: list[Any] = []

    def queue_and_end() -> None:
        queued.append(writer.send(*_incr(connection.client, "left")))
        raise KeyboardInterrupt  # the loop ends before the turn that would write it

    loop = asyncio.new_event_loop()
    loop.call_soon(queue_and_end)
    with pytest.raises(KeyboardInterrupt):
        loop.run_forever()
    loop.close()
    left = queued[0]
    assert writer.unwritten(left)

    async def later() -> tuple[Any, Any]:
        first = await asyncio.wait_for(writer.settle(left), 5)  # nothing else sent meanwhile
        return first, await writer.settle(writer.send(*_incr(connection.client, "left")))

    assert asyncio.run(later()) == (1, 2)
    connection.close()


def test_outside_a_loop_a_command_is_written_at_once_and_read_when_settled(
        engine: EngineServer):
    connection, writer = engine_and_writer(engine.url)
    sent = writer.send(*_incr(connection.client, "now"))
    assert not writer.unwritten(sent)
    assert asyncio.run(writer.settle(sent)) == 1
    connection.close()


def test_a_lost_engine_fails_every_command_in_flight(engine: EngineServer):
    connection, writer = engine_and_writer(engine.url)

    async def across_a_stop() -> list[Any]:
        first = writer.send(*_incr(connection.client, "x"))
        assert await writer.settle(first) == 1
        engine.stop()
        sent = [writer.send(*_incr(connection.client, "x")) for _ in range(3)]
        return await asyncio.gather(*(writer.settle(s) for s in sent), return_exceptions=True)

    outcomes = asyncio.run(across_a_stop())
    assert [type(o).__name__ for o in outcomes] == ["StoreUnavailable"] * 3
    connection.close()


def test_a_reply_larger_than_one_read_comes_whole_and_an_error_reply_fails_only_its_command(
        engine: EngineServer):
    check_mixed_replies(engine.url)


def test_a_script_the_engine_lost_is_sent_again_in_full(engine: EngineServer):
    connection, writer = engine_and_writer(engine.url)
    script = connection.script("echo", "return ARGV[1]")
    redis.Redis.from_url(engine.url).script_flush()

    async def evaluated() -> Any:
        sent = writer.send(("EVALSHA", script.sha, 0, "back"),
                           lambda: script(keys=[], args=["back"]))
        return await writer.settle(sent)

    assert asyncio.run(evaluated()) == "back"
    connection.close()


def test_a_transaction_gets_its_commands_replies_between_other_commands(engine: EngineServer):
    connection, writer = engine_and_writer(engine.url)
    connection.client.set("text", "not a number")

    async def interleaved() -> list[Any]:
        sent = [writer.send(*_incr(connection.client, "before")),
                writer.send_transaction([("INCR", "t"), ("RPUSH", "l", "a", "b"),
                                         ("INCR", "text")]),
                writer.send_transaction([("INCR", "t"), ("INCR", "t", "extra")]),
                writer.send(*_incr(connection.client, "after"))]
        return await asyncio.gather(*(writer.settle(s) for s in sent), return_exceptions=True)

    before, applied, aborted, after = asyncio.run(interleaved())
    assert (before, after) == (1, 1)
    assert applied[:2] == [1, 2]  # a command that fails inside does not undo the others
    assert isinstance(applied[2], redis.ResponseError)
    assert isinstance(aborted, redis.exceptions.ExecAbortError)
    assert connection.client.get("t") == "1"  # the aborted transaction applied nothing
    connection.close()
