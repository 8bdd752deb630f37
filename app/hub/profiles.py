"""Hub profiles: which hubs this workstation talks to, and how.

A :class:`HubProfile` names a hub (its DICOMweb base URL), how to
authenticate (none, HTTP Basic, bearer token), which CA bundle vouches for
its TLS certificate, how often to poll the worklist, the workstation's role
on it and which profile backs it up. Several profiles are kept, as JSON, in
the per-user configuration folder (:class:`ProfileStore`; the path is
injectable for tests).

Secrets — passwords and tokens — are **never** written to that file: they
live in the operating system's keyring (service ``"strokelink"``, key
``"<profile>:<user>"``) through :class:`SecretStore`. Where no usable keyring
exists, :class:`app.hub.errors.KeyringUnavailable` says so and callers prompt
for the secret each time instead.

:func:`session_for` turns a profile and its secret into a configured
:class:`requests.Session`; :func:`hub_for` into an :class:`HttpHub`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

import requests

from app.hub.client import COMPRESSION_MODES, HttpHub
from app.hub.errors import KeyringUnavailable
from app.hub.stow import UPLOAD_SYNTAX
from app.hub.transport import USER_AGENT, new_session

log = logging.getLogger("app.hub")

AuthKind = Literal["none", "basic", "bearer"]
AUTH_KINDS: tuple[str, ...] = ("none", "basic", "bearer")
ROLES: tuple[str, ...] = ("radiologist", "emergency")
KEYRING_SERVICE = "strokelink"
PROFILES_FILE = "hubs.json"
FORMAT_VERSION = 1
#: ``upload_compression`` values and the transfer syntax each sends (None: as stored).
UPLOAD_COMPRESSION: dict[str, str | None] = {"jpegls": UPLOAD_SYNTAX, "none": None}
#: Keys that must never appear in the profiles file.
SECRET_KEYS = frozenset({"password", "token", "secret", "bearer", "api_key"})


@dataclass(frozen=True)
class HubProfile:
    """How to reach one hub. Holds no secret.

    ``role`` is what this workstation does on that hub: ``"radiologist"``
    (claims and answers requests) or ``"emergency"`` (sends them).
    ``backup`` names the profile to fall back to when this hub is down;
    ``site`` the emergency department's site (``"emergency"`` role).
    """

    name: str
    base_url: str
    auth: AuthKind = "none"
    username: str = ""
    ca_bundle: Path | None = None
    verify_tls: bool = True
    poll_interval_s: float = 5.0
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0
    role: str = "radiologist"
    backup: str | None = None
    description: str = ""
    site: str = ""  # role "emergency": the ED's site, as its requests name it
    # WADO-RS lossless compression: "auto" (except for a hub on this machine),
    # "always" or "never" (app.hub.client.wants_compression).
    compression: str = "auto"
    # STOW-RS uploads (role "emergency"): "jpegls" (JPEG-LS lossless, checked
    # pixel-identical) or "none" (the files as they are; a hub or proxy that
    # refuses compressed uploads). Older profile files: "jpegls".
    upload_compression: str = "jpegls"

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a hub profile needs a name")
        if ":" in self.name:
            raise ValueError("a hub profile name cannot contain ':'")
        if not self.base_url.startswith(("http://", "https://")):
            raise ValueError(f"hub profile {self.name!r}: the URL must start with http(s)://")
        if url_problem(self.base_url) == "credentials":
            raise ValueError(
                f"hub profile {self.name!r}: the URL must not hold a user name or password"
            )
        if self.auth not in AUTH_KINDS:
            raise ValueError(f"hub profile {self.name!r}: unknown authentication {self.auth!r}")
        if self.auth == "basic" and not self.username:
            raise ValueError(f"hub profile {self.name!r}: Basic authentication needs a user name")
        if self.role not in ROLES:
            raise ValueError(f"hub profile {self.name!r}: unknown role {self.role!r}")
        if self.poll_interval_s <= 0 or self.connect_timeout_s <= 0 or self.read_timeout_s <= 0:
            raise ValueError(f"hub profile {self.name!r}: intervals and timeouts must be > 0")
        if self.backup == self.name:
            raise ValueError(f"hub profile {self.name!r} cannot be its own backup")
        if self.compression not in COMPRESSION_MODES:
            raise ValueError(
                f"hub profile {self.name!r}: unknown compression {self.compression!r} "
                f"(use {', '.join(COMPRESSION_MODES)})"
            )
        if self.upload_compression not in UPLOAD_COMPRESSION:
            raise ValueError(
                f"hub profile {self.name!r}: unknown upload compression "
                f"{self.upload_compression!r} (use {', '.join(UPLOAD_COMPRESSION)})"
            )

    @property
    def upload_syntax(self) -> str | None:
        """The transfer syntax uploads are compressed to (None: sent as they are)."""
        return UPLOAD_COMPRESSION[self.upload_compression]

    @property
    def secret_key(self) -> str:
        """The keyring key of this profile's secret: ``"<profile>:<user>"``."""
        return secret_key(self.name, self.username)

    @property
    def needs_secret(self) -> bool:
        return self.auth != "none"

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["ca_bundle"] = str(self.ca_bundle) if self.ca_bundle else None
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> HubProfile:
        leaked = SECRET_KEYS & {k.lower() for k in data}
        if leaked:
            raise ValueError(
                f"hub profile {data.get('name', '?')!r} holds a secret "
                f"({', '.join(sorted(leaked))}); secrets belong in the keyring"
            )
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if values.get("ca_bundle"):
            values["ca_bundle"] = Path(values["ca_bundle"])
        return cls(**values)


