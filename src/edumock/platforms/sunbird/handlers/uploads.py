"""Bulk uploads (users, organisations, locations) and their status."""

from __future__ import annotations

from edumock.platforms.sunbird.handlers.reply import bind_get, bind_upload

upload_users = bind_upload("user")
upload_organisations = bind_upload("organisation")
upload_locations = bind_upload("location")
status = bind_get(lambda backend, call: backend.upload_status(str(call.params["process_id"])))
