"""Decoded tokens are remembered, within a bound, and never trusted past their times."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest

from edumock.contract.bounded import BoundedMemory
from edumock.serving import auth
from edumock.serving.auth import TokenInvalid, TokenIssuer
from edumock.world.clock import SandboxClock

START = datetime(2026, 1, 1, tzinfo=UTC)


def issuer() -> TokenIssuer:
    return TokenIssuer("k" * 32, "edumock", "tests", SandboxClock(START))


def test_the_memory_holds_the_declared_bound() -> None:
    assert auth._DECODED.limit == auth.DECODED_KEPT


def test_decoded_tokens_are_remembered_within_the_bound(
        monkeypatch: pytest.MonkeyPatch) -> None:
    memory: BoundedMemory[Any, dict[str, Any]] = BoundedMemory(8)
    monkeypatch.setattr(auth, "_DECODED", memory)
    decodes: list[str] = []
    real = TokenIssuer._decode

    def counted(self: TokenIssuer, token: str, required: Sequence[str]) -> dict[str, Any]:
        decodes.append(token)
        return real(self, token, required)

    monkeypatch.setattr(TokenIssuer, "_decode", counted)
    tokens = issuer()
    minted = [tokens.mint({"sub": str(n)}, 3600).token for n in range(20)]
    for token in minted:
        assert tokens.verify(token)["sub"] == str(minted.index(token))
        assert len(memory) <= 8
    assert len(memory) == 8
    tokens.verify(minted[-1])
    assert decodes.count(minted[-1]) == 1  # remembered: decoded once
    tokens.verify(minted[0])
    assert decodes.count(minted[0]) == 2  # forgotten long ago: decoded again


def test_a_remembered_token_still_expires_on_the_sandbox_clock() -> None:
    tokens = issuer()
    token = tokens.mint({"sub": "x"}, 60).token
    assert tokens.verify(token)["sub"] == "x"
    tokens.clock.advance(61)
    with pytest.raises(TokenInvalid):
        tokens.verify(token)
