"""Organisation and location upload rows: the hierarchy rules, each failure on its row, and
the records created or updated."""

from __future__ import annotations

from typing import Any

from tests.platforms.sunbird.conftest import LOCATION_UPLOAD, ORG_UPLOAD, Sunbird

ORG_HEADER = "SCHOOL NAME,BLOCK CODE,SCHOOL ID,EXTERNAL ID,STATUS,DESCRIPTION"
LOCATION_HEADER = "code,name,parentCode,parentId"


def org_csv(*rows: str) -> str:
    return "\n".join((ORG_HEADER, *rows)) + "\n"


def location_csv(*rows: str) -> str:
    return "\n".join((LOCATION_HEADER, *rows)) + "\n"


def errors(entry: dict[str, Any], key: str) -> list[tuple[Any, str]]:
    return [(row[key], row["err_msg"]) for row in entry["failureResult"]]


def test_organisation_failures_row_by_row(sunbird: Sunbird):
    block = sunbird.location("block")["code"]
    mine = sunbird.my_org()
    stranger = next(o for o in sunbird.state("organisations")
                    if o["channel"] != mine["channel"])
    entry = sunbird.processed(ORG_UPLOAD, org_csv(
        f"Odd Status,{block},,,closed,",
        "Nowhere School,NOWHERE,,,active,",
        f"Taken External,{block},,{mine['externalId']},active,",
        f"Not Mine,{block},{stranger['id']},,active,",
        f"Ghost,{block},0999,,active,",
        f",{block},,,active,"))
    assert entry["successResult"] == []
    assert errors(entry, "orgName") == [
        ("Odd Status", "Please provide valid organisationstatus."),
        ("Nowhere School", "Invalid value NOWHERE for parameter locationCode. Please provide a "
                           "valid value."),
        ("Taken External", f"Value {mine['externalId']} for externalId is already in use."),
        ("Not Mine", "Please provide valid organisationid."),
        ("Ghost", "Please provide valid organisationid."),
        (None, "Mandatory parameter orgName is missing.")]
    assert [row["operation"] for row in entry["failureResult"]] == [
        None, "create", "create", "update", "update", "create"]


def test_organisations_are_created_in_the_uploaders_channel_at_their_block(sunbird: Sunbird):
    block = sunbird.location("block", 2)
    places = {p["id"]: p for p in sunbird.state("locations")}
    district = places[block["parentId"]]
    state = places[district["parentId"]]
    root = sunbird.my_org()
    entry = sunbird.processed(ORG_UPLOAD, org_csv(
        f"Hill School,{block['code']},,HILL-1,Active,On the hill",
        f"Valley School,{block['code']},,,INACTIVE,"))
    hill, valley = entry["successResult"]
    assert hill["operation"] == "create" and hill["locationName"] == block["name"]
    assert hill["locationCode"] == block["code"] and hill["organisationId"] == hill["id"]
    orgs = {o["id"]: o for o in sunbird.state("organisations")}
    made = orgs[hill["organisationId"]]
    assert made["orgName"] == "Hill School" and made["externalId"] == "HILL-1"
    assert made["description"] == "On the hill" and made["status"] == 1
    assert made["channel"] == root["channel"] and made["rootOrgId"] == root["id"]
    assert made["isTenant"] is False
    assert made["locationIds"] == [state["id"], district["id"], block["id"]]
    assert (made["state"], made["district"]) == (state["name"], district["name"])
    assert orgs[valley["organisationId"]]["status"] == 0


def test_a_school_id_updates_that_organisation(sunbird: Sunbird):
    first, second = sunbird.location("block", 0), sunbird.location("block", 1)
    made = sunbird.processed(ORG_UPLOAD, org_csv(
        f"Old Name,{first['code']},,OLD-1,active,"))["successResult"][0]
    entry = sunbird.processed(ORG_UPLOAD, org_csv(
        f"New Name,{second['code']},{made['organisationId']},OLD-1,inactive,Moved"))
    assert entry["failureResult"] == [] and entry["successResult"][0]["operation"] == "update"
    org = next(o for o in sunbird.state("organisations") if o["id"] == made["organisationId"])
    assert (org["orgName"], org["status"], org["description"]) == ("New Name", 0, "Moved")
    assert org["locationIds"][-1] == second["id"] and org["externalId"] == "OLD-1"


