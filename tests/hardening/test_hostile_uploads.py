"""Hostile CSV files for Sunbird's bulk uploads: wrong encodings, binaries renamed ``.csv`` and a
million columns are refused in userorg-service's words with nothing created; quoted newlines and
spreadsheet formulas are read as the text they are."""

from __future__ import annotations

import gzip
import io
import zipfile
from typing import Any

import pytest

from tests.hardening.hostile import sunbird_error, unchanged
from tests.platforms.sunbird.conftest import LOCATION_UPLOAD, ORG_UPLOAD, USER_UPLOAD, Sunbird

HEADER = "NAME,EMAIL,USER_TYPE,ROLES\n"
ROW = "Ana,ana@example.org,teacher,PUBLIC\n"
INVALID_CSV = ("INVALID_CSV_FILE", "Please provide valid csv file.")


def _zip() -> bytes:
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("users.csv", HEADER + ROW)
    return packed.getvalue()


# What each kind of file is refused with: (code, message or the start of it).
FILES: dict[str, tuple[bytes, tuple[str, str]]] = {
    "Latin-1": ((HEADER + "Jos\u00e9,jose@example.org,teacher,PUBLIC\n").encode("latin-1"),
                INVALID_CSV),
    "Windows-1252": ((HEADER + "\u201cAna\u201d,a@example.org,teacher,PUBLIC\n").encode(
        "cp1252"), INVALID_CSV),
    "UTF-16 with a byte-order mark": ((HEADER + ROW).encode("utf-16"), INVALID_CSV),
    "UTF-16 without one": ((HEADER + ROW).encode("utf-16-be"), INVALID_CSV),
    "a zip renamed .csv": (_zip(), INVALID_CSV),
    "a gzip renamed .csv": (gzip.compress((HEADER + ROW).encode(), mtime=0), INVALID_CSV),
    "an executable": (b"\x7fELF\x02\x01\x01\x00" + bytes(64), INVALID_CSV),
    "a PNG": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
              ("INVALID_COLUMNS", "Invalid column: \ufffdpng. Valid columns are: ")),
    "a PDF": (b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
              ("INVALID_COLUMNS", "Invalid column: %pdf-1.3. Valid columns are: ")),
    "a million columns": (("NAME,USER_TYPE,ROLES" + ",EMAIL" * 1_000_000 + "\n" + ROW).encode(),
                          INVALID_CSV),
    "a million unknown columns": (("NAME" + ",X" * 1_000_000 + "\n" + ROW).encode(),
                                  ("INVALID_COLUMNS", "Invalid column: x. Valid columns are: ")),
    "a cell of 200 KB": ((HEADER + "A" * 200_000 + ",a@example.org,teacher,PUBLIC\n").encode(),
                         INVALID_CSV),
}


@pytest.fixture
def sunbird(client: Any) -> Sunbird:
    return Sunbird(client)


def _refused(response: Any, expected: tuple[str, str]) -> None:
    code, message = expected
    body = sunbird_error(response, 400, code)
    assert body["params"]["status"] == "FAILED"  # userorg-service's refusals
    assert body["params"]["errmsg"].startswith(message), body["params"]["errmsg"][:200]


def test_files_that_are_not_utf8_csv_are_refused(sunbird: Sunbird):
    with unchanged(sunbird.client):
        for name, (data, expected) in FILES.items():
            try:
                _refused(sunbird.upload(USER_UPLOAD, data), expected)
            except AssertionError as error:
                raise AssertionError(f"{name}: {error}") from None


@pytest.mark.parametrize("path", [ORG_UPLOAD, LOCATION_UPLOAD])
def test_binaries_are_refused_by_every_upload(sunbird: Sunbird, path: str):
    with unchanged(sunbird.client):
        for name in ("a zip renamed .csv", "a gzip renamed .csv", "an executable",
                     "UTF-16 with a byte-order mark"):
            response = sunbird.upload(path, FILES[name][0], type="state")
            _refused(response, INVALID_CSV)


def _results(sunbird: Sunbird, text: str) -> list[dict[str, Any]]:
    status = sunbird.processed(USER_UPLOAD, text)
    assert status["failureResult"] == [], status["failureResult"]
    return list(status["successResult"])


def test_quoted_newlines_commas_and_quotes_stay_inside_their_record(sunbird: Sunbird):
    rows = ('"Ana\nMaria",ana@example.org,teacher,PUBLIC\r\n'
            '"Smith, ""Jr""",smith@example.org,teacher,PUBLIC\n')
    results = _results(sunbird, HEADER + rows)
    assert [row["firstName"] for row in results] == ["Ana\nMaria", 'Smith, "Jr"']
    stored = {user.get("email"): user["firstName"] for user in sunbird.state("users")}
    assert stored["ana@example.org"] == "Ana\nMaria"


FORMULAS = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)",
            '=HYPERLINK("http://evil.example","x")']


def test_formulas_are_kept_as_text_never_evaluated_nor_escaped(sunbird: Sunbird):
    rows = "".join(f'"{value.replace(chr(34), chr(34) * 2)}",f{index}@example.org,teacher,'
                   f"PUBLIC\n" for index, value in enumerate(FORMULAS))
    results = _results(sunbird, HEADER + rows)
    assert [row["firstName"] for row in results] == FORMULAS
    stored = {user.get("email"): user["firstName"] for user in sunbird.state("users")}
    assert [stored[f"f{index}@example.org"] for index in range(len(FORMULAS))] == FORMULAS


def test_a_row_of_a_million_cells_is_read_for_its_columns_only(sunbird: Sunbird):
    results = _results(sunbird, HEADER + ROW.rstrip("\n") + ",x" * 1_000_000 + "\n")
    assert [(row["firstName"], row["email"]) for row in results] == [("Ana", "ana@example.org")]
    upload = sunbird.state("uploads")[-1]
    assert upload["fields"] == ["firstName", "email", "userType", "roles"]
