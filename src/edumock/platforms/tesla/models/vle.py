"""VLEs (seed section 2): the institution's virtual learning environments."""

from __future__ import annotations

from typing import Any

from edumock.platforms.tesla.collections import VLES
from edumock.platforms.tesla.errors import field_error
from edumock.platforms.tesla.models import permissions as p
from edumock.platforms.tesla.models.base import Scope
from edumock.platforms.tesla.models.institution_scoped import InstitutionScoped
from edumock.world.store import Record

VLE_TYPES = {0: "MOODLE"}
FIELDS = ("id", "type", "lti", "name", "credentials", "url", "client_id")
API_URL = "https://tesla.edumock.local"
"""``api_url`` of a registration: ``https://`` and the server's ``TESLA_DOMAIN``."""


def lti_settings(vle_type: int, url: str | None, consumer_key: str, consumer_secret: str
                 ) -> dict[str, str]:
    """What ``Client.register_vle`` stores as the VLE's ``lti``: LTI 1.1 keys, and a Moodle's
    LTI 1.3 URLs when it has a URL."""
    lti = {"consumer_key": consumer_key, "consumer_secret": consumer_secret}
    if url is not None and VLE_TYPES.get(vle_type) == "MOODLE":
        lti.update(auth_login_url=f"{url}/mod/lti/auth.php",
                   auth_token_url=f"{url}/mod/lti/token.php",
                   key_set_url=f"{url}/mod/lti/certs.php")
    return lti


class VleResource(InstitutionScoped):
    """``InstitutionVLEViewSet``: administrators manage, global admins read."""

    collection = VLES
    writable = ("type", "name", "url", "client_id")
    required = ("type", "name")
    readable = FIELDS
    permissions = (p.global_admin_ro, p.INST_ADMIN)

    def validate(self, data: dict[str, Any], scope: Scope, instance: Record | None
                 ) -> dict[str, Any]:
        """``type`` is a choice; ``name`` is unique across every VLE."""
        if "type" in data and data["type"] not in VLE_TYPES:
            raise field_error("type", f'"{data["type"]}" is not a valid choice.')
        if "name" in data:
            clash = next((v for v in self.store.find(VLES, name=data["name"])
                          if instance is None or v["id"] != instance["id"]), None)
            if clash is not None:
                raise field_error("name", "This field must be unique.")
        return data

    def build(self, data: dict[str, Any], scope: Scope) -> Record:
        """A new VLE of the institution, registered: ``register_vle`` gives it LTI keys."""
        rng = self.call.world.rng
        record = {"institution_id": scope["institution"]["id"], "url": None, "client_id": None,
                  **data}
        record["lti"] = lti_settings(record["type"], record["url"], rng.uuid(), rng.uuid())
        return record

    def create(self, body: dict[str, Any], from_form: bool = False) -> dict[str, Any]:
        """The registration's answer: the serializer's instance predates the LTI keys
        (``lti`` null), and ``credentials`` is the Vault AppRole of the VLE, its LTI settings
        and the API's URL, shown this once."""
        answer = super().create(body, from_form)
        rng = self.call.world.rng
        lti = answer["lti"]
        return {**answer, "lti": None, "credentials": {
            "role_id": rng.uuid(), "secret_id": rng.uuid(), **lti, "api_url": API_URL}}

    def represent(self, record: Record) -> dict[str, Any]:
        """VLE fields; credentials are only ever shown at registration."""
        return {"id": record["id"], "type": record["type"], "lti": record.get("lti"),
                "name": record["name"], "credentials": None, "url": record.get("url"),
                "client_id": record.get("client_id")}
