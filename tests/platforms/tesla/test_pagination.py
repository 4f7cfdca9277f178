"""List behaviour: LimitOffsetPagination, SearchFilter, OrderingFilter and exact filters."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tests.platforms.tesla.conftest import Tesla

LEARNERS = "/api/v2/institution/1/learner/"


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_default_page_is_ten_with_absolute_next_and_null_previous(admin: Tesla):
    page = admin.get(LEARNERS).json()
    assert page["count"] == 40 and len(page["results"]) == 10
    assert page["previous"] is None
    assert page["next"] == f"http://testserver{LEARNERS}?limit=10&offset=10"


def test_next_and_previous_keep_other_query_parameters(admin: Tesla):
    page = admin.get(LEARNERS, limit=5, offset=10, ordering="-id").json()
    assert _query(page["next"]) == {"limit": ["5"], "offset": ["15"], "ordering": ["-id"]}
    assert _query(page["previous"]) == {"limit": ["5"], "offset": ["5"], "ordering": ["-id"]}
    assert page["next"].startswith(f"http://testserver{LEARNERS}?")


def test_previous_drops_offset_when_it_would_be_zero(admin: Tesla):
    page = admin.get(LEARNERS, limit=5, offset=3).json()
    assert _query(page["previous"]) == {"limit": ["5"]}


def test_last_page_has_no_next(admin: Tesla):
    page = admin.get(LEARNERS, limit=15, offset=30).json()
    assert len(page["results"]) == 10 and page["next"] is None


def test_invalid_limit_and_offset_fall_back_to_the_defaults(admin: Tesla):
    for limit in ("abc", "-3", "0"):
        page = admin.get(LEARNERS, limit=limit).json()
        assert len(page["results"]) == 10, limit
    assert admin.get(LEARNERS, offset="x").json()["results"] == admin.get(LEARNERS).json()[
        "results"]
    assert admin.get(LEARNERS, offset="-4").json()["previous"] is None


def test_there_is_no_maximum_limit(admin: Tesla):
    assert len(admin.get(LEARNERS, limit=1000).json()["results"]) == 40


def test_links_use_the_requests_own_host(admin: Tesla):
    response = admin.client.get(LEARNERS, headers={**admin.headers(), "Host": "tesla.example"})
    assert response.json()["next"].startswith(f"http://tesla.example{LEARNERS}")


def test_search_matches_every_term_in_any_search_field(admin: Tesla):
    learner = admin.learners()[0]
    found = admin.get(LEARNERS, search=f"{learner['first_name'].upper()} {learner['uid']}").json()
    assert [r["id"] for r in found["results"]] == [learner["id"]]
    assert admin.get(LEARNERS, search="zzqqxx").json()["count"] == 0


def test_search_is_ignored_where_the_real_view_has_no_search_fields(admin: Tesla):
    all_vles = admin.get("/api/v2/institution/1/vle/").json()
    assert admin.get("/api/v2/institution/1/vle/", search="zzqqxx").json() == all_vles


def test_ordering_by_a_field_descending_and_unknown_fields_are_ignored(admin: Tesla):
    names = [r["last_name"] for r in admin.get(LEARNERS, ordering="-last_name",
                                                limit=100).json()["results"]]
    assert names == sorted(names, reverse=True)
    default = admin.get(LEARNERS).json()["results"]
    assert admin.get(LEARNERS, ordering="no_such_field").json()["results"] == default
    assert [r["id"] for r in default] == sorted(r["id"] for r in default)


def test_ordering_by_several_fields(admin: Tesla):
    rows = admin.get(LEARNERS, ordering="locale,-id", limit=100).json()["results"]
    keys = [(r["locale"] or "", -r["id"]) for r in rows]
    assert keys == sorted(keys)


def test_exact_filters_on_learners(admin: Tesla):
    learner = admin.learners()[3]
    assert [r["id"] for r in admin.get(LEARNERS, uid=learner["uid"]).json()["results"]] == [
        learner["id"]]
    assert admin.get(LEARNERS, email=learner["email"]).json()["count"] == 1
    assert admin.get(LEARNERS, email=learner["email"].upper()).json()["count"] == 0


def test_user_roles_filter_ors_its_choices(admin: Tesla):
    users = "/api/v2/institution/1/user/"
    admins = admin.get(users, roles="ADMIN").json()
    assert admins["count"] >= 1 and all(r["inst_admin"] for r in admins["results"])
    both = admin.client.get(f"{users}?roles=ADMIN&roles=LEARNER&limit=500",
                            headers=admin.headers()).json()
    assert both["count"] == admins["count"] + 40
    response = admin.get(users, roles="BOSS")
    assert response.status_code == 400
    assert response.json() == {
        "roles": ["Select a valid choice. BOSS is not one of the available choices."]}


def test_report_level_range_filters(admin: Tesla):
    course = admin.course_of(1)
    activity = admin.activity_of(course["id"])
    reports = f"/api/v2/institution/1/course/{course['id']}/activity/{activity['id']}/report/"
    high = admin.get(reports, identity_level__gte=3, limit=100).json()["results"]
    assert all(r["identity_level"] >= 3 for r in high)
    any_alert = admin.get(reports, level=4, limit=100).json()["results"]
    assert all(4 in (r["identity_level"], r["content_level"], r["integrity_level"])
               for r in any_alert)
    total = admin.get(reports).json()["count"]
    low = admin.get(reports, identity_level__lte=2).json()["count"]
    assert admin.get(reports, identity_level__gte=3).json()["count"] + low == total


def test_instruments_are_ordered_by_acronym(admin: Tesla):
    rows = admin.get("/api/v2/institution/1/instrument/").json()["results"]
    assert [r["acronym"] for r in rows] == sorted(r["acronym"] for r in rows)


def test_any_offset_above_zero_has_a_previous_page(admin: Tesla):
    page = admin.get(LEARNERS, limit=5, offset=1).json()
    assert _query(page["previous"]) == {"limit": ["5"]}
    assert [r["id"] for r in page["results"]] == [
        r["id"] for r in admin.get(LEARNERS, limit=6).json()["results"]][1:]
