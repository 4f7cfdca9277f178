"""Methods no spec declares are refused, HEAD included (routers add it wherever GET is)."""

from __future__ import annotations


def test_head_is_refused_where_no_spec_declares_it(client):
    response = client.head("/submissions/v1.0/returns")
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert client.get("/__admin/violations").json()["violations"] == []
