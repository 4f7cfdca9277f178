"""The tooling around the real server, without starting it: the skip rule and the Vault
stand-in's answers (what hvac 1.1.1, as tesla-ce 1.0.10 uses it, reads from them)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.upstream.conftest import REQUIRE_VARIABLE, skip_or_fail_without
from tests.upstream.tesla import seed, vault
from tests.upstream.tesla.world import tesla_world


def test_nothing_missing_neither_skips_nor_fails() -> None:
    skip_or_fail_without([])


def test_missing_packages_skip_with_the_apt_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(REQUIRE_VARIABLE, raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install mariadb-server"):
        skip_or_fail_without(["mariadbd"])


def test_missing_packages_fail_when_required(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(REQUIRE_VARIABLE, "1")
    with pytest.raises(pytest.fail.Exception, match="EDUMOCK_REQUIRE_REAL_TESLA=1 but"):
        skip_or_fail_without(["redis-server"])


@pytest.fixture(scope="module")
def stand_in() -> Iterator[httpx.Client]:
    server = vault.VaultServer({"DB_HOST": "127.0.0.1", "DB_PORT": 3306,
                                "DJANGO_ALLOWED_HOSTS": ["127.0.0.1"]}, b"key").start()
    with httpx.Client(base_url=server.url, timeout=10) as http:
        yield http
    server.stop()


def test_vault_is_initialised_and_unsealed(stand_in: httpx.Client) -> None:
    assert stand_in.get("/v1/sys/init").json() == {"initialized": True}
    assert stand_in.get("/v1/sys/seal-status").json()["sealed"] is False


def test_approle_login_names_the_module(stand_in: httpx.Client) -> None:
    login = stand_in.post("/v1/auth/tesla-ce/approle/login",
                          json={"role_id": "role-lapi", "secret_id": "secret-lapi"})
    assert login.json()["auth"]["metadata"] == {"role_name": "lapi"}
    refused = stand_in.post("/v1/auth/tesla-ce/approle/login",
                            json={"role_id": "role-lapi", "secret_id": "secret-api"})
    assert refused.status_code == 400


def test_module_metadata_and_config_read_as_the_server_expects(stand_in: httpx.Client) -> None:
    def read(path: str) -> object:
        return stand_in.get(f"/v1/tesla-ce/kv/data/{path}").json()["data"]["data"]

    metadata = read("modules/api/metadata")
    assert isinstance(metadata, dict)
    assert metadata["data"]["config"] == "modules/api/config"
    assert read("modules/api/config") == {
        "data": [[name, f"config/{name}"] for name in vault.CONFIG_NAMES]}
    assert read("modules/api/apps") == {"data": ["tesla_ce.apps.api"]}
    assert read("modules/api/services") == {"data": ["db", "redis"]}
    assert read("config/DB_PORT") == {"value": 3306}
    assert stand_in.get("/v1/tesla-ce/kv/data/config/NOPE").status_code == 404


def test_signatures_verify_across_both_base64_alphabets(stand_in: httpx.Client) -> None:
    """The server signs ``base64(message)`` and verifies ``urlsafe_base64(message)``."""
    message = b"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI/Pz4-In0?>"
    signed = stand_in.post("/v1/tesla-ce/transit/sign/jwt_users",
                           json={"input": base64.b64encode(message).decode()})
    signature = signed.json()["data"]["signature"]
    assert signature.startswith("vault:v1:")

    def verify(candidate: str) -> bool:
        answer = stand_in.post("/v1/tesla-ce/transit/verify/jwt_users", json={
            "input": base64.urlsafe_b64encode(message).decode(), "signature": candidate})
        return bool(answer.json()["data"]["valid"])

    assert verify(signature)
    assert not verify(signature[:-4] + "AAA=")


def test_vle_registration_calls_are_answered(stand_in: httpx.Client) -> None:
    assert stand_in.put("/v1/sys/policy/tesla-ce/policy/modules_vle_001",
                        json={"policy": "{}"}).status_code == 204
    assert stand_in.post("/v1/auth/tesla-ce/approle/role/vle_001",
                         json={"token_policies": []}).status_code == 204
    role = stand_in.get("/v1/auth/tesla-ce/approle/role/vle_001/role-id").json()["data"]
    secret = stand_in.post("/v1/auth/tesla-ce/approle/role/vle_001/secret-id").json()["data"]
    login = stand_in.post("/v1/auth/tesla-ce/approle/login", json={
        "role_id": role["role_id"], "secret_id": secret["secret_id"]})
    assert login.json()["auth"]["metadata"]["role_name"] == "vle_001"


STAMPED = ("created_at", "updated_at", "start", "end", "valid_from", "joined_at",
           "consent_accepted", "consent_rejected", "expires_at")
"""Fields that follow the clock, which edumock's world reads when it is built."""


def _timeless(value: object) -> object:
    if isinstance(value, dict):
        return {k: _timeless(v) for k, v in value.items() if k not in STAMPED}
    if isinstance(value, list):
        return [_timeless(each) for each in value]
    return value


def test_the_seed_is_edumocks_world_the_same_on_every_build() -> None:
    world = tesla_world()
    assert _timeless(world) == _timeless(tesla_world())
    assert [row["id"] for row in world["institutions"]] == [1, 2]
    assert not {"config", "sequences"} & set(world)
    assert all(len(rows) > 0 for rows in world.values())


def test_the_seed_input_carries_the_credentials_and_the_world(tmp_path: Path) -> None:
    given = json.loads(seed.Seed().write_input(tmp_path / "seed.json").read_text())
    assert given["seed"]["admin_email"] == "admin@edumock.test"
    assert given["world"]["institutions"][0]["acronym"] == "PU1"
    script = seed.script()
    compile(script, "server_seed", "exec")
    assert script.rstrip().endswith("main()")
