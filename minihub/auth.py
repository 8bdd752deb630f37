"""Who may talk to the hub: HTTP Basic and bearer tokens from a users file.

Without ``--users`` the hub is open (it binds 127.0.0.1 by default). With it,
every request needs valid credentials, else 401 with ``WWW-Authenticate``
challenges for both schemes (RFC 7617 Basic, RFC 6750 Bearer).

The users file is JSON::

    {
      "users": [
        {
          "name": "drx",
          "password": "pbkdf2_sha256$600000$<salt base64>$<hash base64>",
          "tokens_sha256": ["<hex SHA-256 of a bearer token>"],
          "roles": ["radiologist"]
        }
      ]
    }

``password`` is produced by :func:`hash_password` (``strokelink hub
--hash-password`` prints one); it is PBKDF2-HMAC-SHA256 with a random salt.
Bearer tokens are long random secrets, so a plain SHA-256 of each is stored
(:func:`hash_token`, ``strokelink hub --hash-token``). Both entries are
optional; ``roles`` is recorded for the application and not enforced here.
Checked passwords are remembered in memory by a SHA-256 keyed with a per-process
secret so that PBKDF2 does not run on every request.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

DEFAULT_ITERATIONS = 600_000
REALM = "minihub"


@dataclass(frozen=True)
class User:
    name: str
    password: str | None = None
    token_hashes: frozenset[str] = frozenset()
    roles: tuple[str, ...] = ()


def hash_password(password: str, *, iterations: int = DEFAULT_ITERATIONS) -> str:
    """A ``pbkdf2_sha256$iterations$salt$hash`` string for the users file."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    b64 = base64.b64encode
    return f"pbkdf2_sha256${iterations}${b64(salt).decode()}${b64(digest).decode()}"


def verify_password(password: str, encoded: str) -> bool:
    """Check ``password`` against a :func:`hash_password` string."""
    try:
        scheme, iterations, salt, expected = encoded.split("$")
        if scheme != "pbkdf2_sha256":
            return False
        digest = hashlib.pbkdf2_hmac(
            "sha256", password.encode("utf-8"), base64.b64decode(salt), int(iterations)
        )
        return hmac.compare_digest(digest, base64.b64decode(expected))
    except (ValueError, binascii.Error):
        return False


def hash_token(token: str) -> str:
    """The hex SHA-256 of a bearer token, as stored in ``tokens_sha256``."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def load_users(path: Path) -> dict[str, User]:
    """Read and check a users file; raises ``ValueError`` with the reason."""
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"cannot read users file {path}: {exc}") from None
    entries = document.get("users") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected {{'users': [...]}}")
    users: dict[str, User] = {}
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"{path}: every user needs a name")
        tokens = entry.get("tokens_sha256", [])
        if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
            raise ValueError(f"{path}: tokens_sha256 must be a list of hex strings")
        password = entry.get("password")
        if password is not None and not str(password).startswith("pbkdf2_sha256$"):
            raise ValueError(f"{path}: passwords must be hashed (see --hash-password)")
        users[entry["name"]] = User(
            name=entry["name"],
            password=password,
            token_hashes=frozenset(t.lower() for t in tokens),
            roles=tuple(entry.get("roles", [])),
        )
    return users


@dataclass
class Authenticator:
    """Checks ``Authorization`` header values against the users."""

    users: dict[str, User]
    _verified: set[str] = field(default_factory=set)
    _pepper: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def user_for(self, authorization: str) -> User | None:
        scheme, _, credentials = authorization.strip().partition(" ")
        credentials = credentials.strip()
        if scheme.lower() == "bearer" and credentials:
            digest = hash_token(credentials)
            for user in self.users.values():
                if any(hmac.compare_digest(digest, t) for t in user.token_hashes):
                    return user
            return None
        if scheme.lower() != "basic" or not credentials:
            return None
        try:
            decoded = base64.b64decode(credentials, validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        name, sep, password = decoded.partition(":")
        found = self.users.get(name)
        if not sep or found is None or found.password is None:
            return None
        user, encoded = found, found.password
        key = hmac.new(self._pepper, f"{name}\0{password}\0{encoded}".encode(), "sha256")
        memo = key.hexdigest()
        with self._lock:
            if memo in self._verified:
                return user
        if not verify_password(password, encoded):
            return None
        with self._lock:
            self._verified.add(memo)
        return user


class AuthMiddleware:
    """ASGI middleware answering 401 to HTTP requests without valid credentials."""

    def __init__(self, app: ASGIApp, authenticator: Authenticator) -> None:
        self.app = app
        self.authenticator = authenticator

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        authorization = ""
        for name, value in scope.get("headers", []):
            if name == b"authorization":
                authorization = value.decode("latin-1")
                break
        user = self.authenticator.user_for(authorization) if authorization else None
        if user is not None:
            scope.setdefault("state", {})["user"] = user.name
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = b'{"error": "authentication required"}'
        await send(
            {
                "type": "http.response.start",
                "status": 401,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"www-authenticate", f'Basic realm="{REALM}", charset="UTF-8"'.encode()),
                    (b"www-authenticate", f'Bearer realm="{REALM}"'.encode()),
                    (b"warning", b"299 minihub: authentication required"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})
