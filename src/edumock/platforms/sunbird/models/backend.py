"""SunbirdBackend: one world's Sunbird state, with every operation the handlers call."""

from __future__ import annotations

from typing import Any

from edumock.platforms.sunbird.models import (
    aggregates,
    batches,
    certificates,
    enrolments,
    jobs,
    pages,
    progress,
)
from edumock.platforms.sunbird.models.bulk import processing, uploads
from edumock.world import World

Json = dict[str, Any]


class SunbirdBackend:
    """The Sunbird rules over one world's store, clock and randomness.

    Upload rows that are due by now are applied first, so every call sees the
    state the background processing would have reached."""

    def __init__(self, world: World) -> None:
        self.store = world.store("sunbird")
        self.rng = world.rng
        self.now = world.clock.now()
        processing.settle(self.store, self.rng, self.now)

    # batches and certificate templates
    def create_batch(self, request: Json, user: str) -> Json:
        """batch/create."""
        return batches.create(self.store, self.rng, request, user, self.now)

    def update_batch(self, request: Json, user: str) -> Json:
        """batch/update."""
        return batches.update(self.store, request, user, self.now)

    def read_batch(self, batch_id: str) -> Json:
        """batch/read."""
        return batches.read(self.store, batch_id, self.now)

    def search_batches(self, request: Json) -> Json:
        """batch/list."""
        return batches.search(self.store, request, self.now)

    def add_template(self, request: Json) -> Json:
        """cert template/add."""
        return certificates.add_template(self.store, request)

    def remove_template(self, request: Json) -> Json:
        """cert template/remove."""
        return certificates.remove_template(self.store, request)

    # enrolment and progress
    def enrol(self, request: Json) -> Json:
        """enrol / enroll."""
        return enrolments.enrol(self.store, request, self.now)

    def unenrol(self, request: Json) -> Json:
        """unenrol / unenroll."""
        return enrolments.unenrol(self.store, request)

    def user_courses(self, user_id: str) -> Json:
        """user/enrollment/list."""
        return enrolments.list_for(self.store, user_id, self.now)

    def read_state(self, request: Json, user: str) -> Json:
        """content/state/read."""
        return progress.read(self.store, request, user)

    def update_state(self, request: Json, user: str) -> Json:
        """content/state/update."""
        return progress.update(self.store, self.rng, request, user, self.now)

    # aggregates
    def group_activity(self, request: Json) -> Json:
        """group/activity/agg."""
        return aggregates.group_activity(self.store, request, self.now)

    def collection_summary(self, request: Json) -> Json:
        """collection/summary."""
        return aggregates.collection_summary(self.store, request)

    # pages and sections
    def create_page(self, request: Json, user: str) -> Json:
        """page/create."""
        return pages.create_page(self.store, self.rng, request, user, self.now)

    def update_page(self, request: Json) -> Json:
        """page/update."""
        return pages.update_page(self.store, request, self.now)

    def read_page(self, name: str) -> Json:
        """page/read."""
        return pages.read_page(self.store, name)

    def create_section(self, request: Json, user: str) -> Json:
        """page/section/create."""
        return pages.create_section(self.store, self.rng, request, user, self.now)

    def update_section(self, request: Json, user: str) -> Json:
        """page/section/update."""
        return pages.update_section(self.store, request, user, self.now)

    def read_section(self, section_id: str) -> Json:
        """page/section/read."""
        return pages.read_section(self.store, section_id)

    def list_sections(self) -> Json:
        """page/section/list."""
        return pages.list_sections(self.store)

    # data-exhaust jobs
    def submit_job(self, request: Json, user: str) -> Json:
        """jobrequest/submit."""
        return jobs.submit(self.store, self.rng, request, user, self.now)

    def list_jobs(self, tag: str) -> Json:
        """jobrequest/list."""
        return jobs.list_jobs(self.store, tag, self.now)

    # bulk uploads
    def upload(self, object_type: str, data: bytes | None, form: Json, user: str) -> Json:
        """user/v1/upload, org/v1/upload, bulk/location/upload."""
        return uploads.accept(self.store, self.rng, self.now, object_type, data, form, user)

    def upload_status(self, process_id: str) -> Json:
        """upload/status."""
        return uploads.status(self.store, process_id, self.now)


def settle(world: World) -> None:
    """Bring the world's uploads up to its clock (before the admin API shows the state)."""
    SunbirdBackend(world)
