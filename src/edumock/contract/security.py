"""Security handlers for what Connexion's stock ones cannot express.

Some platforms treat a request with no credentials as anonymous rather than
unauthenticated (DRF views then decide with their permissions), yet reject a
malformed or invalid credential with 401. A scheme marked
``x-edumock-anonymous-when-absent: true`` behaves that way: no key gives an
empty ``token_info``; a present key goes to the scheme's info function.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from connexion.security import NO_VALUE, ApiKeySecurityHandler

ANONYMOUS_WHEN_ABSENT = "x-edumock-anonymous-when-absent"


class ApiKeyOrAnonymous(ApiKeySecurityHandler):  # type: ignore[misc]
    """An API-key scheme that may let a request without the key through as anonymous."""

    def get_fn(self, security_scheme: dict[str, Any], required_scopes: Any
               ) -> Callable[..., Any] | None:
        """Connexion's verifier, answering ``{}`` instead of "no credentials" when marked."""
        verify: Callable[..., Any] | None = super().get_fn(security_scheme, required_scopes)
        if verify is None or not security_scheme.get(ANONYMOUS_WHEN_ABSENT):
            return verify
        checked: Callable[..., Any] = verify

        def anonymous_when_absent(request: Any) -> Any:
            result = checked(request)
            return {} if result is NO_VALUE else result

        return anonymous_when_absent


SECURITY_MAP: dict[str, type] = {"apiKey": ApiKeyOrAnonymous}
