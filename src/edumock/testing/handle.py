"""A test's handle on a live edumock: its URL, and the admin API as plain methods.

Everything goes through HTTP, so the handle works the same against a server
in this process, in another worker, or started by hand.
"""

from __future__ import annotations

from typing import Any, Unpack, cast

import httpx

from edumock.testing.admin_types import Expectation, Fault, FaultRecord, VerifyResult


class EdumockError(AssertionError):
    """The admin API refused a call the test made (the message says why)."""


class Edumock:
    """Drive one world of a live server: reset it, mint credentials, read and arrange state,
    move its clock, add faults, verify calls, snapshot and restore."""

    def __init__(self, url: str, world: str | None = None, admin_key: str | None = None
                 ) -> None:
        self.url = url
        self.world_name = world
        self.admin_key = admin_key
        headers = {"X-Edumock-World": world} if world else {}
        if admin_key:
            headers["X-Edumock-Admin-Key"] = admin_key
        self._http = httpx.Client(base_url=url, headers=headers, timeout=30)

    def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = self._http.request(method, path, **kwargs)
        if response.status_code >= 400:
            raise EdumockError(f"{method} {path} → {response.status_code}: {response.text}")
        return response.json() if response.content else None

    @property
    def headers(self) -> dict[str, str]:
        """What a client must send to see this handle's world (``X-Edumock-World``; nothing
        for the default world)."""
        return {"X-Edumock-World": self.world_name} if self.world_name else {}

    def world(self, name: str) -> Edumock:
        """The same server seen from another world (``X-Edumock-World``): requests your client
        makes with that header see only that world."""
        return Edumock(self.url, name, self.admin_key)

    def reset(self, seed: int | None = None, all_worlds: bool = False) -> None:
        """Regenerate this world from the fixtures (under a new seed when given); with
        ``all_worlds``, drop every other world too."""
        body: dict[str, Any] = {"allWorlds": True} if all_worlds else {}
        if seed is not None:
            body["seed"] = seed
        self._call("POST", "/__admin/reset", json=body)

    def token(self, platform: str, **claims: Any) -> dict[str, Any]:
        """Credentials for a platform, as ``POST /__admin/tokens`` mints them."""
        result: dict[str, Any] = self._call("POST", "/__admin/tokens",
                                            json={"platform": platform, **claims})
        return result

    def state(self, platform: str, collection: str | None = None) -> Any:
        """A collection's records, or the platform's collections with their counts."""
        if collection is None:
            return self._call("GET", f"/__admin/state/{platform}")["collections"]
        return self._call("GET", f"/__admin/state/{platform}/{collection}")["records"]

    def arrange(self, platform: str, collection: str,
                record_or_list: dict[str, Any] | list[dict[str, Any]]) -> Any:
        """Put a record (or a list, all or nothing) in place as the platform's rules allow;
        the stored record (or list of them), ids included."""
        records = self._call("POST", f"/__admin/state/{platform}/{collection}",
                             json=record_or_list)["records"]
        return records if isinstance(record_or_list, list) else records[0]

    def remove(self, platform: str, collection: str, record_id: str | int) -> None:
        """Delete one record by its key (raises when there is none)."""
        self._call("DELETE", f"/__admin/state/{platform}/{collection}/{record_id}")

    def requests(self, **filters: Any) -> list[dict[str, Any]]:
        """Journaled requests, oldest first (``method``, ``path``, ``platform``,
        ``operation_id``, ``status``, ``verdict``, ``limit``)."""
        params = {("operationId" if k == "operation_id" else k): v
                  for k, v in filters.items() if v is not None}
        return list(self._call("GET", "/__admin/requests", params=params)["requests"])

    def clear_requests(self) -> int:
        """Forget the journal; how many entries it held."""
        return int(self._call("DELETE", "/__admin/requests")["cleared"])

    def verify(self, expectation: Expectation | None = None, /,
               **fields: Unpack[Expectation]) -> VerifyResult:
        """Assert an operation was called as expected (``operationId`` or ``method`` and
        ``path``; ``count``, ``atLeast`` or ``atMost``; ``body`` to contain), given as an
        ``Expectation``, as keywords or both; raises with the server's diff when it was not."""
        result = cast(VerifyResult, self._call("POST", "/__admin/requests/verify",
                                               json={**(expectation or {}), **fields}))
        if not result["verified"]:
            raise EdumockError(f"{result.get('message')}; diff: {result.get('diff')}")
        return result

    def advance(self, seconds: float) -> str:
        """Move this world's clock forward; the new sandbox time."""
        return str(self._call("POST", "/__admin/clock", json={"advance": seconds})["now"])

    def fault(self, spec: Fault | None = None, /, **fields: Unpack[Fault]) -> FaultRecord:
        """Add a fault (see ``POST /__admin/faults``), given as a ``Fault``, as keywords or
        both; the fault as the server holds it, with its id."""
        return cast(FaultRecord, self._call("POST", "/__admin/faults",
                                            json={**(spec or {}), **fields}))

    def faults(self) -> list[FaultRecord]:
        """This world's faults, oldest first, with how often each matched and fired."""
        return cast(list[FaultRecord], self._call("GET", "/__admin/faults")["faults"])

    def clear_faults(self) -> int:
        """Remove every fault of this world."""
        return int(self._call("DELETE", "/__admin/faults")["cleared"])

    def snapshot(self) -> dict[str, Any]:
        """This world's whole state."""
        result: dict[str, Any] = self._call("GET", "/__admin/snapshot")
        return result

    def restore(self, snapshot: dict[str, Any]) -> None:
        """Put this world back as a snapshot had it."""
        self._call("PUT", "/__admin/snapshot", json=snapshot)

    def delete_world(self) -> None:
        """Forget this handle's world on the server (the default world is made afresh)."""
        name = self.world_name or "default"
        response = self._http.delete(f"/__admin/worlds/{name}")
        if response.status_code not in (204, 404):
            raise EdumockError(f"DELETE /__admin/worlds/{name} → {response.status_code}: "
                               f"{response.text}")

    def close(self) -> None:
        """Release the HTTP connection pool."""
        self._http.close()
