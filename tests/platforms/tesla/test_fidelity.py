"""Answers as the real TeSLA CE 1.0.10 server gives them (each observed with ``edumock drift``
against it): headers, fields and texts a client of the real server relies on."""

from __future__ import annotations

from tests.platforms.tesla.conftest import Tesla

INSTITUTION = "/api/v2/institution/1/"
LEARNERS = "/api/v2/institution/1/learner/"


def _allow(response) -> str | None:  # type: ignore[no-untyped-def]
    return response.headers.get("allow")


def test_every_view_answer_has_drfs_allow(admin: Tesla):
    """The declared methods and the framework's HEAD (beside GET) and OPTIONS, in DRF's
    order."""
    assert _allow(admin.get(INSTITUTION)) == "GET, PUT, PATCH, HEAD, OPTIONS"
    assert _allow(admin.get(LEARNERS)) == "GET, POST, HEAD, OPTIONS"
    learner = admin.learners()[0]["id"]
    assert _allow(admin.get(f"{LEARNERS}{learner}/")) == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
    assert _allow(admin.post(f"{LEARNERS}{learner}/ic/", {})) == "POST, DELETE, OPTIONS"


def test_refusals_of_a_view_have_allow_too(admin: Tesla):
    missing = admin.get(f"{LEARNERS}999999/")
    assert missing.status_code == 404
    assert _allow(missing) == "GET, PUT, PATCH, DELETE, HEAD, OPTIONS"
    invalid = admin.post(LEARNERS, {"first_name": "Aroha"})
    assert invalid.status_code == 400
    assert _allow(invalid) == "GET, POST, HEAD, OPTIONS"
    refused = admin.delete(INSTITUTION)
    assert refused.status_code == 405
    assert _allow(refused) == "GET, PUT, PATCH, HEAD, OPTIONS"
    admin.anonymous()
    anonymous = admin.get(INSTITUTION)
    assert anonymous.status_code == 403
    assert _allow(anonymous) == "GET, PUT, PATCH, HEAD, OPTIONS"


def test_a_path_no_view_takes_has_no_allow(admin: Tesla):
    unknown = admin.get("/api/v2/institution/1/nothing-here/")
    assert unknown.status_code == 404
    assert _allow(unknown) is None
    assert _allow(admin.client.get("/__admin/health")) is None


