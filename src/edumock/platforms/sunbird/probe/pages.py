"""Sunbird page scenarios: a section's life (create, read, list, update, read back) and a
page of it (create, read by name, rename, the old name gone), with their refusals."""

from __future__ import annotations

from edumock.conformance.probe_client import ProbeClient
from edumock.platforms.sunbird.probe.common import DATA, ok, post, refused, unknown_id

PAGE = f"{DATA}/page"
SECTION = f"{DATA}/page/section"


def _section(probe: ProbeClient) -> str:
    """A new section, read back, listed, updated and read again; its id."""
    section = {"name": probe.unique("Probe section "), "sectionDataType": "course",
               "searchQuery": {"request": {"filters": {"contentType": ["Course"]}}},
               "display": {"name": {"en": "Probe"}}}
    refused(probe, post(probe, "section without a name", f"{SECTION}/create",
                        {k: v for k, v in section.items() if k != "name"}),
            "section without a name", "SECTION_NAME_MISSING")
    refused(probe, post(probe, "section without a data type", f"{SECTION}/create",
                        {k: v for k, v in section.items() if k != "sectionDataType"}),
            "section without a data type", "SECTION_DATA_TYPE_MISSING",
            message="Section data type missing.")
    created = ok(probe, post(probe, "create section", f"{SECTION}/create", section),
                 "create section")
    probe.require(bool(created.get("sectionId")), "create section", "no sectionId answered")
    section_id = str(created["sectionId"])
    url = f"{SECTION}/read/{section_id}"
    read = ok(probe, probe.call("read section", "GET", url), "read section")["section"]
    probe.expect(read.get("name") == section["name"] and
                 read.get("sectionDataType") == "course", "read section",
                 f"the section reads back as {read}")
    listed = ok(probe, probe.call("list sections", "GET", f"{SECTION}/list"),
                "list sections")["response"]
    probe.expect(section_id in {str(s.get("id")) for s in listed}, "list sections",
                 "the new section is not listed")
    renamed = probe.unique("Renamed section ")
    ok(probe, post(probe, "update section", f"{SECTION}/update",
                   {"id": section_id, "name": renamed}, method="PATCH"), "update section")
    read = ok(probe, probe.call("read the update", "GET", url), "read the update")["section"]
    probe.expect(read.get("name") == renamed, "read the update",
                 f"the renamed section is named {read.get('name')!r}")
    refused(probe, post(probe, "update without an id", f"{SECTION}/update",
                        {"name": renamed}, method="PATCH"),
            "update without an id", "SECTION_ID_REQUIRED")
    refused(probe, post(probe, "update an unknown section", f"{SECTION}/update",
                        {"id": unknown_id(probe), "name": renamed}, method="PATCH"),
            "update an unknown section", "SECTION_NOT_EXIST")
    return section_id


def pages_and_sections(probe: ProbeClient) -> None:
    """A section, then a page showing it: read by name with the section resolved, a
    duplicate name refused, renamed, the old name gone."""
    section_id = _section(probe)
    name = probe.unique("Probe page ")
    page = {"name": name, "portalMap": [{"id": section_id, "index": 1, "group": 1}],
            "appMap": [{"id": section_id, "index": 1, "group": 1}]}
    refused(probe, post(probe, "page without a name", f"{PAGE}/create",
                        {k: v for k, v in page.items() if k != "name"}),
            "page without a name", "PAGE_NAME_REQUIRED")
    created = ok(probe, post(probe, "create page", f"{PAGE}/create", page), "create page")
    probe.require(bool(created.get("pageId")), "create page", "no pageId answered")
    refused(probe, post(probe, "create it again", f"{PAGE}/create", page),
            "create it again", "PAGE_ALREADY_EXIST")
    read = ok(probe, probe.call("read page", "GET", f"{PAGE}/read/{name}"), "read page")["page"]
    shown = [str(s.get("id")) for s in read.get("portalSections") or []]
    probe.expect(read.get("name") == name and shown == [section_id], "read page",
                 f"the page reads back as {read.get('name')!r} showing sections {shown}")
    renamed = probe.unique("Renamed page ")
    ok(probe, post(probe, "rename page", f"{PAGE}/update",
                   {"id": str(created["pageId"]), "name": renamed}, method="PATCH"),
       "rename page")
    ok(probe, probe.call("read the new name", "GET", f"{PAGE}/read/{renamed}"),
       "read the new name")
    refused(probe, probe.call("read the old name", "GET", f"{PAGE}/read/{name}"),
            "read the old name", "PAGE_NOT_EXIST", 404)
    refused(probe, post(probe, "update without an id", f"{PAGE}/update", {"name": name},
                        method="PATCH"), "update without an id", "PAGE_ID_REQUIRED",
            message="Page id is required.")
    refused(probe, post(probe, "update an unknown page", f"{PAGE}/update",
                        {"id": unknown_id(probe), "name": name}, method="PATCH"),
            "update an unknown page", "PAGE_NOT_EXIST")


SCENARIOS = [
    ("pages and sections", pages_and_sections),
]
