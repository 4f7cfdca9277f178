"""PUT and DELETE /submissions/v1.0/{data set}: one pair of operations per data set."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from edumock.platforms.sdr.collections import (
    COURSE_COMPLETIONS,
    COURSE_ENROLMENTS,
    COURSES,
    LEARNERS,
    QUALIFICATION_COMPLETIONS,
)
from edumock.platforms.sdr.models.backend import SdrBackend
from edumock.world import World

Handler = Callable[[World, dict[str, Any], dict[str, Any]], dict[str, Any]]


def _uploader(data_set: str) -> Handler:
    def upload(world: World, token_info: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return SdrBackend(world).upload(
            token_info["edumis"], data_set, body["submissionToken"], body["content"]
        )

    upload.__doc__ = f"Upload a batch of {data_set} records."
    return upload


def _deleter(data_set: str) -> Handler:
    def delete(world: World, token_info: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
        return SdrBackend(world).delete_records(
            token_info["edumis"], data_set, body["submissionToken"], body["content"]
        )

    delete.__doc__ = f"Delete {data_set} records by localId."
    return delete


put_learners, delete_learners = _uploader(LEARNERS), _deleter(LEARNERS)
put_courses, delete_courses = _uploader(COURSES), _deleter(COURSES)
put_course_enrolments = _uploader(COURSE_ENROLMENTS)
delete_course_enrolments = _deleter(COURSE_ENROLMENTS)
put_course_completions = _uploader(COURSE_COMPLETIONS)
delete_course_completions = _deleter(COURSE_COMPLETIONS)
put_qualification_completions = _uploader(QUALIFICATION_COMPLETIONS)
delete_qualification_completions = _deleter(QUALIFICATION_COMPLETIONS)