def test_the_institution_has_allowed_domains(admin: Tesla):
    institution = admin.get(INSTITUTION).json()
    assert list(institution)[-3:] == ["allowed_domains", "created_at", "updated_at"]
    assert institution["allowed_domains"] is None
    changed = admin.patch(INSTITUTION, {"allowed_domains": "lms.example.org"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["allowed_domains"] == "lms.example.org"
    settings = {k: institution[k] for k in ("external_ic", "mail_domain")}
    assert admin.put(INSTITUTION, settings).json()["allowed_domains"] == "lms.example.org"
    learner = admin.get(LEARNERS, limit=1).json()["results"][0]
    assert learner["institution"]["allowed_domains"] == "lms.example.org"


def test_users_show_login_allowed_false_unless_given(admin: Tesla):
    users = "/api/v2/institution/1/user/"
    fields = {"username": "kiri@pu1.ac.nz", "uid": "kiri", "email": "kiri@pu1.ac.nz"}
    # Without login_allowed the serializer's default (False) skips the password check.
    created = admin.post(users, {**fields, "password": "a-pass-1", "password2": "other"})
    assert created.status_code == 201, created.text
    assert created.json()["login_allowed"] is False
    refused = admin.post(users, {**fields, "username": "tama@pu1.ac.nz", "uid": "tama",
                                 "email": "tama@pu1.ac.nz", "password": "a-pass-1",
                                 "password2": "other", "login_allowed": True})
    assert refused.status_code == 400
    assert refused.json() == {"non_field_errors": ["Passwords does not match"]}
    listed = admin.get(users, limit=1).json()["results"][0]
    assert list(listed) == ["id", "username", "last_login", "first_name", "last_name", "uid",
                            "email", "login_allowed", "inst_admin", "legal_admin", "send_admin",
                            "data_admin", "locale", "created_at", "updated_at"]


def test_a_registered_vle_answers_its_credentials_once(admin: Tesla):
    vles = "/api/v2/institution/1/vle/"
    created = admin.post(vles, {"type": 0, "name": "Moodle fidelity",
                                "url": "https://vle.example.org"})
    assert created.status_code == 201, created.text
    assert created.headers["location"] == "https://vle.example.org"
    body = created.json()
    assert body["lti"] is None
    credentials = body["credentials"]
    assert set(credentials) == {"role_id", "secret_id", "consumer_key", "consumer_secret",
                                "auth_login_url", "auth_token_url", "key_set_url", "api_url"}
    assert credentials["auth_login_url"] == "https://vle.example.org/mod/lti/auth.php"
    stored = admin.get(f"{vles}{body['id']}/").json()
    assert stored["credentials"] is None
    assert stored["lti"] == {k: credentials[k] for k in (
        "consumer_key", "consumer_secret", "auth_login_url", "auth_token_url", "key_set_url")}
    bare = admin.post(vles, {"type": 0, "name": "Moodle without a URL"})
    assert bare.headers["location"] == "None"  # DRF's str() of the null url
    assert set(bare.json()["credentials"]) == {"role_id", "secret_id", "consumer_key",
                                               "consumer_secret", "api_url"}
    seeded = admin.get(vles).json()["results"][0]
    assert set(seeded["lti"]) >= {"consumer_key", "consumer_secret"}


def test_an_unknown_group_is_named_by_the_serializer(admin: Tesla):
    courses = "/api/v2/institution/1/group/999999/course/"
    course = admin.course_of()["id"]
    refused = admin.post(courses, {"id": course})
    assert (refused.status_code, refused.json()) == (404, {"detail": "Course Group not found"})
    missing = admin.post(courses, {})
    assert (missing.status_code, missing.json()) == (400, {"id": ["This field is required."]})
    assert admin.get(courses).json() == {"detail": "Not found."}  # the view's own lookup


def test_a_used_username_and_e_mail_are_refused_together(admin: Tesla):
    taken = admin.learners()[0]
    refused = admin.post("/api/v2/institution/1/user/", {
        "username": taken["username"], "email": taken["email"], "uid": "someone-new"})
    assert (refused.status_code, refused.json()) == (400, {
        "username": ["This field must be unique."], "email": ["This field must be unique."]})


def test_the_send_list_of_an_unknown_learner_is_empty(admin: Tesla):
    listed = admin.get("/api/v2/institution/1/learner/999999/send/")
    assert (listed.status_code, listed.json()["count"]) == (200, 0)
    assert admin.get("/api/v2/institution/1/learner/999999/send/1/").status_code == 404
    admin.login("learner")
    assert admin.get("/api/v2/institution/1/learner/999999/send/").status_code == 403


def test_a_learner_created_without_names_has_blank_ones(admin: Tesla):
    created = admin.post(LEARNERS, {"email": "nameless@pu1.ac.nz", "uid": "nameless"})
    assert created.status_code == 201, created.text
    assert (created.json()["first_name"], created.json()["last_name"]) == ("", "")
    named = admin.patch(f"{LEARNERS}{created.json()['id']}/", {"first_name": "Hemi"})
    assert (named.json()["first_name"], named.json()["last_name"]) == ("Hemi", "")


def test_a_deletion_has_no_media_type(admin: Tesla):
    group = admin.post("/api/v2/institution/1/group/", {"name": "Gone soon"}).json()
    deleted = admin.delete(f"/api/v2/institution/1/group/{group['id']}/")
    assert deleted.status_code == 204
    assert "content-type" not in deleted.headers
    assert deleted.content == b""


def test_the_declared_drift_names_the_real_servers_crashes_only():
    from edumock.platforms.tesla.drift import KNOWN

    def known(label: str, path: str = "$status") -> bool:
        return any(k.covers(label, path) for k in KNOWN)

    assert known("learner life/partial update")
    assert known("writes refused/POST institution/{parent_lookup_institution_id}/ic/"
                 "{parent_lookup_informed_consent_id}/document/ (parent) of an unknown id")
    assert known("writes refused/POST institution/{parent_lookup_vle__institution_id}/course/"
                 "{parent_lookup_id}/learner/ (parent) of an unknown id", "$headers.allow")
    assert known("user life/disable the UI option", "$status")
    assert not known("undeclared methods/PUT institution/{parent_lookup_activity__vle__"
                     "institution_id}/course/{parent_lookup_activity__course_id}/activity/"
                     "{parent_lookup_activity_id}/report/", "$status")  # 403 on both sides
    assert not known("undeclared methods/PUT institution/{parent_lookup_institution_id}/learner/",
                     "$status")
    assert known("undeclared methods/PUT institution/{parent_lookup_vle__institution_id}/course/",
                 "$headers.allow")
    assert not known("undeclared methods/PUT institution/{parent_lookup_institution_id}/group/"
                     "{parent_lookup_id}/course/", "$headers.allow")
    assert known("instructor life/create without uid", "$")
    assert not known("instructor life/create without uid", "$status")
    assert not known("learner life/create")
    assert not known("writes refused/POST institution/{parent_lookup_institution_id}/group/"
                     "{parent_lookup_id}/course/ (parent) of an unknown id", "$")


def test_a_course_shows_enabled_and_its_vles_institution(admin: Tesla):
    """``InstitutionCourseSerializer`` has ``enabled`` (the course has an enabled activity)
    and nests ``VLESerializer``, which nests the VLE's institution in full."""
    course = admin.course_of()["id"]
    url = f"/api/v2/institution/1/course/{course}/"
    body = admin.get(url).json()
    assert body["enabled"] is True
    assert list(body["vle"]) == ["id", "type", "institution", "name", "url", "client_id"]
    assert body["vle"]["institution"] == admin.get(INSTITUTION).json()
    listed = admin.get("/api/v2/institution/1/course/", limit=1).json()["results"][0]
    assert listed["enabled"] is True and listed["vle"]["institution"]["id"] == 1
    for activity in (a for a in admin.state("activities") if a["course_id"] == course):
        admin.patch(f"{url}activity/{activity['id']}/", {"enabled": False})
    assert admin.get(url).json()["enabled"] is False


def test_activities_show_their_course_and_vle(admin: Tesla):
    course = admin.course_of()
    activity = admin.activity_of(course["id"])
    url = f"/api/v2/institution/1/course/{course['id']}/activity/"
    expected = {"course_id": course["id"], "vle_id": course["vle_id"]}
    listed = admin.get(url, limit=1).json()["results"][0]
    assert {key: listed[key] for key in expected} == expected
    assert list(listed)[:3] == ["id", "course_id", "vle_id"]
    for answer in (admin.get(f"{url}{activity['id']}/"),
                   admin.put(f"{url}{activity['id']}/", {"enabled": True}),
                   admin.patch(f"{url}{activity['id']}/", {"conf": None})):
        assert answer.status_code == 200, answer.text
        assert {key: answer.json()[key] for key in expected} == expected


def test_an_activity_instrument_never_shows_instrument_id(admin: Tesla):
    """``instrument_id`` is write-only on the serializer: taken in requests, never answered
    (the nested ``instrument`` names it)."""
    course = admin.course_of()["id"]
    activity = admin.activity_of(course)["id"]
    url = f"/api/v2/institution/1/course/{course}/activity/{activity}/instrument/"
    used = {c["instrument_id"] for c in admin.state("activity_instruments")
            if c["activity_id"] == activity}
    free = next(i["id"] for i in admin.state("instruments") if i["id"] not in used)
    created = admin.post(url, {"instrument_id": free, "active": True})
    assert created.status_code == 201, created.text
    config = created.json()["id"]
    answers = [created, admin.get(f"{url}{config}/"),
               admin.put(f"{url}{config}/", {"instrument_id": free, "active": False}),
               admin.patch(f"{url}{config}/", {"active": True})]
    for answer in answers:
        assert answer.status_code in (200, 201), answer.text
        assert "instrument_id" not in answer.json()
        assert answer.json()["instrument"]["id"] == free
    listed = admin.get(url).json()["results"]
    assert listed and all("instrument_id" not in row for row in listed)
    assert admin.get(url, ordering="-instrument_id").json()["results"] == listed


def test_an_item_url_answers_the_learner_detail_serializer(admin: Tesla):
    """drf-extensions' ``DetailSerializerMixin``: a course learner's URL (read, and edumock's
    member swap) answers ``InstitutionLearnerDetailSerializer``, as the institution's learner
    URL does, PUT and PATCH included; lists keep the list serializer."""
    course = admin.course_of()["id"]
    url = f"/api/v2/institution/1/course/{course}/learner/"
    listed = admin.get(url, limit=1).json()["results"][0]
    detail_only = ("enrolment_status", "inst_admin", "legal_admin", "send_admin", "data_admin")
    assert not set(detail_only) & set(listed)
    read = admin.get(f"{url}{listed['id']}/").json()
    assert read == admin.get(f"{LEARNERS}{listed['id']}/").json()
    assert set(detail_only) <= set(read)
    seeded = next(u for u in admin.state("users") if u["id"] == listed["id"])
    assert read["enrolment_status"] == seeded["enrolments"]
    kept = admin.patch(f"{url}{listed['id']}/", {}).json()
    assert set(detail_only) <= set(kept)
    patched = admin.patch(f"{LEARNERS}{listed['id']}/", {"first_name": "Mere"})
    assert patched.status_code == 200, patched.text
    assert list(patched.json()) == list(read)
    put = admin.put(f"{LEARNERS}{listed['id']}/", {"email": listed["email"], "uid": listed["uid"]})
    assert put.status_code == 200, put.text
    assert put.json()["enrolment_status"] == seeded["enrolments"]
    assert "enrolment_status" not in admin.get(LEARNERS, limit=1).json()["results"][0]


def test_a_report_request_names_its_learner_by_id(admin: Tesla):
    """``fields = "__all__"`` on ``Request``: ``learner`` is the foreign key's id."""
    course = admin.course_of()["id"]
    activity = admin.activity_of(course)["id"]
    report = admin.report_of(activity)
    url = (f"/api/v2/institution/1/course/{course}/activity/{activity}/report/{report['id']}"
           "/request/")
    listed = admin.get(url).json()["results"]
    assert listed and {row["learner"] for row in listed} == {report["learner_id"]}
    assert admin.get(f"{url}{listed[0]['id']}/").json()["learner"] == report["learner_id"]


def test_people_never_have_a_null_name_or_e_mail(admin: Tesla):
    """Django's user columns are NOT NULL (blank is ``""``): a minted user has an e-mail,
    people created without names or e-mail have blank ones, and null is refused."""
    minted = admin.login("inst_admin", "data_admin")
    users = admin.get("/api/v2/institution/1/user/", limit=200).json()["results"]
    mine = next(u for u in users if u["id"] == minted["userId"])
    assert mine["email"] == f"{mine['uid']}@pu1.ac.nz"
    assert all(u[key] is not None for u in users
               for key in ("username", "first_name", "last_name", "email"))
    instructors = "/api/v2/institution/1/instructor/"
    bare = admin.post(instructors, {"uid": "bare-instructor"})
    assert bare.status_code == 201, bare.text
    assert {k: bare.json()[k] for k in ("username", "first_name", "last_name", "email")} == {
        "username": "", "first_name": "", "last_name": "", "email": ""}
    user = admin.post("/api/v2/institution/1/user/", {"username": "bare-user", "uid": "bare"})
    assert (user.json()["first_name"], user.json()["email"]) == ("", "")
    refused = admin.patch(f"{instructors}{bare.json()['id']}/", {"email": None})
    assert (refused.status_code, refused.json()) == (400, {
        "email": ["This field may not be null."]})
    elsewhere = admin.login("inst_admin", "legal_admin", institution_id=2)  # no mail domain
    other = admin.get("/api/v2/institution/2/user/", limit=200).json()["results"]
    assert next(u for u in other if u["id"] == elsewhere["userId"])["email"].endswith(
        "@edumock.test")


def test_lists_that_only_filter_by_their_parents_are_empty_under_an_unknown_one(admin: Tesla):
    """drf-extensions filters these querysets by the URL's parents, so an unknown parent is
    an empty page; the course members' and requests' views look their parent up first."""
    course = admin.course_of()["id"]
    activity = admin.activity_of(course)["id"]
    report = admin.report_of(activity)["id"]
    base = "/api/v2/institution/1/"
    unknown = 987654
    empty = {"count": 0, "next": None, "previous": None, "results": []}
    for path in (f"ic/{unknown}/document/", f"course/{unknown}/activity/",
                 f"course/{course}/activity/{unknown}/instrument/",
                 f"course/{course}/activity/{unknown}/report/",
                 f"course/{course}/activity/{activity}/report/{unknown}/audit/",
                 f"course/{course}/activity/{unknown}/report/{report}/audit/"):
        answer = admin.get(base + path)
        assert (answer.status_code, answer.json()) == (200, empty), path
    for path in (f"course/{unknown}/learner/", f"course/{unknown}/instructor/",
                 f"course/{course}/activity/{activity}/report/{unknown}/request/"):
        assert admin.get(base + path).status_code == 404, path
    assert admin.get(f"{base}course/{course}/activity/{unknown}/").status_code == 404
    assert admin.get(f"{base}course/abc/activity/").status_code == 404  # not a number
    admin.anonymous()  # the document view lets anyone in
    assert admin.get(f"{base}ic/{unknown}/document/").json() == empty


def test_a_learner_is_still_refused_reports_under_an_unknown_activity(tesla: Tesla):
    """The report view checks the institution's ``allow_learner_report`` before it filters."""
    tesla.login("learner", institution_id=2)
    learner = tesla.mint(institution_id=2, roles=["learner"])["userId"]
    course = next(link["course_id"] for link in tesla.state("course_learners")
                  if link["user_id"] == learner)
    answer = tesla.get(f"/api/v2/institution/2/course/{course}/activity/987654/report/")
    assert (answer.status_code, answer.json()) == (403, {"detail": "Not allowed"})


UNKNOWN_INSTITUTION = "/api/v2/institution/987654321/"
INSTITUTION_LISTS = ("vle", "course", "group", "ic", "user", "instructor", "learner", "send")


def test_lists_under_an_unknown_institution_are_empty_pages_for_a_global_admin(tesla: Tesla):
    """Upstream's institution-level lists only filter by the URL's institution."""
    tesla.login("global_admin")
    for name in INSTITUTION_LISTS:
        answer = tesla.get(f"{UNKNOWN_INSTITUTION}{name}/")
        assert answer.status_code == 200, (name, answer.text)
        assert answer.json() == {"count": 0, "next": None, "previous": None, "results": []}
    options = tesla.get(f"{UNKNOWN_INSTITUTION}ui/").json()
    assert options["count"] == tesla.get("/api/v2/institution/1/ui/").json()["count"] > 0
    assert tesla.get(UNKNOWN_INSTITUTION).status_code == 404


def test_an_institution_admin_sees_open_lists_of_an_unknown_institution_empty(admin: Tesla):
    for name in ("group", "ic"):
        answer = admin.get(f"{UNKNOWN_INSTITUTION}{name}/")
        assert answer.status_code == 200 and answer.json()["count"] == 0, answer.text
    assert admin.get(f"{UNKNOWN_INSTITUTION}learner/").status_code == 403
