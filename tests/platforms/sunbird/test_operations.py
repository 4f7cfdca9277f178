"""Every endpoint of the seed is in the spec, and answers through HTTP."""

from __future__ import annotations

import re
from pathlib import Path

from edumock.contract.loader import load_spec
from edumock.contract.operations import HTTP_METHODS
from edumock.settings import specs_dir
from tests.platforms.sunbird.conftest import Sunbird, ok

SEED = Path(__file__).resolve().parents[2] / "data" / "sunbird_course_operations.txt"
ALIASES = {("POST", "/api/course/v1/enroll"), ("POST", "/api/course/v1/unenroll"),
           ("POST", "/api/course/v1/user/enrollment/list")}


def _normalised(method: str, path: str) -> tuple[str, str]:
    return method.upper(), re.sub(r"\{[^}]+\}", "{}", path)


def test_the_spec_declares_the_seeds_endpoints_and_the_client_librarys_aliases():
    seed = {_normalised(*line.split()) for line in SEED.read_text(encoding="utf-8").splitlines()
            if line.strip()}
    spec = load_spec(specs_dir() / "sunbird-course.yaml")
    declared = {_normalised(method, path) for path, item in spec["paths"].items()
                for method in item if method in HTTP_METHODS}
    assert len(seed) == 22
    assert declared == seed | {_normalised(*alias) for alias in ALIASES}


def test_every_endpoint_answers(sunbird: Sunbird):
    batch = sunbird.batch_in_state(1)
    course = next(c for c in sunbird.state("courses") if c["identifier"] == batch["courseId"])
    ids = {"courseId": batch["courseId"], "batchId": batch["batchId"], "userId": sunbird.user_id}
    group = sunbird.state("groups")[0]
    asset = sunbird.certificate_asset()["identifier"]
    template = {"identifier": asset, "criteria": {"enrollment": {"status": 2}}}
    calls = [
        ("GET", f"/api/course/v1/batch/read/{batch['batchId']}", None),
        ("PATCH", "/api/course/v1/batch/update", {**ids, "id": batch["batchId"],
                                                  "startDate": batch["startDate"],
                                                  "name": "Renamed"}),
        ("POST", "/api/course/v1/batch/list", {"filters": {"courseId": batch["courseId"]}}),
        ("POST", "/api/course/v1/batch/create", {
            "courseId": batch["courseId"], "name": "New", "enrollmentType": "open",
            "startDate": "2026-08-20"}),
        ("POST", "/api/course/v1/enrol", ids),
        ("GET", f"/api/course/v1/user/enrollment/list/{sunbird.user_id}", None),
        ("POST", "/api/course/v1/content/state/read", ids),
        ("PATCH", "/api/course/v1/content/state/update", {
            "userId": sunbird.user_id, "contents": [{
                "contentId": course["leafNodes"][0], "batchId": batch["batchId"],
                "courseId": batch["courseId"], "status": 2}]}),
        ("PATCH", "/api/course/batch/cert/v1/template/add", {"batch": {
            **ids, "template": template}}),
        ("PATCH", "/api/course/batch/cert/v1/template/remove", {"batch": {
            **ids, "template": {"identifier": asset}}}),
        ("POST", "/api/data/v1/group/activity/agg", {
            "groupId": group["id"], "activityId": group["activities"][0]["id"],
            "activityType": "Course"}),
        ("POST", "/report/v1/collection/summary", {"filters": {
            "collectionId": batch["courseId"], "batchId": batch["batchId"]}}),
        ("POST", "/api/data/v1/page/section/create", {"name": "Courses",
                                                      "sectionDataType": "course"}),
        ("GET", "/api/data/v1/page/section/list", None),
        ("POST", "/api/course/v1/jobrequest/submit", {
            "tag": "t", "dataset": "progress-exhaust", "encryptionKey": "k",
            "datasetConfig": {"batchId": batch["batchId"]}}),
        ("GET", "/api/course/v1/jobrequest/list/t", None),
        ("POST", "/api/course/v1/unenrol", ids),
    ]
    for method, path, request in calls:
        body = None if request is None else {"request": request}
        response = sunbird.client.request(method, path, json=body, headers=sunbird.headers())
        ok(response)
    section = sunbird.state("sections")[0]["id"]
    for method, path, request in [
        ("PATCH", "/api/data/v1/page/section/update", {"id": section, "name": "All courses"}),
        ("GET", f"/api/data/v1/page/section/read/{section}", None),
        ("POST", "/api/data/v1/page/create", {"name": "Explore", "portalMap": [
            {"id": section, "index": 1}]}),
    ]:
        body = None if request is None else {"request": request}
        ok(sunbird.client.request(method, path, json=body, headers=sunbird.headers()))
    page = sunbird.state("pages")[0]["id"]
    ok(sunbird.patch("/api/data/v1/page/update", {"id": page, "name": "Explore more"}))
    ok(sunbird.get("/api/data/v1/page/read/Explore more"))


BULK_SEED = Path(__file__).resolve().parents[2] / "data" / "sunbird_bulk_operations.txt"


def test_the_bulk_spec_declares_exactly_the_seeds_upload_endpoints():
    seed = {_normalised(*line.split()) for line in
            BULK_SEED.read_text(encoding="utf-8").splitlines() if line.strip()}
    spec = load_spec(specs_dir() / "sunbird-bulk.yaml")
    declared = {_normalised(method, path) for path, item in spec["paths"].items()
                for method in item if method in HTTP_METHODS}
    assert len(seed) == 4 and declared == seed
