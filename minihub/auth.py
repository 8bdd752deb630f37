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
        },
        {"name": "ed-b", "password": "...", "roles": ["ed"], "site": "SITE B"}
      ]
    }

``password`` is produced by :func:`hash_password` (``strokelink hub
--hash-password`` prints one); it is PBKDF2-HMAC-SHA256 with a random salt.
Bearer tokens are long random secrets, so a plain SHA-256 of each is stored
(:func:`hash_token`, ``strokelink hub --hash-token``). Both entries are
optional.

``roles`` (``ed``, ``radiologist``, ``admin``) and, for ``ed`` users, ``site``
(the (0032,1033) Requesting Service they send as) decide what a user may do;
see :class:`Access` and docs/minihub.md ("Authorisation"). A user without a
``roles`` entry is a ``radiologist`` (users files written before roles were
enforced keep working); an ``ed`` user without a ``site`` is refused when the
file is loaded. Without ``--users`` there is no user and nothing is checked.
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

from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from minihub.responses import HubError
from minihub.storage import Database

DEFAULT_ITERATIONS = 600_000
ED, RADIOLOGIST, ADMIN = "ed", "radiologist", "admin"
ROLES = frozenset({ED, RADIOLOGIST, ADMIN})
REALM = "minihub"


@dataclass(frozen=True)
class User:
    name: str
    password: str | None = None
    token_hashes: frozenset[str] = frozenset()
    roles: tuple[str, ...] = ()
    site: str | None = None

    @property
    def is_admin(self) -> bool:
        return ADMIN in self.roles

    @property
    def reads_all(self) -> bool:
        """Radiologists and admins see every site's studies and workitems."""
        return RADIOLOGIST in self.roles or ADMIN in self.roles

    @property
    def performs(self) -> bool:
        """Only radiologists (and admins) claim, update and complete workitems."""
        return RADIOLOGIST in self.roles or ADMIN in self.roles


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
        roles = entry.get("roles", [RADIOLOGIST])
        if not isinstance(roles, list) or not all(r in ROLES for r in roles):
            raise ValueError(f"{path}: roles must be a list of {sorted(ROLES)} ({entry['name']})")
        site = entry.get("site")
        if site is not None and (not isinstance(site, str) or not site.strip()):
            raise ValueError(f"{path}: site must be a non-empty string ({entry['name']})")
        if ED in roles and site is None:
            raise ValueError(f"{path}: an ed user needs a site ({entry['name']})")
        users[entry["name"]] = User(
            name=entry["name"],
            password=password,
            token_hashes=frozenset(t.lower() for t in tokens),
            roles=tuple(roles),
            site=site.strip() if site is not None else None,
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
            state = scope.setdefault("state", {})
            state["user"] = user.name
            state["principal"] = user
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


# --- authorisation ----------------------------------------------------------------

ACCESS_SCHEMA = """
CREATE TABLE IF NOT EXISTS study_sites (
    study_uid TEXT PRIMARY KEY,
    site TEXT NOT NULL
);
"""


def same_site(a: str | None, b: str | None) -> bool:
    """Sites compare like the ED compares Requesting Service: case and spaces aside."""
    if a is None or b is None:
        return False
    return site_key(a) == site_key(b)


def requesting_service(dataset: dict[str, Any]) -> str:
    """A workitem's (0040,A370)>(0032,1033) Requesting Service (DICOM JSON), or ``""``."""
    items = dataset.get("0040A370", {}).get("Value") or []
    for item in items:
        values = item.get("00321033", {}).get("Value") if isinstance(item, dict) else None
        if values and isinstance(values[0], str) and values[0].strip():
            return values[0]
    return ""


def principal(conn: HTTPConnection) -> User | None:
    """The authenticated user of a request; ``None`` when the hub runs without users."""
    user = conn.scope.get("state", {}).get("principal")
    return user if isinstance(user, User) else None


def scoped_site(conn: HTTPConnection) -> str | None:
    """The site a request is limited to, or ``None`` when it may see every site.

    Raises 403 for a user who is neither radiologist/admin nor a site's ED.
    """
    user = principal(conn)
    if user is None or user.reads_all:
        return None
    if ED in user.roles and user.site:
        return user.site
    raise HubError(403, "this user has no role that allows this")


def require_performer(conn: HTTPConnection) -> User | None:
    """403 unless radiologist or admin (or no users at all)."""
    user = principal(conn)
    if user is not None and not user.performs:
        raise HubError(403, "only a radiologist may do this")
    return user


def site_key(site: str) -> str:
    """The form a site is stored and compared in (case and spaces aside)."""
    return " ".join(site.split()).casefold()


class StudySites:
    """Which ED site stored each study: the first ED user to store into it.

    Studies stored by radiologists, admins or an open hub have no site: only
    radiologists and admins see them, and no ED site may add to them.
    """

    def __init__(self, db: Database) -> None:
        self.db = db
        db.add_schema(ACCESS_SCHEMA)

    def visible(self, study_uid: str, site: str | None) -> bool:
        """May a request scoped to ``site`` (``None``: every site) see this study?"""
        if site is None:
            return True
        row = (
            self.db.connection()
            .execute("SELECT site FROM study_sites WHERE study_uid = ?", (study_uid,))
            .fetchone()
        )
        return row is not None and row[0] == site_key(site)

    def release_if_unstored(self, study_uid: str) -> None:
        """Forget the site of a study that holds no instance (its first store failed):
        a refused STOW never reserves a Study UID for a site."""
        with self.db.writing() as conn:
            stored = conn.execute(
                "SELECT 1 FROM studies WHERE study_uid = ?", (study_uid,)
            ).fetchone()
            if stored is None:
                conn.execute("DELETE FROM study_sites WHERE study_uid = ?", (study_uid,))

    def claim(self, study_uid: str, site: str | None) -> bool:
        """May ``site`` store into this study? Records the site for a new study."""
        if site is None:
            return True
        with self.db.writing() as conn:
            row = conn.execute(
                "SELECT site FROM study_sites WHERE study_uid = ?", (study_uid,)
            ).fetchone()
            if row is not None:
                return bool(row[0] == site_key(site))
            stored = conn.execute(
                "SELECT 1 FROM studies WHERE study_uid = ?", (study_uid,)
            ).fetchone()
            if stored is not None:
                return False  # stored by a radiologist, an admin or an open hub
            conn.execute(
                "INSERT INTO study_sites (study_uid, site) VALUES (?, ?)",
                (study_uid, site_key(site)),
            )
            return True
