"""The desktop application's entry point and main window."""

from __future__ import annotations

import datetime as dt
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QMainWindow,
    QTableView,
    QToolBar,
)

from app.hub import HttpHub, HubError
from app.hub.protocol import Hub
from app.ui.i18n import install_translators
from app.ui.workers import Worker
from app.ui.worklist_view import WorklistTableModel
from app.worklist import Request, Worklist, request_from_workitem

DEFAULT_HUB_URL = "http://127.0.0.1:8043/dicom-web"
OPEN_STATES = ("SCHEDULED", "IN PROGRESS")


def fetch_open_requests(hub: Hub) -> list[Request]:
    """The open worklist: SCHEDULED and IN PROGRESS workitems, as requests."""
    items = []
    for state in OPEN_STATES:
        items.extend(hub.search_workitems({"ProcedureStepState": state}))
    return [request_from_workitem(item) for item in items]


class MainWindow(QMainWindow):
    """Worklist of the connected hub, refreshed by polling off the GUI thread."""

    def __init__(self, hub: Hub, *, poll_interval_ms: int = 5000) -> None:
        super().__init__()
        self.hub = hub
        self.worklist = Worklist()
        self.worker = Worker(self)
        self._clock_offset = dt.timedelta(0)
        self._last_ok: dt.datetime | None = None
        self._refreshing = False
        self.setWindowTitle(self.tr("StrokeLink — worklist"))

        self.model = WorklistTableModel(self.worklist, self.hub_now, self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setCentralWidget(self.table)

        toolbar = QToolBar(self.tr("Worklist"), self)
        self.refresh_action = toolbar.addAction(self.tr("Refresh"))
        self.refresh_action.setShortcut("F5")
        self.refresh_action.triggered.connect(self.refresh)
        self.addToolBar(toolbar)

        self.hub_label = QLabel(self.tr("Hub: %1").replace("%1", hub.base_url))
        self.status_label = QLabel(self.tr("Connecting…"))
        self.statusBar().addWidget(self.hub_label)
        self.statusBar().addPermanentWidget(self.status_label)

        self.timer = QTimer(self)
        self.timer.setInterval(poll_interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.clock_timer = QTimer(self)  # waiting clocks tick even without hub changes
        self.clock_timer.setInterval(30_000)
        self.clock_timer.timeout.connect(self.table.viewport().update)
        self.clock_timer.start()
        self.resize(1400, 600)
        QTimer.singleShot(0, self.refresh)

    def hub_now(self) -> dt.datetime:
        """The hub's clock (from its HTTP Date header), not the laptop's."""
        return dt.datetime.now(dt.UTC) + self._clock_offset

    def refresh(self) -> None:
        if self._refreshing:
            return
        self._refreshing = True
        self.worker.submit(lambda: fetch_open_requests(self.hub), self._on_loaded, self._on_failed)

    def _on_loaded(self, requests: list[Request]) -> None:
        self._refreshing = False
        server = self.hub.server_time()
        if server is not None:
            self._clock_offset = dt.timedelta(seconds=server - dt.datetime.now().timestamp())
        self._last_ok = self.hub_now()
        self.worklist.replace(requests)
        self.status_label.setText(
            self.tr("%n request(s) open — updated %1", "", len(requests)).replace(
                "%1", self._last_ok.astimezone().strftime("%H:%M:%S")
            )
        )

    def _on_failed(self, exc: Exception) -> None:
        self._refreshing = False
        reason = str(exc) if isinstance(exc, HubError) else self.tr("unexpected error")
        if self._last_ok is None:
            text = self.tr("Hub unreachable: %1").replace("%1", reason)
        else:
            text = (
                self.tr("Hub unreachable: %1 — last successful refresh %2")
                .replace("%1", reason)
                .replace("%2", self._last_ok.astimezone().strftime("%H:%M:%S"))
            )
        self.status_label.setText(text)


def run_gui(
    hub_url: str | None = None,
    lang: str | None = None,
    screenshot: str | None = None,
) -> int:
    """Start the desktop app. ``screenshot``: save the screen once loaded, then quit."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StrokeLink")
    install_translators(app, lang)
    window = MainWindow(HttpHub(hub_url or DEFAULT_HUB_URL))
    window.show()
    if screenshot:
        from app.ui.screenshot import save_screen_when_loaded

        save_screen_when_loaded(window, screenshot)
    return int(app.exec())
