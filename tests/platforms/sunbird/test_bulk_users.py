"""User upload rows: each failure kind reported row by row, and the users that are created."""

from __future__ import annotations

from typing import Any

import pytest

from tests.platforms.sunbird.conftest import USER_UPLOAD, Sunbird

HEADER = "NAME,EMAIL,MOBILE PHONE,SCHOOL ID,SCHOOL EXTERNAL ID,USER_TYPE,ROLES,USER ID"


def csv(*rows: str) -> str:
    return "\n".join((HEADER, *rows)) + "\n"


def failures(entry: dict[str, Any]) -> list[tuple[str | None, str]]:
    return [(row["firstName"], row["err_msg"]) for row in entry["failureResult"]]


def other_channel_org(sunbird: Sunbird) -> dict[str, Any]:
    mine = sunbird.my_org()
    return next(o for o in sunbird.state("organisations") if o["channel"] != mine["channel"])


def test_each_failure_kind_is_reported_on_its_row(sunbird: Sunbird):
    org = sunbird.my_org()
    school, external = org["id"], org["externalId"]
    stranger = other_channel_org(sunbird)
    entry = sunbird.processed(USER_UPLOAD, csv(
        f"NoContact,,,{school},,teacher,PUBLIC,",
        "UnknownSchool,u1@example.com,,0999,,teacher,PUBLIC,",
        "UnknownExternal,u2@example.com,,,NOPE-1,teacher,PUBLIC,",
        f"Conflict,u3@example.com,,{stranger['id']},{external},teacher,PUBLIC,",
        f"LowerRole,u4@example.com,,{school},,teacher,public,",
        f"BadRole,u5@example.com,,{school},,teacher,\"PUBLIC,WIZARD\",",
        f"BadType,u6@example.com,,{school},,janitor,PUBLIC,",
        f",u7@example.com,,{school},,teacher,PUBLIC,",
        f"NoRoles,u8@example.com,,{school},,teacher,,",
        f"BadEmail,not-an-email,,{school},,teacher,PUBLIC,",
        f"BadPhone,,12345,{school},,teacher,PUBLIC,",
        f"OtherChannel,u9@example.com,,{stranger['id']},,teacher,PUBLIC,",
        f"NoSuchUser,u10@example.com,,{school},,teacher,PUBLIC,no-such-user",
    ))
    assert entry["successResult"] == []
    assert failures(entry) == [
        ("NoContact", "Please provide either email or phone."),
        ("UnknownSchool", "Please provide valid organisationid."),
        ("UnknownExternal", "Please provide valid organisationid."),
        ("Conflict", f"Conflicting values for organisationId ({stranger['id']}) and "
                     f"orgExternalId ({external})."),
        ("LowerRole", "Invalid role value provided in request."),
        ("BadRole", "Invalid role value provided in request."),
        ("BadType", "Invalid value janitor for parameter userType. Please provide a valid "
                    "value."),
        (None, "Mandatory parameter firstName is missing."),
        ("NoRoles", "Mandatory parameter roles is missing."),
        ("BadEmail", "Invalid format for given email."),
        ("BadPhone", "Invalid format for given phone."),
        ("OtherChannel", "Root organisation channel of uploader user is conflicting with that "
                         "of specified organisation ID/orgExternalId channel value."),
        ("NoSuchUser", "Please provide valid userId."),
    ]
    assert [row["operation"] for row in entry["failureResult"]] == ["create"] * 12 + ["update"]
    emails = {u.get("email") for u in sunbird.state("users")}
    assert not {f"u{n}@example.com" for n in range(1, 11)} & emails


def test_duplicate_email_and_phone_within_the_file_and_against_existing_users(
        sunbird: Sunbird):
    school = sunbird.my_org()["id"]
    entry = sunbird.processed(USER_UPLOAD, csv(
        f"First,dup@example.com,9876500001,{school},,teacher,PUBLIC,",
        f"SameEmail,DUP@example.com,,{school},,teacher,PUBLIC,",
        f"SamePhone,,9876500001,{school},,teacher,PUBLIC,"))
    assert [row["firstName"] for row in entry["successResult"]] == ["First"]
    assert failures(entry) == [
        ("SameEmail", "Email already exists."),
        ("SamePhone", "Phone already in use. Please provide different phone number.")]
    again = sunbird.processed(USER_UPLOAD, csv(
        f"Later,dup@example.com,,{school},,teacher,PUBLIC,"))
    assert failures(again) == [("Later", "Email already exists.")]


