"""Content state read (the user comes from the token) and update."""

from edumock.platforms.sunbird.handlers.reply import bind

read_state = bind(lambda backend, call: backend.read_state(call.request, call.user))
update_state = bind(lambda backend, call: backend.update_state(call.request, call.user))
