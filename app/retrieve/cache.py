"""The local image cache, encrypted at rest (DESIGN.md safety invariant 6).

Patient images land on a radiologist's home laptop, so nothing in the cache
folder is readable without the key:

* every file is sealed by :class:`app.store.sealed.SealedBox` (purpose
  ``"cache"``: AES-256-GCM, a fresh random nonce, the file's *role and UIDs*
  as associated data) — a file renamed, swapped or edited fails
  authentication and is refused (removed, then fetched again);
* file and folder names are keyed hashes (HMAC-SHA256) of the UIDs: without
  the key nobody can even test whether a known study is cached; there is no
  plaintext index;
* the master key lives in the OS keyring (:mod:`app.store.keys`). Without a
  usable keyring the key is *ephemeral*: random, held in memory for this
  process only. The cache stays encrypted but is unreadable after a restart;
  :attr:`ImageCache.persistent` is False and :attr:`ImageCache.message` says
  so to the user.

Entries of the cache's own earlier format (``b"SLC1"``) are not migrated: the
key check finds that format, and the whole cache is purged (downloaded again).

Layout (``root`` defaults to the platformdirs user cache dir)::

    root/v1/key-check.bin                       proves the key still matches
    root/v1/<study>/study.bin                   the study's series (QIDO JSON)
    root/v1/<study>/<series>/series.bin         series metadata (WADO-RS JSON)
    root/v1/<study>/<series>/<sop>.bin          one instance, Part 10 as received
    root/v1/<study>/<series>/.access            empty; its mtime = last access

Each series folder is the unit of eviction: :meth:`ImageCache.purge` removes
series older than the retention (default 24 h, from their first download),
then the least recently used ones until the total fits ``max_bytes``. The
clock is injected. Writes go to a temporary file in the same folder, then
``os.replace``: a reader sees a whole file or none, and a torn file fails
authentication anyway.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.store.keys import MasterKey, load_master_key
from app.store.sealed import SealedBox, Unreadable

log = logging.getLogger("app.retrieve.cache")

PURPOSE = "cache"
DEFAULT_RETENTION_S = 24 * 3600.0
DEFAULT_MAX_BYTES = 20 * 1024**3
_OLD_MAGIC = b"SLC1"  # the cache's format until issue #12: purged, never migrated
_LAYOUT = "v1"
_KEY_CHECK = b"strokelink cache key check"
_TEMP_PREFIX = ".tmp-"


def default_cache_dir() -> Path:
    """platformdirs' user cache folder for StrokeLink, ``images`` below it."""
    import platformdirs

    return Path(platformdirs.user_cache_dir("strokelink", appauthor=False)) / "images"


@dataclass
class PurgeReport:
    """What :meth:`ImageCache.purge` removed."""

    expired_series: int = 0
    evicted_series: int = 0
    bytes_removed: int = 0
    bytes_kept: int = 0


@dataclass
class _SeriesEntry:
    path: Path
    size: int
    stored: float
    accessed: float


