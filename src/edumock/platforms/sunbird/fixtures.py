"""Build a Sunbird world from ``fixtures/sunbird.yaml`` and the seed.

A location hierarchy (states, districts, blocks, clusters), organisations in
its blocks, users in them, certificate-template assets, courses with
content trees (units holding leaf resources), batches in every state against
the sandbox clock (the upcoming ones with a certificate template), enrolments
with some progress, groups of users with a course activity, and pages with
sections. Same seed, same bytes.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird import ids
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.models import locations
from edumock.platforms.sunbird.models.certificates import stored_template
from edumock.world.seeding.context import FixtureContext, seeded_faker
from edumock.world.seeding.lazy import on_first_use

STATES = (("Karnataka", ("Bengaluru Urban", "Mysuru")), ("Gujarat", ("Ahmedabad", "Surat")),
          ("Maharashtra", ("Pune", "Nagpur")))
STATE_CODES = {"Karnataka": "KA", "Gujarat": "GJ", "Maharashtra": "MH"}
SUBJECTS = ("Mathematics", "Science", "English", "Social Science", "Digital Skills")
CERTIFICATE_KINDS = ("Completion", "Merit", "Participation", "Excellence", "Achievement")
DESIGNATIONS = ("CEO", "Director", "Principal", "Registrar")


def _locations(ctx: FixtureContext) -> list[dict[str, Any]]:
    """Every state with its districts, blocks and clusters (codes like ``KA01B2C1``).

    Drawn from their own random stream, so adding locations moved no other record."""
    rng = ctx.rng.child("locations")
    blocks, clusters = int(ctx.setting("blocksPerDistrict", 2)), int(
        ctx.setting("clustersPerBlock", 2))
    made: list[dict[str, Any]] = []
    for state_name, districts in STATES:
        state = locations.new_location(rng.uuid(), STATE_CODES[state_name], state_name,
                                       "state", None)
        made.append(state)
        for d_index, district_name in enumerate(districts, start=1):
            district = locations.new_location(rng.uuid(), f"{state['code']}{d_index:02d}",
                                              district_name, "district", state)
            made.append(district)
            for b_index in range(1, blocks + 1):
                block = locations.new_location(rng.uuid(), f"{district['code']}B{b_index}",
                                               f"{district_name} Block {b_index}", "block",
                                               district)
                made.append(block)
                made.extend(locations.new_location(
                    rng.uuid(), f"{block['code']}C{c_index}",
                    f"{district_name} Block {b_index} Cluster {c_index}", "cluster", block)
                    for c_index in range(1, clusters + 1))
    return made


def _organisations(ctx: FixtureContext, places: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Root organisations (tenants), each in a block of its state and district."""
    by_id = {place["id"]: place for place in places}
    orgs = []
    for index in range(int(ctx.setting("organisations", 3))):
        _, districts = STATES[index % len(STATES)]
        org_id = ids.page_id(ctx.rng)
        name, district = ctx.faker.city(), ctx.faker.random_element(districts)
        block = next(place for place in places if place["type"] == "block"
                     and by_id[place["parentId"]]["name"] == district)
        orgs.append({"id": org_id, "orgName": f"{name} Government School",
                     "channel": f"channel-{index + 1}", "externalId": f"SCH{1000 + index}",
                     "isTenant": True, "rootOrgId": org_id, "status": 1,
                     "organisationType": "school", "description": None,
                     **locations.placement(by_id, block),
                     "securityLevel": ("L1", "L2", "L3", "L4")[index % 4]})
    return orgs


def _certificate_assets(ctx: FixtureContext) -> list[dict[str, Any]]:
    """Certificate-template assets as the content service reads them (the fields lms-service
    asks for); the last ``unsignedCertificateAssets`` have no issuer and no signatories, and
    every third has no ``data.title`` (a batch then names its template by the asset's name).

    Drawn from their own random stream and Faker, so adding them moved no other record."""
    rng = ctx.rng.child("certificate-assets")
    faker = seeded_faker(rng)
    count = int(ctx.setting("certificateAssets", 6))
    unsigned = int(ctx.setting("unsignedCertificateAssets", 2))
    assets = []
    for index in range(count):
        kind = CERTIFICATE_KINDS[index % len(CERTIFICATE_KINDS)]
        identifier = ids.content_id(rng)
        asset: dict[str, Any] = {
            "identifier": identifier, "name": f"{kind} certificate template {index + 1}",
            "certType": "cert template",
            "artifactUrl": f"https://sunbird.edumock.local/assets/public/content/{identifier}"
                           f"/artifact/{kind.lower()}-certificate.svg"}
        if index % 3 != 2:
            asset["data"] = {"title": f"Certificate of {kind}"}
        if index < count - unsigned:
            place = faker.city()
            slug = "".join(ch for ch in place.lower() if ch.isalnum())
            asset["issuer"] = {"name": f"{place} Council of Educational Research and Training",
                               "url": f"https://{slug}.edumock.local/",
                               "publicKey": [str(rng.randint(1, 9))]}
            asset["signatoryList"] = [
                {"name": faker.name(), "id": f"{designation}/{designation}",
                 "designation": designation,
                 "image": f"https://{slug}.edumock.local/signatures/{designation.lower()}.png"}
                for designation in rng.sample(DESIGNATIONS, rng.randint(1, 2))]
        assets.append(asset)
    return assets


