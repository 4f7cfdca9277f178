"""What test suites import: an in-process app and a live server on a free loopback port."""

from edumock.testing.server import ThreadedServer, build_app

__all__ = ["ThreadedServer", "build_app"]
