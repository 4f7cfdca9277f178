"""State storage: the typed interface every platform uses, and its in-memory implementation."""

from edumock.store.base import Record, Store, Transaction
from edumock.store.memory import InMemoryStore

__all__ = ["InMemoryStore", "Record", "Store", "Transaction"]