def _course(ctx: FixtureContext, index: int) -> dict[str, Any]:
    subject = SUBJECTS[index % len(SUBJECTS)]
    leaves = [{"identifier": ids.content_id(ctx.rng),
               "name": f"{subject} lesson {n + 1}",
               "mimeType": ctx.faker.random_element(("video/mp4", "application/pdf",
                                                     "application/vnd.ekstep.ecml-archive"))}
              for n in range(int(ctx.setting("leavesPerCourse", 4)))]
    unit = {"identifier": ids.content_id(ctx.rng), "name": f"{subject} unit 1",
            "children": [leaf["identifier"] for leaf in leaves]}
    identifier = ids.content_id(ctx.rng)
    return {"identifier": identifier, "name": f"{subject} for grade {6 + index % 4}",
            "description": f"A course on {subject.lower()}", "primaryCategory": "Course",
            "contentType": "Course", "mimeType": "application/vnd.ekstep.content-collection",
            "channel": "channel-1", "status": "Live",
            "appIcon": f"https://sunbird.edumock.local/content/{identifier}/icon.png",
            "children": [unit["identifier"]], "units": [unit], "leaves": leaves,
            "leafNodes": [leaf["identifier"] for leaf in leaves],
            "leafNodesCount": len(leaves)}


@on_first_use
def build_state(ctx: FixtureContext) -> None:
    """Fill a fresh world's Sunbird store."""
    store, rng, now = ctx.store, ctx.rng, ctx.clock.now()
    limits = ctx.config.get("limits") or {}
    store.put(c.CONFIG, "sunbird", {
        "api_key": f"edumock-{rng.token_hex(12)}", "signing_key": rng.token_hex(32),
        "job_processing_seconds": int(limits.get("jobProcessingSeconds", 30)),
        "job_completion_seconds": int(limits.get("jobCompletionSeconds", 120)),
        "upload_start_seconds": float(limits.get("uploadStartSeconds", 2)),
        "upload_rows_per_second": float(limits.get("uploadRowsPerSecond", 1000)),
        "upload_max_megabytes": int(limits.get("uploadMaxMegabytes", 10))})
    places = _locations(ctx)
    for place in places:
        store.put(c.LOCATIONS, place["id"], place)
    orgs = _organisations(ctx, places)
    for org in orgs:
        store.put(c.ORGANISATIONS, org["id"], org)
    users = []
    for _ in range(int(ctx.setting("users", 30))):
        org = ctx.faker.random_element(orgs)
        user_id = rng.uuid()
        first, last = ctx.faker.first_name(), ctx.faker.last_name()
        user = {"id": user_id, "userId": user_id, "firstName": first, "lastName": last,
                "userName": f"{first.lower()}_{rng.digits(4)}", "rootOrgId": org["id"],
                "organisationId": org["id"], "state": org["state"], "district": org["district"],
                "roles": ["PUBLIC"], "userType": "student", "status": 1}
        store.put(c.USERS, user_id, user)
        users.append(user)
    creator = users[0]["id"]
    assets = _certificate_assets(ctx)
    for asset in assets:
        store.put(c.CERTIFICATE_ASSETS, asset["identifier"], asset)
    signed = [asset for asset in assets if "issuer" in asset]
    for index in range(int(ctx.setting("courses", 4))):
        course = _course(ctx, index)
        store.put(c.COURSES, course["identifier"], course)
        for state in range(int(ctx.setting("batchesPerCourse", 3))):
            start = now + timedelta(days=(10, -20, -90)[state % 3])
            end = start + timedelta(days=(60, 60, 30)[state % 3])
            batch = ids.batch_id(rng)
            templates = {}
            if state % 3 == 0 and signed:
                asset = signed[index % len(signed)]
                templates[asset["identifier"]] = stored_template(asset, {
                    "identifier": asset["identifier"],
                    "criteria": {"enrollment": {"status": 2}}})
            store.put(c.BATCHES, batch, {
                "batchId": batch, "id": batch, "identifier": batch,
                "courseId": course["identifier"], "collectionId": course["identifier"],
                "name": f"{course['name']} - batch {state + 1}",
                "description": "Batch generated by edumock", "enrollmentType": "open",
                "startDate": start.date().isoformat(), "endDate": end.date().isoformat(),
                "enrollmentEndDate": None, "createdFor": [orgs[0]["id"]], "mentors": [],
                "createdBy": creator, "createdDate": timestamp(min(start, now) - timedelta(days=5)),
                "updatedDate": None, "tandc": None, "cert_templates": templates})
    _enrolments(ctx, users, now)
    _groups(ctx, users)
    _pages(ctx, orgs, creator, now)


