"""Answers Django gives before any view: a path a view takes only with its final slash is
``CommonMiddleware``'s APPEND_SLASH redirect. Each case states the real TeSLA CE 1.0.10
server's answer."""

from __future__ import annotations

import pytest

from tests.platforms.tesla.conftest import Tesla

I1 = "/api/v2/institution/1"


@pytest.mark.parametrize("method", ["GET", "POST", "PUT", "DELETE"])
@pytest.mark.parametrize(("path", "location"), [
    (f"{I1}/learner", f"{I1}/learner/"),
    (f"{I1}/learner?limit=2&search=a%20b", f"{I1}/learner/?limit=2&search=a%20b"),
    (f"{I1}/learner/5/ic", f"{I1}/learner/5/ic/"),
    (f"{I1}/vle/%0A", f"{I1}/vle/%0A/"),
])
def test_a_path_without_its_slash_is_a_permanent_relative_redirect(
        admin: Tesla, method: str, path: str, location: str) -> None:
    # Upstream: 301, text/html, an empty body, Location relative; POST too (DEBUG off).
    response = admin.client.request(method, path, headers=admin.headers(), json={} if method in (
        "POST", "PUT") else None, follow_redirects=False)
    assert response.status_code == 301
    assert response.headers["location"] == location
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.content == b""
    assert "allow" not in response.headers


def test_the_redirect_comes_before_credentials_are_read(tesla: Tesla) -> None:
    response = tesla.client.get(f"{I1}/learner", headers={"Authorization": "JWT forged"},
                                follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (301, f"{I1}/learner/")
