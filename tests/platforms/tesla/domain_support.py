"""What the TeSLA domain-rule tests share: the seeded institutions, the refusal texts, and
small calls (move the clock, create a learner, read an institution) with their checks."""

from __future__ import annotations

from typing import Any

from tests.platforms.tesla.conftest import Tesla

I1 = "/api/v2/institution/1"
I2 = "/api/v2/institution/2"
NOW = "2026-08-10T09:30:00Z"
NOT_IN_DOMAIN = "Provided email does not belong to institution domain"
UNIQUE = "This field must be unique."
DAY = 24 * 3600


def advance_clock(tesla: Tesla, seconds: float) -> None:
    """Move the sandbox clock; a token older than an hour has expired, so re-login after."""
    response = tesla.client.post("/__admin/clock", json={"advance": seconds})
    assert response.status_code == 200, response.text


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    return dict(response.json())


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def institution(tesla: Tesla, institution_id: int) -> dict[str, Any]:
    return next(i for i in tesla.state("institutions") if i["id"] == institution_id)


def new_learner(admin: Tesla, uid: str, institution_id: int = 1) -> dict[str, Any]:
    domain = institution(admin, institution_id)["mail_domain"] or "example.org"
    return created(admin.post(f"/api/v2/institution/{institution_id}/learner/",
                              {"uid": uid, "email": f"{uid}@{domain}"}))
