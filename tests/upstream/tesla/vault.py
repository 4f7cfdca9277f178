"""A HashiCorp Vault stand-in, on loopback, answering the calls tesla-ce 1.0.10 makes.

No Vault binary comes from the package registries, yet the real server cannot start its API
without one: ``tesla_ce/settings.py`` (``Production.pre_setup``) learns its enabled modules,
database, cache and installed apps only from Vault, ``tesla_ce/urls.py`` mounts ``/api/``
only when the ``api`` module is enabled, ``tesla_ce/lib/auth.py`` builds its Vault client at
import, and ``tesla_ce/lib/vault/manager.py`` signs and verifies every JWT through Vault's
transit engine. The server talks to Vault through ``hvac`` 1.1.1; the calls it makes are:

- ``GET /v1/sys/init``, ``/v1/sys/seal-status``, ``/v1/sys/health``: initialised, unsealed
  (``check_vault_connection`` reads the first two before anything else);
- ``POST /v1/auth/tesla-ce/approle/login`` ``{role_id, secret_id}`` → ``auth.client_token``
  and ``auth.metadata.role_name``: ``ConfigManager._get_vault_entity_data`` reads the
  module's metadata at ``modules/<role_name>/metadata``;
- ``GET /v1/auth/token/lookup-self`` (``hvac``'s ``is_authenticated``);
- KV v2 reads ``GET /v1/tesla-ce/kv/data/<path>``, answered as ``{"data": {"data": secret}}``.
  The module metadata secret nests once more (``{"data": {module, description, config,
  apps, services}}``), ``modules/<m>/config`` is ``{"data": [[NAME, "config/NAME"], ...]}``
  and each ``config/NAME`` is ``{"value": ...}``;
- transit ``GET .../keys/<name>`` (``latest_version``), ``POST .../sign/<name>`` →
  ``vault:v1:<signature>`` and ``POST .../verify/<name>`` → ``valid``. The server signs
  ``base64(message)`` but verifies ``urlsafe_base64(message)``, so both alphabets decode to the
  same bytes here; the signature is an HMAC-SHA256 of those bytes (the real one is RSA, but the
  server never looks inside it: token structure stays the real one, only signature bytes
  differ);
- what VLE and provider registration write (``lib/vault/setup.py``): ACL policies
  (``PUT /v1/sys/policy/<name>``), KV v2 writes, approle roles, their role-id and secret-id,
  transit key creation. Without them a VLE POST answers 500.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import threading
from collections.abc import Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

KV = "/v1/tesla-ce/kv/data/"
TRANSIT = "/v1/tesla-ce/transit/"
APPROLE = "/v1/auth/tesla-ce/approle/"
MODULES = ("api", "lapi")
"""One approle per module the server runs as: ``VAULT_ROLE_ID=role-api,role-lapi``."""

CONFIG_NAMES = (
    "DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "TESLA_DOMAIN", "DB_ENGINE", "DB_HOST",
    "DB_PORT", "DB_NAME", "DB_USER", "DB_PASSWORD", "REDIS_HOST", "REDIS_PORT",
    "REDIS_DATABASE", "REDIS_PASSWORD",
)
"""The configuration each module reads from ``config/<NAME>``; the launcher gives the values."""


def role_id(module: str) -> str:
    return f"role-{module}"


def secret_id(module: str) -> str:
    return f"secret-{module}"


def decode_b64(text: str) -> bytes:
    """Either base64 alphabet, padding optional: sign and verify use different ones."""
    cleaned = text.replace("-", "+").replace("_", "/")
    return base64.b64decode(cleaned + "=" * (-len(cleaned) % 4))


class VaultState:
    """What the stand-in knows: KV secrets, approle credentials and the HMAC key."""

    def __init__(self, config: Mapping[str, object], signing_key: bytes) -> None:
        self.lock = threading.Lock()
        self.signing_key = signing_key
        self.kv: dict[str, Any] = {}
        self.roles: dict[str, tuple[str, str]] = {}
        """role_id → (secret_id, role name)."""
        for module in MODULES:
            self.add_role(module)
            self.kv[f"modules/{module}/metadata"] = {"data": {
                "module": module, "description": f"TeSLA {module.upper()}",
                "config": f"modules/{module}/config", "apps": f"modules/{module}/apps",
                "services": f"modules/{module}/services", "queues": None,
            }}
            self.kv[f"modules/{module}/config"] = {
                "data": [[name, f"config/{name}"] for name in CONFIG_NAMES]}
            self.kv[f"modules/{module}/apps"] = {"data": [f"tesla_ce.apps.{module}"]}
            self.kv[f"modules/{module}/services"] = {"data": ["db", "redis"]}
        for name in CONFIG_NAMES:
            self.kv[f"config/{name}"] = {"value": config.get(name)}

    def add_role(self, module: str) -> None:
        self.roles[role_id(module)] = (secret_id(module), module)

    def sign(self, data: bytes) -> str:
        digest = hmac.new(self.signing_key, data, hashlib.sha256).digest()
        return base64.b64encode(digest).decode("ascii")


class VaultHandler(BaseHTTPRequestHandler):
    """Routes by path prefix; anything else answers Vault's 404 ``{"errors": []}``."""

    server: VaultServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the launcher's logs are the server's, not ours."""

    def _send(self, status: int, body: object = None) -> None:
        payload = b"" if body is None else json.dumps(body).encode()
        self.send_response(status)
        if body is not None:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def _body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            parsed = json.loads(raw or b"{}")
        except ValueError:
            return {}
        return parsed if isinstance(parsed, dict) else {}

    def _path(self) -> str:
        return self.path.split("?", 1)[0]

    def do_GET(self) -> None:
        self._route("GET", {})

    def do_POST(self) -> None:
        self._route("POST", self._body())

    def do_PUT(self) -> None:
        self._route("POST", self._body())

    def do_DELETE(self) -> None:
        self._send(204)

    def do_LIST(self) -> None:
        self._send(404, {"errors": []})

    def _route(self, method: str, body: dict[str, Any]) -> None:
        state = self.server.state
        path = self._path()
        with state.lock:
            answer = route(state, method, path, body)
        if answer is None:
            self._send(404, {"errors": []})
        else:
            self._send(*answer)


def route(state: VaultState, method: str, path: str,
          body: dict[str, Any]) -> tuple[int, object] | None:
    """The answer (status, JSON body or None) to one call, None when Vault has no such path."""
    if path == "/v1/sys/init":
        return 200, {"initialized": True}
    if path == "/v1/sys/seal-status":
        return 200, {"type": "shamir", "initialized": True, "sealed": False, "t": 1, "n": 1,
                     "progress": 0, "version": "1.13.0"}
    if path == "/v1/sys/health":
        return 200, {"initialized": True, "sealed": False, "standby": False,
                     "version": "1.13.0"}
    if path == "/v1/auth/token/lookup-self":
        return 200, {"data": {"id": "stand-in", "policies": ["default"], "ttl": 0}}
    if path.startswith("/v1/sys/policy/") or path.startswith("/v1/sys/policies/"):
        return (204, None) if method == "POST" else (200, {"rules": "", "policy": ""})
    if path.startswith(APPROLE):
        return _approle(state, method, path[len(APPROLE):], body)
    if path.startswith(KV):
        return _kv(state, method, path[len(KV):], body)
    if path.startswith(TRANSIT):
        return _transit(state, path[len(TRANSIT):], body)
    return None


def _approle(state: VaultState, method: str, rest: str,
             body: dict[str, Any]) -> tuple[int, object] | None:
    if rest == "login":
        known = state.roles.get(str(body.get("role_id")))
        if known is None or known[0] != body.get("secret_id"):
            return 400, {"errors": ["invalid role or secret ID"]}
        token = hashlib.sha256(f"{body['role_id']}:{known[1]}".encode()).hexdigest()
        return 200, {"auth": {
            "client_token": f"s.{token[:24]}", "accessor": token[24:48],
            "policies": ["default"], "token_policies": ["default"],
            "metadata": {"role_name": known[1]}, "lease_duration": 43200, "renewable": True,
        }}
    parts = rest.split("/")
    if len(parts) >= 2 and parts[0] == "role":
        module = parts[1]
        if len(parts) == 2:
            if method == "POST":
                state.add_role(module)
                return 204, None
            return 200, {"data": {"token_policies": []}}
        if parts[2] == "role-id":
            return 200, {"data": {"role_id": role_id(module)}}
        if parts[2] == "secret-id":
            state.add_role(module)
            return 200, {"data": {"secret_id": secret_id(module),
                                  "secret_id_accessor": f"accessor-{module}"}}
    return None


def _kv(state: VaultState, method: str, rest: str,
        body: dict[str, Any]) -> tuple[int, object] | None:
    metadata = {"created_time": "2024-01-01T00:00:00Z", "deletion_time": "",
                "destroyed": False, "version": 1}
    if method == "POST":
        state.kv[rest] = body.get("data", {})
        return 200, {"data": metadata}
    if rest not in state.kv:
        return None
    return 200, {"data": {"data": state.kv[rest], "metadata": metadata}}


def _transit(state: VaultState, rest: str, body: dict[str, Any]) -> tuple[int, object] | None:
    parts = rest.split("/")
    if len(parts) < 2:
        return None
    action, name = parts[0], parts[1]
    if action == "keys":
        # Every key exists: the server reads jwt_default, jwt_module_*, jwt_learner, ...
        return 200, {"data": {"name": name, "type": "rsa-4096", "latest_version": 1,
                              "min_decryption_version": 1, "keys": {"1": 0},
                              "supports_signing": True}}
    try:
        data = decode_b64(str(body.get("input", "")))
    except (binascii.Error, ValueError):
        return 400, {"errors": ["invalid input"]}
    if action == "sign":
        return 200, {"data": {"signature": f"vault:v1:{state.sign(data)}", "key_version": 1}}
    if action == "verify":
        given = str(body.get("signature", ""))
        valid = hmac.compare_digest(given, f"vault:v1:{state.sign(data)}")
        return 200, {"data": {"valid": valid}}
    return None


class VaultServer(ThreadingHTTPServer):
    """The stand-in on 127.0.0.1; ``start()`` serves from a daemon thread."""

    daemon_threads = True

    def __init__(self, config: Mapping[str, object], signing_key: bytes, port: int = 0) -> None:
        super().__init__(("127.0.0.1", port), VaultHandler)
        self.state = VaultState(config, signing_key)
        self._thread = threading.Thread(target=self.serve_forever, name="vault-stand-in",
                                        daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def start(self) -> VaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)
