"""The audit trail: who did what, when, on which hub, to which UIDs.

An append-only JSON-lines file (one record per line), tamper-evident by a
SHA-256 hash chain: each record carries ``prev`` (the previous record's
``hash``; 64 zeros for the first) and ``hash``, the SHA-256 of its own
canonical JSON (sorted keys, no spaces) without the ``hash`` field. Editing,
deleting, inserting or reordering records breaks the chain, which
:func:`verify` reports. Cutting records off the *end* leaves a valid shorter
chain: :meth:`AuditLog.head` gives (count, last hash) to anchor elsewhere.

What a record may hold is a closed schema (:data:`FIELDS`): the user's id,
an action from :data:`ACTIONS`, the UTC time, the hub's base URL (without
credentials or query), DICOM UIDs, an outcome and a reason *code* — never
images, free text or patient names. Anything else is refused with
``ValueError`` before the file is touched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from protocol.uids import is_uid

GENESIS = "0" * 64

ACTIONS = frozenset(
    {
        "login",
        "logout",
        "claim",
        "release",
        "case-opened",
        "case-closed",
        "series-viewed",
        "series-retrieved",
        "opinion-sent",
        "opinion-preliminary-sent",
        "ack",
        "identity-override",
        "cache-purged",
        "request-created",
        "request-canceled",
    }
)
OUTCOMES = frozenset({"ok", "failed", "refused", "canceled"})
# Reason codes (no free text): why an action failed or was overridden.
REASONS = frozenset(
    {
        "hub-unreachable",
        "auth",
        "not-found",
        "conflict",
        "already-claimed",
        "server-error",
        "malformed",
        "identity-mismatch",
        "user-override",
        "unsupported",
        "corrupt",
    }
)

_USER = re.compile(r"^[A-Za-z0-9._@+-]{1,64}$")


def _is_plain_url(value: str) -> bool:
    parts = urlsplit(value)
    return (
        parts.scheme in ("http", "https")
        and bool(parts.hostname)
        and "@" not in parts.netloc
        and not parts.query
        and not parts.fragment
        and len(value) <= 200
    )


# field → validator; "seq", "when", "prev" and "hash" are set by the log itself.
FIELDS: dict[str, Callable[[Any], bool]] = {
    "who": lambda v: isinstance(v, str) and bool(_USER.match(v)),
    "what": lambda v: v in ACTIONS,
    "hub": lambda v: isinstance(v, str) and _is_plain_url(v),
    "study_uid": is_uid,
    "series_uid": is_uid,
    "sop_instance_uid": is_uid,
    "workitem_uid": is_uid,
    "transaction_uid": is_uid,
    "document_uids": lambda v: isinstance(v, list) and all(is_uid(u) for u in v),
    "outcome": lambda v: v in OUTCOMES,
    "reason": lambda v: v in REASONS,
}
_REQUIRED = ("who", "what", "hub")


def hub_for_audit(base_url: str) -> str:
    """A hub URL fit for the log: credentials, query and fragment removed."""
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path.rstrip("/"), "", ""))


def _canonical(record: dict[str, Any]) -> bytes:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _digest(record: dict[str, Any]) -> str:
    return hashlib.sha256(_canonical({k: v for k, v in record.items() if k != "hash"})).hexdigest()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@contextlib.contextmanager
def _locked(handle: Any) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: one StrokeLink process per user is assumed
        yield
        return
    fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
    try:
        yield
    finally:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


class AuditLog:
    """Append records to the log at ``path`` (created with its folder).

    ``user`` and ``hub`` are written into every record unless given per call;
    ``clock`` returns an aware datetime (converted to UTC).
    """

    def __init__(
        self,
        path: Path,
        *,
        user: str,
        hub: str,
        clock: Callable[[], dt.datetime] = _utc_now,
    ) -> None:
        self.path = Path(path)
        self.user = user
        self.hub = hub_for_audit(hub)
        self.clock = clock
        self.path.parent.mkdir(parents=True, exist_ok=True)

    def append(self, what: str, **fields: Any) -> dict[str, Any]:
        """Write one record; returns it. ``ValueError`` for anything off-schema."""
        record: dict[str, Any] = {"who": self.user, "what": what, "hub": self.hub}
        record.update(fields)
        if isinstance(record.get("hub"), str):
            record["hub"] = hub_for_audit(record["hub"])
        for name in _REQUIRED:
            if not record.get(name):
                raise ValueError(f"an audit record needs '{name}'")
        for name, value in record.items():
            check = FIELDS.get(name)
            if check is None:
                raise ValueError(f"'{name}' is not an audit field")
            if not check(value):
                raise ValueError(f"audit field '{name}' has a value it may not hold")
        when = self.clock()
        if when.tzinfo is None:
            raise ValueError("the audit clock must give aware datetimes")
        flags = os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        fd = os.open(self.path, flags, 0o600)
        with os.fdopen(fd, "r+b") as handle, _locked(handle):
            seq, prev = _last(handle)
            record = {
                "seq": seq + 1,
                "when": when.astimezone(dt.UTC).isoformat(timespec="milliseconds"),
                **record,
                "prev": prev,
            }
            record["hash"] = _digest(record)
            handle.seek(0, os.SEEK_END)
            handle.write(_canonical(record) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        return record

    def head(self) -> tuple[int, str]:
        """(number of records, hash of the last one): anchor it to detect truncation."""
        if not self.path.exists():
            return 0, GENESIS
        with self.path.open("rb") as handle:
            return _last(handle)


def _last(handle: Any) -> tuple[int, str]:
    """(seq, hash) of the last record in an open log (0, GENESIS when empty)."""
    handle.seek(0, os.SEEK_END)
    size = handle.tell()
    if size == 0:
        return 0, GENESIS
    block = 4096
    data = b""
    position = size
    while position > 0:
        step = min(block, position)
        position -= step
        handle.seek(position)
        data = handle.read(step) + data
        if data.rstrip(b"\n").count(b"\n") >= 1 or position == 0:
            break
    line = data.rstrip(b"\n").rsplit(b"\n", 1)[-1]
    try:
        record = json.loads(line)
        return int(record["seq"]), str(record["hash"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError("the audit log's last line is damaged; run verify()") from exc


def verify(path: Path) -> list[str]:
    """Problems found in the log at ``path`` (empty: the chain is intact).

    Checks every line parses, holds only schema fields, that its hash is the
    hash of its content, that it links to the previous record's hash, and
    that sequence numbers follow each other.
    """
    problems: list[str] = []
    prev, seq = GENESIS, 0
    try:
        lines = Path(path).read_bytes().split(b"\n")
    except OSError as exc:
        return [f"the audit log cannot be read ({type(exc).__name__})"]
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        try:
            record = json.loads(line)
            if not isinstance(record, dict):
                raise ValueError
        except ValueError:
            problems.append(f"line {number}: not a JSON record")
            continue
        extra = set(record) - set(FIELDS) - {"seq", "when", "prev", "hash"}
        if extra:
            problems.append(f"line {number}: fields outside the schema")
        if record.get("hash") != _digest(record):
            problems.append(f"line {number}: content does not match its hash (edited)")
        if record.get("prev") != prev:
            problems.append(f"line {number}: does not follow the previous record")
        if record.get("seq") != seq + 1:
            problems.append(f"line {number}: sequence {record.get('seq')} after {seq}")
        prev = str(record.get("hash", ""))
        given = record.get("seq")
        seq = given if isinstance(given, int) else seq + 1
    return problems
