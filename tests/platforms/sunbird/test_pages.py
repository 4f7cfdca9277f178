"""Pages and sections: unique page names per organisation, sections resolved on read."""

from __future__ import annotations

from typing import Any

from tests.platforms.sunbird.conftest import Sunbird, ok, refused

PAGE = "/api/data/v1/page"


def make_section(sunbird: Sunbird, name: str, **fields: Any) -> str:
    """Create a section and answer its id."""
    result = ok(sunbird.post(f"{PAGE}/section/create",
                             {"name": name, "sectionDataType": "course", **fields}))
    assert result["response"] == "SUCCESS"
    return str(result["pageId"])


def make_page(sunbird: Sunbird, name: str, **fields: Any) -> str:
    result = ok(sunbird.post(f"{PAGE}/create", {"name": name, **fields}))
    assert result["response"] == "SUCCESS"
    return str(result["pageId"])


def read_page(sunbird: Sunbird, name: str) -> dict[str, Any]:
    return dict(ok(sunbird.get(f"{PAGE}/read/{name}"))["page"])


# pages

def test_create_returns_the_page_id_and_stores_the_page(sunbird: Sunbird) -> None:
    page_id = make_page(sunbird, "Resources", organisationId="org-1")
    stored = [p for p in sunbird.state("pages") if p["id"] == page_id]
    assert len(stored) == 1
    assert stored[0]["name"] == "Resources" and stored[0]["organisationId"] == "org-1"
    assert stored[0]["createdBy"] == sunbird.user_id
    page = read_page(sunbird, "Resources")
    assert page["id"] == page_id and page["name"] == "Resources"


def test_create_without_a_name_is_refused(sunbird: Sunbird) -> None:
    before = sunbird.state("pages")
    refused(sunbird.post(f"{PAGE}/create", {"organisationId": "org-1"}), 400,
            "PAGE_NAME_REQUIRED", "Page name is required.")
    refused(sunbird.post(f"{PAGE}/create", {"name": ""}), 400, "PAGE_NAME_REQUIRED")
    assert sunbird.state("pages") == before


def test_same_name_in_the_same_organisation_is_refused(sunbird: Sunbird) -> None:
    make_page(sunbird, "Courses", organisationId="org-1")
    before = sunbird.state("pages")
    refused(sunbird.post(f"{PAGE}/create", {"name": "Courses", "organisationId": "org-1"}),
            400, "PAGE_ALREADY_EXIST", "page already exist with this Page Name and Org Code.")
    assert sunbird.state("pages") == before


def test_same_name_in_another_organisation_is_allowed(sunbird: Sunbird) -> None:
    first = make_page(sunbird, "Courses", organisationId="org-1")
    second = make_page(sunbird, "Courses", organisationId="org-2")
    default = make_page(sunbird, "Courses")
    assert len({first, second, default}) == 3
    refused(sunbird.post(f"{PAGE}/create", {"name": "Courses"}), 400, "PAGE_ALREADY_EXIST")


def test_update_changes_the_page(sunbird: Sunbird) -> None:
    page_id = make_page(sunbird, "Library", organisationId="org-1")
    section = make_section(sunbird, "Latest")
    result = ok(sunbird.patch(f"{PAGE}/update", {
        "id": page_id, "name": "Library v2",
        "portalMap": [{"id": section, "index": 1, "group": 1}]}))
    assert result == {"response": "SUCCESS"}
    refused(sunbird.get(f"{PAGE}/read/Library"), 404, "PAGE_NOT_EXIST")
    page = read_page(sunbird, "Library v2")
    assert page["id"] == page_id
    assert [s["id"] for s in page["portalSections"]] == [section]
    stored = next(p for p in sunbird.state("pages") if p["id"] == page_id)
    assert stored["organisationId"] == "org-1" and stored["updatedDate"] is not None


def test_update_of_an_unknown_page_is_refused(sunbird: Sunbird) -> None:
    refused(sunbird.patch(f"{PAGE}/update", {"id": "0199999999999999999", "name": "X"}),
            400, "PAGE_NOT_EXIST", "Requested page does not exist.")
    refused(sunbird.patch(f"{PAGE}/update", {"name": "X"}), 400, "PAGE_ID_REQUIRED",
            "Page id is required.")
    assert "X" not in {p["name"] for p in sunbird.state("pages")}


def test_rename_onto_another_page_of_the_organisation_is_refused(sunbird: Sunbird) -> None:
    make_page(sunbird, "Home", organisationId="org-1")
    other = make_page(sunbird, "Explore", organisationId="org-1")
    elsewhere = make_page(sunbird, "Explore", organisationId="org-2")
    refused(sunbird.patch(f"{PAGE}/update", {"id": other, "name": "Home"}), 400,
            "PAGE_ALREADY_EXIST")
    assert next(p for p in sunbird.state("pages") if p["id"] == other)["name"] == "Explore"
    # keeping its own name is no clash; the same name in another organisation is none either
    ok(sunbird.patch(f"{PAGE}/update", {"id": other, "name": "Explore"}))
    ok(sunbird.patch(f"{PAGE}/update", {"id": elsewhere, "name": "Home"}))


