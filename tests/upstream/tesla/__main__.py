"""``python -m tests.upstream.tesla``: the real server in the foreground until Ctrl+C."""

from __future__ import annotations

import signal
import sys
import threading
from types import FrameType

from tests.upstream.tesla.launcher import real_tesla
from tests.upstream.tesla.services import ServiceError


def _say(message: str) -> None:
    sys.stdout.write(f"{message}\n")
    sys.stdout.flush()


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def main() -> int:
    # Both stop it; SIGINT is set explicitly, as a shell's background job inherits it ignored.
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    _say("starting the real TeSLA CE server (MariaDB, Redis, the Vault stand-in)...")
    try:
        with real_tesla(say=_say) as server:
            if server.install_seconds:
                _say(f"installed in {server.install_seconds:.0f}s")
            _say(f"started in {server.start_seconds:.1f}s")
            _say(server.describe())
            _say("Ctrl+C stops it.")
            threading.Event().wait()
    except KeyboardInterrupt:
        _say("stopped.")
    except ServiceError as error:
        _say(f"could not start the real server: {error}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
