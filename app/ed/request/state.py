"""Where a request being sent stands, kept on disk so that a failure can be resumed.

One sealed file per request in a folder of the caller's choosing (the CLI uses
the per-user state folder), encrypted at rest like the drafts and the outbox
(:class:`app.store.sealed.SealedBox`, purpose ``"requests"``, keyed by the OS
keyring), named by a keyed hash of the request id (a listing reveals nothing),
written atomically and durably. It records the workitem UID chosen before
anything is sent — a retry never creates a second request — and, series by
series, which SOP Instance UIDs the hub acknowledged.

It holds the clinical form and the image paths (needed to resume), never the
patient's identity, which is read again from the images.

Retention: a request completely sent (``done``) is removed :data:`RETENTION`
(7 days) after its last update, when the store next lists its states. A
request that did not reach the hub completely (``sending``, ``failed``,
``cancelled``) is never removed silently, however old: it stays listed as
unfinished until it is resumed or discarded. A plain JSON state written by an
earlier version (``<request id>.json``) is sealed on first read and the plain
file removed. A sealed file that cannot be opened (damaged, or sealed with
another key — without a keyring the key lasts one process) is left in place,
counted in :attr:`RequestStateStore.unreadable` (and logged), and
:meth:`load` raises :class:`UnreadableState` for it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import json
import logging
import os
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.store.sealed import (
    SealedBox,
    Unreadable,
    private_folder,
    remove_leftovers,
    sync_folder,
    write_atomic,
)

log = logging.getLogger("app.ed.request.state")

FORMAT = 1
#: How long a completely sent request's state is kept after its last update.
RETENTION = dt.timedelta(days=7)
PURPOSE = "requests"
LABEL = "request-state"
SUFFIX = ".bin"
MARKER_SUFFIX = ".sent"
#: Where a send stands: sending (or interrupted), failed, cancelled, done.
STATUSES = ("sending", "failed", "cancelled", "done")
#: Where the workitem stands: not created yet, being created (the answer may
#: have been lost), created, or claimed by a radiologist (no longer updatable).
WORKITEM_STATES = ("none", "creating", "created", "claimed")


@dataclass
class SeriesState:
    """One series of the request and what of it is on the hub."""

    study_uid: str
    series_uid: str
    title: str  # description, kind and count; no patient data
    kind: str
    paths: list[str]
    instances: list[list[str]]  # [SOP Class UID, SOP Instance UID], as paths
    stored: list[str] = field(default_factory=list)  # SOP Instance UIDs acknowledged
    listed: int = 0  # instances the workitem references (0: the series is not in it)

    @property
    def complete(self) -> bool:
        stored = set(self.stored)
        return all(sop in stored for _, sop in self.instances)

    @property
    def in_workitem(self) -> bool:
        return self.listed > 0

    def stored_instances(self) -> list[tuple[str, str]]:
        """(SOP Class UID, SOP Instance UID) of the instances on the hub."""
        stored = set(self.stored)
        return [(sop_class, sop) for sop_class, sop in self.instances if sop in stored]

    def pending(self) -> list[tuple[str, str]]:
        """(path, SOP Instance UID) of the instances not yet on the hub."""
        stored = set(self.stored)
        return [
            (path, sop)
            for path, (_, sop) in zip(self.paths, self.instances, strict=True)
            if sop not in stored
        ]


@dataclass
class RequestState:
    """A request on its way to the hub."""

    request_id: str
    key: str  # hash of what is sent: finds an unfinished send of the same request
    hub_url: str
    workitem_uid: str
    created: str  # ISO 8601, when the send started
    form: dict[str, Any]  # ClinicalForm.to_json()
    series: list[SeriesState] = field(default_factory=list)
    patient_from_form: bool = False  # no images: the identity is the form's
    status: str = "sending"
    workitem: str = "none"
    readiness: str = ""  # (0040,4041) as last set on the hub
    last_error: str = ""
    notes: list[str] = field(default_factory=list)
    updated: str = ""  # ISO 8601, last saved (set by the store; "" before this field)
    # the hub refused compressed uploads once: the rest of this request goes uncompressed
    upload_uncompressed: bool = False
    format: int = FORMAT

    @property
    def instances_total(self) -> int:
        return sum(len(s.instances) for s in self.series)

    @property
    def instances_stored(self) -> int:
        return sum(len(set(s.stored)) for s in self.series)

    @property
    def finished(self) -> bool:
        return self.status == "done"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> RequestState:
        if data.get("format") != FORMAT:
            raise ValueError("unknown request state format")
        values = dict(data)
        values["series"] = [SeriesState(**s) for s in data.get("series", [])]
        return cls(**values)


class UnreadableState(Unreadable, ValueError):
    """A saved request state that cannot be opened (damaged, another key, another request)."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@functools.cache
