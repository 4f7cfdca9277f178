"""Errors in Django REST framework's shapes, never Connexion's problem+json."""

from __future__ import annotations

from tests.platforms.tesla.conftest import Tesla, detail, field_errors

LEARNERS = "/api/v2/institution/1/learner/"


def test_missing_required_fields_are_field_errors(admin: Tesla):
    field_errors(admin.post(LEARNERS, {"first_name": "Aroha"}),
                 {"email": ["This field is required."], "uid": ["This field is required."]})


def test_wrong_types_get_drf_messages(admin: Tesla):
    response = admin.patch("/api/v2/institution/1/", {"external_ic": 23,
                                                      "mail_domain": True})
    field_errors(response, {"external_ic": ["Must be a valid boolean."],
                            "mail_domain": ["Not a valid string."]})


def test_invalid_email_and_too_long_fields(admin: Tesla):
    response = admin.post(LEARNERS, {"email": "not-an-email", "uid": "x" * 300})
    body = response.json()
    assert response.status_code == 400
    assert body["email"] == ["Enter a valid email address."]
    assert body["uid"] == ["Ensure this field has no more than 255 characters."]


def test_blank_required_string_is_refused(admin: Tesla):
    field_errors(admin.post("/api/v2/institution/1/group/", {"name": ""}),
                 {"name": ["This field may not be blank."]})


def test_body_that_is_not_an_object(admin: Tesla):
    field_errors(admin.post(LEARNERS, ["a"]),
                 {"non_field_errors": ["Invalid data. Expected a dictionary, but got list."]})


def test_unknown_id_is_404_not_found(admin: Tesla):
    detail(admin.get(f"{LEARNERS}999999/"), 404, "Not found.")
    detail(admin.get(f"{LEARNERS}abc/"), 404, "Not found.")


def test_unmapped_method_is_405_with_drf_detail(admin: Tesla):
    detail(admin.delete("/api/v2/institution/1/"), 405, 'Method "DELETE" not allowed.')
    detail(admin.post("/api/v2/institution/1/", {}), 405, 'Method "POST" not allowed.')


def test_unsupported_media_type_is_415(admin: Tesla):
    response = admin.client.post(LEARNERS, content="email=x",
                                 headers={**admin.headers(), "Content-Type": "text/plain"})
    detail(response, 415, 'Unsupported media type "text/plain" in request.')


def test_malformed_json_is_400_parse_error(admin: Tesla):
    response = admin.client.post(LEARNERS, content='{"email": ',
                                 headers={**admin.headers(), "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("JSON parse error - ")


def test_unknown_url_is_djangos_html_404(admin: Tesla):
    response = admin.get("/api/v2/institution/1/nothing-here/")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "<h1>Not Found</h1>" in response.text


def test_a_refused_create_stores_nothing(admin: Tesla):
    before = len(admin.state("users"))
    admin.post(LEARNERS, {"email": "bad", "uid": "u-1"})
    assert len(admin.state("users")) == before
