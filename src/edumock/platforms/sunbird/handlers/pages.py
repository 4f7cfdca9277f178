"""Pages and sections."""

from edumock.platforms.sunbird.handlers.reply import bind, bind_get

create = bind(lambda backend, call: backend.create_page(call.request, call.user))
update = bind(lambda backend, call: backend.update_page(call.request))
read = bind_get(lambda backend, call: backend.read_page(str(call.params["page_name"])))
create_section = bind(lambda backend, call: backend.create_section(call.request, call.user))
update_section = bind(lambda backend, call: backend.update_section(call.request, call.user))
read_section = bind_get(lambda backend, call: backend.read_section(str(call.params["section_id"])))
list_sections = bind_get(lambda backend, call: backend.list_sections())
