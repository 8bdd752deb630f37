"""One outbox item: its state machine, its sealed record, and what the UI shows of it.

:data:`TRANSITIONS` is the whole state machine of :mod:`app.outbox.store` (STYLE.md
point 8); an event the state does not allow raises :class:`InvalidTransition`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from app.opinion.model import ReportKind
from app.outbox import delivery as d

FORMAT = 1


class DeliveryState(StrEnum):
    WAITING = "waiting"
    SENDING = "sending"
    DELIVERED = "delivered"
    FAILED = "failed"


class DeliveryEvent(StrEnum):
    START = "start"
    DELIVERED = "delivered"
    RETRY_LATER = "retry-later"
    FAIL = "fail"
    INTERRUPT = "interrupt"
    RETRY = "retry"


S, E = DeliveryState, DeliveryEvent
TRANSITIONS: dict[tuple[DeliveryState, DeliveryEvent], DeliveryState] = {
    (S.WAITING, E.START): S.SENDING,
    (S.SENDING, E.DELIVERED): S.DELIVERED,
    (S.SENDING, E.RETRY_LATER): S.WAITING,
    (S.SENDING, E.INTERRUPT): S.WAITING,
    (S.SENDING, E.FAIL): S.FAILED,
    (S.FAILED, E.RETRY): S.WAITING,
    (S.WAITING, E.RETRY): S.WAITING,
}


class InvalidTransition(ValueError):
    """An event that the item's state does not allow (a programming error)."""


def next_state(state: DeliveryState, event: DeliveryEvent) -> DeliveryState:
    try:
        return TRANSITIONS[(state, event)]
    except KeyError:
        raise InvalidTransition(
            f"an outbox item cannot {event.value} while {state.value}"
        ) from None


@dataclass
class OutboxItem:
    """One submitted opinion and how far its delivery went (the sealed record)."""

    id: str
    sequence: int
    study_uid: str
    workitem_uid: str | None
    transaction_uid: str | None
    step: d.UpsStep
    kind: ReportKind
    amendment: bool
    opinion: dict[str, Any]
    objects: list[d.SentObject]
    submitted_at: dt.datetime
    started_at: dt.datetime
    signed_at: dt.datetime
    state: DeliveryState = DeliveryState.WAITING
    reason: str = ""
    note: str = ""
    attempts: int = 0
    next_try: dt.datetime | None = None
    last_try: dt.datetime | None = None
    delivered_at: dt.datetime | None = None
    stored: list[str] = field(default_factory=list)
    workitem_done: bool = False

    def to_record(self) -> dict[str, Any]:
        def when(value: dt.datetime | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            "format": FORMAT,
            "id": self.id,
            "sequence": self.sequence,
            "study_uid": self.study_uid,
            "workitem_uid": self.workitem_uid,
            "transaction_uid": self.transaction_uid,
            "step": self.step.value,
            "kind": self.kind.value,
            "amendment": self.amendment,
            "opinion": self.opinion,
            "objects": [vars(o) for o in self.objects],
            "submitted_at": when(self.submitted_at),
            "started_at": when(self.started_at),
            "signed_at": when(self.signed_at),
            "state": self.state.value,
            "reason": self.reason,
            "note": self.note,
            "attempts": self.attempts,
            "next_try": when(self.next_try),
            "last_try": when(self.last_try),
            "delivered_at": when(self.delivered_at),
            "stored": self.stored,
            "workitem_done": self.workitem_done,
        }

    @classmethod
    def from_record(cls, r: dict[str, Any]) -> OutboxItem:
        def when(value: str | None) -> dt.datetime | None:
            return None if value is None else dt.datetime.fromisoformat(value)

        def must(value: str) -> dt.datetime:
            return dt.datetime.fromisoformat(value)

        return cls(
            id=r["id"], sequence=int(r["sequence"]), study_uid=r["study_uid"],
            workitem_uid=r["workitem_uid"], transaction_uid=r["transaction_uid"],
            step=d.UpsStep(r["step"]), kind=ReportKind(r["kind"]), amendment=bool(r["amendment"]),
            opinion=r["opinion"], objects=[d.SentObject(**o) for o in r["objects"]],
            submitted_at=must(r["submitted_at"]), started_at=must(r["started_at"]),
            signed_at=must(r["signed_at"]), state=DeliveryState(r["state"]), reason=r["reason"],
            note=r["note"], attempts=int(r["attempts"]), next_try=when(r["next_try"]),
            last_try=when(r["last_try"]), delivered_at=when(r["delivered_at"]),
            stored=list(r["stored"]), workitem_done=bool(r["workitem_done"]),
        )  # fmt: skip


@dataclass(frozen=True)
class ItemStatus:
    """What the UI shows of an outbox item (a snapshot; the outbox keeps the record)."""

    id: str
    state: DeliveryState
    reason: str  # why it waits or failed ('' otherwise)
    note: str  # e.g. "the request was already completed" ('' usually)
    kind: ReportKind
    amendment: bool
    study_uid: str
    workitem_uid: str | None
    sr_instance_uid: str
    patient_name: str  # for the screen only, never for logs
    signed_at: dt.datetime
    submitted_at: dt.datetime
    attempts: int
    next_try: dt.datetime | None
    delivered_at: dt.datetime | None
    objects_stored: int
    objects_total: int

    @property
    def summary(self) -> str:
        """One line for the user, e.g. ``waiting — the hub is unreachable; next try 14:35:10``."""
        what = ("amended " if self.amendment else "") + f"{self.kind.value} opinion"
        if self.state is DeliveryState.DELIVERED:
            at = self.delivered_at.strftime("%H:%M:%S") if self.delivered_at else ""
            return f"{what}: delivered {at}" + (f" ({self.note})" if self.note else "")
        if self.state is DeliveryState.WAITING:
            later = f"; next try {self.next_try.strftime('%H:%M:%S')}" if self.next_try else ""
            return f"{what}: waiting" + (f" — {self.reason}" if self.reason else "") + later
        if self.state is DeliveryState.SENDING:
            return f"{what}: sending"
        return f"{what}: failed — {self.reason}"


def item_id(sr_instance_uid: str) -> str:
    """The short id shown to the user and used by the CLI (12 hex digits)."""
    return hashlib.sha256(sr_instance_uid.encode("ascii")).hexdigest()[:12]
