"""Files sealed at rest: drafts, outbox, request states and the image cache, one format.

DESIGN.md safety invariant 6: nothing the radiologist's laptop keeps of a
patient is readable without the key. :class:`SealedBox` is the one primitive
the drafts (:mod:`app.opinion.drafts`), the outbox (:mod:`app.outbox.store`),
the ED's request states (:mod:`app.ed.request.state`) and the image cache
(:mod:`app.retrieve.cache`) share:

* AES-256-GCM (``cryptography``'s ``AESGCM``) with a fresh random 96-bit
  nonce per write, and a *label* (what the file is, e.g. ``"draft"``) as
  associated data: a file moved into another role fails authentication;
* each purpose (``"drafts"``, ``"outbox"``, ``"requests"``, ``"cache"``)
  derives its own content key from the one master key
  (:mod:`app.store.keys`) with HKDF-SHA256 (RFC 5869), the purpose in HKDF's
  *info*; without a keyring that key is ephemeral and sealed files do not
  survive a restart — the caller shows the key's message to the user;
* file names are keyed hashes (HMAC-SHA256) of what they hold
  (:meth:`SealedBox.name`), so a folder listing reveals no UID;
* :meth:`SealedBox.write` is atomic and durable: a temporary file in the same
  folder, ``fsync``, ``os.replace``, then ``fsync`` of the folder. A reader
  (or a restart after ``kill -9``) sees the previous whole file or the new
  whole file, never a torn one.

The format is a versioned header, ``b"SLSF"`` + one version byte (1) + the
nonce, then the ciphertext and its tag. Files of the older ``b"SLB1"`` format
(content key SHA-256(purpose-content NUL ‖ master key)) are still opened, and
written anew in this format by the next save (:func:`_open_legacy`).
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

if TYPE_CHECKING:
    from app.store.keys import MasterKey

MAGIC = b"SLSF"
VERSION = 1
HEADER = MAGIC + bytes([VERSION])
_NONCE = 12
_TAG = 16
TEMP_PREFIX = ".tmp-"

# The drafts', outbox's and request states' format until issue #12 (2026-12).
_LEGACY_MAGIC = b"SLB1"


class Unreadable(Exception):
    """A sealed file is damaged, was written with another key, or is in the wrong place."""


def derive_key(master_key: bytes, purpose: str, use: str) -> bytes:
    """A 256-bit key for one ``use`` of one ``purpose``: HKDF-SHA256 of the master key."""
    info = f"strokelink/{purpose}/{use}".encode()
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=info).derive(master_key)


def _rename(old: Path, new: Path) -> None:
    """Rename a file or folder to its current name; another process (the app and a
    command) may have done it just before: then there is nothing left to do."""
    try:
        os.replace(old, new)
    except OSError:
        if not new.exists():
            raise
    sync_folder(new.parent)


def _keyed_name(key: bytes, parts: tuple[str, ...]) -> str:
    return hmac.new(key, "/".join(parts).encode("utf-8"), hashlib.sha256).hexdigest()[:32]


class SealedBox:
    """Seal and open bytes with keys derived from ``master_key`` for one ``purpose``.

    ``master_key`` is 32 random bytes (:mod:`app.store.keys`); ``purpose``
    keeps the drafts', the outbox's, the request states' and the cache's keys
    apart.
    """

    def __init__(
        self, master_key: bytes, purpose: str, *, persistent: bool = True, message: str = ""
    ) -> None:
        if len(master_key) != 32:
            raise ValueError("the master key must be 32 bytes")
        if not purpose:
            raise ValueError("a sealed box needs a purpose")
        self.purpose = purpose
        self.persistent = persistent
        self.message = message
        self._aead = AESGCM(derive_key(master_key, purpose, "content"))
        self._name_key = derive_key(master_key, purpose, "names")
        # Earlier versions named files with a key derived as SHA-256(label, key): such a
        # file or folder is renamed when it is met (locate, place). Can go mid-2027.
        self._legacy_name_key = hashlib.sha256(f"{purpose}-names\0".encode() + master_key).digest()
        self._legacy_aead = AESGCM(
            hashlib.sha256(f"{purpose}-content\0".encode() + master_key).digest()
        )

    @classmethod
    def for_user(cls, purpose: str, key: MasterKey | None = None) -> SealedBox:
        """A box keyed by the user's master key (:func:`app.store.keys.load_master_key`).

        ``persistent`` is False, with the key's ``message`` for the user,
        when the key is ephemeral: sealed files are then unreadable after a
        restart, so drafts and the outbox do not survive one.
        """
        if key is None:
            from app.store.keys import load_master_key

            key = load_master_key()
        return cls(key.key, purpose, persistent=key.persistent, message=key.message)

    def __repr__(self) -> str:  # never print keys
        return f"SealedBox(purpose={self.purpose!r})"

    def name(self, *parts: str) -> str:
        """A file name for ``parts`` (e.g. a workitem UID): 32 hex digits, keyed."""
        return _keyed_name(self._name_key, parts)

    def legacy_name(self, *parts: str) -> str:
        """The name earlier versions gave ``parts`` (see :meth:`locate`)."""
        return _keyed_name(self._legacy_name_key, parts)

    def locate(self, folder: Path, *parts: str, suffix: str = "") -> Path:
        """The path of ``parts`` in ``folder``; a file or folder still under the name
        an earlier version gave it is renamed first, so nothing is lost."""
        path = folder / f"{self.name(*parts)}{suffix}"
        if not path.exists():
            legacy = folder / f"{self.legacy_name(*parts)}{suffix}"
            if legacy.exists():
                _rename(legacy, path)
        return path

    def place(self, found: Path, *parts: str, suffix: str = "") -> Path | None:
        """Where ``found`` (a file or folder holding ``parts``, read from its content)
        belongs: ``found`` itself, or its new path after renaming it from the name an
        earlier version gave it; ``None`` when it is named for other parts."""
        expected = found.with_name(f"{self.name(*parts)}{suffix}")
        if found == expected:
            return found
        if found.name != f"{self.legacy_name(*parts)}{suffix}":
            return None
        if not expected.exists():
            _rename(found, expected)
            return expected if expected.exists() else None
        return None  # both exist: the current one wins; the old one is left alone

    def seal_parts(self, plain: bytes, label: str) -> tuple[bytes, bytes]:
        """(header, ciphertext + tag), for a writer that would rather not concatenate them."""
        nonce = secrets.token_bytes(_NONCE)
        return HEADER + nonce, self._aead.encrypt(nonce, plain, label.encode("utf-8"))

    def seal(self, plain: bytes, label: str) -> bytes:
        header, body = self.seal_parts(plain, label)
        return header + body

    def open(self, sealed: bytes, label: str) -> bytes:
        """The plain bytes; :class:`Unreadable` when authentication fails."""
        if sealed[: len(_LEGACY_MAGIC)] == _LEGACY_MAGIC:
            return self._open_legacy(sealed, label)
        start = len(HEADER) + _NONCE
        if sealed[: len(HEADER)] != HEADER or len(sealed) < start + _TAG:
            raise Unreadable("not a sealed StrokeLink file")
        with memoryview(sealed) as view:
            return self._decrypt(self._aead, view[len(HEADER) : start], view[start:], label)

    def _open_legacy(self, sealed: bytes, label: str) -> bytes:
        """The ``b"SLB1"`` format (see the module docstring); the next save rewrites the file.

        It can go once no install older than issue #12 may still hold a draft,
        an outbox item or a request state (drafts and request states are
        purged within days, outbox items once delivered): from mid-2027.
        """
        start = len(_LEGACY_MAGIC) + _NONCE
        if len(sealed) < start + _TAG:
            raise Unreadable("not a sealed StrokeLink file")
        with memoryview(sealed) as view:
            return self._decrypt(
                self._legacy_aead, view[len(_LEGACY_MAGIC) : start], view[start:], label
            )

    @staticmethod
    def _decrypt(aead: AESGCM, nonce: memoryview, body: memoryview, label: str) -> bytes:
        try:
            return aead.decrypt(bytes(nonce), body, label.encode("utf-8"))
        except InvalidTag:
            raise Unreadable("the file is damaged or was sealed with another key") from None

    def write(self, path: Path, plain: bytes, label: str) -> None:
        """Seal ``plain`` into ``path`` atomically and durably (see the module docstring)."""
        write_atomic(path, self.seal(plain, label))

    def read(self, path: Path, label: str) -> bytes:
        """Open the file at ``path``; ``FileNotFoundError`` or :class:`Unreadable`."""
        return self.open(path.read_bytes(), label)


def write_atomic(path: Path, data: bytes, *, prefix: str = TEMP_PREFIX, suffix: str = "") -> None:
    """Replace ``path`` by ``data`` so that a crash leaves the old or the new file whole.

    Written to a temporary ``<prefix>*<suffix>`` file beside it (callers clear their
    own leftovers by that pattern), flushed to disk, renamed, and the folder synced.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """``fsync`` a folder so a rename or removal in it is durable (POSIX; no-op elsewhere)."""
    if not hasattr(os, "O_DIRECTORY"):
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def private_folder(folder: Path) -> Path:
    """Create ``folder`` (and parents), readable by its owner only where the OS allows."""
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):
        os.chmod(folder, 0o700)
    return folder


def remove_leftovers(folder: Path, *, older_than_s: float = 60.0) -> None:
    """Remove temporary files a crash left behind in ``folder`` (not those being written)."""
    now = time.time()
    for leftover in folder.glob(TEMP_PREFIX + "*"):
        with contextlib.suppress(OSError):
            if now - leftover.stat().st_mtime > older_than_s:
                leftover.unlink()
