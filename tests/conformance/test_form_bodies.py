"""The checker reads a form sent to a schema marked ``x-edumock-form: record`` as the server
does: each field's last value, as text, judged by the widened schema."""

from __future__ import annotations

from edumock.conformance.exchange import Exchange
from edumock.conformance.report import judge
from tests.conformance import LEARNERS, tesla

_FORM = (("Authorization", "JWT token"), ("Content-Type", "application/x-www-form-urlencoded"))


def form_post(body: bytes) -> Exchange:
    return Exchange(1, "POST", f"http://sandbox.test{LEARNERS}", 403, _FORM, body,
                    (("Content-Type", "application/json"),), b'{"detail": "no"}', label="form")


def test_a_form_of_text_values_keeps_the_contract():
    report = judge(tesla(), [form_post(b"email=a%40b.org&uid=123&inst_admin=on")], "forms")
    assert report.findings == []


def test_a_form_value_the_field_cannot_read_is_a_finding():
    report = judge(tesla(), [form_post(b"email=a%40b.org&uid=1&inst_admin=maybe")], "forms")
    assert [(f.rule, f.json_path) for f in report.findings] == [("request-body", "$.inst_admin")]


def test_a_form_value_is_text_even_where_the_schema_wants_an_object():
    path = "/api/v2/institution/1/course/1/activity/1/instrument/"
    exchange = Exchange(1, "POST", f"http://sandbox.test{path}", 403, _FORM,
                        b"instrument_id=3&options=%7B%7D", (("Content-Type", "application/json"),),
                        b'{"detail": "no"}', label="form")
    report = judge(tesla(), [exchange], "forms")
    assert [(f.rule, f.json_path) for f in report.findings] == [("request-body", "$.options")]
