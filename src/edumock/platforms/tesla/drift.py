"""Where edumock's TeSLA answers differ on purpose from the real TeSLA CE 1.0.10 server, for
``edumock drift`` (each also listed in docs/tesla.md with its reason).

Most are the real server's crashes (Django's 500 page, ``text/html``, without the view's
``Allow``): edumock keeps the answer its spec documents. Every path of such a step differs
(status, media type, headers, body), hence ``$*``."""

from __future__ import annotations

from edumock.conformance.drift import KnownDrift

_CRASH = "the real server crashes (500 'Error processing the request.'): "
_UNKNOWN_PARENT = "writes refused/POST *{parent} (parent) of an unknown id"
_UNKNOWN_READ = "reads refused/GET *{parent} (parent) of an unknown id"

_REQUIRED = ("the spec's request schema requires these fields, so edumock refuses their "
             "absence before the serializer's validators run and does not also name the "
             "e-mail already used, as the real serializer does; the checker judges clients by "
             "that same required list")
_COURSES = "{parent_lookup_vle__institution_id}/course"
_UNDECLARED = ("the real view also takes methods the spec does not declare (a course list "
               "POST, DELETE of an enrolment: ModelViewSet and @action leftovers edumock does "
               "not serve), and Allow names them")

KNOWN: tuple[KnownDrift, ...] = (
    KnownDrift("learner life/partial update", "$*",
               _CRASH + "a PATCH of a learner without email raises KeyError 'email' in the "
               "serializer's validate; edumock applies the PATCH (200)"),
    KnownDrift("send/search categories", "$*",
               _CRASH + "?search= on SEND categories looks up icontains on a foreign key "
               "(FieldError); edumock searches the description (200)"),
    KnownDrift("consent life/a second English document", "$*",
               _CRASH + "a second document in one language breaks the (consent, language) "
               "unique key in the database; edumock answers DRF's unique-together 400"),
    KnownDrift(_UNKNOWN_PARENT.format(parent="/ic/{parent_lookup_informed_consent_id}/document/"),
               "$*", _CRASH + "a document of an unknown consent breaks a foreign key; "
               "edumock answers 404 Not found."),
    KnownDrift(_UNKNOWN_PARENT.format(parent="/learner/{parent_lookup_learner_id}/send/"), "$*",
               _CRASH + "a SEND assignment of an unknown learner breaks a foreign key; "
               "edumock answers 404 Not found."),
    KnownDrift(_UNKNOWN_PARENT.format(parent="/course/{parent_lookup_id}/instructor/"), "$*",
               _CRASH + "every POST of a course instructor fails (TypeError: Instructor() got "
               "unexpected keyword arguments: 'course_id'); edumock answers 404 Not found."),
    KnownDrift(_UNKNOWN_PARENT.format(parent="/course/{parent_lookup_id}/learner/"), "$*",
               _CRASH + "every POST of a course learner fails (TypeError: Learner() got "
               "unexpected keyword arguments: 'course_id'); edumock answers 404 Not found."),
    KnownDrift(_UNKNOWN_PARENT.format(parent="/course/{parent_lookup_course_id}/activity/"),
               "$*", _CRASH + "an activity of an unknown course has no VLE (IntegrityError: "
               "vle_id cannot be null); edumock answers 404 Not found."),
    KnownDrift(_UNKNOWN_READ.format(parent="/enrolment/"), "$*",
               _CRASH + "the enrolment of an unknown learner is not looked up before use; "
               "edumock answers 404 Not found."),
    *(KnownDrift(_UNKNOWN_READ.format(parent=f"/course/{{parent_lookup_id}}/{members}/"), "$*",
                 _CRASH + f"the course {members} of an unknown course: the view reads the "
                 "course before filtering; edumock answers 404 Not found.")
      for members in ("instructor", "learner")),
    KnownDrift("reads refused/GET */ic/{parent_lookup_informed_consent_id}/document/ (parent) "
               "not a number", "$*",
               _CRASH + "the documents of a consent whose id is not a number: the view's own "
               "lookup raises ValueError; edumock answers 404 Not found. as the other lists do"),
    KnownDrift(_UNKNOWN_READ.format(parent="/report/{parent_lookup_id}/request/"), "$*",
               _CRASH + "the requests of an unknown report: the view reads the report before "
               "filtering; edumock answers 404 Not found."),
    KnownDrift(_UNKNOWN_PARENT.format(parent="/activity/{parent_lookup_activity_id}/instrument/"),
               "$*", _CRASH + "an instrument of an unknown activity breaks a foreign key "
               "(IntegrityError); edumock answers 404 Not found."),
    KnownDrift("activity life/an unknown instrument", "$*",
               _CRASH + "an activity instrument naming an unknown instrument breaks a foreign "
               "key (IntegrityError); edumock answers DRF's 400 field error"),
    KnownDrift("user life/disable the UI option", "$*",
               _CRASH + "a PATCH of a UI option without route raises KeyError 'route' in the "
               "serializer's validate; edumock applies the PATCH (200)"),
    KnownDrift("instructor life/create without uid", "$", _REQUIRED),
    KnownDrift("user life/create without username, uid", "$", _REQUIRED),
    *(KnownDrift(step, "$headers.allow", _UNDECLARED) for step in (
        "*walk course *", "*read one institution/course*", "*read an enrolment*",
        *(f"*{end}{tail}" for end in (f"{_COURSES}/", f"{_COURSES}/{{id}}/", "/enrolment/")
          for tail in ("", " *")))),
)