def test_read_resolves_sections_in_index_order(sunbird: Sunbird) -> None:
    first = make_section(sunbird, "First", searchQuery={"request": {"limit": 10}},
                         display={"name": {"en": "First"}})
    second = make_section(sunbird, "Second")
    third = make_section(sunbird, "Third")
    make_page(sunbird, "Ordered",
              portalMap=[{"id": third, "index": 3, "group": 1},
                         {"id": first, "index": 1, "group": 1},
                         {"id": "0100000000000000000", "index": 0, "group": 1},
                         {"id": second, "index": 2, "group": 1}],
              appMap=[{"id": second, "index": 2, "group": 1},
                      {"id": third, "index": 1, "group": 1}])
    page = read_page(sunbird, "Ordered")
    assert [s["id"] for s in page["portalSections"]] == [first, second, third]
    assert [s["name"] for s in page["portalSections"]] == ["First", "Second", "Third"]
    assert [s["id"] for s in page["appSections"]] == [third, second]
    assert page["portalSections"][0]["sectionDataType"] == "course"


def test_read_of_a_page_without_maps_has_no_sections(sunbird: Sunbird) -> None:
    make_page(sunbird, "Empty")
    page = read_page(sunbird, "Empty")
    assert page["portalSections"] == [] and page["appSections"] == []


def test_read_of_an_unknown_page_is_not_found(sunbird: Sunbird) -> None:
    refused(sunbird.get(f"{PAGE}/read/Nowhere"), 404, "PAGE_NOT_EXIST",
            "Requested page does not exist.")


# sections

def test_section_create_stores_the_section(sunbird: Sunbird) -> None:
    section_id = make_section(sunbird, "Latest Courses", description="New this week")
    section = ok(sunbird.get(f"{PAGE}/section/read/{section_id}"))["section"]
    assert section["id"] == section_id and section["name"] == "Latest Courses"
    assert section["sectionDataType"] == "course" and section["status"] == 1
    assert section["description"] == "New this week"
    assert section["createdBy"] == sunbird.user_id


def test_section_search_query_and_display_are_kept_as_json_text(sunbird: Sunbird) -> None:
    section_id = make_section(sunbird, "Popular",
                              searchQuery={"request": {"filters": {"contentType": ["Course"]}}},
                              display={"name": {"en": "Popular"}})
    section = ok(sunbird.get(f"{PAGE}/section/read/{section_id}"))["section"]
    assert section["searchQuery"] == '{"request":{"filters":{"contentType":["Course"]}}}'
    assert section["display"] == '{"name":{"en":"Popular"}}'
    ok(sunbird.patch(f"{PAGE}/section/update", {"id": section_id,
                                                "display": {"name": {"hi": "x"}}}))
    section = ok(sunbird.get(f"{PAGE}/section/read/{section_id}"))["section"]
    assert section["display"] == '{"name":{"hi":"x"}}'


def test_section_create_checks_name_then_data_type(sunbird: Sunbird) -> None:
    before = sunbird.state("sections")
    refused(sunbird.post(f"{PAGE}/section/create", {}), 400, "SECTION_NAME_MISSING",
            "Section name is required.")
    refused(sunbird.post(f"{PAGE}/section/create", {"sectionDataType": "course"}), 400,
            "SECTION_NAME_MISSING")
    refused(sunbird.post(f"{PAGE}/section/create", {"name": "No type"}), 400,
            "SECTION_DATA_TYPE_MISSING", "Section data type missing.")
    assert sunbird.state("sections") == before


def test_section_update_changes_named_fields(sunbird: Sunbird) -> None:
    section_id = make_section(sunbird, "Old name", description="kept")
    result = ok(sunbird.patch(f"{PAGE}/section/update", {"id": section_id, "name": "New name"}))
    assert result["response"] == "SUCCESS"
    section = ok(sunbird.get(f"{PAGE}/section/read/{section_id}"))["section"]
    assert section["name"] == "New name" and section["description"] == "kept"
    assert section["updatedBy"] == sunbird.user_id and section["updatedDate"] is not None


def test_section_update_of_an_unknown_section_is_refused(sunbird: Sunbird) -> None:
    before = sunbird.state("sections")
    refused(sunbird.patch(f"{PAGE}/section/update", {"id": "0199999999999999999",
                                                     "name": "X"}),
            400, "SECTION_NOT_EXIST", "Requested section does not exist.")
    assert sunbird.state("sections") == before


def test_section_read_of_an_unknown_section_is_refused(sunbird: Sunbird) -> None:
    refused(sunbird.get(f"{PAGE}/section/read/0199999999999999999"), 400,
            "SECTION_NOT_EXIST", "Requested section does not exist.")


def test_section_list_shows_every_section(sunbird: Sunbird) -> None:
    seeded = {s["id"] for s in sunbird.state("sections")}
    assert {s["id"] for s in ok(sunbird.get(f"{PAGE}/section/list"))["response"]} == seeded
    new = {make_section(sunbird, "A"), make_section(sunbird, "B")}
    listed = ok(sunbird.get(f"{PAGE}/section/list"))["response"]
    assert {s["id"] for s in listed} == seeded | new
    assert {s["name"] for s in listed if s["id"] in new} == {"A", "B"}
