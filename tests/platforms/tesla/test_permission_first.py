"""DRF's ``initial()`` runs the view's permissions before it looks the method's handler up and
before it parses the body: a caller the view refuses gets 403 whatever the body, its media
type or the method. Each case states what the real TeSLA CE 1.0.10 server answers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.tesla.actors import DENIED, I1, Seed
from tests.platforms.tesla.conftest import Tesla, detail
from tests.platforms.tesla.test_permissions import act_as

BODIES: list[tuple[str, Any]] = [
    ("application/json", b"{}"),
    ("application/json", b"{bad"),
    ("text/plain", b"hello"),
]


def send(tesla: Tesla, method: str, path: str, media_type: str, content: bytes) -> Any:
    return tesla.client.request(method, path, content=content,
                                headers={**tesla.headers(), "Content-Type": media_type})


@pytest.mark.parametrize("actor", ["anonymous", "inst2_admin", "legal_admin", "learner"])
@pytest.mark.parametrize(("media_type", "content"), BODIES)
def test_a_refused_caller_gets_403_before_the_body_is_read(
        tesla: Tesla, actor: str, media_type: str, content: bytes) -> None:
    # Upstream: 403 for each; edumock used to answer 400 field errors, 400 parse error, 415.
    act_as(tesla, Seed(tesla), actor)
    detail(send(tesla, "POST", f"{I1}/learner/", media_type, content), 403, DENIED)


@pytest.mark.parametrize(("method", "path"), [
    ("PUT", "/instructor/{instructor}/"), ("POST", "/send/"), ("POST", "/vle/"),
    ("POST", "/ui/"), ("POST", "/learner/{learner}/ic/"), ("PATCH", "/"),
])
@pytest.mark.parametrize(("media_type", "content"), BODIES)
def test_another_institutions_admin_gets_403_on_every_write(
        tesla: Tesla, method: str, path: str, media_type: str, content: bytes) -> None:
    tesla.login("inst_admin", institution_id=2)
    url = I1 + path.format(instructor=Seed(tesla).instructors[0], learner=1)
    response = send(tesla, method, url, media_type, content)
    detail(response, 403, DENIED)
    assert response.headers["Allow"].startswith(("GET", "POST"))


def test_an_administrator_posting_a_learners_consent_is_refused_before_the_body(
        tesla: Tesla) -> None:
    tesla.login("inst_admin", "data_admin")
    learner = Seed(tesla).reported
    detail(send(tesla, "POST", f"{I1}/learner/{learner}/ic/", "text/plain", b"x"), 403, DENIED)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_write_to_a_read_only_view_is_403_not_405(tesla: Tesla, method: str) -> None:
    seed = Seed(tesla)
    tesla.login("inst_admin", "data_admin")
    base = f"{I1}/course/{seed.course}/activity/{seed.activity}/report/"
    for path in (base, f"{base}{seed.report}/", f"{base}{seed.report}/request/",
                 f"{base}{seed.report}/audit/"):
        detail(send(tesla, method, path, "application/json", b"{}"), 403, DENIED)


def test_a_method_the_view_lacks_is_still_405_for_a_caller_it_lets_through(
        tesla: Tesla) -> None:
    tesla.login("inst_admin")
    response = tesla.delete(f"{I1}/")
    detail(response, 405, 'Method "DELETE" not allowed.')
    tesla.anonymous()
    detail(tesla.delete(f"{I1}/"), 403, DENIED)  # upstream: permissions first
    tesla.login("global_admin")
    detail(tesla.delete(f"{I1}/"), 403, DENIED)


def test_an_administrator_getting_a_learners_consent_action_is_403(tesla: Tesla) -> None:
    tesla.login("inst_admin", "data_admin")
    detail(tesla.get(f"{I1}/learner/{Seed(tesla).reported}/ic/"), 403, DENIED)


def test_bad_credentials_on_a_method_the_view_lacks_are_401(tesla: Tesla) -> None:
    response = tesla.client.delete(f"{I1}/", headers={"Authorization": "JWT forged"})
    detail(response, 401, "Invalid token: Invalid JWT token")


def test_a_view_without_permission_classes_still_validates_the_body(tesla: Tesla) -> None:
    tesla.anonymous()
    response = send(tesla, "POST", f"{I1}/group/", "text/plain", b"x")
    assert response.status_code == 415, response.text
