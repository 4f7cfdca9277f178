"""An activity report's per-instrument detail, as the report's item URL answers it.

``InstitutionCourseActivityReportExtendedDetailSerializer`` adds to each instrument row of a
report the instrument's acronym and its provider's polarity and thresholds, the histograms
of results it is read against, and what ``ReportActivityInstrument`` computes from them:
the bin of the result, how likely the result is and how likely a better one is, for the
learner and for the activity, and the facts drawn from all that. The formulas are the real
model's, on the same numbers (results, confidences and enrolments are stored as
percentages, the thresholds as fractions, and compared as they are).
"""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import (
    INSTRUMENTS,
    PROVIDERS,
    REPORT_INSTRUMENTS,
    REPORTS,
)
from edumock.world.store import InMemoryStore, Record

BINS = 10
LEVELS = ("identity_level", "content_level", "integrity_level")
PERCENTAGES = ("enrolment", "confidence", "result")
DETAIL_FIELDS = ("instrument", "enrolment", "confidence", "result", "identity_level",
                 "content_level", "integrity_level", "instrument_id")
EXTENDED_FIELDS = ("instrument", "enrolment", "confidence", "result", "identity_level",
                   "instrument_acronym", "content_level", "integrity_level", "learner_histogram",
                   "activity_histogram", "instrument_id", "instrument_polarity", "result_bean",
                   "thresholds", "prob_learner", "prob_context", "h_prob_learner",
                   "h_prob_context", "facts")


def result_bin(result: float) -> int:
    """``get_result_bean``: the histogram bin of a result percentage (90 to 100 share one)."""
    return min(int(result / 10), BINS - 1)


def histogram(rows: list[Record]) -> list[int]:
    """Counts of the rows' results per bin."""
    bins = [0] * BINS
    for row in rows:
        bins[result_bin(row["result"])] += 1
    return bins


def probability(hist: list[int], bin_: int) -> float:
    """``get_prob_learner`` / ``get_prob_context``: the bin's share with half of each
    neighbour's."""
    share = hist[bin_] + (hist[bin_ - 1] / 2.0 if bin_ > 0 else 0) + (
        hist[bin_ + 1] / 2.0 if bin_ < BINS - 1 else 0)
    return share / sum(hist)


def better_probability(hist: list[int], bin_: int, polarity: int) -> float:
    """``get_h_prob_learner`` / ``get_h_prob_context``: the share of better results (higher,
    or lower under an inverted polarity)."""
    better = sum(hist[bin_ + 1:]) if polarity > 0 else sum(hist[:bin_])
    return better / sum(hist)


def facts(row: Record, provider: Record, learner_hist: list[int],
          activity_hist: list[int]) -> dict[str, list[str]]:
    """``get_facts``, its comparisons as the model makes them."""
    if row["confidence"] < 0.0001 or row["result"] is None:
        return {"neutral": ["NEUTRAL_MISSING_INFORMATION"]}
    positive: list[str] = []
    negative: list[str] = []
    if row["confidence"] < 0.75:
        negative.append("NEGATIVE_CONFIDENCE_LOW")
    else:
        positive.append("POSITIVE_CONFIDENCE_HIGH")
    polarity = instrument_polarity(provider)
    warning, alert = provider.get("warning_below"), provider.get("alert_below")
    polarized = row["result"] * polarity
    if warning is not None and polarized >= warning * polarity:
        positive.append("POSITIVE_LEARNER_RESULT_ABOVE_THRESHOLD")
    elif alert is not None and polarized < alert * polarity:
        negative.append("NEGATIVE_LEARNER_RESULT_BELOW_THRESHOLD")
    bin_ = result_bin(row["result"])
    learner_better = better_probability(learner_hist, bin_, polarity)
    if learner_better < 0.4:
        positive.append("POSITIVE_LEARNER_RESULT_GOOD_INSTRUMENT")
    elif learner_better > 0.75:
        negative.append("NEGATIVE_LEARNER_RESULT_BAD_INSTRUMENT")
    activity_better = better_probability(activity_hist, bin_, polarity)
    if activity_better < 0.4:
        positive.append("POSITIVE_LEARNER_RESULT_GOOD_ACTIVITY")
    elif activity_better > 0.5:
        negative.append("NEGATIVE_LEARNER_RESULT_BAD_ACTIVITY")
    if probability(learner_hist, bin_) > 0.8:
        positive.append("POSITIVE_LEARNER_RESULT_FREQUENT")
    return {"positive": positive, "negative": negative}


def instrument_polarity(provider: Record) -> int:
    """``get_instrument_polarity``: 1, or -1 when the provider's polarity is inverted."""
    return -1 if provider.get("inverted_polarity") else 1


def detail_row(store: InMemoryStore, row: Record) -> dict[str, Any]:
    """``InstitutionCourseActivityReportDetailSerializer``: one instrument row of a report."""
    instrument = store.get(INSTRUMENTS, str(row["instrument_id"])) or {}
    values = {**row, "instrument": instrument.get("name"),
              **{key: float(row[key]) for key in PERCENTAGES}}
    return {field: values.get(field) for field in DETAIL_FIELDS}


def extended_row(store: InMemoryStore, report: Record, row: Record) -> dict[str, Any]:
    """``InstitutionCourseActivityReportExtendedDetailSerializer``: the row with its
    instrument's provider, its histograms and what the model computes from them.

    The learner histogram counts the learner's results with the instrument over every
    activity; the activity histogram, the results of the report's activity."""
    instrument_id = row["instrument_id"]
    instrument = store.get(INSTRUMENTS, str(instrument_id)) or {}
    provider = next(iter(store.find(PROVIDERS, instrument_id=instrument_id)), {})
    learner_reports = {r["id"] for r in store.find(REPORTS, learner_id=report["learner_id"])}
    activity_reports = {r["id"] for r in store.find(REPORTS, activity_id=report["activity_id"])}
    rows = store.find(REPORT_INSTRUMENTS, instrument_id=instrument_id)
    learner_hist = histogram([r for r in rows if r["report_id"] in learner_reports])
    activity_hist = histogram([r for r in rows if r["report_id"] in activity_reports])
    polarity = instrument_polarity(provider)
    bin_ = result_bin(row["result"])
    values = {**detail_row(store, row), "instrument_acronym": instrument.get("acronym"),
              "learner_histogram": learner_hist, "activity_histogram": activity_hist,
              "instrument_polarity": polarity, "result_bean": bin_,
              "thresholds": {"warning_below": provider.get("warning_below"),
                             "alert_below": provider.get("alert_below")},
              "prob_learner": probability(learner_hist, bin_),
              "prob_context": probability(activity_hist, bin_),
              "h_prob_learner": better_probability(learner_hist, bin_, polarity),
              "h_prob_context": better_probability(activity_hist, bin_, polarity),
              "facts": facts(row, provider, learner_hist, activity_hist)}
    return {field: values[field] for field in EXTENDED_FIELDS}
