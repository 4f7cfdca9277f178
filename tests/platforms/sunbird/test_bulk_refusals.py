"""Upload refusals: each is answered before any processing, in userorg-service's words, and
creates nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.sunbird.conftest import (
    LOCATION_UPLOAD,
    ORG_UPLOAD,
    STATUS,
    USER_UPLOAD,
    Sunbird,
    ok,
)

USER_HEADER = "NAME,EMAIL,MOBILE PHONE,SCHOOL ID,USER_TYPE,ROLES\n"
USER_COLUMNS = ("firstname, firstName, roles, roles, usertype, userType, user id, userId, "
                "school external id, orgExternalId, userid, userId, orgid, orgId, user_type, "
                "userType, school id, orgId, phone, phone, orgexternalid, orgExternalId, "
                "mobile phone, phone, name, firstName, email, email")


def upload_refused(response: Any, code: str, message: str) -> None:
    """A 400 in the envelope, ``params.status`` FAILED as userorg-service sets it."""
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["responseCode"] == "CLIENT_ERROR" and body["result"] == {}
    assert body["params"] == {"resmsgid": None, "msgid": None, "err": code, "status": "FAILED",
                              "errmsg": message}


@pytest.fixture
def untouched(sunbird: Sunbird):
    """After the test: no process, and no user, organisation or location more than before."""
    before = {name: len(sunbird.state(name)) for name in ("users", "organisations",
                                                          "locations")}
    yield
    sunbird.advance(3600)
    assert sunbird.state("uploads") == [] and sunbird.state("upload_files") == []
    assert {name: len(sunbird.state(name)) for name in before} == before


@pytest.mark.usefixtures("untouched")
class TestRefusedUploads:
    def test_a_multipart_body_without_a_file(self, sunbird: Sunbird):
        response = sunbird.client.post(USER_UPLOAD, headers=sunbird.headers(),
                                       files={"note": (None, "no file here")})
        upload_refused(response, "MISSING_FILE_ATTACHMENT", "Missing file attachment.")

    def test_no_body_at_all(self, sunbird: Sunbird):
        response = sunbird.client.post(ORG_UPLOAD, headers=sunbird.headers())
        upload_refused(response, "MISSING_FILE_ATTACHMENT", "Missing file attachment.")

    def test_an_unknown_column_lists_the_accepted_ones(self, sunbird: Sunbird):
        response = sunbird.upload(USER_UPLOAD, "NAME,Favourite Colour\nAna,blue\n")
        upload_refused(response, "INVALID_COLUMNS",
                       f"Invalid column: favourite colour. Valid columns are: {USER_COLUMNS}.")

    def test_a_pdf_is_refused_for_its_first_line(self, sunbird: Sunbird):
        pdf = b"%PDF-1.3\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n"
        response = sunbird.upload(USER_UPLOAD, pdf)
        upload_refused(response, "INVALID_COLUMNS",
                       f"Invalid column: %pdf-1.3. Valid columns are: {USER_COLUMNS}.")

    def test_organisation_columns_are_checked_too(self, sunbird: Sunbird):
        response = sunbird.upload(ORG_UPLOAD, "SCHOOL NAME,BLOCK CODE,STATUS,PRINCIPAL\n")
        body = response.json()
        assert body["params"]["errmsg"].startswith("Invalid column: principal. Valid columns")
        assert "block code, locationCode" in body["params"]["errmsg"]

    def test_location_columns_are_case_sensitive(self, sunbird: Sunbird):
        response = sunbird.upload(LOCATION_UPLOAD, "Code,name,parentCode,parentId\nX,Y,,\n",
                                  type="state")
        upload_refused(response, "INVALID_COLUMNS", "Invalid column: Code. Valid columns are: "
                                                    "code, name, parentCode, parentId.")

    @pytest.mark.parametrize(("path", "header", "missing", "form"), [
        (USER_UPLOAD, "NAME,EMAIL,USER_TYPE", "roles", {}),
        (USER_UPLOAD, "EMAIL,USER_TYPE,ROLES", "firstName", {}),
        (ORG_UPLOAD, "SCHOOL NAME,BLOCK CODE", "status", {}),
        (LOCATION_UPLOAD, "code,name,parentCode", "parentId", {"type": "district"}),
    ])
    def test_a_mandatory_column_missing(self, sunbird: Sunbird, path: str, header: str,
                                        missing: str, form: dict[str, str]):
        response = sunbird.upload(path, f"{header}\nA,B,C\n", **form)
        upload_refused(response, "MANDATORY_PARAMETER_MISSING",
                       f"Mandatory parameter {missing} is missing.")

    @pytest.mark.parametrize("content", ["", "   \n\n", USER_HEADER, USER_HEADER + "\n,,,,,\n"])
    def test_no_data_rows(self, sunbird: Sunbird, content: str):
        upload_refused(sunbird.upload(USER_UPLOAD, content), "EMPTY_CSV_FILE",
                       "CSV file is Empty.")

    def test_a_blank_header_line(self, sunbird: Sunbird):
        upload_refused(sunbird.upload(USER_UPLOAD, "\n" + USER_HEADER + "A,a@b.co,,,other,X\n"),
                       "EMPTY_HEADER_LINE", "Missing header line in CSV file.")

    @pytest.mark.parametrize("content", [
        USER_HEADER.encode() + b"Ana,ana@example.com,,,other,PUBLIC\n\xff\xfe\xfa\n",
        b"NAME\x00,EMAIL\n",
        USER_HEADER.encode() + b"Ana\x00,ana@example.com,,,other,PUBLIC\n"])
    def test_bytes_that_are_not_csv_text(self, sunbird: Sunbird, content: bytes):
        upload_refused(sunbird.upload(USER_UPLOAD, content), "INVALID_CSV_FILE",
                       "Please provide valid csv file.")

    def test_a_location_upload_needs_its_type(self, sunbird: Sunbird):
        upload_refused(sunbird.upload(LOCATION_UPLOAD, "code,name,parentCode,parentId\nX,Y,,\n"),
                       "MANDATORY_PARAMETER_MISSING", "Mandatory parameter type is missing.")

    def test_an_unknown_organisation_for_the_whole_file(self, sunbird: Sunbird):
        response = sunbird.upload(USER_UPLOAD, USER_HEADER + "Ana,ana@example.com,,,other,"
                                  "PUBLIC\n", organisationId="0999")
        upload_refused(response, "INVALID_ORG_DATA", "Given Organization Data doesn't exist in "
                                                     "our records. Please provide a valid one")

    def test_a_file_over_the_size_limit(self, sunbird: Sunbird):
        # At the defaults a file over 10 MB is a body over the server's 10 MB limit (a 413,
        # tests/hardening/test_body_limit.py); the service's own limit shows below it.
        snapshot = sunbird.client.get("/__admin/snapshot").json()
        snapshot["stores"]["sunbird"]["config"]["sunbird"]["upload_max_megabytes"] = 1
        assert sunbird.client.put("/__admin/snapshot", json=snapshot).status_code == 200
        row = "Ana,ana@example.com,,,other,PUBLIC\n"
        big = USER_HEADER + row * (1024 * 1024 // len(row) + 1)
        upload_refused(sunbird.upload(USER_UPLOAD, big), "MAX_ALLOWED_SIZE_LIMIT_EXCEED",
                       "Max allowed size is 1MB")

    def test_a_lone_carriage_return_ends_the_header_line(self, sunbird: Sunbird):
        """Java's readLine ends a line at a lone \\r: the cell after it is not a column."""
        response = sunbird.upload(USER_UPLOAD, "NAME,Colour\r,EMAIL\nAna,blue\n")
        upload_refused(response, "INVALID_COLUMNS",
                       f"Invalid column: colour. Valid columns are: {USER_COLUMNS}.")

    def test_without_a_user_token(self, sunbird: Sunbird):
        response = sunbird.client.post(
            USER_UPLOAD, headers={"Authorization": f"Bearer {sunbird.api_key}"},
            files={"user": ("u.csv", USER_HEADER + "A,a@b.co,,,other,PUBLIC\n", "text/csv")})
        assert response.status_code == 401
        assert response.json()["params"]["errmsg"] == "You are not authorized."

    def test_without_the_gateway_key(self, sunbird: Sunbird):
        response = sunbird.client.post(
            ORG_UPLOAD, headers={"x-authenticated-user-token": sunbird.user_token},
            files={"org": ("o.csv", "SCHOOL NAME,BLOCK CODE,STATUS\nA,B,active\n", "text/csv")})
        assert response.status_code == 401 and response.json() == {"message": "Unauthorized"}


def test_an_unknown_process(sunbird: Sunbird):
    response = sunbird.get(STATUS.format(1234567890123456))
    assert response.status_code == 404
    body = response.json()
    assert body["id"] == "api.upload.status" and body["responseCode"] == "RESOURCE_NOT_FOUND"
    assert body["params"]["err"] == "RESOURCE_NOT_FOUND"
    assert body["params"]["errmsg"] == "Requested resource not found"


def test_the_csv_may_come_as_form_text_as_the_seeds_sample_sends_it(sunbird: Sunbird):
    school = sunbird.my_org()["id"]
    response = sunbird.client.post(USER_UPLOAD, headers=sunbird.headers(), data={
        "data": f"{USER_HEADER}Ana,ana@example.com,,{school},teacher,PUBLIC\n"})
    body = response.json()
    assert body["id"] == "api.user.upload"
    process_id = ok(response)["processId"]
    assert isinstance(process_id, int) and process_id < 2**53
    sunbird.advance(10)
    assert sunbird.status(process_id)["successResult"][0]["firstName"] == "Ana"
