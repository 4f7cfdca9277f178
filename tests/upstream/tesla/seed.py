"""What the real server holds when it starts: one institution and its users, instruments.

The code below runs inside the server's Django (``python -m tesla_ce.manage shell -c``), so it
can only use the server's venv; the launcher passes the values as JSON in ``SEED_INPUT`` and
reads the ids back from the file named by ``SEED_OUTPUT``. Facts it depends on:

- ``from tesla_ce.models import *`` misses some models (``CourseGroup``, ``SENDCategory``,
  ``UIOption``, the report models): import what is needed by name.
- The SEND serializer reads the instrument list when it is imported, so instruments exist
  before ``runserver`` starts.
- Report detail answers 500 unless each instrument has a provider: each gets one.
- Users cannot exist without a password (``Column 'password' cannot be null``), and an
  institution user logs in with ``/api/v2/auth/login`` only with ``login_allowed=True``.
- A global admin is a Django superuser (``is_staff``): it reads institution data but gets 403
  on writes.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from edumock.platforms.tesla.catalogue import INSTRUMENTS


@dataclass(frozen=True)
class Seed:
    """The people and the institution the launcher creates, with their credentials."""

    institution_acronym: str = "edumock"
    institution_name: str = "Edumock University"
    mail_domain: str = "edumock.test"
    admin_email: str = "admin@edumock.test"
    admin_password: str = "admin-password-1"
    global_admin_email: str = "root@edumock.test"
    global_admin_password: str = "root-password-1"

    def as_input(self) -> str:
        return json.dumps({"seed": asdict(self), "instruments": list(INSTRUMENTS)})


SCRIPT = r'''
import json, os
from django.contrib.auth.models import User
from tesla_ce.models import Institution, InstitutionUser, Instrument, Provider

given = json.loads(os.environ["SEED_INPUT"])
seed = given["seed"]
institution, _ = Institution.objects.get_or_create(
    acronym=seed["institution_acronym"],
    defaults={"name": seed["institution_name"], "mail_domain": seed["mail_domain"]})
admin = InstitutionUser.objects.filter(email=seed["admin_email"]).first()
if admin is None:
    admin = InstitutionUser(username=seed["admin_email"], email=seed["admin_email"],
                            uid=seed["admin_email"], first_name="Institution",
                            last_name="Admin", institution=institution, inst_admin=True,
                            login_allowed=True)
admin.data_admin = True  # the probe deletes users, which only a data administrator may
admin.set_password(seed["admin_password"])
admin.save()
root = User.objects.filter(email=seed["global_admin_email"]).first()
if root is None:
    root = User.objects.create_superuser(username="root", email=seed["global_admin_email"],
                                         password=seed["global_admin_password"])
root.set_password(seed["global_admin_password"])
root.save()
for number, described in enumerate(given["instruments"], start=1):
    instrument, _ = Instrument.objects.get_or_create(acronym=described["acronym"], defaults={
        **described, "enabled": True, "description": described["name"]})
    Provider.objects.get_or_create(acronym=f"{described['acronym']}_provider", defaults={
        "instrument": instrument, "name": f"{described['name']} provider",
        "queue": f"{described['queue']}_provider", "version": "1.0.0",
        "image": f"teslace/provider-{described['acronym']}", "enabled": True,
        "allow_validation": True, "alert_below": 0.3, "warning_below": 0.5})
with open(os.environ["SEED_OUTPUT"], "w") as out:
    json.dump({"institution_id": institution.id, "admin_id": admin.id,
               "global_admin_id": root.id,
               "instrument_ids": sorted(Instrument.objects.values_list("id", flat=True))}, out)
'''
