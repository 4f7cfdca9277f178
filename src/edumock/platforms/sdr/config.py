"""SDR settings that fixtures can change: batch limit, lifetimes, validation timing."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from edumock.platforms.sdr.collections import CONFIG
from edumock.world.store import InMemoryStore


@dataclass(frozen=True, slots=True)
class SdrConfig:
    """Tunable rules of one SDR world; stored in the world so a reset rebuilds it."""

    max_record_per_batch: int = 500
    submission_token_lifetime_seconds: int = 86_400
    access_token_lifetime_seconds: int = 3_600
    validation_queued_seconds: int = 5
    validation_run_seconds: int = 30
    signing_key: str = ""

    @classmethod
    def from_fixture(cls, limits: dict[str, Any], signing_key: str) -> SdrConfig:
        """Build from the fixture file's ``limits`` section (camelCase keys)."""
        validation = limits.get("validation") or {}
        defaults = cls()
        return cls(
            max_record_per_batch=int(limits.get("maxRecordPerBatch",
                                                defaults.max_record_per_batch)),
            submission_token_lifetime_seconds=int(limits.get(
                "submissionTokenLifetimeSeconds", defaults.submission_token_lifetime_seconds)),
            access_token_lifetime_seconds=int(limits.get(
                "accessTokenLifetimeSeconds", defaults.access_token_lifetime_seconds)),
            validation_queued_seconds=int(validation.get(
                "queuedSeconds", defaults.validation_queued_seconds)),
            validation_run_seconds=int(validation.get(
                "runSeconds", defaults.validation_run_seconds)),
            signing_key=signing_key,
        )

    def save(self, store: InMemoryStore) -> None:
        """Keep the config in the world's store, where the admin API shows it."""
        store.put(CONFIG, "sdr", asdict(self))

    @classmethod
    def load(cls, store: InMemoryStore) -> SdrConfig:
        """The config of the world this store belongs to."""
        record = store.get(CONFIG, "sdr")
        return cls(**record) if record else cls()