class ImageCache:
    """Instances and metadata by UID, encrypted at rest (see the module docstring).

    ``key`` defaults to :func:`app.store.keys.load_master_key`; ``clock`` returns POSIX
    seconds (injected so tests can age entries). Methods raise nothing for a
    missing or refused entry: they return None and the caller fetches again.
    """

    def __init__(
        self,
        root: Path | None = None,
        *,
        key: MasterKey | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        retention_s: float = DEFAULT_RETENTION_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.root = Path(root) if root is not None else default_cache_dir()
        self._key = key if key is not None else load_master_key()
        self.max_bytes = max_bytes
        self.retention_s = retention_s
        self.clock = clock
        self.refused = 0  # entries that failed authentication since start
        self._touched: dict[Path, float] = {}
        self._box = SealedBox(self._key.key, PURPOSE)
        self._dir = self.root / _LAYOUT
        self._dir.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(OSError):
            os.chmod(self.root, 0o700)
        self._check_key()

    @property
    def persistent(self) -> bool:
        """True when the key is in the OS keyring (the cache survives a restart)."""
        return self._key.persistent

    @property
    def message(self) -> str:
        """For the user when the cache is not persistent; '' otherwise."""
        return self._key.message

    # -- names and encryption --------------------------------------------------

    def _study_dir(self, study: str) -> Path:
        return self._dir / self._box.name("study", study)

    def _series_dir(self, study: str, series: str) -> Path:
        return self._study_dir(study) / self._box.name("series", study, series)

    def _instance_path(self, study: str, series: str, sop: str) -> Path:
        return self._series_dir(study, series) / f"{self._box.name('sop', study, series, sop)}.bin"

    def _write(self, path: Path, plain: bytes, label: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=_TEMP_PREFIX, dir=path.parent)
        try:
            header, body = self._box.seal_parts(plain, label)
            with os.fdopen(fd, "wb") as handle:
                handle.write(header)
                handle.write(body)
            now = self.clock()
            os.utime(tmp, (now, now))
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise

    def _read(self, path: Path, label: str) -> bytes | None:
        try:
            sealed = path.read_bytes()
        except OSError:
            return None
        try:
            return self._box.open(sealed, label)
        except Unreadable:
            self.refused += 1
            log.warning("a cache entry failed authentication and was removed")
            with contextlib.suppress(OSError):
                path.unlink()
            return None

    def _touch(self, series_dir: Path) -> None:
        """Record a use of the series (for LRU eviction), at most once a second."""
        marker = series_dir / ".access"
        now = self.clock()
        if now - self._touched.get(series_dir, -1e18) < 1.0:
            return
        self._touched[series_dir] = now
        try:
            os.utime(marker, (now, now))
        except FileNotFoundError:
            with contextlib.suppress(OSError):
                marker.touch()
                os.utime(marker, (now, now))
        except OSError:
            pass

    def _check_key(self) -> None:
        """Wipe what an earlier key wrote (unreadable now), then remember this key."""
        path = self._dir / "key-check.bin"
        if path.exists():
            try:
                sealed = path.read_bytes()
            except OSError:
                sealed = b""
            with contextlib.suppress(Unreadable):
                if self._box.open(sealed, "key-check") == _KEY_CHECK:
                    return
            if sealed.startswith(_OLD_MAGIC):
                log.info(
                    "the image cache is in an older format: it is purged, images download again"
                )
            else:
                log.info("the cache key changed: entries written with the old key are removed")
            self.clear()
        self._write(path, _KEY_CHECK, "key-check")

    # -- instances -------------------------------------------------------------

    def put_instance(self, study: str, series: str, sop: str, data: bytes) -> None:
        """Store one instance (its Part 10 bytes), replacing any earlier copy."""
        self._write(self._instance_path(study, series, sop), data, f"sop:{study}/{series}/{sop}")
        self._touch(self._series_dir(study, series))

    def get_instance(self, study: str, series: str, sop: str) -> bytes | None:
        """The instance's bytes; None when absent or refused (tampered, other key)."""
        data = self._read(self._instance_path(study, series, sop), f"sop:{study}/{series}/{sop}")
        if data is not None:
            self._touch(self._series_dir(study, series))
        return data

    def has_instance(self, study: str, series: str, sop: str) -> bool:
        """Whether a file is there (not yet authenticated: :meth:`get_instance` checks)."""
        return self._instance_path(study, series, sop).is_file()

    def cached_instances(self, study: str, series: str, sops: Iterable[str]) -> set[str]:
        """Those of ``sops`` with a file in the cache."""
        return {sop for sop in sops if self.has_instance(study, series, sop)}

    # -- metadata --------------------------------------------------------------

    def put_series_metadata(self, study: str, series: str, metadata: list[dict[str, Any]]) -> None:
        """Keep a series' WADO-RS metadata (DICOM JSON, one object per instance)."""
        path = self._series_dir(study, series) / "series.bin"
        self._write(path, json.dumps(metadata).encode("utf-8"), f"series:{study}/{series}")
        self._touch(path.parent)

    def get_series_metadata(self, study: str, series: str) -> list[dict[str, Any]] | None:
        path = self._series_dir(study, series) / "series.bin"
        return self._json_list(self._read(path, f"series:{study}/{series}"))

    def put_study_series(self, study: str, series: list[dict[str, Any]]) -> None:
        """Keep a study's series list (QIDO-RS JSON), so the case reopens offline."""
        path = self._study_dir(study) / "study.bin"
        self._write(path, json.dumps(series).encode("utf-8"), f"study:{study}")

    def get_study_series(self, study: str) -> list[dict[str, Any]] | None:
        path = self._study_dir(study) / "study.bin"
        return self._json_list(self._read(path, f"study:{study}"))

    @staticmethod
    def _json_list(data: bytes | None) -> list[dict[str, Any]] | None:
        if data is None:
            return None
        value = json.loads(data)
        if not isinstance(value, list):
            return None
        return value

    # -- housekeeping ----------------------------------------------------------

    def _series_entries(self) -> list[_SeriesEntry]:
        entries = []
        for study_dir in self._dirs(self._dir):
            for series_dir in self._dirs(study_dir):
                size, stored, accessed = 0, float("inf"), 0.0
                for item in series_dir.iterdir():
                    try:
                        st = item.stat()
                    except OSError:
                        continue
                    if item.name == ".access":
                        accessed = max(accessed, st.st_mtime)
                        continue
                    size += st.st_size
                    stored = min(stored, st.st_mtime)
                    accessed = max(accessed, st.st_mtime)
                if stored == float("inf"):
                    stored = accessed
                entries.append(_SeriesEntry(series_dir, size, stored, accessed))
        return entries

    @staticmethod
    def _dirs(folder: Path) -> list[Path]:
        try:
            return [p for p in folder.iterdir() if p.is_dir()]
        except OSError:
            return []

    def size_bytes(self) -> int:
        """Bytes held by cached series."""
        return sum(entry.size for entry in self._series_entries())

    def purge(self, now: float | None = None) -> PurgeReport:
        """Remove expired series, then least recently used ones above ``max_bytes``."""
        now = self.clock() if now is None else now
        report = PurgeReport()
        kept: list[_SeriesEntry] = []
        for entry in self._series_entries():
            if now - entry.stored > self.retention_s:
                shutil.rmtree(entry.path, ignore_errors=True)
                report.expired_series += 1
                report.bytes_removed += entry.size
            else:
                kept.append(entry)
        total = sum(e.size for e in kept)
        for entry in sorted(kept, key=lambda e: e.accessed):
            if total <= self.max_bytes:
                break
            shutil.rmtree(entry.path, ignore_errors=True)
            report.evicted_series += 1
            report.bytes_removed += entry.size
            total -= entry.size
        report.bytes_kept = total
        for study_dir in self._dirs(self._dir):
            self._purge_study(study_dir, now)
        return report

    def _purge_study(self, study_dir: Path, now: float) -> None:
        for item in study_dir.iterdir():
            if item.name.startswith(_TEMP_PREFIX) or (
                item.name == "study.bin" and now - item.stat().st_mtime > self.retention_s
            ):
                with contextlib.suppress(OSError):
                    item.unlink()
        for series_dir in self._dirs(study_dir):
            for leftover in series_dir.glob(_TEMP_PREFIX + "*"):
                with contextlib.suppress(OSError):
                    if now - leftover.stat().st_mtime > 600:
                        leftover.unlink()
        if not self._dirs(study_dir) and not (study_dir / "study.bin").exists():
            shutil.rmtree(study_dir, ignore_errors=True)

    def clear(self) -> None:
        """Remove every cached study (the key check stays)."""
        for child in self._dirs(self._dir):
            shutil.rmtree(child, ignore_errors=True)
