"""Group activity aggregate and collection summary."""

from edumock.platforms.sunbird.handlers.reply import bind

group_activity = bind(lambda backend, call: backend.group_activity(call.request))
collection_summary = bind(lambda backend, call: backend.collection_summary(call.request))
