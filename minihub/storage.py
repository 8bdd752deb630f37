"""The hub's storage: DICOM files under ``--data`` plus an SQLite index.

Layout of the data folder::

    index.sqlite3                       studies, series, instances, workitems
    instances/<study>/<series>/<sop>.dcm
    tmp/                                uploads being received (emptied at start)
    transcoded/<syntax>/<sop>.dcm       WADO-RS lossless compressed copies, bounded
                                        (minihub.transcode.TranscodeCache)

Writes are atomic: an upload is written to ``tmp/``, flushed with ``fsync``,
renamed into ``instances/`` and only then indexed, in one SQLite transaction;
a failed or interrupted upload therefore leaves nothing visible. A file that
is in ``instances/`` but not in the index (a crash between rename and commit)
is invisible and is overwritten by the next upload of that instance.

SQLite runs in WAL mode with one connection per thread; all writes are
serialised by one lock so that "is this SOP Instance UID already stored?" and
the insert that follows cannot interleave.
"""

from __future__ import annotations

import enum
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from minihub.instances import ParsedInstance, same_content

SCHEMA = """
CREATE TABLE IF NOT EXISTS studies (
    study_uid TEXT PRIMARY KEY,
    patient_id TEXT NOT NULL DEFAULT '',
    patient_name TEXT NOT NULL DEFAULT '',
    issuer TEXT NOT NULL DEFAULT '',
    birth_date TEXT NOT NULL DEFAULT '',
    sex TEXT NOT NULL DEFAULT '',
    study_date TEXT NOT NULL DEFAULT '',
    study_time TEXT NOT NULL DEFAULT '',
    accession TEXT NOT NULL DEFAULT '',
    referring TEXT NOT NULL DEFAULT '',
    study_id TEXT NOT NULL DEFAULT '',
    description TEXT NOT NULL DEFAULT '',
    attrs TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS studies_patient ON studies(patient_id);
CREATE INDEX IF NOT EXISTS studies_date ON studies(study_date);
CREATE INDEX IF NOT EXISTS studies_accession ON studies(accession);
CREATE TABLE IF NOT EXISTS series (
    series_uid TEXT PRIMARY KEY,
    study_uid TEXT NOT NULL,
    modality TEXT NOT NULL DEFAULT '',
    series_number INTEGER,
    description TEXT NOT NULL DEFAULT '',
    attrs TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS series_study ON series(study_uid);
CREATE TABLE IF NOT EXISTS instances (
    sop_uid TEXT PRIMARY KEY,
    series_uid TEXT NOT NULL,
    study_uid TEXT NOT NULL,
    sop_class_uid TEXT NOT NULL,
    instance_number INTEGER,
    rows INTEGER,
    columns INTEGER,
    frames INTEGER NOT NULL DEFAULT 1,
    bits_allocated INTEGER,
    samples_per_pixel INTEGER NOT NULL DEFAULT 1,
    transfer_syntax TEXT NOT NULL,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    pixel_offset INTEGER,
    pixel_length INTEGER,
    metadata TEXT NOT NULL,
    created REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS instances_series ON instances(series_uid);
CREATE INDEX IF NOT EXISTS instances_study ON instances(study_uid);
"""


