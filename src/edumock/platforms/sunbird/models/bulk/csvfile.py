"""Reading an uploaded CSV: its header against the accepted columns, then its rows one by one.

The file is kept as text and read from a character offset, so processing can
stop after any row and resume later without holding the parsed rows: memory
stays bounded whatever the file's size. Header rules follow userorg-service:
user and organisation headers are trimmed and compared lower-cased, either as
the documented alias (``MOBILE PHONE``) or as the field name (``phone``);
location headers must be exactly ``code, name, parentCode, parentId``.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass

from edumock.platforms.sunbird import errors as e
from edumock.platforms.sunbird.errors import upload_refused

Row = dict[str, str | None]

MAX_COLUMNS = 100
"""Header cells a file may have. Columns may repeat (the last one wins), so without a bound a
header of a million valid names would be accepted and carried by its process; no real file needs
more than the fourteen names a user upload knows."""


@dataclass(frozen=True, slots=True)
class Columns:
    """What one kind of upload accepts: header → field name, and the mandatory fields."""

    aliases: tuple[tuple[str, str], ...]
    mandatory: tuple[str, ...]
    case_sensitive: bool = False

    def field_for(self, header: str) -> str | None:
        """The field a (trimmed) header cell names, or None."""
        wanted = header if self.case_sensitive else header.lower()
        return next((name for alias, name in self.aliases if alias == wanted), None)

    def listing(self) -> str:
        """The valid columns as the refusal lists them."""
        if self.case_sensitive:
            return ", ".join(alias for alias, _ in self.aliases)
        return ", ".join(f"{alias}, {name}" for alias, name in self.aliases)


# The order is the real service's (a HashMap's), so the refusal reads the same.
USER_COLUMNS = Columns(
    aliases=(("firstname", "firstName"), ("roles", "roles"), ("usertype", "userType"),
             ("user id", "userId"), ("school external id", "orgExternalId"),
             ("userid", "userId"), ("orgid", "orgId"), ("user_type", "userType"),
             ("school id", "orgId"), ("phone", "phone"), ("orgexternalid", "orgExternalId"),
             ("mobile phone", "phone"), ("name", "firstName"), ("email", "email")),
    mandatory=("firstName", "userType", "roles"))
ORG_COLUMNS = Columns(
    aliases=(("school name", "orgName"), ("orgname", "orgName"),
             ("block code", "locationCode"), ("locationcode", "locationCode"),
             ("status", "status"), ("school id", "organisationId"),
             ("organisationid", "organisationId"), ("external id", "externalId"),
             ("externalid", "externalId"), ("description", "description")),
    mandatory=("orgName", "locationCode", "status"))
LOCATION_COLUMNS = Columns(
    aliases=(("code", "code"), ("name", "name"), ("parentCode", "parentCode"),
             ("parentId", "parentId")),
    mandatory=("code", "name", "parentCode", "parentId"), case_sensitive=True)


def _decode(data: bytes) -> str:
    """UTF-8 text (a byte-order mark dropped) with no NUL bytes, else refused."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise upload_refused(e.INVALID_CSV_FILE) from None
    if "\x00" in text:
        raise upload_refused(e.INVALID_CSV_FILE)
    return text


def _lines(text: str, start: int, position: list[int]) -> Iterator[str]:
    """Lines of ``text`` from ``start``; ``position[0]`` is always where the next one begins."""
    index = start
    while index < len(text):
        end = text.find("\n", index)
        end = len(text) if end < 0 else end + 1
        position[0] = end
        yield text[index:end]
        index = end


def records(text: str, start: int = 0) -> Iterator[tuple[list[str], int]]:
    """Each CSV record from ``start`` with the offset just after it; blank lines skipped."""
    position = [start]
    reader = csv.reader(_lines(text, start, position))
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error:
            raise upload_refused(e.INVALID_CSV_FILE) from None
        if any(cell.strip() for cell in cells):
            yield cells, position[0]


@dataclass(frozen=True, slots=True)
class Upload:
    """An accepted file: its text, its columns as field names, where its rows begin, how many."""

    text: str
    fields: tuple[str, ...]
    data_offset: int
    row_count: int


def _header_fields(data: bytes, columns: Columns) -> tuple[str, ...]:
    """The first line's cells as field names. Only that line is decoded here, so a file that is
    not CSV at all (a PDF, say) is refused for its first line, as the real service does."""
    # The first line ends at \n, \r\n or a lone \r, as Java's BufferedReader.readLine ends it.
    line = re.split(rb"\r\n|\n|\r", data, maxsplit=1)[0].decode("utf-8-sig", errors="replace")
    if not line.strip():
        raise upload_refused(e.EMPTY_HEADER_LINE)
    if "\x00" in line:
        raise upload_refused(e.INVALID_CSV_FILE)
    cells = next(csv.reader([line]), [])
    fields = []
    for index, cell in enumerate(cell.strip() for cell in cells):
        field = columns.field_for(cell)
        if field is None:
            shown = cell if columns.case_sensitive else cell.lower()
            raise upload_refused(e.INVALID_COLUMNS, shown, columns.listing())
        if index >= MAX_COLUMNS:
            raise upload_refused(e.INVALID_CSV_FILE)
        fields.append(field)
    for name in columns.mandatory:
        if name not in fields:
            raise upload_refused(e.MANDATORY_PARAMETER_MISSING, name)
    return tuple(fields)


def read_upload(data: bytes, columns: Columns) -> Upload:
    """Check an uploaded file in the real service's order and count its data rows: empty file,
    header line, columns, mandatory columns, then the whole file's encoding and its rows."""
    if not data.strip():
        raise upload_refused(e.EMPTY_CSV_FILE)
    fields = _header_fields(data, columns)
    text = _decode(data)
    rows = records(text)
    _, data_offset = next(rows)
    count = sum(1 for _ in rows)
    if count == 0:
        raise upload_refused(e.EMPTY_CSV_FILE)
    return Upload(text, fields, data_offset, count)


def as_row(fields: tuple[str, ...], cells: list[str]) -> Row:
    """A record as field → trimmed value (None when empty); later duplicates win, as upstream."""
    row: Row = dict.fromkeys(fields)
    for name, cell in zip(fields, cells, strict=False):
        value = cell.strip()
        if value or row.get(name) is None:
            row[name] = value or None
    return row
