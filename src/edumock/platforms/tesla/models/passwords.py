"""Passwords as Django keeps them (only a salted PBKDF2 hash), the seeded users' password rule,
and Django's e-mail validator, which the login serializer's ``EmailField`` applies."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 500
"""Far fewer than Django's: a sandbox hashes every seeded user when a world is first used,
and nothing it holds is secret."""
SEEDED_SUFFIX = "-password"


def seeded_password(email: str) -> str:
    """Every seeded user's password: the e-mail's local part plus ``-password``
    (``admin@tesla.edumock.local`` → ``admin-password``), documented in docs/tesla.md."""
    return f"{email.split('@', 1)[0]}{SEEDED_SUFFIX}"


def make_password(password: str, salt: str) -> str:
    """``pbkdf2_sha256$<iterations>$<salt>$<base64 hash>``, Django's encoding."""
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), ITERATIONS)
    return f"{ALGORITHM}${ITERATIONS}${salt}${base64.b64encode(digest).decode('ascii')}"


def check_password(password: str, encoded: object) -> bool:
    """Whether ``password`` matches a stored hash; no hash (an unusable password) never does."""
    if not isinstance(encoded, str) or encoded.count("$") != 3:
        return False
    algorithm, iterations, salt, _ = encoded.split("$")
    if algorithm != ALGORITHM or not iterations.isdigit():
        return False
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), int(iterations))
    expected = f"{algorithm}${iterations}${salt}${base64.b64encode(digest).decode('ascii')}"
    return hmac.compare_digest(expected, encoded)


_USER = re.compile(
    r"(^[-!#$%&'*+/=?^_`{}|~0-9A-Z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Z]+)*\Z"
    r'|^"([\001-\010\013\014\016-\037!#-\[\]-\177]|\\[\001-\011\013\014\016-\177])*"\Z)',
    re.IGNORECASE)
_DOMAIN = re.compile(r"((?:[A-Z0-9](?:[A-Z0-9-]{0,61}[A-Z0-9])?\.)+)(?:[A-Z0-9-]{2,63}(?<!-))\Z",
                     re.IGNORECASE)
_LITERAL = re.compile(r"\[([A-F0-9:.]+)\]\Z", re.IGNORECASE)


def valid_email(value: str) -> bool:
    """Django 4.2's ``EmailValidator``: a dotted or quoted local part, and a domain of labels
    ending in a top-level label of two or more characters, ``localhost`` or an address
    literal (``nobody@x.y`` is refused)."""
    if not value or "@" not in value or len(value) > 320:
        return False
    user, domain = value.rsplit("@", 1)
    if not _USER.match(user):
        return False
    if domain == "localhost" or _LITERAL.match(domain):
        return True
    try:
        domain = domain.encode("idna").decode("ascii")
    except UnicodeError:
        return False
    return bool(_DOMAIN.match(domain))
