"""Where a request being sent stands, kept on disk so that a failure can be resumed.

One JSON file per request in a folder of the caller's choosing (the CLI uses
the per-user state folder), written atomically (temporary file, then
``os.replace``) and readable by its owner only. It records the workitem UID
chosen before anything is sent — a retry never creates a second request — and,
series by series, which SOP Instance UIDs the hub acknowledged.

It holds the clinical form and the image paths (needed to resume), never the
patient's identity, which is read again from the images.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FORMAT = 1
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


class RequestStateStore:
    """The saved states, one ``<request id>.json`` each, in ``folder``."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def path(self, request_id: str) -> Path:
        if not request_id or not all(c.isalnum() or c in "-_" for c in request_id):
            raise ValueError("not a request id")
        return self.folder / f"{request_id}.json"

    def save(self, state: RequestState) -> None:
        """Write atomically: a crash leaves the previous state or the new one."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(state.request_id)
        handle, temp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(state.to_json(), stream, indent=1)
                stream.flush()
                os.fsync(stream.fileno())
            os.chmod(temp, 0o600)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise

    def load(self, request_id: str) -> RequestState:
        """The state of one request; KeyError when there is none."""
        try:
            text = self.path(request_id).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise KeyError(request_id) from None
        return RequestState.from_json(json.loads(text))

    def all(self) -> list[RequestState]:
        """Every readable state, oldest first (unreadable files are left alone)."""
        found = []
        for path in sorted(self.folder.glob("*.json")):
            if path.name.startswith("."):
                continue
            try:
                found.append(RequestState.from_json(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, TypeError):
                continue
        return sorted(found, key=lambda s: s.created)

    def unfinished(self) -> list[RequestState]:
        """Requests not completely sent: to offer a retry."""
        return [s for s in self.all() if not s.finished]

    def find(self, key: str) -> RequestState | None:
        """The latest state of a request with this key (unfinished first), if any."""
        matches = [s for s in self.all() if s.key == key]
        unfinished = [s for s in matches if not s.finished]
        chosen = unfinished or matches
        return chosen[-1] if chosen else None

    def for_study(self, hub_url: str, study_uid: str) -> RequestState | None:
        """The latest request sent to ``hub_url`` with images of ``study_uid``, if any."""
        hub_url = hub_url.rstrip("/")
        matches = [
            s for s in self.all()
            if s.hub_url == hub_url and any(x.study_uid == study_uid for x in s.series)
        ]  # fmt: skip
        return matches[-1] if matches else None

    def remove(self, request_id: str) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path(request_id).unlink()
