"""POST /submissions/v1.0/token/{returnId}: issue, re-issue and decline submission tokens."""

from __future__ import annotations

from tests.platforms.sdr.conftest import OPEN_RETURN, Sdr, learner, problem


def test_token_carries_expiry_and_the_record_limit_under_both_names(sdr: Sdr):
    body = sdr.request_token().json()
    assert body["maxRecordPerBatch"] == body["maxBatchSize"] == 500
    assert body["tokenExpiry"] == "2026-08-11T09:30:00Z"
    assert body["returnId"] == int(OPEN_RETURN) and body["edumis"] == 6004
    assert body["submissionStatus"] == "Pending" and body["submissionType"] == "Full"
    assert body["validationRunResults"] == []


def test_asking_again_while_the_token_is_live_returns_the_same_token(sdr: Sdr):
    assert sdr.token() == sdr.token()
    assert len(sdr.state("tokens")) == 1


def test_a_new_token_is_issued_once_the_old_one_expires(sdr: Sdr):
    first = sdr.token()
    sdr.advance(86400, renew_bearer=True)
    assert sdr.token() != first


def test_unknown_return_is_declined_with_404_r1(sdr: Sdr):
    body = problem(sdr.request_token("201901"), 404, "R1")
    assert body["errors"]["returnId"] == 201901


def test_malformed_return_id_is_refused_as_schema_error(sdr: Sdr):
    problem(sdr.request_token("2026-8"), 400, "CV1")


def test_return_whose_window_is_not_open_is_declined_with_409_r2(sdr: Sdr):
    problem(sdr.request_token("202610"), 409, "R2")
    problem(sdr.request_token("202606"), 409, "R2")


def test_token_is_declined_while_a_validation_runs_for_the_organisation(sdr: Sdr):
    token = sdr.token("202608")
    assert sdr.put("learners", token, [learner("L1")]).status_code == 200
    assert sdr.validate(token).status_code == 200
    response = sdr.request_token("202607")
    problem(response, 429, "DS1")
    assert int(response.headers["Retry-After"]) == 35


def test_tokens_of_two_organisations_are_independent(client, sdr: Sdr):
    other_edumis = next(o["edumis"] for o in sdr.state("organisations") if o["edumis"] != "6004")
    other = Sdr(client, other_edumis)
    assert other.token() != sdr.token()
    assert len(sdr.state("tokens")) == 2