def secret_key(profile: str, username: str) -> str:
    """Keyring key ``"<profile>:<user>"`` (user may be empty for a token)."""
    return f"{profile}:{username}"


def default_profiles_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("strokelink")) / PROFILES_FILE


@dataclass
class ProfileStore:
    """The hub profiles, as JSON in ``path`` (default: the user config folder)."""

    path: Path = field(default_factory=default_profiles_path)

    def load(self) -> list[HubProfile]:
        """All profiles ([] when the file does not exist yet)."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        except (OSError, ValueError) as exc:
            raise ValueError(f"the hub profiles file {self.path} cannot be read: {exc}") from exc
        if not isinstance(raw, dict) or not isinstance(raw.get("profiles"), list):
            raise ValueError(f"the hub profiles file {self.path} is not a profiles list")
        profiles = [HubProfile.from_json(p) for p in raw["profiles"]]
        names = [p.name for p in profiles]
        if len(names) != len(set(names)):
            raise ValueError(f"the hub profiles file {self.path} names a profile twice")
        return profiles

    def default_name(self) -> str | None:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        value = raw.get("default") if isinstance(raw, dict) else None
        return str(value) if value else None

    def save(self, profiles: list[HubProfile], default: str | None = None) -> None:
        """Write all profiles atomically (temp file + rename), user-only permissions."""
        names = [p.name for p in profiles]
        if len(names) != len(set(names)):
            raise ValueError("two hub profiles have the same name")
        for profile in profiles:
            if profile.backup and profile.backup not in names:
                raise ValueError(
                    f"hub profile {profile.name!r}: no backup profile {profile.backup!r}"
                )
        if default is not None and default not in names:
            raise ValueError(f"no hub profile named {default!r}")
        payload = {
            "version": FORMAT_VERSION,
            "default": default if default is not None else self.default_name(),
            "profiles": [p.to_json() for p in profiles],
        }
        if payload["default"] not in names:
            payload["default"] = names[0] if names else None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".hubs-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(payload, handle, indent=2)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o600)
            os.replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def get(self, name: str) -> HubProfile:
        for profile in self.load():
            if profile.name == name:
                return profile
        raise KeyError(f"no hub profile named {name!r}")

    def find_by_url(self, base_url: str) -> HubProfile | None:
        wanted = base_url.rstrip("/")
        return next((p for p in self.load() if p.base_url.rstrip("/") == wanted), None)

    def put(self, profile: HubProfile, *, make_default: bool = False) -> None:
        """Add or replace (by name) one profile."""
        profiles = [p for p in self.load() if p.name != profile.name] + [profile]
        self.save(profiles, default=profile.name if make_default else None)

    def remove(self, name: str) -> None:
        profiles = self.load()
        if name not in {p.name for p in profiles}:
            raise KeyError(f"no hub profile named {name!r}")
        kept = [
            replace(p, backup=None) if p.backup == name else p for p in profiles if p.name != name
        ]
        self.save(kept)

    def default(self) -> HubProfile | None:
        """The default profile (or the first one, or None)."""
        profiles = self.load()
        name = self.default_name()
        return next((p for p in profiles if p.name == name), profiles[0] if profiles else None)


def resolve_profile(
    store: ProfileStore,
    *,
    name: str | None = None,
    hub: str | None = None,
    user: str | None = None,
    auth: str | None = None,
    ca_bundle: str | None = None,
) -> tuple[HubProfile, str]:
    """The profile to use and its keyring profile key, from command-line choices.

    A saved profile (``name``, else the one whose URL is ``hub``) with the
    given ``hub``/``user``/``auth``/``ca_bundle`` overriding its own; with no
    saved profile, an ad-hoc one for ``hub`` (keyring key: the URL without its
    trailing ``/``). ``auth`` defaults to ``basic`` when a user is given.
    Raises ValueError when neither a profile nor a hub URL is given, KeyError
    for an unknown profile name.
    """
    saved = None
    if name:
        saved = store.get(name)
    elif hub:
        try:
            saved = store.find_by_url(hub)
        except ValueError:
            saved = None
    if saved is None:
        if not hub:
            raise ValueError("give --hub URL or --profile NAME")
        chosen: Any = auth or ("basic" if user else "none")
        return HubProfile(
            name="command-line",
            base_url=hub,
            auth=chosen,
            username=user or "",
            ca_bundle=Path(ca_bundle) if ca_bundle else None,
        ), hub.rstrip("/")
    changes: dict[str, Any] = {}
    if hub:
        changes["base_url"] = hub
    if user:
        changes["username"] = user
        changes["auth"] = auth or "basic"
    elif auth:
        changes["auth"] = auth
    if ca_bundle:
        changes["ca_bundle"] = Path(ca_bundle)
    return replace(saved, **changes), saved.name


class SecretStore:
    """Passwords and tokens in the OS keyring, service ``"strokelink"``.

    ``backend`` is a ``keyring.backend.KeyringBackend`` to use instead of the
    process-wide one (tests inject an in-memory double of the OS store).
    """

    def __init__(self, backend: Any = None, service: str = KEYRING_SERVICE) -> None:
        self._backend = backend
        self.service = service

    def _keyring(self) -> Any:
        import keyring
        from keyring.backends import fail

        backend = self._backend if self._backend is not None else keyring.get_keyring()
        if isinstance(backend, fail.Keyring) or getattr(backend, "priority", 1) <= 0:
            raise KeyringUnavailable(
                "no usable system keyring (secret store) was found on this computer: "
                "the password cannot be saved and will be asked for each time"
            )
        return backend

    def available(self) -> bool:
        try:
            self._keyring()
        except KeyringUnavailable:
            return False
        return True

    def get(self, profile: str, username: str) -> str | None:
        """The stored secret, or None; KeyringUnavailable when there is no keyring."""
        backend = self._keyring()
        try:
            value = backend.get_password(self.service, secret_key(profile, username))
        except Exception as exc:  # keyring backends raise their own kinds
            raise KeyringUnavailable(
                f"the system keyring could not be read ({type(exc).__name__})"
            ) from exc
        return None if value is None else str(value)

    def set(self, profile: str, username: str, secret: str) -> None:
        backend = self._keyring()
        try:
            backend.set_password(self.service, secret_key(profile, username), secret)
        except Exception as exc:
            raise KeyringUnavailable(
                f"the system keyring refused to store the password ({type(exc).__name__})"
            ) from exc

    def delete(self, profile: str, username: str) -> None:
        backend = self._keyring()
        import keyring.errors

        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            backend.delete_password(self.service, secret_key(profile, username))


#: Passwords typed where no keyring exists: kept in memory, for this session only.
_SESSION_SECRETS: dict[str, str] = {}


def keep_for_session(profile: str, username: str, secret: str) -> None:
    """Keep ``secret`` in memory until the process ends (no keyring to keep it in)."""
    _SESSION_SECRETS[secret_key(profile, username)] = secret


def forget_for_session(profile: str, username: str) -> None:
    _SESSION_SECRETS.pop(secret_key(profile, username), None)


def session_secret(profile: str, username: str) -> str | None:
    """A password kept for this session only by :func:`keep_for_session`, or None."""
    return _SESSION_SECRETS.get(secret_key(profile, username))


def stored_secret(profile: HubProfile, secrets: SecretStore | None = None) -> str | None:
    """The profile's password or token from the keyring (or kept for this session
    only, :func:`keep_for_session`), asking nobody.

    None when the profile needs none, when none is stored or when there is no
    usable keyring: the hub will then refuse, and say so (the desktop windows
    start without asking; the command line asks on the terminal instead).
    """
    if not profile.needs_secret:
        return None
    try:
        found = (secrets or SecretStore()).get(profile.name, profile.username)
    except Exception:  # no keyring, or a backend's own failure
        found = None
    return found or session_secret(profile.name, profile.username)


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be a hub's base URL (``"scheme"``, ``"host"``, ``"port"``,
    ``"spaces"``, ``"credentials"``: a user name or password in it, which would be
    kept in plain text), or None. Nothing is corrected: the caller shows the problem
    (never the URL itself when it holds credentials)."""
    from urllib.parse import urlsplit

    if url != url.strip() or any(c.isspace() for c in url):
        return "spaces"
    try:
        parts = urlsplit(url)
        if parts.username is not None or parts.password is not None:
            return "credentials"
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return "port"
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not parts.hostname:
        return "host"
    return None


