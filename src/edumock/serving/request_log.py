"""The console request log of ``edumock serve``: one line per request, so a person watching
the terminal sees what their client sent and what the sandbox made of it, as Prism shows.

Each line is made from the journal entry the request already produced (same verdict, same
duration, same problems), so the log and ``/__admin/requests`` never disagree and the log
adds no middleware of its own. Lines go straight to stdout, one write each: the stdlib
logging machinery costs more per request than the line itself.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TextIO

from edumock.world.clock import real_utc_now
from edumock.world.journal import JournalEntry

FORMATS = ("text", "json")
"""What ``Settings.request_log`` may name (None: no log)."""

REASON_LIMIT = 120
"""Characters of the reason kept on a line: enough for the first broken field."""

_RESET = "\033[0m"
_COLOURS = {"ok": "\033[32m", "prefer": "\033[36m", "fault": "\033[35m",
            "admin": "\033[34m", "invalid-response": "\033[1;31m", "error": "\033[1;31m"}
_REFUSED_COLOUR = "\033[33m"
_DIM = "\033[2m"


_FIXED = {
    "ok": "ok",
    "unauthenticated": "refused: credentials missing or invalid",
    "forbidden": "refused: not permitted (no credentials or not enough rights)",
    "no-route": "refused: no operation takes this method and path",
    "error": "error: failed unexpectedly",
    "fault": "fault fired",
    "admin": "records arranged through the admin API",
}


def reason(entry: JournalEntry, refusal: str | None) -> str:
    """The verdict in a few words: why a request was refused, what answered it. Only the
    verdict's own words are built: a refusal quotes the response body, and flattening a
    page's body for every line that does not show it costs more than the rest of the line."""
    verdict = entry.verdict
    text = _FIXED.get(verdict)
    if text is not None:
        return text
    if verdict == "invalid-request":
        text = f"refused by the contract: {'; '.join(entry.problems) or refusal or 'invalid'}"
    elif verdict == "refused":
        text = (f"refused by the platform: {refusal or entry.status} "
                f"{' '.join(entry.response_body[:REASON_LIMIT * 4].split())}")
    elif verdict == "invalid-response":
        text = f"response violation: {'; '.join(entry.problems) or 'our answer broke the spec'}"
    elif verdict == "prefer":
        text = f"Prefer answered: code={entry.status}"
    else:
        text = verdict
    return text if len(text) <= REASON_LIMIT else text[:REASON_LIMIT - 1] + "…"


class RequestLog:
    """Writes one line per journaled request to a stream, as text (coloured or not) or JSON."""

    def __init__(self, style: str, stream: TextIO, colour: bool = False) -> None:
        if style not in FORMATS:
            raise ValueError(f"unknown request log format {style!r}: use one of {FORMATS}")
        self._json = style == "json"
        self._colour = colour and not self._json
        self._stream = stream

    def line(self, entry: JournalEntry, refusal: str | None = None) -> str:
        """The log line for ``entry`` (``refusal``: the platform's code for a refusal)."""
        when = real_utc_now().isoformat(timespec="milliseconds").replace("+00:00", "Z")
        why = reason(entry, refusal)
        if self._json:
            return json.dumps({
                "time": when, "world": entry.world, "platform": entry.platform,
                "method": entry.method, "path": entry.path, "operationId": entry.operation_id,
                "status": entry.status, "durationMs": entry.duration_ms,
                "verdict": entry.verdict, "reason": why}, ensure_ascii=False)
        operation = entry.operation_id or "-"
        duration = f"{entry.duration_ms:.1f}ms"
        if not self._colour:
            return (f"{when} {entry.world} {entry.method} {entry.path} {operation} "
                    f"{entry.status} {duration} {why}")
        colour = _COLOURS.get(entry.verdict, _REFUSED_COLOUR)
        return (f"{_DIM}{when}{_RESET} {entry.world} \033[1m{entry.method}{_RESET} "
                f"{entry.path} {_DIM}{operation}{_RESET} {colour}{entry.status}{_RESET} "
                f"{duration} {colour}{why}{_RESET}")

    def write(self, entry: JournalEntry, refusal: str | None = None) -> None:
        """Write the line for ``entry`` at once (a pipe or a file sees it as it happens)."""
        self._stream.write(self.line(entry, refusal) + "\n")
        self._stream.flush()


def console_log(style: str | None, stream: TextIO | None = None) -> RequestLog | None:
    """The log ``style`` asks for on ``stream`` (stdout by default), coloured when it is a
    terminal and ``NO_COLOR`` is unset; None when ``style`` is None (no log)."""
    if style is None:
        return None
    out = stream if stream is not None else sys.stdout
    colour = out.isatty() and not os.environ.get("NO_COLOR")
    return RequestLog(style, out, colour)
