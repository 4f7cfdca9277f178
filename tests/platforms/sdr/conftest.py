"""SDR helpers: credentials for an organisation and one method per workflow call."""

from __future__ import annotations

from typing import Any

import pytest
from openapi_schema_validator import OAS30Validator

from edumock.contract.loader import load_spec
from edumock.settings import specs_dir

OPEN_RETURN = "202608"
EDUMIS = "6004"
DATA_SETS = ("learners", "courses", "course-enrolments", "course-completions",
             "qualification-completions")


class Sdr:
    """Drives the SDR API through a test client, as an integrator's code would."""

    def __init__(self, client: Any, edumis: str = EDUMIS) -> None:
        self.client = client
        self.edumis = edumis
        self.bearer = self.mint(edumis)

    def mint(self, edumis: str) -> str:
        response = self.client.post("/__admin/tokens", json={"platform": "sdr", "edumis": edumis})
        assert response.status_code == 200, response.text
        return str(response.json()["token"])

    def headers(self, **overrides: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.bearer}", "EID": self.edumis, **overrides}

    def returns(self, **params: Any) -> Any:
        return self.client.get("/submissions/v1.0/returns", params=params, headers=self.headers())

    def request_token(self, return_id: str = OPEN_RETURN) -> Any:
        return self.client.post(f"/submissions/v1.0/token/{return_id}", headers=self.headers())

    def token(self, return_id: str = OPEN_RETURN) -> str:
        response = self.request_token(return_id)
        assert response.status_code == 200, response.text
        return str(response.json()["submissionToken"])

    def put(self, data_set: str, token: str, content: list[dict[str, Any]]) -> Any:
        return self.client.put(f"/submissions/v1.0/{data_set}", headers=self.headers(),
                               json={"submissionToken": token, "content": content})

    def delete(self, data_set: str, token: str, local_ids: list[str]) -> Any:
        body = {"submissionToken": token, "content": [{"localId": i} for i in local_ids]}
        return self.client.request("DELETE", f"/submissions/v1.0/{data_set}",
                                   headers=self.headers(), json=body)

    def validate(self, token: str) -> Any:
        return self.client.post(f"/submissions/v1.0/validate/{token}", headers=self.headers())

    def validation(self, token: str) -> Any:
        return self.client.get(f"/submissions/v1.0/validation/{token}", headers=self.headers())

    def delete_token(self, token: str) -> Any:
        return self.client.delete(f"/submissions/v1.0/token/{token}/delete",
                                  headers=self.headers())

    def advance(self, seconds: float, renew_bearer: bool = False) -> None:
        response = self.client.post("/__admin/clock", json={"advance": seconds})
        assert response.status_code == 200, response.text
        if renew_bearer:
            self.bearer = self.mint(self.edumis)

    def state(self, collection: str) -> list[dict[str, Any]]:
        response = self.client.get(f"/__admin/state/sdr/{collection}")
        assert response.status_code == 200, response.text
        return list(response.json()["records"])

    def sample(self) -> dict[str, list[dict[str, Any]]]:
        """The seeded, coherent sample submission of this organisation."""
        sample = next(s for s in self.state("samples") if s["edumis"] == self.edumis)
        return {data_set: sample[data_set] for data_set in DATA_SETS}

    def upload_sample(self, token: str) -> dict[str, list[dict[str, Any]]]:
        sample = self.sample()
        for data_set in DATA_SETS:
            if sample[data_set]:
                response = self.put(data_set, token, sample[data_set])
                assert response.status_code == 200, response.text
        return sample


def _problem_schema() -> Any:
    spec = load_spec(specs_dir() / "sdr.yaml")
    return OAS30Validator({**spec["components"]["schemas"]["Problem"],
                           "components": spec["components"]})


PROBLEM_SCHEMA = _problem_schema()


def problem(response: Any, status: int, code: str) -> dict[str, Any]:
    """Assert an SDR problem document with that status and error code, and return it.

    The body is also checked against the spec's Problem schema: error bodies come from the
    error renderer, which Connexion's response validation does not see.
    """
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    PROBLEM_SCHEMA.validate(body)
    assert body["errorCode"] == code, body
    assert body["status"] == status
    assert body["type"].endswith(f"#{code}")
    return body


@pytest.fixture
def sdr(client: Any) -> Sdr:
    return Sdr(client)


def learner(local_id: str, **fields: Any) -> dict[str, Any]:
    """A schema-valid learner with a valid NSN; its student code is ``S`` + localId."""
    record = {"localId": local_id,
              "studentIdentificationCode": ("S" + "".join(filter(str.isalnum, local_id)))[:10],
              "nationalStudentNumber": 123456789, "gender": "F", "dateOfBirth": "2001-04-12",
              "nameIdCode": "NGATA", "ethnicity": ["211"]}
    record.update(fields)
    return record
