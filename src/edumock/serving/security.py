"""Security handlers for what Connexion's stock ones cannot express.

Connexion answers a request without an API key with its own 401 before any
platform code runs. Platforms need more: DRF treats a missing credential as
an anonymous user (its permissions then decide), and Sunbird answers a
missing user token in its own envelope. A scheme declares what it needs with
``x-edumock-when-absent``:

- ``anonymous``: no key gives an empty ``token_info``;
- ``call``: the scheme's info function is called with ``None`` and decides.

A present key always goes to the info function.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from connexion.security import NO_VALUE, ApiKeySecurityHandler

WHEN_ABSENT = "x-edumock-when-absent"


class ApiKeyWhenAbsent(ApiKeySecurityHandler):  # type: ignore[misc]
    """An API-key scheme that may handle a missing key itself."""

    @staticmethod
    @functools.cache
    def _accepts_kwarg(func: Callable[..., Any], keyword: str) -> bool:
        """Connexion inspects the info function's signature on every request; it never
        changes, so the answer is kept."""
        accepts: bool = ApiKeySecurityHandler._accepts_kwarg(func, keyword)
        return accepts

    def get_fn(self, security_scheme: dict[str, Any], required_scopes: Any
               ) -> Callable[..., Any] | None:
        """Connexion's verifier, with the scheme's own handling of a missing key."""
        verify: Callable[..., Any] | None = super().get_fn(security_scheme, required_scopes)
        mode = security_scheme.get(WHEN_ABSENT)
        if verify is None or mode not in ("anonymous", "call"):
            return verify
        checked: Callable[..., Any] = verify
        info = self._resolve_func(security_scheme)

        def when_absent(request: Any) -> Any:
            result = checked(request)
            if result is not NO_VALUE:
                return result
            return {} if mode == "anonymous" else info(None, request=request)

        return when_absent


SECURITY_MAP: dict[str, type] = {"apiKey": ApiKeyWhenAbsent}
