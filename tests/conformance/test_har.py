"""HAR files in and out: what each entry becomes, what is refused and how it is named."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from edumock.conformance.exchange import Exchange
from edumock.conformance.har import load_har, write_har
from edumock.conformance.usage import UsageError

HAR = Path(__file__).resolve().parents[1] / "data" / "har"


def entry(method: str = "GET", url: str = "http://h/x", status: int = 200,
          request: dict[str, Any] | None = None, response: dict[str, Any] | None = None,
          **extra: Any) -> dict[str, Any]:
    return {"startedDateTime": "2026-08-10T09:30:00.000Z", "time": 1,
            "request": {"method": method, "url": url, "headers": [], **(request or {})},
            "response": {"status": status, "headers": [], "content": {}, **(response or {})},
            **extra}


def har_file(tmp_path: Path, *entries: Any, name: str = "t.har") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"log": {"version": "1.2", "entries": list(entries)}}),
                    encoding="utf-8")
    return path


def test_a_recorded_har_becomes_numbered_labelled_exchanges():
    traffic = load_har(HAR / "sdr-conforming.har")
    exchanges = traffic.exchanges
    assert [e.index for e in exchanges] == [1, 2, 3, 4, 5, 6, 7]
    assert traffic.unanswered == []
    token = exchanges[0]
    assert (token.method, token.path, token.status) == ("POST", "/oauth2/access_token", 200)
    assert token.label == "HAR entry 1"
    assert token.started == "2026-08-10T09:30:01.000Z"
    assert token.request_header("Authorization").startswith("Basic ")
    assert token.request_body == b"grant_type=client_credentials&org_id=6004"
    assert token.request_media_type == "application/x-www-form-urlencoded"
    assert token.response_json()["token_type"] == "Bearer"
    busy = exchanges[5]
    assert busy.status == 429 and busy.response_header("retry-after") == "35"
    assert busy.describe() == "#6 POST /submissions/v1.0/token/202608 → 429 (HAR entry 6)"


def test_a_multipart_upload_keeps_its_body_bytes():
    upload = load_har(HAR / "sunbird-conforming.har").exchanges[3]
    assert upload.request_media_type == "multipart/form-data"
    assert b'filename="users.csv"' in upload.request_body
    assert b"Aroha,aroha@example.com,teacher,PUBLIC" in upload.request_body


def test_form_posts_exported_as_params_only_are_encoded_again(tmp_path: Path):
    post = {"postData": {"mimeType": "application/x-www-form-urlencoded",
                         "params": [{"name": "grant_type", "value": "client_credentials"},
                                    {"name": "org_id", "value": "6004 & more"}]}}
    exchange = load_har(har_file(tmp_path, entry("POST", request=post))).exchanges[0]
    assert exchange.request_body == b"grant_type=client_credentials&org_id=6004+%26+more"


def test_multipart_posts_exported_as_params_only_are_rebuilt(tmp_path: Path):
    post = {"postData": {"mimeType": "multipart/form-data; boundary=XyZ",
                         "params": [{"name": "user", "value": "a,b\n1,2\n",
                                     "fileName": "u.csv", "contentType": "text/csv"},
                                    {"name": "type", "value": "state"}]}}
    body = load_har(har_file(tmp_path, entry("POST", request=post))).exchanges[0].request_body
    assert body == (b'--XyZ\r\nContent-Disposition: form-data; name="user"; filename="u.csv"'
                    b'\r\nContent-Type: text/csv\r\n\r\na,b\n1,2\n\r\n'
                    b'--XyZ\r\nContent-Disposition: form-data; name="type"\r\n\r\nstate\r\n'
                    b'--XyZ--\r\n')


def test_base64_response_content_is_decoded(tmp_path: Path):
    raw = bytes(range(256))
    content = {"mimeType": "application/octet-stream", "encoding": "base64",
               "text": base64.b64encode(raw).decode()}
    exchange = load_har(har_file(tmp_path, entry(response={"content": content}))).exchanges[0]
    assert exchange.response_body == raw


def test_entries_without_a_response_are_set_aside_and_numbering_is_kept(tmp_path: Path):
    path = har_file(tmp_path, entry(url="http://h/a"), entry(url="http://h/b", status=0),
                    entry(url="http://h/c"))
    traffic = load_har(path)
    assert [(e.index, e.path) for e in traffic.exchanges] == [(1, "/a"), (3, "/c")]
    assert traffic.unanswered == [2]


def test_http2_pseudo_headers_are_not_headers(tmp_path: Path):
    request = {"headers": [{"name": ":authority", "value": "h"},
                           {"name": "Accept", "value": "application/json"}]}
    exchange = load_har(har_file(tmp_path, entry(request=request))).exchanges[0]
    assert exchange.request_headers == (("Accept", "application/json"),)


@pytest.mark.parametrize(("content", "message"), [
    ("{not json", "is not JSON"),
    ('{"log": {"version": "1.2"}}', "is not a HAR file: it has no log.entries list"),
    ("[1, 2]", "is not a HAR file"),
])
def test_files_that_are_not_har_are_usage_errors(tmp_path: Path, content: str, message: str):
    path = tmp_path / "traffic.har"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UsageError, match=message) as error:
        load_har(path)
    assert str(path) in str(error.value)


def test_an_unreadable_file_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match=r"cannot read HAR file .*missing\.har"):
        load_har(tmp_path / "missing.har")


@pytest.mark.parametrize(("bad", "message"), [
    ({"request": {"url": "http://h/x"}, "response": {"status": 200}}, "request.method is missing"),
    ({"request": {"method": "GET", "url": "http://h/x"}}, "response is missing"),
    (entry(status=999), "response.status is not an HTTP status: 999"),
    (entry(status="200"), "response.status is not an HTTP status: '200'"),
    (entry(url="not a url"), "request.url is missing or not a URL"),
    (entry(request={"headers": {"Accept": "x"}}), "request.headers is not a list"),
    (entry(response={"headers": [{"name": "A"}]}), "response.headers holds an item"),
    (entry(response={"content": {"text": "%%%", "encoding": "base64"}}),
     "response.content.text is not valid base64"),
    (entry(response={"content": {"text": "x", "encoding": "gzip"}}),
     "response.content.encoding 'gzip' is not supported"),
    ("an entry", "the entry is missing or not an object"),
])
def test_a_malformed_entry_is_named_by_file_and_number(tmp_path: Path, bad: Any, message: str):
    path = har_file(tmp_path, entry(), bad, name="recorded.har")
    with pytest.raises(UsageError) as error:
        load_har(path)
    assert f"{path}: HAR entry 2 is malformed: " in str(error.value)
    assert message in str(error.value)


def test_written_har_reads_back_the_same_exchanges(tmp_path: Path):
    exchanges = [
        Exchange(1, "POST", "http://h/api/x?a=1&a=2", 201,
                 (("Content-Type", "application/json"),), b'{"n": "\xc3\xa9"}',
                 (("content-type", "application/json"), ("set-cookie", "a=1"),
                  ("set-cookie", "b=2")), b'{"ok": true}', started="2026-08-10T09:30:00Z",
                 notes={"time_ms": 12}),
        Exchange(2, "GET", "http://h/file", 200, (), b"",
                 (("content-type", "application/octet-stream"),), b"\x00\xff\x10binary"),
    ]
    path = tmp_path / "out.har"
    write_har(exchanges, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["log"]["version"] == "1.2"
    first, second = document["log"]["entries"]
    assert first["request"]["queryString"] == [{"name": "a", "value": "1"},
                                               {"name": "a", "value": "2"}]
    assert first["request"]["postData"]["text"] == '{"n": "é"}'
    assert first["time"] == 12
    assert second["response"]["content"]["encoding"] == "base64"
    back = load_har(path).exchanges
    for before, after in zip(exchanges, back, strict=True):
        assert (after.method, after.url, after.status) == (before.method, before.url,
                                                           before.status)
        assert after.request_headers == before.request_headers
        assert after.request_body == before.request_body
        assert after.response_headers == before.response_headers
        assert after.response_body == before.response_body


def test_a_har_that_cannot_be_written_is_a_usage_error(tmp_path: Path):
    with pytest.raises(UsageError, match="cannot write HAR file"):
        write_har([], tmp_path / "no-such-dir" / "out.har")
