"""Records a test may put in place through the admin API, with ids drawn as Sunbird's own
(UUID users, ``do_…`` content, numeric-string batches, pages and organisations) and the
rules its services keep: parents that exist, one enrolment per user and batch, unique user
names and e-mails, an organisation's external id unique in its channel."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from edumock.errors import RecordRefused
from edumock.platform import Arrangeable, record_schema
from edumock.platforms.sunbird import collections as c
from edumock.platforms.sunbird import ids
from edumock.platforms.sunbird.envelope import timestamp
from edumock.platforms.sunbird.models.bulk.context import external_key
from edumock.platforms.sunbird.models.enrolments import enrolment_key
from edumock.world import World
from edumock.world.store import InMemoryStore, Record

Prepare = Callable[[World, dict[str, Any]], tuple[str, Record]]


def _store(world: World) -> InMemoryStore:
    return world.store("sunbird")


def _parent(store: InMemoryStore, collection: str, record: Record, field: str) -> Record | None:
    """The record ``field`` names in ``collection`` (none when the field is null)."""
    value = record.get(field)
    if value is None:
        return None
    found = store.get(collection, str(value))
    if found is None:
        raise RecordRefused(field, f"no {collection} record {value!r}")
    return found


def _unique(store: InMemoryStore, collection: str, record: Record, field: str) -> None:
    value = record.get(field)
    if isinstance(value, str) and any(
            isinstance(other.get(field), str) and other[field].lower() == value.lower()
            for other in store.values(collection)):
        raise RecordRefused(field, f"{field} {value!r} is already in use")


def _keyed(store: InMemoryStore, collection: str, key: str, field: str) -> str:
    if store.get(collection, key) is not None:
        raise RecordRefused(field, f"{collection} already holds {key!r}")
    return key


def user(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A user of an organisation; ``id`` and ``userId`` are one UUID."""
    store = _store(world)
    org = _parent(store, c.ORGANISATIONS, record, "rootOrgId") or {}
    for field in ("userName", "email", "phone"):
        _unique(store, c.USERS, record, field)
    user_id = record.get("id") or record.get("userId") or world.rng.uuid()
    handle = str(record["firstName"]).lower().replace(" ", "_")
    full = {"id": user_id, "userId": user_id, "lastName": "",
            "userName": f"{handle}_{world.rng.digits(4)}", "organisationId": org.get("id"),
            "state": org.get("state"), "district": org.get("district"), "roles": ["PUBLIC"],
            "userType": "student", "status": 1, "email": None, "phone": None, **record}
    return _keyed(store, c.USERS, str(user_id), "id"), full


