"""GET /submissions/v1.0/returns: the organisation's return periods, paginated."""

from __future__ import annotations

from tests.platforms.sdr.conftest import OPEN_RETURN, Sdr, problem

ALL = {"pageSize": 100, "includeIndicative": "true"}


def _by_id(sdr: Sdr) -> dict[int, dict]:
    return {r["returnId"]: r for r in sdr.returns(**ALL).json()["results"]}


def test_returns_list_only_the_callers_organisation_newest_first(sdr: Sdr):
    body = sdr.returns(**ALL).json()
    assert body["totalCount"] == 14  # 11 months back, this month, 2 ahead
    ids = [r["returnId"] for r in body["results"]]
    assert ids == sorted(ids, reverse=True)
    assert {r["edumis"] for r in body["results"]} == {6004}


def test_indicative_returns_are_left_out_unless_asked_for(sdr: Sdr):
    body = sdr.returns(pageSize=100).json()
    assert [r["returnId"] for r in body["results"]] == [202608, 202604, 202512]
    assert {r["returnType"] for r in body["results"]} == {"Full"}


def test_returns_carry_the_reference_fields_and_a_clock_derived_status(sdr: Sdr):
    results = _by_id(sdr)
    august = results[int(OPEN_RETURN)]
    assert august["returnYear"] == 2026 and august["returnMonth"] == 8
    assert august["returnType"] == "Full"
    assert (august["windowStatus"], august["returnStatus"]) == ("Open", "Accumulate")
    assert august["openWindowDate"] == "2026-08-01T00:00:00Z"
    assert august["closeWindowDate"] == "2026-09-20T23:59:59Z"
    assert august["closeDate"] is None
    assert (results[202610]["windowStatus"], results[202610]["returnStatus"]) == (
        "Upcoming", "Queued")
    june = results[202606]
    assert (june["windowStatus"], june["returnStatus"]) == ("Closed", "Processed")
    assert june["closeDate"] == june["closeWindowDate"]
    assert results[202607]["returnType"] == "Indicative"


def test_returns_status_follows_the_sandbox_clock(sdr: Sdr):
    sdr.advance(60 * 86400, renew_bearer=True)  # 9 October 2026
    results = _by_id(sdr)
    assert results[202608]["windowStatus"] == "Closed"
    assert results[202610]["windowStatus"] == "Open"


def test_returns_paginate_with_total_count(sdr: Sdr):
    first = sdr.returns(page=1, pageSize=5, includeIndicative="true").json()
    third = sdr.returns(page=3, pageSize=5, includeIndicative="true").json()
    assert (first["page"], first["pageSize"], first["totalCount"]) == (1, 5, 14)
    assert len(first["results"]) == 5 and len(third["results"]) == 4
    assert not {r["returnId"] for r in first["results"]} & {r["returnId"] for r in third["results"]}


def test_page_below_one_is_refused_with_pr1(sdr: Sdr):
    body = problem(sdr.returns(page=0), 400, "PR1")
    assert "$.page" in body["errors"]


def test_page_size_above_maximum_is_refused_with_pr1(sdr: Sdr):
    problem(sdr.returns(pageSize=101), 400, "PR1")


def test_non_numeric_page_is_refused_with_pr1(sdr: Sdr):
    problem(sdr.returns(page="two"), 400, "PR1")


def test_page_beyond_the_data_is_refused_with_pr2(sdr: Sdr):
    problem(sdr.returns(page=4, pageSize=5, includeIndicative="true"), 400, "PR2")


def test_returns_listed_in_the_fixture_file_are_loaded_as_given(tmp_path, settings):
    from dataclasses import replace

    from edumock.testing import build_app

    (tmp_path / "sdr.yaml").write_text(
        "generate: {organisations: 0, monthsBack: 0, monthsAhead: 0}\n"
        "records:\n"
        "  organisations: [{edumis: '6004', name: Explicit}]\n"
        "  returns:\n"
        "    - {edumis: '6004', returnId: '201912', returnYear: 2019, returnMonth: 12,\n"
        "       openWindowDate: '2019-12-01T00:00:00Z', closeWindowDate: '2030-01-20T23:59:59Z',\n"
        "       returnType: Full}\n", encoding="utf-8")
    app = build_app(replace(settings, fixtures_dir=tmp_path))
    with app.test_client() as client:
        sdr = Sdr(client)
        ids = [r["returnId"] for r in sdr.returns(**ALL).json()["results"]]
        assert ids == [202608, 201912]
        assert sdr.request_token("201912").status_code == 200
