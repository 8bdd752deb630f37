"""In-process worklist events: the seam for the UPS event channel.

Every change to a workitem is published as a :class:`WorkitemEvent` named
after the UPS events of PS3.4 CC.2.4 (UPS State Report, UPS Cancel Requested,
UPS Progress Report, UPS Assigned). The WebSocket event channel of PS3.18
11.10-11.14 (:mod:`minihub.subscriptions`) subscribes here; tests can too.

Subscribers are called synchronously, in the publishing thread, after the
change is committed; they must be quick and thread-safe. A subscriber that
raises is logged and does not affect the request or other subscribers.
"""

from __future__ import annotations

import enum
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("minihub.events")


class EventKind(enum.Enum):
    """UPS event types (PS3.4 Table CC.2.4-1, Event Type ID)."""

    STATE_REPORT = "UPS State Report"
    CANCEL_REQUESTED = "UPS Cancel Requested"
    PROGRESS_REPORT = "UPS Progress Report"
    ASSIGNED = "UPS Assigned"


@dataclass(frozen=True)
class WorkitemEvent:
    """One change: ``dataset`` is the workitem's DICOM JSON after the change
    (never with the Transaction UID)."""

    kind: EventKind
    workitem_uid: str
    state: str
    dataset: dict[str, Any]


Subscriber = Callable[[WorkitemEvent], None]


class WorklistEvents:
    """Publish/subscribe hub for workitem events."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Register ``subscriber``; returns a function that unsubscribes it."""
        with self._lock:
            self._subscribers.append(subscriber)

        def unsubscribe() -> None:
            with self._lock:
                if subscriber in self._subscribers:
                    self._subscribers.remove(subscriber)

        return unsubscribe

    def publish(self, event: WorkitemEvent) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(event)
            except Exception:
                log.exception("a worklist event subscriber failed")
