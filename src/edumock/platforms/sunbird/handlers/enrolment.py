"""Enrol, unenrol (both spellings) and the user's enrolment list (GET and the v2 POST)."""

from edumock.platforms.sunbird.handlers.reply import bind, bind_get

enrol = enroll = bind(lambda backend, call: backend.enrol(call.request))
unenrol = unenroll = bind(lambda backend, call: backend.unenrol(call.request))
list_user_courses = bind_get(
    lambda backend, call: backend.user_courses(str(call.params["user_id"])))
list_user_courses_v2 = bind(
    lambda backend, call: backend.user_courses(str(call.request.get("userId") or "")))
