"""POST /validate/{token} and GET /validation/{token}: asynchronous whole-submission checks."""

from __future__ import annotations

from tests.platforms.sdr.conftest import Sdr, learner, problem


def _finish(sdr: Sdr) -> None:
    sdr.advance(35, renew_bearer=True)


def test_validation_with_nothing_uploaded_is_refused(sdr: Sdr):
    problem(sdr.validate(sdr.token()), 400, "NR1")


def test_validation_moves_from_queued_to_in_progress_to_processed(sdr: Sdr):
    token = sdr.token()
    sdr.upload_sample(token)
    queued = sdr.validate(token).json()
    assert queued["status"] == "Queued" and queued["dateStarted"] is None
    assert queued["dateReceived"] == "2026-08-10T09:30:00Z"
    sdr.advance(5)
    running = sdr.validation(token).json()
    assert running["status"] == "InProgress"
    assert running["dateStarted"] == "2026-08-10T09:30:05Z" and running["dateCompleted"] is None
    sdr.advance(30)
    done = sdr.validation(token).json()
    assert done["status"] == "Processed"
    assert done["dateCompleted"] == "2026-08-10T09:30:35Z"
    assert done["errorCount"] == 0


def test_token_reports_validating_then_validated(sdr: Sdr):
    token = sdr.token()
    sdr.upload_sample(token)
    sdr.validate(token)
    sdr.advance(1)
    problem(sdr.request_token(), 429, "DS1")  # even the same return's token, mid-run
    _finish(sdr)
    again = sdr.request_token().json()
    assert again["submissionToken"] == token
    assert again["submissionStatus"] == "Validated"
    assert again["validationRunResults"][0]["status"] == "Processed"


