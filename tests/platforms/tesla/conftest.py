"""TeSLA helpers: tokens for a role, DRF calls, and the seeded records tests start from."""

from __future__ import annotations

from typing import Any

import pytest

BASE = "/api/v2/institution"


class Tesla:
    """Calls the TeSLA API through a test client with a JWT for chosen roles."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.token: str | None = None

    # -- credentials -------------------------------------------------------
    def mint(self, **claims: Any) -> dict[str, Any]:
        response = self.client.post("/__admin/tokens", json={"platform": "tesla", **claims})
        assert response.status_code == 200, response.text
        return dict(response.json())

    def login(self, *roles: str, institution_id: int = 1, **claims: Any) -> dict[str, Any]:
        """Act as a user with these roles (inst_admin, learner, global_admin, ...)."""
        minted = self.mint(institution_id=institution_id, roles=list(roles), **claims)
        self.token = minted["token"]
        return minted

    def anonymous(self) -> None:
        self.token = None

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"JWT {self.token}"} if self.token else {}

    # -- HTTP --------------------------------------------------------------
    def get(self, path: str, **params: Any) -> Any:
        return self.client.get(path, params=params, headers=self.headers())

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(path, json=body, headers=self.headers())

    def put(self, path: str, body: Any) -> Any:
        return self.client.put(path, json=body, headers=self.headers())

    def patch(self, path: str, body: Any) -> Any:
        return self.client.patch(path, json=body, headers=self.headers())

    def delete(self, path: str) -> Any:
        return self.client.delete(path, headers=self.headers())

    # -- seeded records ----------------------------------------------------
    def state(self, collection: str) -> list[dict[str, Any]]:
        response = self.client.get(f"/__admin/state/tesla/{collection}")
        assert response.status_code == 200, response.text
        return list(response.json()["records"])

    def course_of(self, institution_id: int = 1) -> dict[str, Any]:
        vles = {v["id"] for v in self.state("vles") if v["institution_id"] == institution_id}
        return next(c for c in self.state("courses") if c["vle_id"] in vles)

    def activity_of(self, course_id: int) -> dict[str, Any]:
        return next(a for a in self.state("activities") if a["course_id"] == course_id)

    def report_of(self, activity_id: int) -> dict[str, Any]:
        return next(r for r in self.state("reports") if r["activity_id"] == activity_id)

    def learners(self, institution_id: int = 1) -> list[dict[str, Any]]:
        return [u for u in self.state("users")
                if u.get("is_learner") and u["institution_id"] == institution_id]


def detail(response: Any, status: int, message: str) -> None:
    """Assert a DRF ``{"detail": ...}`` error."""
    assert response.status_code == status, response.text
    assert response.json() == {"detail": message}


def field_errors(response: Any, errors: dict[str, Any]) -> None:
    """Assert a 400 with exactly these DRF field errors."""
    assert response.status_code == 400, response.text
    assert response.json() == errors


@pytest.fixture
def tesla(client: Any) -> Tesla:
    return Tesla(client)


@pytest.fixture
def admin(tesla: Tesla) -> Tesla:
    """Acting as an administrator of institution 1."""
    tesla.login("inst_admin")
    return tesla
