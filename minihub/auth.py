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
secret so that PBKDF2 does not run on every request. PBKDF2 runs in worker threads
(at most two at once), never in the event loop; repeated failures lock the client
address and the user name for a while (:class:`Authenticator`, :mod:`minihub.throttle`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
import anyio.to_thread
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Receive, Scope, Send

from minihub.responses import HubError
from minihub.storage import Database
from minihub.throttle import FailureThrottle

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


@dataclass(frozen=True)
class Refusal:
    """Why a request is not let in: 401 (bad or missing credentials), 429 (throttled),
    503 (too many password checks already waiting)."""

    status: int
    reason: str
    retry_after: int = 0


@dataclass(frozen=True)
class _PasswordCheck:
    """Basic credentials that need a PBKDF2 check (not remembered)."""

    name: str
    password: str
    user: User | None  # None: unknown name or a user without a password
    encoded: str  # the user's hash, or a dummy one of the same cost
    memo: str


def _throttle_key(name: str) -> str:
    """Long names are kept as a digest so that the throttle table stays small."""
    return name if len(name) <= 64 else "sha256:" + hash_token(name)


def _dummy_hash(users: dict[str, User]) -> str:
    """A hash nobody's password matches, as costly as the users' ones, so that an
    unknown name takes as long to refuse as a wrong password."""
    iterations = 0
    for user in users.values():
        parts = (user.password or "").split("$")
        if len(parts) == 4 and parts[1].isdigit():
            iterations = max(iterations, int(parts[1]))
    b64 = base64.b64encode
    salt, digest = b64(secrets.token_bytes(16)).decode(), b64(secrets.token_bytes(32)).decode()
    return f"pbkdf2_sha256${iterations or DEFAULT_ITERATIONS}${salt}${digest}"


TRUSTED_SCHEMA = """
CREATE TABLE IF NOT EXISTS trusted_logins (
    user TEXT NOT NULL,
    address TEXT NOT NULL,
    seen REAL NOT NULL,
    PRIMARY KEY (user, address)
);
"""


class TrustedLogins:
    """(user name, client address) pairs that logged in with a password before.

    Kept in the hub's database (``db``; ``None``: in memory only) so that they
    survive a restart; at most ``limit`` pairs, the least recently seen dropped first.
    """

    def __init__(self, db: Database | None, *, limit: int = 10_000) -> None:
        self.db = db
        self.limit = limit
        self._pairs: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._lock = threading.Lock()
        if db is not None:
            db.add_schema(TRUSTED_SCHEMA)
            rows = (
                db.connection()
                .execute("SELECT user, address FROM trusted_logins ORDER BY seen")
                .fetchall()
            )
            for user, address in rows[-limit:]:
                self._pairs[(str(user), str(address))] = None

    def knows(self, user: str, address: str) -> bool:
        with self._lock:
            return (user, address) in self._pairs

    def add(self, user: str, address: str) -> None:
        with self._lock:
            known = (user, address) in self._pairs
            self._pairs.pop((user, address), None)
            self._pairs[(user, address)] = None
            dropped = []
            while len(self._pairs) > self.limit:
                dropped.append(self._pairs.popitem(last=False)[0])
        if self.db is None or known:
            return
        with self.db.writing() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO trusted_logins (user, address, seen) VALUES (?, ?, ?)",
                (user, address, time.time()),
            )
            conn.executemany("DELETE FROM trusted_logins WHERE user = ? AND address = ?", dropped)