def test_uploads_deletes_and_new_validation_are_refused_while_validating(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1")])
    sdr.validate(token)
    for response in (sdr.put("learners", token, [learner("L2")]),
                     sdr.delete("learners", token, ["L1"]), sdr.validate(token)):
        problem(response, 429, "DS1")
        assert int(response.headers["Retry-After"]) > 0
    assert [r["localId"] for r in sdr.state("learners")] == ["L1"]
    _finish(sdr)
    assert sdr.put("learners", token, [learner("L2")]).status_code == 200


def test_a_validation_of_one_organisation_does_not_block_another(client, sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1")])
    sdr.validate(token)
    other_edumis = next(o["edumis"] for o in sdr.state("organisations") if o["edumis"] != "6004")
    other = Sdr(client, other_edumis)
    assert other.put("learners", other.token(), [learner("L1")]).status_code == 200


def test_validation_finds_errors_naming_collection_local_id_field_and_code(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [
        learner("L1"), learner("L2", nationalStudentNumber=123456780),
        learner("L3", dateOfBirth="2030-01-01"), learner("L4", studentIdentificationCode="SL1"),
        learner("L5", dateOfBirth="2001-02-30")])
    course = sdr.sample()["courses"][0]
    sdr.put("courses", token, [course])
    enrolment = {"localId": "E1", "studentIdentificationCode": "SL1",
                 "qualificationCode": course["qualificationCode"],
                 "courseCode": course["courseCode"], "courseStartDate": "2026-07-01",
                 "courseEndDate": "2026-06-01", "sourceOfFunding": "01"}
    orphan = {**enrolment, "localId": "E2", "studentIdentificationCode": "NOBODY",
              "courseCode": "NOCOURSE", "courseEndDate": "2026-11-01"}
    sdr.put("course-enrolments", token, [enrolment, orphan])
    keys = {"qualificationCode": course["qualificationCode"], "completionCode": 2}
    sdr.put("course-completions", token, [
        {"localId": "CC1", "studentIdentificationCode": "SL2", "courseCode": "NOCOURSE",
         **keys},
        {"localId": "CC2", "studentIdentificationCode": "SL1", "courseCode": course["courseCode"],
         "completionDate": "2026-06-15", **keys}])
    sdr.put("qualification-completions", token, [
        {"localId": "Q1", "studentIdentificationCode": "GHOST", "nationalStudentNumber": 123456789,
         "qualificationCode": "NZ2992", "yearCompleted": 2026},
        {"localId": "Q2", "studentIdentificationCode": "SL1", "nationalStudentNumber": 123456780,
         "qualificationCode": "NZ2992", "yearCompleted": 2026},
        {"localId": "Q3", "studentIdentificationCode": "SL3", "nationalStudentNumber": 100000010,
         "qualificationCode": "NZ2992", "yearCompleted": 2026}])
    assert sdr.validate(token).status_code == 200
    _finish(sdr)
    body = sdr.validation(token).json()
    assert body["status"] == "Rejected"
    found = {(e["collection"], e["localId"], e["field"], e["code"]) for e in body["errors"]}
    assert found == {
        ("learners", "L1", "studentIdentificationCode", "E103"),
        ("learners", "L4", "studentIdentificationCode", "E103"),
        ("learners", "L2", "nationalStudentNumber", "E101"),
        ("learners", "L3", "dateOfBirth", "E102"),
        ("learners", "L5", "dateOfBirth", "E001"),
        ("course-enrolments", "E1", "courseEndDate", "E203"),
        ("course-enrolments", "E2", "studentIdentificationCode", "E201"),
        ("course-enrolments", "E2", "courseCode", "E202"),
        ("course-completions", "CC1", "courseCode", "E301"),
        ("course-completions", "CC2", "completionDate", "E302"),
        ("qualification-completions", "Q1", "studentIdentificationCode", "E401"),
        ("qualification-completions", "Q2", "nationalStudentNumber", "E402"),
        ("qualification-completions", "Q3", "nationalStudentNumber", "E403"),
    }
    assert body["errorCount"] == len(found)
    warnings = {(w["collection"], w["localId"], w["code"]) for w in body["warnings"]}
    assert warnings == {("learners", "L2", "W101"), ("learners", "L3", "W101"),
                        ("learners", "L5", "W101")}
    assert body["warningCount"] == 3


def test_enrolment_under_another_qualification_than_its_course_is_a_warning(sdr: Sdr):
    token = sdr.token()
    course = sdr.sample()["courses"][0]
    sdr.put("learners", token, [learner("L1")])
    sdr.put("courses", token, [course])
    sdr.put("course-enrolments", token, [{
        "localId": "E1", "studentIdentificationCode": "SL1", "qualificationCode": "OTHER1",
        "courseCode": course["courseCode"], "courseStartDate": "2026-07-01",
        "courseEndDate": "2026-11-01", "sourceOfFunding": "01"}])
    sdr.validate(token)
    _finish(sdr)
    body = sdr.validation(token).json()
    assert body["status"] == "Processed"
    assert [(w["localId"], w["code"]) for w in body["warnings"]] == [("E1", "W202")]


def test_a_learner_without_enrolment_is_a_warning_not_an_error(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1")])
    sdr.validate(token)
    _finish(sdr)
    body = sdr.validation(token).json()
    assert body["status"] == "Processed"
    assert (body["errorCount"], body["warningCount"]) == (0, 1)
    assert body["warnings"][0]["code"] == "W101"


def test_findings_are_hidden_until_the_run_completes(sdr: Sdr):
    token = sdr.token()
    sdr.put("learners", token, [learner("L1", nationalStudentNumber=123456780)])
    sdr.validate(token)
    sdr.advance(10)
    body = sdr.validation(token).json()
    assert body["status"] == "InProgress" and body["errors"] == [] and body["errorCount"] == 0


def test_status_of_a_token_never_validated_is_not_found(sdr: Sdr):
    problem(sdr.validation(sdr.token()), 400, "NV1")


def test_status_of_an_unknown_token_is_refused_with_sc1(sdr: Sdr):
    problem(sdr.validation("nope"), 400, "SC1")


def test_validation_timing_comes_from_the_fixtures(tmp_path, settings):
    from dataclasses import replace

    from edumock.testing import build_app

    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "sdr.yaml").write_text(
        "limits:\n  maxRecordPerBatch: 2\n  validation: {queuedSeconds: 0, runSeconds: 100}\n"
        "records:\n  organisations: [{edumis: '6004', name: Test}]\n", encoding="utf-8")
    app = build_app(replace(settings, fixtures_dir=fixtures))
    with app.test_client() as client:
        sdr = Sdr(client)
        token = sdr.token()
        assert sdr.request_token().json()["maxRecordPerBatch"] == 2
        problem(sdr.put("learners", token, [learner("a"), learner("b"), learner("c")]), 400,
                "MP1")
        sdr.put("learners", token, [learner("a")])
        assert sdr.validate(token).json()["status"] == "InProgress"
        sdr.advance(99)
        assert sdr.validation(token).json()["status"] == "InProgress"
        sdr.advance(1)
        assert sdr.validation(token).json()["status"] == "Processed"
