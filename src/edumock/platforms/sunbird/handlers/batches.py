"""Batch create, update, read and search (``batch/list``)."""

from edumock.platforms.sunbird.handlers.reply import bind, bind_get

create = bind(lambda backend, call: backend.create_batch(call.request, call.user))
update = bind(lambda backend, call: backend.update_batch(call.request, call.user))
read = bind_get(lambda backend, call: backend.read_batch(str(call.params["batch_id"])))
search = bind(lambda backend, call: backend.search_batches(call.request))
