"""PUT /submissions/v1.0/{data set}: batched uploads, all or nothing."""

from __future__ import annotations

import pytest

from tests.platforms.sdr.conftest import DATA_SETS, Sdr, learner, problem


@pytest.mark.parametrize("data_set", DATA_SETS)
def test_each_data_set_accepts_its_sample_records(sdr: Sdr, data_set: str):
    token = sdr.token()
    records = sdr.sample()[data_set] or []
    if not records:
        pytest.skip("this seed's sample has no records of this kind")
    response = sdr.put(data_set, token, records)
    assert response.status_code == 200, response.text
    assert len(response.json()["content"]) == len(records)
    stored = sdr.state(data_set)
    assert sorted(r["localId"] for r in stored) == sorted(r["localId"] for r in records)


def test_same_local_id_overwrites_the_record(sdr: Sdr):
    token = sdr.token()
    first = sdr.put("learners", token, [learner("L1")])
    assert first.json()["content"] == [{"localId": "L1", "errors": [], "status": "Created"}]
    second = sdr.put("learners", token, [learner("L1", nameIdCode="WALKA")])
    assert second.json()["content"] == [{"localId": "L1", "errors": [], "status": "Updated"}]
    stored = sdr.state("learners")
    assert len(stored) == 1 and stored[0]["record"]["nameIdCode"] == "WALKA"


def test_batch_with_schema_failures_names_every_bad_record_and_stores_nothing(sdr: Sdr):
    token = sdr.token()
    batch = [learner("ok-1"), learner("bad-1", nationalStudentNumber="12"), learner("ok-2"),
             learner("bad-2", gender="Q", dateOfBirth="12/04/2001")]
    body = problem(sdr.put("learners", token, batch), 400, "CV1")
    content = body["errors"]["content"]
    assert [(c["index"], c["localId"]) for c in content] == [(1, "bad-1"), (3, "bad-2")]
    assert len(content[1]["errors"]) == 2
    assert body["errors"]["submissionToken"] == token
    assert sdr.state("learners") == []


def test_record_without_local_id_is_refused(sdr: Sdr):
    token = sdr.token()
    record = learner("x")
    del record["localId"]
    body = problem(sdr.put("learners", token, [record]), 400, "CV1")
    assert body["errors"]["content"][0]["index"] == 0
    assert body["errors"]["content"][0]["localId"] is None


def test_unknown_field_in_a_record_is_refused(sdr: Sdr):
    body = problem(sdr.put("learners", sdr.token(), [learner("L1", shoeSize=9)]), 400, "CV1")
    assert "shoeSize" in body["errors"]["content"][0]["errors"][0]


def test_duplicate_local_id_in_one_batch_is_refused_naming_each_copy(sdr: Sdr):
    token = sdr.token()
    batch = [learner("L1"), learner("L2"), learner("L1")]
    body = problem(sdr.put("learners", token, batch), 400, "CV2")
    content = body["errors"]["content"]
    assert [(c["index"], c["localId"]) for c in content] == [(0, "L1"), (2, "L1")]
    assert sdr.state("learners") == []


def test_more_records_than_the_limit_is_refused_with_mp1(client, sdr: Sdr):
    token = sdr.token()
    batch = [learner(f"L{i}") for i in range(502)]
    body = problem(sdr.put("learners", token, batch), 400, "MP1")
    assert [c["index"] for c in body["errors"]["content"]] == [500, 501]
    assert sdr.state("learners") == []


def test_a_full_batch_at_the_limit_is_accepted(sdr: Sdr):
    response = sdr.put("learners", sdr.token(), [learner(f"L{i}") for i in range(500)])
    assert response.status_code == 200 and len(response.json()["content"]) == 500


def test_unknown_token_is_refused_with_sc1(sdr: Sdr):
    problem(sdr.put("learners", "not-a-token", [learner("L1")]), 400, "SC1")


def test_expired_token_is_refused_with_sc2_and_stores_nothing(sdr: Sdr):
    token = sdr.token()
    sdr.advance(86400, renew_bearer=True)
    problem(sdr.put("learners", token, [learner("L1")]), 400, "SC2")
    assert sdr.state("learners") == []


def test_deleted_token_is_refused_with_sc1(sdr: Sdr):
    token = sdr.token()
    assert sdr.delete_token(token).status_code == 204
    problem(sdr.put("learners", token, [learner("L1")]), 400, "SC1")


def test_another_organisations_token_is_refused_like_an_unknown_one(client, sdr: Sdr):
    other_edumis = next(o["edumis"] for o in sdr.state("organisations") if o["edumis"] != "6004")
    foreign = Sdr(client, other_edumis).token()
    problem(sdr.put("learners", foreign, [learner("L1")]), 400, "SC1")
    assert sdr.state("learners") == []


def test_empty_content_is_refused(sdr: Sdr):
    problem(sdr.put("learners", sdr.token(), []), 400, "CV1")


def test_offset_date_times_are_stored_in_utc(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1", dateOfBirth="2001-04-12T11:55:12+12:00")])
    assert sdr.state("learners")[0]["record"]["dateOfBirth"] == "2001-04-11T23:55:12Z"
