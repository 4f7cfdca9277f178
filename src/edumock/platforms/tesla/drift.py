"""Where edumock's TeSLA answers differ on purpose from the real TeSLA CE 1.0.10 server, for
``edumock drift`` (each also listed in docs/tesla.md with its reason).

Most are the real server's crashes (Django's 500 page, ``text/html``, without the view's
``Allow``): edumock keeps the answer its spec documents. Every path of such a step differs
(status, media type, headers, body), hence ``$*``."""

from __future__ import annotations

from edumock.conformance.drift import KnownDrift

_CRASH = "the real server crashes (500 'Error processing the request.'): "
_NOT_FOUND = "; edumock answers 404 Not found."

_REQUIRED = ("the spec's request schema requires these fields, so edumock refuses their "
             "absence before the serializer's validators run and does not also name the "
             "e-mail already used, as the real serializer does; the checker judges clients by "
             "that same required list")
_COURSES = "{parent_lookup_vle__institution_id}/course"
_UNDECLARED = ("the real view also takes methods the spec does not declare (a course list "
               "POST, DELETE of an enrolment: ModelViewSet and @action leftovers edumock does "
               "not serve), and Allow names them")


_MODELS = ("the real serializers take {what} from the models' fields, which the spec does not "
           "hold; edumock describes what the spec says of each field")
_FRAMEWORK = "head and options/"


def _crash(step: str, what: str) -> KnownDrift:
    """A step the real server crashes on: every path of it differs."""
    return KnownDrift(step, "$*", _CRASH + what)


def _write_under_unknown(parent: str, what: str) -> KnownDrift:
    """A POST under an unknown parent the real server crashes on (edumock: 404)."""
    return _crash(f"writes refused/POST *{parent} (parent) of an unknown id", what + _NOT_FOUND)


def _read_under_unknown(parent: str, what: str) -> KnownDrift:
    """A list under an unknown parent the real server crashes on (edumock: 404)."""
    return _crash(f"reads refused/GET *{parent} (parent) of an unknown id", what + _NOT_FOUND)


KNOWN: tuple[KnownDrift, ...] = (
    _crash("learner life/partial update", "a PATCH of a learner without email raises KeyError "
           "'email' in the serializer's validate; edumock applies the PATCH (200)"),
    _crash("send/search categories", "?search= on SEND categories looks up icontains on a "
           "foreign key (FieldError); edumock searches the description (200)"),
    _crash("consent life/a second English document", "a second document in one language breaks "
           "the (consent, language) unique key in the database; edumock answers DRF's "
           "unique-together 400"),
    _crash("activity life/an unknown instrument", "an activity instrument naming an unknown "
           "instrument breaks a foreign key (IntegrityError); edumock answers DRF's 400 field "
           "error"),
    _crash("user life/disable the UI option", "a PATCH of a UI option without route raises "
           "KeyError 'route' in the serializer's validate; edumock applies the PATCH (200)"),
    _crash("reads refused/GET */ic/{parent_lookup_informed_consent_id}/document/ (parent) not a "
           "number", "the documents of a consent whose id is not a number: the view's own lookup "
           "raises ValueError" + _NOT_FOUND),
    _write_under_unknown("/ic/{parent_lookup_informed_consent_id}/document/",
                         "a document of an unknown consent breaks a foreign key"),
    _write_under_unknown("/learner/{parent_lookup_learner_id}/send/",
                         "a SEND assignment of an unknown learner breaks a foreign key"),
    *(_write_under_unknown(f"/course/{{parent_lookup_id}}/{members}/",
                           f"every POST of a course {members} fails (TypeError: "
                           f"{members.title()}() got unexpected keyword arguments: 'course_id')")
      for members in ("instructor", "learner")),
    _write_under_unknown("/course/{parent_lookup_course_id}/activity/",
                         "an activity of an unknown course has no VLE (IntegrityError: vle_id "
                         "cannot be null)"),
    _write_under_unknown("/activity/{parent_lookup_activity_id}/instrument/",
                         "an instrument of an unknown activity breaks a foreign key "
                         "(IntegrityError)"),
    _read_under_unknown("/enrolment/",
                        "the enrolment of an unknown learner is not looked up before use"),
    *(_read_under_unknown(f"/course/{{parent_lookup_id}}/{members}/",
                          f"the course {members}s of an unknown course: the view reads the "
                          "course before filtering")
      for members in ("instructor", "learner")),
    _read_under_unknown("/report/{parent_lookup_id}/request/",
                        "the requests of an unknown report: the view reads the report before "
                        "filtering"),
    _crash(f"{_FRAMEWORK}HEAD */learner/{{id}}/enrolment/", "the enrolment route branches on "
           "GET and DELETE only, so a HEAD returns nothing (the view returned None); edumock "
           "answers the GET's status and headers"),
    KnownDrift(f"{_FRAMEWORK}OPTIONS *", "$.actions.*.help_text",
               _MODELS.format(what="each field's help text")),
    KnownDrift(f"{_FRAMEWORK}OPTIONS *", "$.actions.*.max_length",
               _MODELS.format(what="the maximum length of read-only and nested fields")),
    KnownDrift(f"{_FRAMEWORK}OPTIONS *", "$.actions.*.choices",
               _MODELS.format(what="the choices of a nested serializer's fields")),
    *(KnownDrift(f"{_FRAMEWORK}OPTIONS *{end}", "$.actions", _UNDECLARED + ": OPTIONS "
                 "describes the POST or PUT the view would take")
      for end in (f"{_COURSES}/", f"{_COURSES}/{{id}}/")),
    KnownDrift(f"{_FRAMEWORK}OPTIONS auth/*", "$.actions", "the login views describe their "
               "serializers' fields for POST; edumock gives the login views no actions"),
    KnownDrift("instructor life/create without uid", "$", _REQUIRED),
    KnownDrift("user life/create without username, uid", "$", _REQUIRED),
    *(KnownDrift(step, "$headers.allow", _UNDECLARED) for step in (
        "*walk course *", "*read one institution/course*", "*read an enrolment*",
        *(f"*{end}{tail}" for end in (f"{_COURSES}/", f"{_COURSES}/{{id}}/", "/enrolment/")
          for tail in ("", " *")))),
)