def pem_problem(path: Path) -> str | None:
    """Why ``path`` is no CA bundle (``"missing"``, ``"unreadable"``, ``"not_pem"``), or None."""
    if not path.is_file():
        return "missing"
    try:
        head = path.read_bytes()[:1_000_000]
    except OSError:
        return "unreadable"
    return None if b"-----BEGIN CERTIFICATE-----" in head else "not_pem"


def session_for(
    profile: HubProfile, secret: str | None = None, *, pool_maxsize: int = 8
) -> requests.Session:
    """A session for ``profile``: authentication, TLS trust, pools, User-Agent.

    - ``basic``: HTTP Basic with the profile's user name and ``secret``;
    - ``bearer``: ``Authorization: Bearer <secret>`` on every request;
    - ``verify`` is the CA bundle path when the profile has one, else the
      system trust store; TLS checks are off only if the profile explicitly
      says ``verify_tls: false`` (logged as a warning each time).
    """
    if profile.needs_secret and not secret:
        raise ValueError(f"hub profile {profile.name!r} needs a password or token")
    session = new_session(pool_maxsize=pool_maxsize, user_agent=USER_AGENT)
    if profile.auth == "basic":
        session.auth = (profile.username, secret or "")
    elif profile.auth == "bearer":
        session.headers["Authorization"] = f"Bearer {secret}"
    if profile.ca_bundle is not None:
        if not Path(profile.ca_bundle).is_file():
            raise ValueError(
                f"hub profile {profile.name!r}: CA bundle {profile.ca_bundle} not found"
            )
        session.verify = str(profile.ca_bundle)
    elif not profile.verify_tls:
        log.warning("hub profile %s: TLS certificate verification is OFF", profile.name)
        session.verify = False
    else:
        session.verify = True
    return session


def hub_for(profile: HubProfile, secret: str | None = None, **options: Any) -> HttpHub:
    """An :class:`app.hub.client.HttpHub` for ``profile`` (options go to HttpHub).

    Its ``upload_syntax`` attribute carries the profile's upload compression to
    :func:`app.ed.request.send.send_request` and the other senders.
    """
    hub = HttpHub(
        profile.base_url,
        session=session_for(profile, secret),
        connect_timeout_s=profile.connect_timeout_s,
        read_timeout_s=profile.read_timeout_s,
        **{"compression": profile.compression, **options},
    )
    hub.upload_syntax = profile.upload_syntax  # type: ignore[attr-defined]
    return hub
