"""Files sealed at rest: the drafts and the outbox, encrypted like the image cache.

DESIGN.md safety invariant 6: nothing the radiologist's laptop keeps of a
patient is readable without the key. :class:`SealedBox` is the primitive the
drafts (:mod:`app.opinion.drafts`) and the outbox (:mod:`app.outbox.store`) share:

* AES-256-GCM (``cryptography``'s ``AESGCM``) with a fresh random 96-bit
  nonce per write, and a *label* (what the file is, e.g. ``"draft"``) as
  associated data: a file moved into another role fails authentication;
* file names are keyed hashes (HMAC-SHA256) of what they hold
  (:meth:`SealedBox.name`), so a folder listing reveals no UID;
* each purpose (``"drafts"``, ``"outbox"``) derives its own keys from the one
  master key the cache keeps in the OS keyring (``app.retrieve.cache.load_cache_key``);
  without a keyring that key is ephemeral and sealed files do not survive a
  restart — the caller shows the cache key's message to the user;
* :meth:`SealedBox.write` is atomic and durable: a temporary file in the same
  folder, ``fsync``, ``os.replace``, then ``fsync`` of the folder. A reader
  (or a restart after ``kill -9``) sees the previous whole file or the new
  whole file, never a torn one.

The format is ``b"SLB1" + nonce + ciphertext-and-tag``.
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
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

if TYPE_CHECKING:
    from app.retrieve.cache import CacheKey

_MAGIC = b"SLB1"
_NONCE = 12
_TAG = 16
TEMP_PREFIX = ".tmp-"


class Unreadable(Exception):
    """A sealed file is damaged, was written with another key, or is in the wrong place."""


class SealedBox:
    """Seal and open bytes with keys derived from ``master_key`` for one ``purpose``.

    ``master_key`` is 32 random bytes (the cache's key); ``purpose`` keeps
    the drafts' and the outbox's keys apart from each other and from the
    cache's.
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
        self._aead = AESGCM(hashlib.sha256(f"{purpose}-content\0".encode() + master_key).digest())
        self._name_key = hashlib.sha256(f"{purpose}-names\0".encode() + master_key).digest()

    @classmethod
    def for_user(cls, purpose: str, key: CacheKey | None = None) -> SealedBox:
        """A box keyed by the cache's master key.

        OS keyring; see ``app.retrieve.cache.load_cache_key``.

        ``persistent`` is False, with the cache's ``message`` for the user,
        when the key is ephemeral: sealed files are then unreadable after a
        restart, so drafts and the outbox do not survive one.
        """
        if key is None:
            from app.retrieve.cache import load_cache_key

            key = load_cache_key()
        return cls(key.key, purpose, persistent=key.persistent, message=key.message)

    def __repr__(self) -> str:  # never print keys
        return f"SealedBox(purpose={self.purpose!r})"

    def name(self, *parts: str) -> str:
        """A file name for ``parts`` (e.g. a workitem UID): 32 hex digits, keyed."""
        text = "/".join(parts).encode("utf-8")
        return hmac.new(self._name_key, text, hashlib.sha256).hexdigest()[:32]

    def seal(self, plain: bytes, label: str) -> bytes:
        nonce = secrets.token_bytes(_NONCE)
        return _MAGIC + nonce + self._aead.encrypt(nonce, plain, label.encode("utf-8"))

    def open(self, sealed: bytes, label: str) -> bytes:
        """The plain bytes; :class:`Unreadable` when authentication fails."""
        if not sealed.startswith(_MAGIC) or len(sealed) < len(_MAGIC) + _NONCE + _TAG:
            raise Unreadable("not a sealed StrokeLink file")
        nonce = sealed[len(_MAGIC) : len(_MAGIC) + _NONCE]
        try:
            return self._aead.decrypt(nonce, sealed[len(_MAGIC) + _NONCE :], label.encode("utf-8"))
        except InvalidTag:
            raise Unreadable("the file is damaged or was sealed with another key") from None

    def write(self, path: Path, plain: bytes, label: str) -> None:
        """Seal ``plain`` into ``path`` atomically and durably (see the module docstring)."""
        write_atomic(path, self.seal(plain, label))

    def read(self, path: Path, label: str) -> bytes:
        """Open the file at ``path``; ``FileNotFoundError`` or :class:`Unreadable`."""
        return self.open(path.read_bytes(), label)


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` by ``data`` so that a crash leaves the old or the new file whole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, dir=path.parent)
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
