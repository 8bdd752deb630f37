"""What the ED window's two tabs (a new request, the site's requests) share: the hub,
the local request states, the window's worker and the clock (:class:`TabServices`),
and one sending thread — a new request's or a resumed one's — whose progress is
relayed to the GUI thread."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtWidgets import QWidget

from app.ed.request.send import Progress
from app.ed.request.state import RequestStateStore
from app.hub.protocol import Hub
from app.ui.workers import Worker


@dataclass(frozen=True)
class TabServices:
    """What the ED window hands each of its tabs."""

    hub: Hub
    state_store: RequestStateStore
    worker: Worker
    clock: Callable[[], dt.datetime]


class ProgressRelay(QObject):
    """Lives in the GUI thread; ``progress`` is emitted from the sending thread."""

    progress = Signal(object)  # app.ed.request.Progress


class HubTab(QWidget):
    """A tab of the ED window that talks to the hub and keeps the local request states.

    ``send_worker`` runs one send at a time off the GUI thread; the send reports through
    ``relay.progress.emit``, which calls ``on_progress`` on the GUI thread.
    """

    def __init__(
        self,
        services: TabServices,
        on_progress: Callable[[Progress], None],
        parent: QWidget | None,
    ) -> None:
        super().__init__(parent)
        self.hub = services.hub
        self.state_store = services.state_store
        self.worker = services.worker
        self.clock = services.clock
        self.send_pool = QThreadPool(self)
        self.send_pool.setMaxThreadCount(1)
        self.send_worker = Worker(self, pool=self.send_pool)
        self.relay = ProgressRelay(self)
        self.relay.progress.connect(on_progress)