def _enrolments(ctx: FixtureContext, users: list[dict[str, Any]], now: datetime) -> None:
    """Some users in every batch that has started, with some progress made.

    The first user (the one ``/__admin/tokens`` picks by default) starts with none.
    """
    others = users[1:]
    size = min(len(others), int(ctx.setting("enrolmentsPerBatch", 6)))
    for batch in ctx.store.values(c.BATCHES):
        if date.fromisoformat(batch["startDate"]) > now.date():
            continue
        course = ctx.store.get(c.COURSES, batch["courseId"]) or {}
        leaves = course.get("leafNodes", [])
        for user in ctx.faker.random_elements(others, length=size, unique=True):
            done = ctx.faker.random_int(0, len(leaves))
            states = dict.fromkeys(leaves[:done], 2)
            complete = bool(leaves) and done == len(leaves)
            key = f"{user['id']}:{batch['courseId']}:{batch['batchId']}"
            enrolled = now - timedelta(days=ctx.faker.random_int(1, 15))
            ctx.store.put(c.ENROLMENTS, key, {
                "userId": user["id"], "courseId": batch["courseId"],
                "collectionId": batch["courseId"], "batchId": batch["batchId"], "active": True,
                "status": 2 if complete else (1 if done else 0), "progress": done,
                "completionPercentage": round(done * 100 / len(leaves)) if leaves else 0,
                "enrolledDate": timestamp(enrolled),
                "dateTime": int(enrolled.timestamp() * 1000),
                "completedOn": int(now.timestamp() * 1000) if complete else None,
                "contentStatus": states, "lastReadContentId": leaves[done - 1] if done else None,
                "lastReadContentStatus": 2 if done else None, "issuedCertificates": [],
                "addedBy": None})


def _pages(ctx: FixtureContext, orgs: list[dict[str, Any]], creator: str, now: datetime
           ) -> None:
    """Pages of course sections, as a portal's explore page has."""
    for index in range(int(ctx.setting("pages", 2))):
        subject = SUBJECTS[index % len(SUBJECTS)]
        section_id = ids.page_id(ctx.rng)
        query = ('{"request": {"filters": {"contentType": ["Course"], "subject": ["'
                 + subject + '"]}, "limit": 10}}')
        ctx.store.put(c.SECTIONS, section_id, {
            "id": section_id, "name": f"{subject} courses", "sectionDataType": "course",
            "searchQuery": query, "display": '{"name": {"en": "' + subject + '"}}',
            "alt": None, "description": None, "imgUrl": None, "dynamicFilters": None,
            "dataSource": None, "status": 1, "createdBy": creator,
            "createdDate": timestamp(now - timedelta(days=30)), "updatedBy": None,
            "updatedDate": None})
        page_id = ids.page_id(ctx.rng)
        ctx.store.put(c.PAGES, page_id, {
            "id": page_id, "name": f"Explore {subject}", "organisationId": orgs[0]["id"],
            "portalMap": [{"id": section_id, "index": 1, "group": 1}],
            "appMap": [{"id": section_id, "index": 1, "group": 1}], "createdBy": creator,
            "createdDate": timestamp(now - timedelta(days=30)), "updatedDate": None})


def _groups(ctx: FixtureContext, users: list[dict[str, Any]]) -> None:
    courses = ctx.store.values(c.COURSES)
    for index in range(int(ctx.setting("groups", 2))):
        members = ctx.faker.random_elements(users, length=min(len(users), int(
            ctx.setting("membersPerGroup", 6))), unique=True)
        group_id = ctx.rng.uuid()
        ctx.store.put(c.GROUPS, group_id, {
            "id": group_id, "name": f"Study circle {index + 1}",
            "members": sorted(member["id"] for member in members),
            "activities": [{"id": courses[index % len(courses)]["identifier"],
                            "type": "Course"}]})