def organisation(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """An organisation (its own root unless told); its external id unique in its channel."""
    store = _store(world)
    org_id = record.get("id") or ids.page_id(world.rng)
    full = {"id": org_id, "channel": None, "externalId": None, "isTenant": False,
            "rootOrgId": org_id, "status": 1, "organisationType": "school",
            "description": None, "locationIds": [], "locationCode": [], "state": None,
            "district": None, "securityLevel": "L1", **record}
    key = external_key(full)
    if key is not None and any(external_key(o) == key for o in store.values(c.ORGANISATIONS)):
        raise RecordRefused("externalId", f"externalId {full['externalId']!r} is already in "
                                          f"use in channel {full['channel']!r}")
    return _keyed(store, c.ORGANISATIONS, str(org_id), "id"), full


def location(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A location under a parent that exists; its code unique."""
    store = _store(world)
    _parent(store, c.LOCATIONS, record, "parentId")
    _unique(store, c.LOCATIONS, record, "code")
    location_id = record.get("id") or world.rng.uuid()
    full = {"id": location_id, "parentId": None, **record}
    return _keyed(store, c.LOCATIONS, str(location_id), "id"), full


def course(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A live course collection (no units unless given)."""
    identifier = record.get("identifier") or ids.content_id(world.rng)
    full = {"identifier": identifier, "description": "", "primaryCategory": "Course",
            "contentType": "Course", "mimeType": "application/vnd.ekstep.content-collection",
            "channel": None, "status": "Live", "appIcon": None, "children": [], "units": [],
            "leaves": [], "leafNodes": [], "leafNodesCount": 0, **record}
    return _keyed(_store(world), c.COURSES, str(identifier), "identifier"), full


def batch(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A batch of a course that exists; ``batchId``, ``id`` and ``identifier`` are one id."""
    store = _store(world)
    _parent(store, c.COURSES, record, "courseId")
    _parent(store, c.USERS, record, "createdBy")
    batch_id = record.get("batchId") or ids.batch_id(world.rng)
    full = {"batchId": batch_id, "id": batch_id, "identifier": batch_id,
            "collectionId": record["courseId"], "description": None, "enrollmentType": "open",
            "endDate": None, "enrollmentEndDate": None, "createdFor": [], "mentors": [],
            "createdBy": None, "createdDate": timestamp(world.clock.now()),
            "updatedDate": None, "tandc": None, "cert_templates": {}, **record}
    return _keyed(store, c.BATCHES, str(batch_id), "batchId"), full


def enrolment(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """A user's enrolment in a batch: one per user and batch, as enrolling keeps it."""
    store = _store(world)
    _parent(store, c.USERS, record, "userId")
    found = _parent(store, c.BATCHES, record, "batchId") or {}
    course_id = str(found.get("courseId"))
    now = world.clock.now()
    full = {"userId": record["userId"], "courseId": course_id, "collectionId": course_id,
            "batchId": record["batchId"], "active": True, "status": 0, "progress": 0,
            "completionPercentage": 0, "enrolledDate": timestamp(now),
            "dateTime": int(now.timestamp() * 1000), "completedOn": None, "contentStatus": {},
            "lastReadContentId": None, "lastReadContentStatus": None,
            "issuedCertificates": [], "addedBy": None, **record}
    key = enrolment_key(str(record["userId"]), course_id, str(record["batchId"]))
    return _keyed(store, c.ENROLMENTS, key, "batchId"), full


def _generic(collection: str, key_field: str, make_id: Callable[[World], Any],
             defaults: Callable[[World], Mapping[str, Any]] = lambda world: {},
             parents: Mapping[str, str] | None = None) -> Prepare:
    """A record keyed by its own ``key_field``, generated when absent."""
    def prepare(world: World, record: dict[str, Any]) -> tuple[str, Record]:
        store = _store(world)
        for field, parent in (parents or {}).items():
            _parent(store, parent, record, field)
        value = record.get(key_field)
        full = {key_field: make_id(world) if value is None else value, **defaults(world),
                **{name: given for name, given in record.items() if name != key_field}}
        return _keyed(store, collection, str(full[key_field]), key_field), full
    return prepare


def config(world: World, record: dict[str, Any]) -> tuple[str, Record]:
    """The world's settings: the given ones replace, the others stay."""
    return "sunbird", {**(_store(world).get(c.CONFIG, "sunbird") or {}), **record}


def _made(world: World) -> dict[str, Any]:
    return {"createdBy": None, "createdDate": timestamp(world.clock.now()), "updatedDate": None}


def _process_id(world: World) -> int:
    return int("1" + world.rng.digits(15))


_S = record_schema
ARRANGE: dict[str, Arrangeable] = {
    c.CONFIG: Arrangeable(_S(api_key="str", signing_key="str", job_processing_seconds="int",
                             job_completion_seconds="int", upload_start_seconds="num",
                             upload_rows_per_second="num", upload_max_megabytes="int"), config),
    c.USERS: Arrangeable(_S(id="str", userId="str", firstName="!str", lastName="str?",
                            userName="str", rootOrgId="!str", organisationId="str?",
                            roles="list", userType="str", status="int", email="str?",
                            phone="str?"), user),
    c.ORGANISATIONS: Arrangeable(_S(id="str", orgName="!str", channel="str?", externalId="str?",
                                    isTenant="bool", rootOrgId="str", status="int",
                                    organisationType="str", locationIds="list",
                                    securityLevel="str"), organisation),
    c.LOCATIONS: Arrangeable(_S(id="str", code="!str", name="!str", type="!str",
                                parentId="str?"), location),
    c.COURSES: Arrangeable(_S(identifier="str", name="!str", description="str?",
                              status="str", children="list", units="list", leaves="list",
                              leafNodes="list", leafNodesCount="int"), course),
    c.BATCHES: Arrangeable(_S(batchId="str", courseId="!str", name="!str", startDate="!str",
                              endDate="str?", enrollmentEndDate="str?", enrollmentType="str",
                              createdFor="list", mentors="list", createdBy="str?",
                              cert_templates="obj"), batch),
    c.ENROLMENTS: Arrangeable(_S(userId="!str", batchId="!str", active="bool", status="int",
                                 progress="int", completionPercentage="int",
                                 contentStatus="obj", issuedCertificates="list"), enrolment),
    c.CONTENT_STATES: Arrangeable(_S(id="str"), _generic(c.CONTENT_STATES, "id",
                                                          lambda world: world.rng.uuid())),
    c.GROUPS: Arrangeable(_S(id="str", name="!str", members="list", activities="list"),
                          _generic(c.GROUPS, "id", lambda world: world.rng.uuid(),
                                   lambda world: {"members": [], "activities": []})),
    c.PAGES: Arrangeable(_S(id="str", name="!str", organisationId="str?", portalMap="list",
                            appMap="list"),
                         _generic(c.PAGES, "id", lambda world: ids.page_id(world.rng),
                                  lambda world: {"organisationId": None, "portalMap": [],
                                                 "appMap": [], **_made(world)},
                                  {"organisationId": c.ORGANISATIONS})),
    c.SECTIONS: Arrangeable(_S(id="str", name="!str", sectionDataType="!str",
                               searchQuery="str?", display="str?", status="int"),
                            _generic(c.SECTIONS, "id", lambda world: ids.page_id(world.rng),
                                     lambda world: {"searchQuery": None, "display": None,
                                                    "alt": None, "description": None,
                                                    "imgUrl": None, "dynamicFilters": None,
                                                    "dataSource": None, "status": 1,
                                                    "updatedBy": None, **_made(world)})),
    c.JOBS: Arrangeable(_S(requestId="str", tag="!str", dataset="!str", datasetConfig="!obj",
                           requestedBy="str?", output_format="str", encrypted="bool",
                           submittedAt="str"),
                        _generic(c.JOBS, "requestId", lambda world: world.rng.token_hex(16).upper(),
                                 lambda world: {"requestedBy": None, "requestedChannel": None,
                                                "output_format": "csv", "encrypted": False,
                                                "submittedAt": world.clock.now().isoformat()})),
    c.UPLOADS: Arrangeable(_S(processId="int", objectType="!str", createdBy="str?",
                              organisationId="str?", taskCount="int", processedCount="int",
                              successResult="list", failureResult="list"),
                           _generic(c.UPLOADS, "processId", _process_id, lambda world: {
                               "createdBy": None, "organisationId": None, "locationType": None,
                               "fields": [], "taskCount": 0, "processedCount": 0, "offset": 0,
                               "createdAt": world.clock.now().isoformat(),
                               "startsAt": world.clock.now().isoformat(),
                               "finishesAt": world.clock.now().isoformat(),
                               "successResult": [], "failureResult": []})),
    c.UPLOAD_FILES: Arrangeable(_S(processId="!int", text="!str"),
                                _generic(c.UPLOAD_FILES, "processId", _process_id,
                                         parents={"processId": c.UPLOADS})),
    c.CERTIFICATE_ASSETS: Arrangeable(_S(identifier="str", name="!str", certType="str",
                                         artifactUrl="!str", data="obj", issuer="obj",
                                         signatoryList="list"),
                                      _generic(c.CERTIFICATE_ASSETS, "identifier",
                                               lambda world: ids.content_id(world.rng),
                                               lambda world: {"certType": "cert template"})),
}
"""Every collection's rules."""
