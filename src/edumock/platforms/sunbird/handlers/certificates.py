"""Certificate templates on a batch."""

from edumock.platforms.sunbird.handlers.reply import bind

add_template = bind(lambda backend, call: backend.add_template(call.request))
remove_template = bind(lambda backend, call: backend.remove_template(call.request))
