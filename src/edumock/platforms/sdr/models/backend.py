"""SdrBackend: the SDR workflow's rules over one world's state.

Every public method runs inside one store transaction, so each request is
serialised against the others and applies fully or not at all: a refused
batch changes nothing, and two racing token requests cannot both issue one.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from edumock.platforms.sdr.collections import DATA_SETS, TOKENS, VALIDATIONS
from edumock.platforms.sdr.config import SdrConfig
from edumock.platforms.sdr.errors import (
    BatchTooLarge,
    DuplicateLocalId,
    NothingToValidate,
    RequestAlreadyRunning,
    ReturnWindowClosed,
    SdrError,
    ValidationNotRequested,
)
from edumock.platforms.sdr.models import esl, returns, tokens, validation
from edumock.platforms.sdr.models.checks import check_submission
from edumock.platforms.sdr.models.timefmt import dates_in_utc, iso
from edumock.world import World
from edumock.world.store import InMemoryStore, Record


def record_key(token: str, local_id: str) -> str:
    """Store key of one uploaded record."""
    return f"{token}:{local_id}"


class SdrBackend:
    """The SDR rules for one world; cheap to build per request."""

    def __init__(self, world: World) -> None:
        self.store: InMemoryStore = world.store("sdr")
        self.clock = world.clock
        self.rng = world.rng
        self.config = SdrConfig.load(self.store)

    # -- return periods --------------------------------------------------
    def list_returns(
        self, edumis: str, *, page: int, page_size: int, include_indicative: bool
    ) -> dict[str, Any]:
        """One page of the organisation's return periods."""
        return returns.list_periods(
            self.store, edumis, self.clock.now(), page=page, page_size=page_size,
            include_indicative=include_indicative,
        )

    # -- access tokens ---------------------------------------------------
    def client_credentials_token(
        self, *, client_id: str, allowed: list[str], grant_type: str, org_id: str | None,
        scope: str | None,
    ) -> dict[str, Any]:
        """OAuth2 client credentials → bearer token for one organisation."""
        return esl.client_credentials(
            self.store, self.clock, self.rng, client_id=client_id, allowed=allowed,
            grant_type=grant_type, org_id=org_id, scope=scope,
        )

    # -- submission tokens -----------------------------------------------
    def request_token(self, edumis: str, return_id: str) -> dict[str, Any]:
        """Issue a token for a return, or hand back the live one; decline when not allowed."""
        with self.store.transaction():
            now = self.clock.now()
            period = returns.find_period(self.store, edumis, return_id)
            if not returns.is_open(period, now):
                raise ReturnWindowClosed(
                    f"Return {return_id} is {returns.status_of(period, now).lower()}: its window "
                    f"runs from {period['openWindowDate']} to {period['closeWindowDate']}.",
                    return_id=return_id,
                )
            self._refuse_while_validating(edumis)
            token = tokens.live_token_for(self.store, edumis, return_id, now)
            if token is None:
                token = tokens.new_token(
                    self.rng.token_hex(16), period, now,
                    self.config.submission_token_lifetime_seconds,
                    self.config.max_record_per_batch,
                )
                self.store.put(TOKENS, token["submissionToken"], token)
            return self._token_view(token)

    def delete_token(self, edumis: str, value: str) -> int:
        """Reset a submission: delete the token and its data, cancelling any validation run.

        Returns how many uploaded records went with it.
        """
        with self.store.transaction():
            token = tokens.owned_token(self.store, edumis, value)
            removed = 0
            for data_set in DATA_SETS:
                for record in list(self.store.find(data_set, submissionToken=value)):
                    removed += self.store.delete(data_set, record_key(value, record["localId"]))
            self.store.delete(VALIDATIONS, value)
            self.store.put(TOKENS, value, {**token, "deleted": True,
                                           "deletedAt": iso(self.clock.now()),
                                           "recordsDeleted": removed})
            tokens.forget_old_deletions(self.store, edumis, kept=value)
            return removed

    # -- uploads and deletes ---------------------------------------------
    def upload(
        self, edumis: str, data_set: str, value: str, content: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """Store a batch (same localId replaces); refuse it whole on any problem."""
        with self.store.transaction():
            token = self._writable_token(edumis, value, content)
            self._refuse_duplicates(value, content)
            now = iso(self.clock.now())
            acknowledged = []
            for record in content:
                key = record_key(value, record["localId"])
                existed = self.store.get(data_set, key) is not None
                self.store.put(data_set, key, {
                    "submissionToken": value, "edumis": edumis, "returnId": token["returnId"],
                    "localId": record["localId"], "uploadedAt": now,
                    "record": dates_in_utc(record),
                })
                acknowledged.append({"localId": record["localId"], "errors": [],
                                     "status": "Updated" if existed else "Created"})
            return {"submissionToken": value, "content": acknowledged}

    def delete_records(
        self, edumis: str, data_set: str, value: str, content: list[dict[str, Any]]
    ) -> dict[str, Any]:
        """Remove records by localId, answering per localId (an error for each not found)."""
        with self.store.transaction():
            self._writable_token(edumis, value, content)
            answers = []
            for item in content:
                local_id = item["localId"]
                found = self.store.delete(data_set, record_key(value, local_id))
                errors = [] if found else [f"No {data_set} record with localId {local_id}."]
                answers.append({"localId": local_id, "errors": errors})
            return {"submissionToken": value, "content": answers}

    # -- validation ------------------------------------------------------
    def request_validation(self, edumis: str, value: str) -> dict[str, Any]:
        """Start validating everything uploaded with this token."""
        with self.store.transaction():
            token = tokens.usable_token(self.store, edumis, value, self.clock.now())
            self._refuse_while_validating(edumis)
            records = self._submission(value)
            if not any(records.values()):
                raise NothingToValidate(
                    f"Nothing has been uploaded with submission token {value}.",
                    submission_token=value, return_id=token["returnId"],
                )
            now = self.clock.now()
            run = validation.new_run(
                token, check_submission(records, now), now,
                self.config.validation_queued_seconds, self.config.validation_run_seconds,
            )
            self.store.put(VALIDATIONS, value, run)
            return validation.run_view(run, now)

    def validation_status(self, edumis: str, value: str) -> dict[str, Any]:
        """Where the token's latest validation run is, with its findings once complete."""
        tokens.owned_token(self.store, edumis, value)
        run = self.store.get(VALIDATIONS, value)
        if run is None:
            raise ValidationNotRequested(
                f"Validation has not been requested for submission token {value}.",
                submission_token=value,
            )
        return validation.run_view(run, self.clock.now())

    # -- rules shared by several operations ------------------------------
    def _refuse_while_validating(self, edumis: str) -> None:
        now = self.clock.now()
        run = validation.running_for(self.store, edumis, now)
        if run is not None:
            wait = validation.seconds_left(run, now)
            raise RequestAlreadyRunning(
                f"A validation is running for organisation {edumis}; retry in {wait} s.",
                submission_token=run["submissionToken"], return_id=run["returnId"],
                headers={"Retry-After": str(wait)},
            )

    def _writable_token(self, edumis: str, value: str, content: list[dict[str, Any]]) -> Record:
        token = tokens.usable_token(self.store, edumis, value, self.clock.now())
        self._refuse_while_validating(edumis)
        limit = token["maxRecordPerBatch"]
        if len(content) > limit:
            raise BatchTooLarge(
                f"{len(content)} records sent; at most {limit} are allowed per batch.",
                submission_token=value, return_id=token["returnId"],
                content=[
                    {"index": i, "localId": r.get("localId"),
                     "errors": [f"record {i + 1} exceeds maxRecordPerBatch {limit}"]}
                    for i, r in enumerate(content) if i >= limit
                ],
            )
        return token

    @staticmethod
    def _refuse_duplicates(value: str, content: list[dict[str, Any]]) -> None:
        counts = Counter(record["localId"] for record in content)
        repeated = [
            {"index": i, "localId": r["localId"],
             "errors": [f"localId {r['localId']} appears {counts[r['localId']]} times"]}
            for i, r in enumerate(content) if counts[r["localId"]] > 1
        ]
        if repeated:
            raise DuplicateLocalId(
                f"{len({r['localId'] for r in repeated})} localId(s) repeated in the batch; "
                "nothing was stored.",
                submission_token=value, content=repeated,
            )

    def _submission(self, value: str) -> dict[str, dict[str, dict[str, Any]]]:
        return {
            data_set: {r["localId"]: r["record"]
                       for r in self.store.find(data_set, submissionToken=value)}
            for data_set in DATA_SETS
        }

    def _token_view(self, token: Record) -> dict[str, Any]:
        run = self.store.get(VALIDATIONS, token["submissionToken"])
        now = self.clock.now()
        results: list[dict[str, Any]] = []
        status = "Pending"
        if run is not None:
            view = validation.run_view(run, now)
            results = [{key: view[key] for key in (
                "submissionToken", "status", "dateReceived", "dateStarted", "dateCompleted",
                "errorCount", "warningCount")}]
            status = {"Queued": "Validating", "InProgress": "Validating",
                      "Processed": "Validated"}.get(view["status"], "Pending")
        return tokens.token_view(token, status, results)


__all__ = ["SdrBackend", "SdrError"]
