"""Who is asking, and for what: the actor behind a token and the request being served."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from edumock.platforms.tesla.collections import USERS
from edumock.platforms.tesla.errors import AuthenticationFailed
from edumock.world import World
from edumock.world.store import InMemoryStore, Record

ANONYMOUS = "anonymous"


@dataclass(frozen=True, slots=True)
class Actor:
    """The authenticated principal: an institution user (learners and instructors included),
    a global administrator, or nobody."""

    kind: str = ANONYMOUS
    user: Record | None = None

    @property
    def is_anonymous(self) -> bool:
        """No credentials were sent."""
        return self.kind == ANONYMOUS

    @property
    def is_global_admin(self) -> bool:
        """A TeSLA staff administrator (reads every institution)."""
        return self.kind == "admin"

    @property
    def institution_id(self) -> int | None:
        """The user's institution, if any."""
        return None if self.user is None else self.user.get("institution_id")

    def flag(self, name: str) -> bool:
        """One of inst_admin, legal_admin, send_admin, data_admin, is_learner, is_instructor."""
        return bool(self.user and self.user.get(name))

    @property
    def user_id(self) -> int | None:
        """The institution user id (also the learner's or instructor's id)."""
        return None if self.user is None else self.user.get("id")


@dataclass(slots=True)
class Call:
    """One request to a resource: the world, the actor, the URL and its parameters."""

    world: World
    actor: Actor
    path: dict[str, str]
    query: dict[str, str]
    url: str
    cache: dict[str, Any] = field(default_factory=dict)

    def params(self) -> dict[str, list[str]]:
        """Every value of each query parameter, in order, as Django's ``QueryDict`` holds them
        (``query`` keeps the last, as ``QueryDict.get`` answers)."""
        return parse_qs(urlsplit(self.url).query, keep_blank_values=True)

    @property
    def store(self) -> InMemoryStore:
        """The TeSLA store of the request's world."""
        return self.world.store("tesla")


def actor_for(world: World, token_info: dict[str, Any] | None) -> Actor:
    """The authenticated user, re-read so role changes apply at once; anonymous when none."""
    if not token_info or "user_id" not in token_info:
        return Actor()
    user = world.store("tesla").get(USERS, str(token_info["user_id"]))
    if user is None:
        raise AuthenticationFailed("Invalid user.")
    return Actor(kind=str(token_info["kind"]), user=user)
