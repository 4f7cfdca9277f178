"""An activity report read at its item URL: the real detail serializer's extended rows
(histograms, the provider's thresholds and polarity, probabilities, facts), computed as the
real model computes them from the seeded results."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.models import report_detail as rd
from tests.platforms.tesla.conftest import Tesla

EXTENDED = ["instrument", "enrolment", "confidence", "result", "identity_level",
            "instrument_acronym", "content_level", "integrity_level", "learner_histogram",
            "activity_histogram", "instrument_id", "instrument_polarity", "result_bean",
            "thresholds", "prob_learner", "prob_context", "h_prob_learner", "h_prob_context",
            "facts"]


def _report(admin: Tesla) -> tuple[str, dict[str, Any]]:
    course = admin.course_of()["id"]
    activity = admin.activity_of(course)["id"]
    report = admin.report_of(activity)
    return f"/api/v2/institution/1/course/{course}/activity/{activity}/report/", report


def _bins(rows: list[dict[str, Any]]) -> list[int]:
    bins = [0] * 10
    for row in rows:
        bins[min(row["result"] // 10, 9)] += 1
    return bins


def test_the_item_url_extends_each_row_and_adds_data(admin: Tesla):
    url, report = _report(admin)
    body = admin.get(f"{url}{report['id']}/").json()
    assert list(body) == ["id", "learner", "detail", "identity_level", "content_level",
                          "integrity_level", "data"]
    assert body["data"] is None
    rows = {r["instrument_id"]: r for r in admin.state("report_instruments")
            if r["report_id"] == report["id"]}
    assert {row["instrument_id"] for row in body["detail"]} == set(rows)
    providers = {p["instrument_id"]: p for p in admin.state("providers")}
    instruments = {i["id"]: i for i in admin.state("instruments")}
    reports = admin.state("reports")
    for row in body["detail"]:
        assert list(row) == EXTENDED
        seeded, provider = rows[row["instrument_id"]], providers[row["instrument_id"]]
        assert (row["enrolment"], row["confidence"], row["result"]) == (
            float(seeded["enrolment"]), float(seeded["confidence"]), float(seeded["result"]))
        assert row["instrument_acronym"] == instruments[row["instrument_id"]]["acronym"]
        assert row["thresholds"] == {"warning_below": provider["warning_below"],
                                     "alert_below": provider["alert_below"]}
        assert row["instrument_polarity"] == (-1 if provider["inverted_polarity"] else 1)
        assert row["result_bean"] == min(seeded["result"] // 10, 9)
        same = [r for r in admin.state("report_instruments")
                if r["instrument_id"] == row["instrument_id"]]
        mine = {r["id"] for r in reports if r["learner_id"] == report["learner_id"]}
        here = {r["id"] for r in reports if r["activity_id"] == report["activity_id"]}
        assert row["learner_histogram"] == _bins([r for r in same if r["report_id"] in mine])
        assert row["activity_histogram"] == _bins([r for r in same if r["report_id"] in here])
        assert 0 < row["prob_learner"] <= 1 and 0 < row["prob_context"] <= 1
        assert set(row["facts"]) == {"positive", "negative"}
    listed = admin.get(url).json()["results"]
    first = next(r for r in listed if r["id"] == report["id"])
    assert "data" not in first and "facts" not in first["detail"][0]
    assert first["detail"][0]["result"] == body["detail"][0]["result"]


def test_probabilities_and_facts_follow_the_real_model():
    hist = [0, 0, 1, 0, 0, 0, 2, 1, 0, 0]  # four results; this one in bin 6
    assert rd.result_bin(64) == 6 and rd.result_bin(100) == 9
    assert rd.probability(hist, 6) == (2 + 0 / 2 + 1 / 2) / 4
    assert rd.better_probability(hist, 6, 1) == 1 / 4
    assert rd.better_probability(hist, 6, -1) == 1 / 4  # lower is better: bin 2
    provider = {"warning_below": 0.5, "alert_below": 0.3, "inverted_polarity": False}
    row = {"confidence": 80, "result": 64}
    assert rd.facts(row, provider, hist, hist) == {
        "positive": ["POSITIVE_CONFIDENCE_HIGH", "POSITIVE_LEARNER_RESULT_ABOVE_THRESHOLD",
                     "POSITIVE_LEARNER_RESULT_GOOD_INSTRUMENT",
                     "POSITIVE_LEARNER_RESULT_GOOD_ACTIVITY"],
        "negative": []}
    # The model compares the percentage with the fractional thresholds as they are.
    inverted = {**provider, "inverted_polarity": True}
    assert rd.facts(row, inverted, hist, hist)["negative"] == [
        "NEGATIVE_LEARNER_RESULT_BELOW_THRESHOLD"]
    assert rd.facts({"confidence": 0, "result": 64}, provider, hist, hist) == {
        "neutral": ["NEUTRAL_MISSING_INFORMATION"]}
    crowded = [0, 0, 0, 0, 0, 0, 5, 0, 0, 0]
    assert "POSITIVE_LEARNER_RESULT_FREQUENT" in rd.facts(row, provider, crowded, hist)[
        "positive"]
    worse = [0, 0, 0, 0, 0, 0, 1, 4, 0, 0]
    assert rd.facts(row, provider, worse, worse)["negative"] == [
        "NEGATIVE_LEARNER_RESULT_BAD_INSTRUMENT", "NEGATIVE_LEARNER_RESULT_BAD_ACTIVITY"]


def test_every_instrument_has_a_seeded_provider(tesla: Tesla):
    providers = tesla.state("providers")
    assert sorted(p["instrument_id"] for p in providers) == sorted(
        i["id"] for i in tesla.state("instruments"))
    for provider in providers:
        assert 0 < provider["alert_below"] < provider["warning_below"] < 1
        assert isinstance(provider["inverted_polarity"], bool)
