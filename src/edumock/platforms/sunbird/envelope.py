"""Sunbird's response envelope: ``{id, ver, ts, params, responseCode, result}``.

``id`` is ``"api."`` plus the alphabetic segments of the *backend* path the
gateway route maps to (``BaseController.getResponseId``), so ``batch/list``
answers ``api.course.batch.search``; ``ts`` is ``yyyy-MM-dd HH:mm:ss:SSSZ``.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

# Gateway path (prefix) → the backend path lms-service serves it at.
_BACKEND_PATHS: tuple[tuple[str, str], ...] = (
    ("/api/course/v1/batch/create", "/v1/course/batch/create"),
    ("/api/course/v1/batch/update", "/v1/course/batch/update"),
    ("/api/course/v1/batch/read/", "/v1/course/batch/read"),
    ("/api/course/v1/batch/list", "/v1/course/batch/search"),
    ("/api/course/v1/enrol", "/v1/course/enroll"),
    ("/api/course/v1/enroll", "/v1/course/enroll"),
    ("/api/course/v1/unenrol", "/v1/course/unenroll"),
    ("/api/course/v1/unenroll", "/v1/course/unenroll"),
    ("/api/course/v1/user/enrollment/list/", "/v1/user/courses/list"),
    ("/api/course/v1/user/enrollment/list", "/v2/user/courses/list"),
    ("/api/course/v1/content/state/read", "/v1/content/state/read"),
    ("/api/course/v1/content/state/update", "/v1/content/state/update"),
    ("/api/course/batch/cert/v1/template/add", "/v1/course/batch/cert/template/add"),
    ("/api/course/batch/cert/v1/template/remove", "/v1/course/batch/cert/template/remove"),
    ("/api/data/v1/group/activity/agg", "/v1/group/activity/agg"),
    ("/api/course/v1/collection/summary", "/v1/collection/summary"),
    ("/report/v1/collection/summary", "/v1/collection/summary"),
    ("/api/data/v1/page/section/", "/v1/page/section/"),
    ("/api/data/v1/page/", "/v1/page/"),
    ("/api/course/v1/jobrequest/submit", "/v1/jobrequest/submit"),
    ("/api/course/v1/jobrequest/list/", "/v1/jobrequest/list"),
    ("/api/user/v1/upload", "/v1/user/upload"),
    ("/api/org/v1/upload", "/v1/org/upload"),
    ("/api/data/v1/bulk/location/upload", "/v1/bulk/location/upload"),
    ("/api/data/v1/upload/status/", "/v1/upload/status"),
)


def backend_path(path: str) -> str:
    """The lms-service path behind a gateway path (the longest matching prefix wins)."""
    matches = [(gateway, backend) for gateway, backend in _BACKEND_PATHS
               if path == gateway or path.startswith(gateway)]
    if not matches:
        return path
    gateway, backend = max(matches, key=lambda pair: len(pair[0]))
    return backend + path[len(gateway):] if backend.endswith("/") else backend


def response_id(path: str) -> str:
    """``api.`` + the alphabetic segments of the backend path, after its version."""
    segments = [s for s in backend_path(path).strip("/").split("/") if s]
    words = [s for s in segments[1:] if re.fullmatch(r"[A-Za-z]+", s)]
    return "api." + ".".join(words)


def version(path: str) -> str:
    """``ver``: the backend path's first segment (``v1``)."""
    segments = backend_path(path).strip("/").split("/")
    return segments[0] if segments and segments[0].startswith("v") else "v1"


def timestamp(moment: datetime) -> str:
    """``2026-08-10 09:30:00:000+0000``."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%d %H:%M:%S:") + f"{moment.microsecond // 1000:03d}+0000"


def envelope(api_id: str, now: datetime, params: dict[str, Any], response_code: str,
             result: dict[str, Any], ver: str = "v1") -> dict[str, Any]:
    """The whole response body."""
    return {"id": api_id, "ver": ver, "ts": timestamp(now), "params": params,
            "responseCode": response_code, "result": result}


def success(path: str, now: datetime, msgid: str | None, result: dict[str, Any]
            ) -> dict[str, Any]:
    """A successful answer for the request at ``path``."""
    params = {"resmsgid": None, "msgid": msgid, "err": None, "status": "success",
              "errmsg": None}
    return envelope(response_id(path), now, params, "OK", result, version(path))
