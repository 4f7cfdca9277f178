"""State storage: the typed interface every platform uses, and its in-memory implementation."""

from edumock.world.store.base import Record, Store, Transaction
from edumock.world.store.memory import InMemoryStore

__all__ = ["InMemoryStore", "Record", "Store", "Transaction"]
