"""What test suites import: an in-process app, a live server on a free loopback port, and a
handle that drives a live server's admin API (the pytest plugin's ``edumock_server``)."""

from edumock.testing.handle import Edumock, EdumockError
from edumock.testing.server import ThreadedServer, build_app

__all__ = ["Edumock", "EdumockError", "ThreadedServer", "build_app"]