def default_box() -> SealedBox:
    """The user's box for request states (one per process: an ephemeral key stays the same)."""
    return SealedBox.for_user(PURPOSE)


def _valid_id(request_id: str) -> bool:
    return bool(request_id) and all(c.isalnum() or c in "-_" for c in request_id)


def _when(text: str) -> dt.datetime | None:
    try:
        when = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return when if when.tzinfo is not None else when.replace(tzinfo=dt.UTC)


class RequestStateStore:
    """The saved states, one sealed file each, in ``folder``.

    ``box`` seals the files (default: :func:`default_box`, keyed by the OS
    keyring); ``clock`` gives aware datetimes (the last update, the
    retention); ``retention``: how long a ``done`` state is kept.
    """

    def __init__(
        self,
        folder: str | os.PathLike[str],
        box: SealedBox | None = None,
        *,
        clock: Callable[[], dt.datetime] = _now,
        retention: dt.timedelta = RETENTION,
    ) -> None:
        self.folder = Path(folder)
        self.box = box if box is not None else default_box()
        self.clock = clock
        self.retention = retention
        #: Sealed files found by the last listing that could not be opened.
        self.unreadable = 0

    @property
    def persistent(self) -> bool:
        """False when the key is ephemeral: states do not survive the process."""
        return self.box.persistent

    def path(self, request_id: str) -> Path:
        if not _valid_id(request_id):
            raise ValueError("not a request id")
        return self.box.locate(self.folder, "request", request_id, suffix=SUFFIX)

    def _legacy_path(self, request_id: str) -> Path:
        return self.folder / f"{request_id}.json"

    def _marker(self, key: str) -> Path:
        """An empty file saying "a state with this request key was saved".

        Named by an unkeyed digest of the key (itself a digest of what was sent):
        when the sealed state cannot be opened any more (no keyring: the key did
        not outlive its process), :meth:`find` still knows the request was sent
        and refuses to start it again as a second request.
        """
        digest = hashlib.sha256(f"strokelink request key\0{key}".encode()).hexdigest()
        return self.folder / f"{digest[:32]}{MARKER_SUFFIX}"

    def save(self, state: RequestState) -> None:
        """Seal and write atomically: a crash leaves the previous state or the new one."""
        target = self.path(state.request_id)
        if state.key:
            private_folder(self.folder)
            marker = self._marker(state.key)
            if not marker.exists():
                write_atomic(marker, b"")
        state.updated = self.clock().isoformat()
        private_folder(self.folder)
        data = json.dumps(state.to_json(), ensure_ascii=False, separators=(",", ":"))
        self.box.write(target, data.encode("utf-8"), LABEL)
        with contextlib.suppress(OSError):
            os.chmod(target, 0o600)

    def _read(self, path: Path) -> RequestState:
        """The state sealed in ``path``; FileNotFoundError or :class:`Unreadable`."""
        try:
            plain = self.box.read(path, LABEL)
        except Unreadable as exc:
            raise UnreadableState(f"a saved request state cannot be read: {exc}") from None
        try:
            state = RequestState.from_json(json.loads(plain))
        except (ValueError, TypeError, KeyError) as exc:
            raise UnreadableState(
                f"the request state is malformed ({type(exc).__name__})"
            ) from None
        placed = None
        if _valid_id(state.request_id):  # renamed if it has the name an earlier version gave
            placed = self.box.place(path, "request", state.request_id, suffix=SUFFIX)
        if placed is None:
            raise UnreadableState("this request state file belongs to another request")
        return state

    def _migrate(self, legacy: Path) -> RequestState | None:
        """Seal a plain JSON state of an earlier version, then remove the plain file."""
        try:
            state = RequestState.from_json(json.loads(legacy.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return None  # not a state: left alone, as before
        if not _valid_id(state.request_id) or legacy.stem != state.request_id:
            return None
        updated = state.updated
        self.save(state)
        state.updated = updated or state.updated
        legacy.unlink(missing_ok=True)
        sync_folder(self.folder)
        return state

    def load(self, request_id: str) -> RequestState:
        """The state of one request; KeyError when there is none.

        Raises :class:`UnreadableState` (an :class:`app.store.sealed.Unreadable` and a
        ``ValueError``, which callers already report) when its file is damaged or was
        sealed with another key.
        """
        path = self.path(request_id)
        try:
            return self._read(path)
        except FileNotFoundError:
            pass
        legacy = self._legacy_path(request_id)
        if legacy.is_file():
            state = self._migrate(legacy)
            if state is not None:
                return state
        raise KeyError(request_id)

    def all(self) -> list[RequestState]:
        """Every readable state, oldest first; purges expired ``done`` ones first.

        Unreadable sealed files are left alone and counted in :attr:`unreadable`.
        """
        if not self.folder.is_dir():
            self.unreadable = 0
            return []
        remove_leftovers(self.folder)
        for legacy in sorted(self.folder.glob("*.json")):
            if not legacy.name.startswith("."):
                self._migrate(legacy)
        found: list[RequestState] = []
        unreadable = 0
        for path in sorted(self.folder.glob(f"*{SUFFIX}")):
            if path.name.startswith("."):
                continue
            try:
                state = self._read(path)
            except FileNotFoundError:
                continue
            except (Unreadable, OSError):
                unreadable += 1
                continue
            if self._expired(state):
                with contextlib.suppress(OSError):
                    self.path(state.request_id).unlink()  # renamed by _read if it was legacy
                    if state.key:
                        self._marker(state.key).unlink(missing_ok=True)
                continue
            found.append(state)
        if unreadable:
            log.warning(
                "%d request state(s) could not be read (damaged, or another key)", unreadable
            )
        self.unreadable = unreadable
        return sorted(found, key=lambda s: s.created)

    def purge(self) -> None:
        """Remove the ``done`` states older than the retention (also done by :meth:`all`)."""
        self.all()

    def _expired(self, state: RequestState) -> bool:
        """Completely sent, and last updated more than the retention ago."""
        if not state.finished:
            return False  # never lose a request that did not reach the hub
        when = _when(state.updated) or _when(state.created)
        return when is not None and self.clock() - when > self.retention

    def unfinished(self) -> list[RequestState]:
        """Requests not completely sent: to offer a retry."""
        return [s for s in self.all() if not s.finished]

    def find(self, key: str) -> RequestState | None:
        """The latest state of a request with this key (unfinished first), if any.

        Raises :class:`UnreadableState` when this request was sent before but its
        state cannot be read any more (sending it again would create a second
        request on the hub: the caller says so and lets the user force a new one).
        """
        matches = [s for s in self.all() if s.key == key]
        unfinished = [s for s in matches if not s.finished]
        chosen = unfinished or matches
        if chosen:
            return chosen[-1]
        if self.unreadable and self._marker(key).exists():
            raise UnreadableState(
                "this request was sent before, but what was sent cannot be read back "
                "(no system keyring, or another key): sending it again would create a "
                "second request. Check the hub's worklist; send it as a new request "
                "only if it is not there (request send --new)."
            )
        return None

    def for_study(self, hub_url: str, study_uid: str) -> RequestState | None:
        """The latest request sent to ``hub_url`` with images of ``study_uid``, if any."""
        hub_url = hub_url.rstrip("/")
        matches = [
            s for s in self.all()
            if s.hub_url == hub_url and any(x.study_uid == study_uid for x in s.series)
        ]  # fmt: skip
        return matches[-1] if matches else None

    def remove(self, request_id: str) -> None:
        with contextlib.suppress(KeyError, ValueError, OSError):
            key = self.load(request_id).key
            if key:
                self._marker(key).unlink(missing_ok=True)
        for path in (self.path(request_id), self._legacy_path(request_id)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def default_state_dir() -> Path:
    """``requests`` in platformdirs' per-user state folder for StrokeLink."""
    import platformdirs

    return Path(platformdirs.user_state_dir("strokelink", appauthor=False)) / "requests"