@dataclass
class Authenticator:
    """Checks ``Authorization`` header values against the users.

    Bearer tokens (one SHA-256) and Basic credentials already checked (remembered by
    a peppered SHA-256) are answered at once (:meth:`quick`), never throttled: a
    logged-in user is not locked out by someone guessing his password. Any other
    Basic credentials cost a PBKDF2 check, run by :meth:`authenticate` in a worker
    thread, at most ``max_hashing`` at once and ``max_waiting`` in flight (more: 503);
    failures lock the client address (``by_address``) and the user name (``by_user``)
    for a while (429, nothing hashed). Each attempt counts as a failure before it is
    hashed (taken back on success), so parallel guesses cannot pass the thresholds.
    The user-name lock spares addresses the user logged in from before
    (:class:`TrustedLogins`, kept in the hub's database across restarts): a guesser
    elsewhere does not lock a radiologist out of his own workstation.
    ``verifier`` is :func:`verify_password` (tests inject another).
    """

    users: dict[str, User]
    verifier: Callable[[str, str], bool] = verify_password
    by_address: FailureThrottle = field(default_factory=lambda: FailureThrottle(threshold=10))
    by_user: FailureThrottle = field(default_factory=lambda: FailureThrottle(threshold=5))
    max_hashing: int = 2
    max_waiting: int = 32
    _verified: set[str] = field(default_factory=set)
    _pepper: bytes = field(default_factory=lambda: secrets.token_bytes(32))
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _limiter: anyio.CapacityLimiter | None = None
    _trusted_limiter: anyio.CapacityLimiter | None = None
    _in_flight: int = 0
    #: (user name, address) pairs that logged in before: the per-user lock does not
    #: apply to them, and they hash on a slot of their own, so that someone guessing
    #: a radiologist's password from elsewhere never locks him out of his workstation.
    trusted: TrustedLogins = field(default_factory=lambda: TrustedLogins(None))

    def __post_init__(self) -> None:
        self._dummy = _dummy_hash(self.users)

    def quick(self, authorization: str) -> User | _PasswordCheck | None:
        """The user for a bearer token or remembered Basic credentials; the password
        check still to do for other Basic credentials; ``None``: refused outright."""
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
        if not sep:
            return None
        found = self.users.get(name)
        if found is None or found.password is None:
            return _PasswordCheck(name, password, None, self._dummy, "")
        encoded = found.password
        key = hmac.new(self._pepper, f"{name}\0{password}\0{encoded}".encode(), "sha256")
        memo = key.hexdigest()
        with self._lock:
            if memo in self._verified:
                return found
        return _PasswordCheck(name, password, found, encoded, memo)

    def _check(self, check: _PasswordCheck) -> User | None:
        """The PBKDF2 check (blocking: run it in a worker thread)."""
        matches = self.verifier(check.password, check.encoded)
        if not matches or check.user is None:
            return None
        with self._lock:
            self._verified.add(check.memo)
        return check.user

    def _is_trusted(self, name: str, address: str) -> bool:
        return self.trusted.knows(name, address)

    def _trust(self, name: str, address: str) -> None:
        self.trusted.add(name, address)

    def user_for(self, authorization: str) -> User | None:
        """Synchronous check, not throttled (for callers outside the event loop)."""
        found = self.quick(authorization)
        return self._check(found) if isinstance(found, _PasswordCheck) else found

    async def authenticate(self, authorization: str, address: str | None) -> User | Refusal:
        """The user, or why not; PBKDF2 runs off the event loop, behind the throttles."""
        found = self.quick(authorization) if authorization else None
        if found is None:
            return Refusal(401, "authentication required")
        if isinstance(found, User):
            return found
        name = _throttle_key(found.name)
        trusted = address is not None and self._is_trusted(name, address)
        wait = max(
            self.by_address.retry_after(address) if address else 0,
            0 if trusted else self.by_user.retry_after(name),
        )
        if wait:
            return Refusal(429, f"too many failed logins; retry in {wait} s", wait)
        if not trusted and self._in_flight >= self.max_waiting:
            return Refusal(503, "too many logins being checked; retry shortly", 1)
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.max_hashing)
            self._trusted_limiter = anyio.CapacityLimiter(1)
        # Counted as a failure before the check, taken back on success: parallel guesses
        # cannot all slip past the threshold while the first ones are being hashed.
        if address:
            self.by_address.failure(address)
        if not trusted:
            self.by_user.failure(name)
        limiter = self._trusted_limiter if trusted else self._limiter
        self._in_flight += 1
        try:
            user = await anyio.to_thread.run_sync(self._check, found, limiter=limiter)
        finally:
            self._in_flight -= 1
        if user is None:
            return Refusal(401, "authentication required")
        if address:
            self.by_address.success(address)
            self._trust(name, address)
        self.by_user.success(name)
        return user


class AuthMiddleware:
    """ASGI middleware: 401 without valid credentials, 429 while throttled, 503 when
    too many password checks are waiting; WebSockets are closed (1008) instead."""

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
        client = scope.get("client")
        address = str(client[0]) if client else None
        result = await self.authenticator.authenticate(authorization, address)
        if isinstance(result, User):
            state = scope.setdefault("state", {})
            state["user"] = result.name
            state["principal"] = result
            await self.app(scope, receive, send)
            return
        if scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
            return
        body = json.dumps({"error": result.reason}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
        ]
        if result.status == 401:
            headers += [
                (b"www-authenticate", f'Basic realm="{REALM}", charset="UTF-8"'.encode()),
                (b"www-authenticate", f'Bearer realm="{REALM}"'.encode()),
            ]
        if result.retry_after:
            headers.append((b"retry-after", str(result.retry_after).encode()))
        headers.append((b"warning", f"299 minihub: {result.reason}".encode()))
        await send({"type": "http.response.start", "status": result.status, "headers": headers})
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