def test_location_failures_row_by_row(sunbird: Sunbird):
    state, district = sunbird.location("state"), sunbird.location("district")
    other_district = sunbird.location("district", 2)
    entry = sunbird.processed(LOCATION_UPLOAD, location_csv(
        "NB1,Orphan Block,,",
        "NB2,Lost Block,NOPE,",
        "NB3,Lost Block,,no-such-id",
        f"NB4,Skipping Block,{state['code']},",
        f"NB5,Mixed Block,{district['code']},{other_district['id']}",
        f",Codeless,{district['code']},",
        f"NB6,,{district['code']},",
        f"{state['code']},Now a block,{district['code']},"), type="block")
    assert entry["successResult"] == []
    assert errors(entry, "code") == [
        ("NB1", "Mandatory parameter parentId or parentCode is missing."),
        ("NB2", "Please provide valid parentCode."),
        ("NB3", "Please provide valid parentId."),
        ("NB4", "Please provide valid parentId or parentCode."),
        ("NB5", "Please provide valid parentId or parentCode."),
        (None, "Mandatory parameter code is missing."),
        ("NB6", "Mandatory parameter name is missing."),
        (state["code"], "Update of type is not allowed.")]
    assert entry["failureResult"][5]["operation"] is None
    assert {row["type"] for row in entry["failureResult"]} == {"block"}


def test_a_state_takes_no_parent_and_types_are_checked(sunbird: Sunbird):
    state = sunbird.location("state")
    top = sunbird.processed(LOCATION_UPLOAD, location_csv(f"TN,Tamil Nadu,{state['code']},"),
                            type="state")
    assert errors(top, "code") == [
        ("TN", "For top level location, parentId or parentCode is not allowed.")]
    odd = sunbird.processed(LOCATION_UPLOAD, location_csv("V1,Village,,"), type="village")
    assert errors(odd, "code") == [
        ("V1", "Invalid type: village. Valid values are: [state, district, block, cluster, "
               "school].")]


def test_a_whole_hierarchy_in_four_uploads_by_code_and_by_id(sunbird: Sunbird):
    state = sunbird.processed(LOCATION_UPLOAD, location_csv("KL,Kerala,,"), type="state")
    state_id = state["successResult"][0]["id"]
    assert state["successResult"][0] == {
        "code": "KL", "name": "Kerala", "parentCode": None, "parentId": None, "type": "state",
        "id": state_id, "operation": "create"}
    district = sunbird.processed(LOCATION_UPLOAD, location_csv(f"KL01,Kochi,,{state_id}"),
                                 type="district")["successResult"][0]
    assert (district["parentCode"], district["parentId"]) == ("KL", state_id)
    sunbird.processed(LOCATION_UPLOAD, location_csv("KL01B1,Kochi Block,KL01,"), type="block")
    cluster = sunbird.processed(LOCATION_UPLOAD, location_csv(
        "KL01B1C1,Kochi Cluster,KL01B1,"), type="cluster")["successResult"][0]
    places = {p["code"]: p for p in sunbird.state("locations")}
    assert places["KL01B1C1"]["id"] == cluster["id"]
    assert places["KL01B1C1"]["parentId"] == places["KL01B1"]["id"]
    assert places["KL01B1"]["parentId"] == places["KL01"]["id"] == district["id"]
    renamed = sunbird.processed(LOCATION_UPLOAD, location_csv("KL,Keralam,,"), type="state")
    assert renamed["successResult"][0]["operation"] == "update"
    assert {p["code"]: p for p in sunbird.state("locations")}["KL"]["name"] == "Keralam"
    assert len([p for p in sunbird.state("locations") if p["code"] == "KL"]) == 1


def test_seeded_locations_form_the_hierarchy_organisations_sit_in(sunbird: Sunbird):
    places = {p["id"]: p for p in sunbird.state("locations")}
    order = ("state", "district", "block", "cluster")
    assert {p["type"] for p in places.values()} == set(order)
    for place in places.values():
        parent = places.get(place["parentId"]) if place["parentId"] else None
        expected = order[order.index(place["type"]) - 1] if place["type"] != "state" else None
        assert (parent["type"] if parent else None) == expected
    for org in sunbird.state("organisations"):
        chain = [places[i] for i in org["locationIds"]]
        assert [p["type"] for p in chain] == ["state", "district", "block"]
        assert (org["state"], org["district"]) == (chain[0]["name"], chain[1]["name"])
