"""The real TeSLA CE server (tesla-ce 1.0.10 from PyPI), started beside edumock on loopback.

Test and developer tooling, not part of the installed package: ``python -m
tests.upstream.tesla`` (or ``make real-tesla``) starts it in the foreground, and the
``real_tesla`` fixture (``tests/upstream/conftest.py``) starts it once per test session. It
needs Debian's ``mariadb-server redis-server default-libmysqlclient-dev pkg-config``; the
Vault it talks to is our stand-in (``vault.py``).
"""
