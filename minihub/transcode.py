"""Transcoding stored instances for WADO-RS, with a bounded on-disk cache.

An instance asked for in a transfer syntax other than its stored one is
re-encoded (:func:`produce`): Explicit VR Little Endian (decompressed), or a
lossless compressed syntax (:data:`protocol.lossless.LOSSLESS_TARGETS`, where
an installed encoder can produce it), checked pixel-identical to the stored
one by :func:`protocol.lossless.compress_lossless`.

The result is kept in :class:`TranscodeCache`, a folder of the data folder::

    transcoded/<transfer syntax UID>/<SOP Instance UID>.dcm

private like the rest (folders 0700, files 0600), written atomically (a temp
file renamed into place), bounded in bytes: when a new entry takes it over
its bound, the least recently used entries (file mtime, refreshed on every
hit) are deleted down to 90 % of it. Both path components are checked to be
UIDs before any path is built from them; an entry older than its stored
instance is stale and ignored.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pydicom
from pydicom.uid import UID

from minihub.instances import EXPLICIT_VR_LE, UNCOMPRESSED
from minihub.storage import FILE_MODE, StoredInstance, private_dir
from protocol.lossless import LOSSLESS_TARGETS, compress_lossless
from protocol.uids import is_uid

log = logging.getLogger("minihub")
DEFAULT_CACHE_BYTES = 2 * 1024**3
SUFFIX = ".dcm"
MAX_TRANSCODE_BYTES = 256 * 1024**2  # a stored instance above this is never compressed
FAILED_ENTRIES = 4096  # failed encodes remembered (least recently failed forgotten first)
# Encodes (and decompressions) running at once: one core stays for the event loop.
TRANSCODE_SLOTS = threading.BoundedSemaphore(max(1, (os.cpu_count() or 2) - 1))


class TranscodeRefused(ValueError):
    """A transcode not attempted: it failed before, or the instance is too large."""


def produce(instance: StoredInstance, transfer_syntax: str) -> bytes:
    """``instance`` as a Part 10 file in ``transfer_syntax`` (raises if it cannot be)."""
    if transfer_syntax == EXPLICIT_VR_LE:
        return to_explicit_le(instance.path)
    if transfer_syntax in LOSSLESS_TARGETS:
        return compress_lossless(instance.path, transfer_syntax)
    raise ValueError(f"minihub does not transcode to {transfer_syntax}")


def to_explicit_le(path: Path) -> bytes:
    """The instance re-encoded as Explicit VR Little Endian (decompressed if needed).

    The SOP Instance UID is kept: decompression is lossless with respect to
    the stored data (PS3.5 8.2 asks for a new UID only when *applying* lossy
    compression).
    """
    ds = pydicom.dcmread(path)
    if ds.file_meta.TransferSyntaxUID not in UNCOMPRESSED and "PixelData" in ds:
        ds.decompress(generate_instance_uid=False)
    ds.file_meta.TransferSyntaxUID = UID(EXPLICIT_VR_LE)
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


class TranscodeCache:
    """Transcoded instances on disk, keyed by SOP Instance UID and transfer syntax."""

    def __init__(
        self,
        folder: Path,
        max_bytes: int = DEFAULT_CACHE_BYTES,
        max_transcode_bytes: int = MAX_TRANSCODE_BYTES,
    ) -> None:
        if max_bytes < 0:
            raise ValueError("the transcode cache bound must be 0 or more bytes")
        if max_transcode_bytes < 0:
            raise ValueError("the per-instance transcode bound must be 0 or more bytes")
        self.folder = folder
        self.max_bytes = max_bytes
        self.max_transcode_bytes = max_transcode_bytes
        self._lock = threading.Lock()
        # (SOP, syntax) -> [lock, number of requests using it]; removed when unused.
        self._key_locks: dict[tuple[str, str], tuple[threading.Lock, list[int]]] = {}
        # (SOP, syntax, stored file mtime) -> exception type name of the failed encode.
        self._failed: OrderedDict[tuple[str, str, int], str] = OrderedDict()
        private_dir(folder)
        self._total = 0
        for entry in self._entries():
            if entry.name.endswith(SUFFIX):
                self._total += entry.stat().st_size
            else:  # a write interrupted by a stop
                entry.unlink(missing_ok=True)

    def _entries(self) -> list[Path]:
        return [f for d in self.folder.iterdir() if d.is_dir() for f in d.iterdir() if f.is_file()]

    @property
    def total_bytes(self) -> int:
        return self._total

    def path_for(self, sop_uid: str, transfer_syntax: str) -> Path:
        """Where an entry lives; ValueError unless both are UIDs (no path from a network value)."""
        if not (is_uid(sop_uid) and is_uid(transfer_syntax)):
            raise ValueError("a transcode cache key must be two UIDs")
        return self.folder / transfer_syntax / f"{sop_uid}{SUFFIX}"

    def get(self, instance: StoredInstance, transfer_syntax: str) -> bytes | None:
        """The cached bytes, or None (missing, or older than the stored instance)."""
        path = self.path_for(instance.sop_uid, transfer_syntax)
        try:
            with path.open("rb") as stream:
                if os.fstat(stream.fileno()).st_mtime_ns < instance.path.stat().st_mtime_ns:
                    return None
                data = stream.read()
            os.utime(path)  # most recently used
        except FileNotFoundError:
            return None
        return data

    def put(self, instance: StoredInstance, transfer_syntax: str, data: bytes) -> None:
        """Keep ``data``; an entry larger than the whole bound is not kept."""
        path = self.path_for(instance.sop_uid, transfer_syntax)
        if len(data) > self.max_bytes:
            return
        private_dir(path.parent)
        temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        try:
            with os.fdopen(fd, "wb") as stream:
                stream.write(data)
            with self._lock:
                old = path.stat().st_size if path.exists() else 0
                os.replace(temp, path)
                self._total += len(data) - old
                if self._total > self.max_bytes:
                    self._evict(keep=path)
        finally:
            temp.unlink(missing_ok=True)

    def _evict(self, keep: Path) -> None:
        """Delete least recently used entries down to 90 % of the bound (lock held)."""
        entries = []
        for entry in self._entries():
            if entry.name.endswith(SUFFIX) and entry != keep:
                try:
                    stat = entry.stat()
                except FileNotFoundError:
                    continue
                entries.append((stat.st_mtime_ns, stat.st_size, entry))
        entries.sort()
        target = self.max_bytes * 9 // 10
        for _, size, entry in entries:
            if self._total <= target:
                break
            entry.unlink(missing_ok=True)
            self._total -= size

    @contextmanager
    def _key_lock(self, key: tuple[str, str]) -> Iterator[None]:
        """Held while one request produces ``key``; the others wait for its entry."""
        with self._lock:
            lock, users = self._key_locks.setdefault(key, (threading.Lock(), [0]))
            users[0] += 1
        try:
            with lock:
                yield
        finally:
            with self._lock:
                users[0] -= 1
                if users[0] == 0:
                    del self._key_locks[key]

    def waiting(self, sop_uid: str, transfer_syntax: str) -> int:
        """How many requests are producing or waiting for this entry (for tests and logs)."""
        with self._lock:
            entry = self._key_locks.get((sop_uid, transfer_syntax))
            return entry[1][0] if entry else 0

    def failed_before(self, instance: StoredInstance, transfer_syntax: str) -> bool:
        """Whether encoding this stored file to ``transfer_syntax`` failed already."""
        key = (instance.sop_uid, transfer_syntax, instance.path.stat().st_mtime_ns)
        with self._lock:
            return key in self._failed

    def _remember_failure(
        self, instance: StoredInstance, transfer_syntax: str, exc: Exception
    ) -> None:
        key = (instance.sop_uid, transfer_syntax, instance.path.stat().st_mtime_ns)
        with self._lock:
            self._failed[key] = type(exc).__name__
            self._failed.move_to_end(key)
            while len(self._failed) > FAILED_ENTRIES:
                self._failed.popitem(last=False)

    def transcoded(self, instance: StoredInstance, transfer_syntax: str) -> bytes:
        """From the cache, or produced (:func:`produce`) and cached.

        :class:`TranscodeRefused` (a ValueError: the caller falls back) when the
        stored file is larger than ``max_transcode_bytes`` or failed to encode before.
        """
        cached = self.get(instance, transfer_syntax)
        if cached is not None:
            return cached
        if instance.path.stat().st_size > self.max_transcode_bytes:
            raise TranscodeRefused("the instance is too large to transcode")
        with self._key_lock((instance.sop_uid, transfer_syntax)):
            cached = self.get(instance, transfer_syntax)  # produced while this one waited
            if cached is not None:
                return cached
            if self.failed_before(instance, transfer_syntax):
                raise TranscodeRefused("this instance failed to transcode before")
            started = time.perf_counter()
            try:
                with TRANSCODE_SLOTS:
                    data = produce(instance, transfer_syntax)
            except OSError:
                raise  # the stored file unreadable: not a property of the data
            except Exception as exc:
                self._remember_failure(instance, transfer_syntax, exc)
                raise
            log.debug(
                "WADO-RS: transcoded to %s in %.3f s",
                transfer_syntax, time.perf_counter() - started,
            )  # fmt: skip
            try:
                self.put(instance, transfer_syntax, data)
            except OSError as exc:  # a full disk must not fail the retrieval
                log.warning("WADO-RS: transcode cache not written (%s)", type(exc).__name__)
            return data
