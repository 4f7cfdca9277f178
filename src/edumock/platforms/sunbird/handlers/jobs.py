"""Data-exhaust job requests."""

from edumock.platforms.sunbird.handlers.reply import bind, bind_get

submit = bind(lambda backend, call: backend.submit_job(call.request, call.user))
list_jobs = bind_get(lambda backend, call: backend.list_jobs(str(call.params["tag"])))
