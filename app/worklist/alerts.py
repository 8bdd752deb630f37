"""Which worklist changes alert the radiologist, and when a request escalates. No Qt.

:class:`AlertPolicy` is pure logic: it is given what the worklist watcher
found (:class:`app.worklist.model.WorklistChanges`) and the hub's time, and answers
with :class:`Alert` s; the UI turns those into a tray notification, a sound
and window attention. Rules:

- a new unclaimed (SCHEDULED) request alerts the primary radiologist,
  including requests already waiting when the application starts;
- a request still unclaimed ``escalate_after`` after it was sent — its
  (0040,4005) Scheduled Procedure Step Start DateTime, else when this client
  first saw it — escalates: it alerts again, louder, and it alerts backup
  radiologists (who get no other alert); then again every
  ``repeat_escalation`` while nobody claims it;
- an ED's request to cancel a request this radiologist is reading alerts
  him or her (from a UPS "Cancel Requested" event, or seen by polling).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.worklist.model import Request, WorklistChanges

SCHEDULED = "SCHEDULED"


class AlertKind(enum.Enum):
    NEW = "new"
    ESCALATION = "escalation"
    CANCEL_REQUESTED = "cancel requested"


@dataclass(frozen=True)
class Alert:
    """Something the radiologist must not miss. ``loud``: escalation level."""

    kind: AlertKind
    request: Request
    loud: bool = False


class AlertPolicy:
    """Turns worklist changes and the passing of (hub) time into alerts.

    ``now`` is always passed in — the hub's clock, from its HTTP ``Date``
    header — so the logic is testable with any clock.
    """

    def __init__(
        self,
        *,
        escalate_after: dt.timedelta = dt.timedelta(minutes=10),
        repeat_escalation: dt.timedelta | None = dt.timedelta(minutes=10),
        backup: bool = False,
    ) -> None:
        if escalate_after <= dt.timedelta(0):
            raise ValueError("escalate_after must be positive")
        self.escalate_after = escalate_after
        self.repeat_escalation = repeat_escalation
        self.backup = backup
        self.first_seen: dict[str, dt.datetime] = {}
        self.escalated: dict[str, dt.datetime] = {}  # last escalation, per workitem UID
        self.cancel_alerted: set[str] = set()

    def waiting_since(self, request: Request) -> dt.datetime | None:
        """When the request was sent (or first seen, when it does not say)."""
        return request.scheduled or self.first_seen.get(request.workitem_uid)

    def on_changes(
        self, changes: WorklistChanges, now: dt.datetime, is_mine: Callable[[Request], bool]
    ) -> list[Alert]:
        """Alerts for what one refresh found (call :meth:`due` for the timers)."""
        alerts: list[Alert] = []
        for request in changes.new:
            self.first_seen.setdefault(request.workitem_uid, now)
            fresh = request.state == SCHEDULED and not self._overdue(request, now)
            if fresh and not self.backup:
                alerts.append(Alert(AlertKind.NEW, request))
        for request in [*changes.new, *(after for _, after in changes.changed)]:
            alert = self._cancel_alert(request, is_mine)
            if alert is not None:
                alerts.append(alert)
        for request in changes.gone:
            self.forget(request.workitem_uid)
        return alerts + self.due([*changes.new, *(a for _, a in changes.changed)], now)

    def due(self, requests: Iterable[Request], now: dt.datetime) -> list[Alert]:
        """Escalations due at ``now`` among ``requests`` (the open worklist)."""
        alerts = []
        for request in requests:
            uid = request.workitem_uid
            if request.state != SCHEDULED:
                self.escalated.pop(uid, None)
                continue
            if not self._overdue(request, now):
                continue
            last = self.escalated.get(uid)
            if last is not None and (
                self.repeat_escalation is None or now - last < self.repeat_escalation
            ):
                continue
            self.escalated[uid] = now
            alerts.append(Alert(AlertKind.ESCALATION, request, loud=True))
        return alerts

    def cancel_requested(self, request: Request, is_mine: Callable[[Request], bool]) -> list[Alert]:
        """Alert for a UPS Cancel Requested event (once per request)."""
        alert = self._cancel_alert(request, is_mine, event=True)
        return [alert] if alert is not None else []

    def forget(self, uid: str) -> None:
        """The request left the open worklist."""
        self.first_seen.pop(uid, None)
        self.escalated.pop(uid, None)
        self.cancel_alerted.discard(uid)

    def _overdue(self, request: Request, now: dt.datetime) -> bool:
        since = self.waiting_since(request)
        return since is not None and now - since >= self.escalate_after

    def _cancel_alert(
        self, request: Request, is_mine: Callable[[Request], bool], *, event: bool = False
    ) -> Alert | None:
        asked = event or bool(request.extras.get("cancel_requested"))
        uid = request.workitem_uid
        if not asked or uid in self.cancel_alerted or not is_mine(request):
            return None
        self.cancel_alerted.add(uid)
        return Alert(AlertKind.CANCEL_REQUESTED, request)
