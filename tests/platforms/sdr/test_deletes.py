"""DELETE /submissions/v1.0/{data set} and DELETE /submissions/v1.0/token/{token}/delete."""

from __future__ import annotations

from edumock.platforms.sdr.models.tokens import DELETED_KEPT
from tests.platforms.sdr.conftest import Sdr, learner, problem


def test_delete_removes_records_and_answers_per_local_id(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1"), learner("L2"), learner("L3")])
    response = sdr.delete("learners", token, ["L1", "L9", "L3"])
    assert response.status_code == 200
    content = response.json()["content"]
    assert [c["localId"] for c in content] == ["L1", "L9", "L3"]
    assert content[0]["errors"] == [] and content[2]["errors"] == []
    assert content[1]["errors"] == ["No learners record with localId L9."]
    assert [r["localId"] for r in sdr.state("learners")] == ["L2"]


def test_delete_only_touches_its_own_data_set(sdr: Sdr):
    token = sdr.token()
    sample = sdr.upload_sample(token)
    course_id = sample["courses"][0]["localId"]
    response = sdr.delete("learners", token, [course_id])
    assert response.json()["content"][0]["errors"]
    assert len(sdr.state("courses")) == len(sample["courses"])


def test_delete_batch_above_the_limit_is_refused_and_deletes_nothing(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1")])
    problem(sdr.delete("learners", token, ["L1"] + [f"X{i}" for i in range(500)]), 400, "MP1")
    assert len(sdr.state("learners")) == 1


def test_delete_with_unknown_token_is_refused_with_sc1(sdr: Sdr):
    problem(sdr.delete("learners", "nope", ["L1"]), 400, "SC1")


def test_delete_body_without_local_id_is_a_schema_error(client, sdr: Sdr):
    body = {"submissionToken": sdr.token(), "content": [{"id": "L1"}]}
    response = client.request("DELETE", "/submissions/v1.0/learners", headers=sdr.headers(),
                              json=body)
    problem(response, 400, "CV1")


def test_deleting_the_token_removes_its_data_and_allows_a_new_token(sdr: Sdr):
    token = sdr.token()
    sample = sdr.upload_sample(token)
    response = sdr.delete_token(token)
    assert response.status_code == 204 and response.content == b""
    deleted = next(t for t in sdr.state("tokens") if t["submissionToken"] == token)
    assert deleted["deleted"] is True
    assert deleted["recordsDeleted"] == sum(len(v) for v in sample.values())
    for data_set in sample:
        assert sdr.state(data_set) == []
    new = sdr.token()
    assert new != token


def test_deleting_an_unknown_token_is_refused_with_sc1(sdr: Sdr):
    problem(sdr.delete_token("nope"), 400, "SC1")


def test_deleting_a_token_twice_is_refused_the_second_time(sdr: Sdr):
    token = sdr.token()
    assert sdr.delete_token(token).status_code == 204
    problem(sdr.delete_token(token), 400, "SC1")


def test_deleting_another_organisations_token_is_refused_and_keeps_it(client, sdr: Sdr):
    other_edumis = next(o["edumis"] for o in sdr.state("organisations") if o["edumis"] != "6004")
    other = Sdr(client, other_edumis)
    foreign = other.token()
    problem(sdr.delete_token(foreign), 400, "SC1")
    assert other.token() == foreign


def test_deleting_the_token_cancels_a_running_validation(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1")])
    assert sdr.validate(token).status_code == 200
    assert sdr.delete_token(token).status_code == 204
    assert sdr.state("validations") == []
    fresh = sdr.token()  # no longer blocked by the cancelled run
    assert sdr.put("learners", fresh, [learner("L1")]).status_code == 200


def test_only_the_newest_deleted_tokens_are_remembered(sdr: Sdr):
    deleted = []
    for _ in range(DELETED_KEPT + 5):
        token = sdr.token()
        assert sdr.delete_token(token).status_code == 204
        deleted.append(token)
    kept = [t["submissionToken"] for t in sdr.state("tokens") if t["deleted"]]
    assert kept == deleted[-DELETED_KEPT:]
    forgotten, remembered = deleted[0], deleted[-1]
    for token in (forgotten, remembered):  # answered alike
        problem(sdr.delete("learners", token, ["L1"]), 400, "SC1")