class Database:
    """SQLite file with one connection per thread and one write lock."""

    def __init__(self, path: Path, schema: str = SCHEMA) -> None:
        self.path = path
        _private_file(path)
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._guard = threading.Lock()
        self.write_lock = threading.RLock()
        with self.writing() as conn:
            conn.executescript(schema)

    def add_schema(self, schema: str) -> None:
        """Create more tables (idempotent ``CREATE ... IF NOT EXISTS``)."""
        with self.writing() as conn:
            conn.executescript(schema)

    def connection(self) -> sqlite3.Connection:
        """This thread's connection (created on first use)."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, check_same_thread=False)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            self._local.conn = conn
            with self._guard:
                self._connections.append(conn)
        return conn

    @contextmanager
    def writing(self) -> Iterator[sqlite3.Connection]:
        """A write transaction under the write lock; rolled back on error."""
        with self.write_lock:
            conn = self.connection()
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
            except BaseException:
                conn.rollback()
                raise
            conn.commit()

    def close(self) -> None:
        """Close every connection this database opened."""
        with self._guard:
            for conn in self._connections:
                conn.close()
            self._connections.clear()
        self._local = threading.local()


class StoreOutcome(enum.Enum):
    """What happened to one uploaded instance."""

    STORED = "stored"
    #: Same SOP Instance UID, same data set: nothing changed, reported as success.
    ALREADY_STORED = "already stored"
    #: Same SOP Instance UID, different data set: refused, stored copy untouched.
    CONFLICT = "conflict"
    #: The series is already stored under another study: refused.
    SERIES_IN_OTHER_STUDY = "series in another study"


@dataclass(frozen=True)
class StoredInstance:
    """One row of the instance index."""

    study_uid: str
    series_uid: str
    sop_uid: str
    sop_class_uid: str
    transfer_syntax: str
    path: Path
    size: int
    frames: int
    rows: int | None
    columns: int | None
    bits_allocated: int | None
    samples_per_pixel: int
    pixel_offset: int | None
    pixel_length: int | None
    metadata: str

    @classmethod
    def from_row(cls, row: sqlite3.Row, root: Path) -> StoredInstance:
        return cls(
            study_uid=row["study_uid"],
            series_uid=row["series_uid"],
            sop_uid=row["sop_uid"],
            sop_class_uid=row["sop_class_uid"],
            transfer_syntax=row["transfer_syntax"],
            path=root / row["path"],
            size=row["size"],
            frames=row["frames"] or 1,
            rows=row["rows"],
            columns=row["columns"],
            bits_allocated=row["bits_allocated"],
            samples_per_pixel=row["samples_per_pixel"] or 1,
            pixel_offset=row["pixel_offset"],
            pixel_length=row["pixel_length"],
            metadata=row["metadata"],
        )


class Archive:
    """Instances on disk and in the index."""

    def __init__(self, data_dir: Path) -> None:
        self.root = data_dir
        self.files = data_dir / "instances"
        self.tmp = data_dir / "tmp"
        private_dir(data_dir)
        private_dir(self.files)
        private_dir(self.tmp)
        for leftover in self.tmp.iterdir():  # uploads interrupted by a previous stop
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            else:
                leftover.unlink(missing_ok=True)
        self.db = Database(data_dir / "index.sqlite3")

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def temp_file(self) -> Iterator[tuple[Path, BinaryIO]]:
        """A new file in ``tmp/``; removed on exit unless it was moved away."""
        fd_path = self.tmp / f"upload-{os.getpid()}-{threading.get_ident()}-{time.time_ns()}"
        stream = os.fdopen(os.open(fd_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE), "wb")
        try:
            yield fd_path, stream
        finally:
            if not stream.closed:
                stream.close()
            fd_path.unlink(missing_ok=True)

    def store(self, temp_path: Path, parsed: ParsedInstance) -> StoreOutcome:
        """Move a complete, fsynced temp file into place and index it.

        An instance with a stored SOP Instance UID is ALREADY_STORED when its
        content equals the stored one's, however its pixels are encoded
        (:func:`minihub.instances.same_content`, decoded outside the write
        lock), else a CONFLICT; the stored file is never changed.
        """
        outcome = self._store(temp_path, parsed)
        if isinstance(outcome, Path):  # same UID, other bytes: the same instance?
            same = same_content(outcome, temp_path)
            return StoreOutcome.ALREADY_STORED if same else StoreOutcome.CONFLICT
        return outcome

    def _store(self, temp_path: Path, parsed: ParsedInstance) -> StoreOutcome | Path:
        """:meth:`store`, or the stored file to compare with when the bytes differ."""
        relative = Path("instances", parsed.study_uid, parsed.series_uid, f"{parsed.sop_uid}.dcm")
        now = time.time()
        with self.db.writing() as conn:
            row = conn.execute(
                "SELECT content_hash, path FROM instances WHERE sop_uid = ?", (parsed.sop_uid,)
            ).fetchone()
            if row is not None:
                if row["content_hash"] == parsed.content_hash:
                    return StoreOutcome.ALREADY_STORED
                # The same instance encoded otherwise (compressed losslessly, or not)
                # is a resend, not a conflict: compare decoded pixels and the rest.
                return self.root / row["path"]
            series = conn.execute(
                "SELECT study_uid FROM series WHERE series_uid = ?", (parsed.series_uid,)
            ).fetchone()
            if series is not None and series["study_uid"] != parsed.study_uid:
                return StoreOutcome.SERIES_IN_OTHER_STUDY
            target = self.root / relative
            for folder in (target.parent.parent, target.parent):
                private_dir(folder)
            size = temp_path.stat().st_size
            os.replace(temp_path, target)
            _fsync_dir(target.parent)
            try:
                self._index(conn, parsed, relative, size, now)
            except BaseException:
                target.unlink(missing_ok=True)
                raise
        return StoreOutcome.STORED

    @staticmethod
    def _index(
        conn: sqlite3.Connection, parsed: ParsedInstance, relative: Path, size: int, now: float
    ) -> None:
        conn.execute(
            "INSERT OR IGNORE INTO studies (study_uid, patient_id, patient_name, issuer,"
            " birth_date, sex, study_date, study_time, accession, referring, study_id,"
            " description, attrs, created) VALUES (:study_uid, :patient_id, :patient_name,"
            " :issuer, :birth_date, :sex, :study_date, :study_time, :accession, :referring,"
            " :study_id, :description, :attrs, :created)",
            {
                **parsed.study_keys,
                "study_uid": parsed.study_uid,
                "attrs": parsed.study_attrs,
                "created": now,
            },
        )
        conn.execute(
            "INSERT OR IGNORE INTO series (series_uid, study_uid, modality, series_number,"
            " description, attrs, created) VALUES (:series_uid, :study_uid, :modality,"
            " :series_number, :description, :attrs, :created)",
            {
                **parsed.series_keys,
                "series_uid": parsed.series_uid,
                "study_uid": parsed.study_uid,
                "attrs": parsed.series_attrs,
                "created": now,
            },
        )
        conn.execute(
            "INSERT INTO instances (sop_uid, series_uid, study_uid, sop_class_uid,"
            " instance_number, rows, columns, frames, bits_allocated, samples_per_pixel,"
            " transfer_syntax, path, size, content_hash, pixel_offset, pixel_length,"
            " metadata, created) VALUES (:sop_uid, :series_uid, :study_uid, :sop_class_uid,"
            " :instance_number, :rows, :columns, :frames, :bits_allocated,"
            " :samples_per_pixel, :transfer_syntax, :path, :size, :content_hash,"
            " :pixel_offset, :pixel_length, :metadata, :created)",
            {
                **parsed.instance_keys,
                "sop_uid": parsed.sop_uid,
                "series_uid": parsed.series_uid,
                "study_uid": parsed.study_uid,
                "sop_class_uid": parsed.sop_class_uid,
                "transfer_syntax": parsed.transfer_syntax,
                "path": relative.as_posix(),
                "size": size,
                "content_hash": parsed.content_hash,
                "pixel_offset": parsed.pixel_offset,
                "pixel_length": parsed.pixel_length,
                "metadata": parsed.metadata,
                "created": now,
            },
        )

    def study_exists(self, study_uid: str) -> bool:
        row = (
            self.db.connection()
            .execute("SELECT 1 FROM studies WHERE study_uid = ?", (study_uid,))
            .fetchone()
        )
        return row is not None

    def series_exists(self, study_uid: str, series_uid: str) -> bool:
        row = (
            self.db.connection()
            .execute(
                "SELECT 1 FROM series WHERE study_uid = ? AND series_uid = ?",
                (study_uid, series_uid),
            )
            .fetchone()
        )
        return row is not None

    def instances(
        self, study_uid: str, series_uid: str | None = None, sop_uid: str | None = None
    ) -> list[StoredInstance]:
        """Instances of a study, a series or one instance, in series/instance order."""
        sql = (
            "SELECT i.* FROM instances i JOIN series se ON se.series_uid = i.series_uid"
            " WHERE i.study_uid = ?"
        )
        params: list[str] = [study_uid]
        if series_uid is not None:
            sql += " AND i.series_uid = ?"
            params.append(series_uid)
        if sop_uid is not None:
            sql += " AND i.sop_uid = ?"
            params.append(sop_uid)
        sql += (
            " ORDER BY se.series_number IS NULL, se.series_number, se.rowid,"
            " i.instance_number IS NULL, i.instance_number, i.rowid"
        )
        rows = self.db.connection().execute(sql, params).fetchall()
        return [StoredInstance.from_row(row, self.root) for row in rows]

    def counts(self) -> tuple[int, int, int]:
        """Numbers of studies, series and instances."""
        conn = self.db.connection()
        return (
            conn.execute("SELECT COUNT(*) FROM studies").fetchone()[0],
            conn.execute("SELECT COUNT(*) FROM series").fetchone()[0],
            conn.execute("SELECT COUNT(*) FROM instances").fetchone()[0],
        )


FOLDER_MODE = 0o700
FILE_MODE = 0o600


def private_dir(path: Path) -> None:
    """Create ``path`` (parents too) readable by this user only (0700); tighten an old one."""
    path.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(FOLDER_MODE)


def _private_file(path: Path) -> None:
    """Create ``path`` empty, mode 0600, if missing (SQLite keeps the mode); tighten an old one."""
    private_dir(path.parent)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    except FileExistsError:
        if path.stat().st_mode & 0o077:
            path.chmod(FILE_MODE)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
