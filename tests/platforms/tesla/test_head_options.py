"""HEAD and OPTIONS on every view, as Django REST framework answers them on the real TeSLA CE
1.0.10 server: authentication and the view's permissions first, then HEAD as the GET without
its body and OPTIONS as ``SimpleMetadata`` describes the view."""

from __future__ import annotations

from typing import Any

from tests.platforms.tesla.actors import DENIED, I1
from tests.platforms.tesla.conftest import Tesla

LEARNERS = f"{I1}/learner/"
READ_ONLY_PARSES = ["application/json", "application/x-www-form-urlencoded",
                    "multipart/form-data"]


def head(tesla: Tesla, path: str) -> Any:
    return tesla.client.head(path, headers=tesla.headers())


def options(tesla: Tesla, path: str) -> Any:
    return tesla.client.options(path, headers=tesla.headers())


def a_learner(tesla: Tesla) -> int:
    return int(tesla.learners()[0]["id"])


def test_head_on_a_list_is_the_get_without_its_body(tesla: Tesla) -> None:
    tesla.login("inst_admin")
    got, headed = tesla.get(LEARNERS), head(tesla, LEARNERS)
    assert headed.status_code == 200
    assert headed.content == b""
    assert headed.headers["content-type"] == got.headers["content-type"]
    assert headed.headers["allow"] == "GET, POST, HEAD, OPTIONS"


def test_head_on_an_item_an_unknown_id_and_another_institution(tesla: Tesla) -> None:
    tesla.login("inst_admin")
    item = head(tesla, f"{LEARNERS}{a_learner(tesla)}/")
    assert (item.status_code, item.content) == (200, b"")
    assert item.headers["allow"] == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
    assert head(tesla, f"{LEARNERS}999999/").status_code == 404
    assert head(tesla, "/api/v2/institution/2/learner/").status_code == 403


def test_head_with_a_bad_token_is_401_and_counts_as_the_get(tesla: Tesla) -> None:
    tesla.token = "forged"
    refused = head(tesla, LEARNERS)
    assert (refused.status_code, refused.content) == (401, b"")
    assert refused.headers["www-authenticate"] == "JWT"
    journal = tesla.client.get("/__admin/requests").json()
    assert [e["operationId"] for e in journal["requests"] if e["method"] == "HEAD"] \
        == ["learner.list"]


def test_head_where_the_path_has_no_get_is_refused(tesla: Tesla) -> None:
    tesla.login("inst_admin")  # the consent route lets only the learner in, first
    refused = head(tesla, f"{LEARNERS}{a_learner(tesla)}/ic/")
    assert (refused.status_code, refused.content) == (403, b"")
    assert refused.headers["allow"] == "POST, DELETE, OPTIONS"


def test_options_for_a_writer_lists_the_post_fields(tesla: Tesla) -> None:
    tesla.login("inst_admin")
    answer = options(tesla, LEARNERS)
    assert answer.status_code == 200
    assert answer.headers["allow"] == "GET, POST, HEAD, OPTIONS"
    body = answer.json()
    assert body["name"] == "Institution Learner List"
    assert body["description"] == "API endpoint that allows learners to be viewed or edited."
    assert body["renders"] == ["application/json", "text/html", "application/json"]
    assert body["parses"] == READ_ONLY_PARSES
    post = body["actions"]["POST"]
    assert list(body["actions"]) == ["POST"]
    assert post["email"] == {"type": "email", "required": True, "read_only": False,
                             "label": "Email"}
    assert post["id"] == {"type": "integer", "required": False, "read_only": True,
                          "label": "ID"}
    assert post["first_name"]["max_length"] == 150
    assert post["institution"]["children"]["acronym"]["read_only"] is True
    # a method field upstream, whatever shape it answers: described by type only
    assert post["send"] == {"type": "field", "required": False, "read_only": True,
                            "label": "Send"}


def test_options_for_a_reader_has_no_actions(tesla: Tesla) -> None:
    tesla.login("global_admin")  # reads every institution, writes none
    body = options(tesla, LEARNERS).json()
    assert body["name"] == "Institution Learner List"
    assert "actions" not in body


def test_options_on_an_item_offers_put_only_for_an_existing_item(tesla: Tesla) -> None:
    tesla.login("inst_admin")
    found = options(tesla, f"{LEARNERS}{a_learner(tesla)}/").json()
    assert found["name"] == "Institution Learner Instance"
    assert list(found["actions"]) == ["PUT"]
    assert "enrolment_status" in found["actions"]["PUT"]  # the detail serializer
    missing = options(tesla, f"{LEARNERS}999999/")
    assert missing.status_code == 200
    assert "actions" not in missing.json()


def test_options_runs_the_view_permissions_first(tesla: Tesla) -> None:
    tesla.anonymous()
    refused = options(tesla, LEARNERS)
    assert (refused.status_code, refused.json()) == (403, {"detail": DENIED})
    assert refused.headers["allow"] == "GET, POST, HEAD, OPTIONS"
    tesla.token = "forged"
    assert options(tesla, LEARNERS).status_code == 401
    tesla.login("inst_admin", institution_id=2)
    assert options(tesla, LEARNERS).status_code == 403


def test_options_on_open_views_and_action_routes(tesla: Tesla) -> None:
    tesla.anonymous()  # the consent views have no permission classes
    current = options(tesla, f"{I1}/ic/current/")
    assert current.json()["name"] == "Current"
    assert current.json()["description"] == "Retrieve the current informed consent"
    assert current.headers["allow"] == "GET, HEAD, OPTIONS"
    login = options(tesla, "/api/v2/auth/login")
    assert login.json()["name"] == "User Password"
    assert login.headers["allow"] == "GET, POST, HEAD, OPTIONS"


def test_options_is_journaled_without_an_operation(tesla: Tesla) -> None:
    tesla.login("inst_admin")
    options(tesla, LEARNERS)
    entries = [e for e in tesla.client.get("/__admin/requests").json()["requests"]
               if e["method"] == "OPTIONS"]
    assert [(e["operationId"], e["status"]) for e in entries] == [(None, 200)]