def test_an_inactive_organisation_takes_no_users(sunbird: Sunbird):
    block = sunbird.location("block")["code"]
    sunbird.processed("/api/org/v1/upload", "SCHOOL NAME,BLOCK CODE,EXTERNAL ID,STATUS\n"
                      f"Closed School,{block},CLOSED-1,inactive\n")
    entry = sunbird.processed(USER_UPLOAD, csv(
        "Ana,ana@example.com,,,CLOSED-1,teacher,PUBLIC,"))
    assert failures(entry) == [("Ana", "Please provide valid organisationstatus.")]


def test_created_users_join_their_organisation_with_its_place_and_their_roles(
        sunbird: Sunbird):
    org = sunbird.my_org()
    entry = sunbird.processed(USER_UPLOAD, csv(
        f"Aroha Ngata,aroha@example.com,,,{org['externalId'].lower()},Teacher,"
        "\"COURSE_MENTOR, PUBLIC\",",
        "Ben,,9876500002,,,other,PUBLIC,"))
    assert entry["failureResult"] == []
    first, second = entry["successResult"]
    assert first["operation"] == "create" and first["organisationId"] == org["id"]
    assert first["orgName"] == org["orgName"] and first["channel"] == org["channel"]
    assert first["createdBy"] == sunbird.user_id and first["id"] == first["userId"]
    users = {u["id"]: u for u in sunbird.state("users")}
    aroha = users[first["id"]]
    assert aroha["firstName"] == "Aroha Ngata" and aroha["email"] == "aroha@example.com"
    assert aroha["roles"] == ["PUBLIC", "COURSE_MENTOR"] and aroha["userType"] == "teacher"
    assert (aroha["rootOrgId"], aroha["organisationId"]) == (org["id"], org["id"])
    assert (aroha["state"], aroha["district"]) == (org["state"], org["district"])
    assert users[second["id"]]["phone"] == "9876500002"  # no school: the uploader's root org
    assert users[second["id"]]["organisationId"] == org["id"]


def test_a_user_id_updates_that_user(sunbird: Sunbird):
    school = sunbird.my_org()["id"]
    created = sunbird.processed(USER_UPLOAD, csv(
        f"Cara,cara@example.com,,{school},,teacher,PUBLIC,"))["successResult"][0]
    entry = sunbird.processed(USER_UPLOAD, csv(
        f"Cara Renamed,cara.new@example.com,,{school},,administrator,ORG_ADMIN,{created['id']}"))
    assert entry["successResult"][0]["operation"] == "update"
    user = next(u for u in sunbird.state("users") if u["id"] == created["id"])
    assert user["firstName"] == "Cara Renamed" and user["email"] == "cara.new@example.com"
    assert user["roles"] == ["PUBLIC", "ORG_ADMIN"] and user["userType"] == "administrator"
    reuse = sunbird.processed(USER_UPLOAD, csv(
        f"Dan,cara@example.com,,{school},,teacher,PUBLIC,"))
    assert reuse["failureResult"] == []  # the old address was released by the update


def test_the_upload_organisation_field_places_rows_that_name_none(sunbird: Sunbird):
    block = sunbird.location("block")["code"]
    school = sunbird.processed("/api/org/v1/upload", "SCHOOL NAME,BLOCK CODE,STATUS\n"
                               f"Kura School,{block},active\n")["successResult"][0]
    entry = sunbird.processed(USER_UPLOAD, csv("Eru,eru@example.com,,,,student,PUBLIC,"),
                              organisationId=school["organisationId"])
    assert entry["successResult"][0]["organisationId"] == school["organisationId"]


@pytest.mark.parametrize("header", [
    "name,email,user_type,roles", "firstName,email,userType,roles",
    " NAME , Email ,USER_TYPE,ROLES", "firstname,EMAIL,usertype,ROLES"])
def test_header_aliases_and_field_names_in_any_case(sunbird: Sunbird, header: str):
    entry = sunbird.processed(USER_UPLOAD, f"{header}\nFai,fai@example.com,teacher,PUBLIC\n")
    assert [row["firstName"] for row in entry["successResult"]] == ["Fai"]
