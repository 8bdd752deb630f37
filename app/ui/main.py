"""The desktop application's entry point and main window: the radiologist's live worklist.

Change detection: the UPS event channel (:class:`app.ui.worklist.event_listener.EventListener`)
where the hub offers it — each event triggers an immediate refresh — and
polling of the open worklist (:class:`app.worklist.model.WorklistWatcher`) at the
profile's interval otherwise (every minute as a safety net while the channel
is live). Network work runs off the GUI thread (:class:`app.ui.workers.Worker`);
the list stays usable when the hub is unreachable, and the status bar says so
with the time of the last successful refresh. Alert rules are
:class:`app.worklist.alerts.AlertPolicy`; claims and hand backs are :mod:`app.worklist.claims`.
Opening a claimed request shows its case with the opinion panel
(:class:`app.ui.case_opener.OpenCase`); the outbox runs app-wide
(:class:`app.ui.case_services.CaseServices`, :class:`~app.ui.case_services.OutboxView`).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.hub.client import HttpHub
from app.hub.errors import AlreadyClaimed
from app.hub.events import (
    ChannelChange,
    ChannelStatus,
    EventChannel,
    EventType,
    UpsEvent,
    aetitle_for,
)
from app.hub.protocol import Hub
from app.ui.case_opener import OpenCase
from app.ui.case_services import CaseServices, OutboxView
from app.ui.coalesced import CoalescedRefresh
from app.ui.settings.settings_dialog import SettingsEntry
from app.ui.style import app_icon
from app.ui.viewer import view_pool
from app.ui.workers import Worker
from app.ui.worklist.alerts import Alerter, Banner, Sound
from app.ui.worklist.event_listener import EventListener
from app.ui.worklist.hub_words import hub_reason
from app.ui.worklist.signer_dialog import WhoSigns
from app.ui.worklist.table import WorklistTable
from app.ui.worklist.view import Column, WorklistTableModel, person_name
from app.worklist.alerts import Alert, AlertPolicy
from app.worklist.claims import (
    ClaimStore,
    accept_cancellation,
    claim_request,
    hand_back,
    is_mine,
)
from app.worklist.duplicates import duplicate_requests
from app.worklist.model import (
    Filter,
    Request,
    Worklist,
    WorklistChanges,
    WorklistWatcher,
    fetch_finished_requests,
    filter_requests,
    read_request,
)
from app.worklist.settings import SettingsStore, WorklistSettings

DEFAULT_HUB_URL = "http://127.0.0.1:8043/dicom-web"
CHANNEL_POLL_MS = 60_000  # safety poll while the event channel is live
VIEWS_MADE_AHEAD = 7  # NCCT and CTA planes and a 3-D view, ready before a case opens


def default_user() -> str:
    """Who is using this workstation, when no hub profile names the user."""
    try:
        return getpass.getuser()
    except Exception:  # no login name (containers): still a usable identity
        return "radiologist"


class MainWindow(QMainWindow, CoalescedRefresh):
    """The live worklist of one hub (see the module docstring).

    ``user``: the login (default: the OS user), written in (0040,4035) when
    claiming only while no signing radiologist is stored (``who_signs``,
    :class:`app.ui.worklist.signer_dialog.WhoSigns`, asked at first start by
    :func:`run_gui`); ``network``: the settings key (hub profile name);
    ``claims``: where Transaction UIDs persist; ``sound`` / ``use_tray``: what
    :class:`Alerter` uses; ``events``: use the UPS event channel when the hub
    offers one; ``clock``: the local clock (hub time = clock + offset);
    ``services``: what opened cases share and the outbox (default: this
    user's folders for ``network``). ``reuse_views``: the case viewers' VTK views are
    made at start-up and reused from case to case (:mod:`app.ui.viewer.view_pool`;
    the application turns it on, tests leave it off), until this window closes.
    """

    loaded = Signal()  # after each successful refresh

    def __init__(
        self,
        hub: Hub,
        *,
        poll_interval_ms: int = 5000,
        user: str = "",
        network: str = "",
        settings: WorklistSettings | None = None,
        settings_store: SettingsStore | None = None,
        claims: ClaimStore | None = None,
        sound: Sound | None = None,
        use_tray: bool = True,
        events: bool = True,
        tick_ms: int = 5000,
        clock: Callable[[], dt.datetime] | None = None,
        services: CaseServices | None = None,
        reuse_views: bool = False,
    ) -> None:
        super().__init__()
        self.hub = hub
        self.reuse_views = reuse_views
        if reuse_views:  # once the worklist is on screen: opening a case then finds them made
            QTimer.singleShot(0, self._make_views)
        self.user = user or default_user()
        self.network = network or hub.base_url
        self.settings_store = settings_store
        if settings is None:
            settings = settings_store.load(self.network) if settings_store else WorklistSettings()
        self.settings = settings
        self.claims = claims or ClaimStore()
        self.clock = clock or (lambda: dt.datetime.now(dt.UTC))
        self.poll_interval_ms = poll_interval_ms
        self.policy = AlertPolicy(
            escalate_after=settings.escalate_after,
            repeat_escalation=settings.repeat_escalation,
            backup=settings.duty == "backup",
        )
        self.watcher = WorklistWatcher(hub, read=read_request)
        self.worker = Worker(self)
        self.filter = Filter.ALL
        self.open_requests: list[Request] = []
        self.finished_requests: list[Request] = []
        self.cancel_events: dict[str, tuple[str, str]] = {}  # from UPS Cancel Requested
        self.services = services or CaseServices(hub, user=self.user, network=self.network)
        # Who signs: claims name this radiologist (settings dialog: Settings › Who signs…).
        self.who_signs = WhoSigns(self, self.services.radiologists, self.services.network)
        self.who_signs.changed.connect(self._signer_changed)
        self.cases: dict[str, OpenCase] = {}  # workitem UID → its open case
        self.channel_status: ChannelStatus | None = None
        self._claimed: set[str] = self.claims.workitems(hub.base_url)
        self._clock_offset = dt.timedelta(0)
        self._last_ok: dt.datetime | None = None
        self._refreshing = False
        self._pending = False
        self.setWindowTitle(self.tr("StrokeLink — worklist"))
        self.setWindowIcon(app_icon())

        self.shown = Worklist()
        self.model = WorklistTableModel(
            self.shown, self.hub_now, self, lkw=settings.lkw, is_mine=self.is_mine
        )
        self._build_widgets()
        self._build_toolbar()
        settings_menu = self.menuBar().addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.who_signs.action)
        self.settings_entry = SettingsEntry(self, network)
        settings_menu.addAction(self.settings_entry.action)
        self.alerter = Alerter(self, self.show_banner, sound=sound, use_tray=use_tray)
        self.alerter.muted = settings.muted
        self._build_status_bar()
        self.services.start()
        self.outbox_view = OutboxView(self, self.toolbar, self.services)

        self.timer = QTimer(self)
        self.timer.setInterval(poll_interval_ms)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.clock_timer = QTimer(self)  # live clocks and escalations, without hub changes
        self.clock_timer.setInterval(tick_ms)
        self.clock_timer.timeout.connect(self._tick)
        self.clock_timer.start()
        self.listener: EventListener | None = None
        if events and isinstance(hub, HttpHub):
            self.listener = EventListener(EventChannel(hub, aetitle_for(self.user)), self)
            self.listener.event_received.connect(self._on_event)
            self.listener.status_changed.connect(self._on_channel)
            self.listener.start()
        self._show_channel()
        self.resize(1560, 640)
        QTimer.singleShot(0, self.refresh)

    # -- building -------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.table = WorklistTable(self.model, self)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        # Every column as wide as its content, the flags' badges included (a flag is never
        # cut); the question keeps a fixed width (whole in its tooltip), the last column
        # takes what is left.
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(Column.QUESTION, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(Column.QUESTION, 220)
        header.setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.requestOpened.connect(self.open_workitem)
        self.banner = Banner(self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.banner)
        column.addWidget(self.table)
        self.setCentralWidget(central)

    def _action(
        self, toolbar: QToolBar, text: str, slot: Callable[[], Any], key: str = ""
    ) -> QAction:
        action = toolbar.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        if key:
            action.setShortcut(QKeySequence(key))
        return action

    def _build_toolbar(self) -> None:
        toolbar = self.toolbar = QToolBar(self.tr("Worklist"), self)
        self.filter_actions: dict[Filter, QAction] = {}
        group = QActionGroup(self)
        labels = {
            Filter.UNCLAIMED: self.tr("Unclaimed"),
            Filter.MINE: self.tr("Mine"),
            Filter.ALL: self.tr("All open"),
            Filter.FINISHED_TODAY: self.tr("Finished today"),
        }
        for number, (which, label) in enumerate(labels.items(), start=1):
            action = self._action(toolbar, label, partial(self.set_filter, which), f"Ctrl+{number}")
            action.setCheckable(True)
            action.setChecked(which is self.filter)
            group.addAction(action)
            self.filter_actions[which] = action
        toolbar.addSeparator()
        self.refresh_action = self._action(toolbar, self.tr("Refresh"), self.refresh, "F5")
        self.claim_action = self._action(
            toolbar, self.tr("Claim"), self.claim_selected, "Ctrl+Return"
        )
        self.open_action = self._action(toolbar, self.tr("Open"), self.open_selected, "Ctrl+O")
        self.hand_back_action = self._action(
            toolbar, self.tr("Hand back…"), self.hand_back_selected
        )
        self.accept_cancel_action = self._action(
            toolbar, self.tr("Accept the ED's cancellation…"), self.accept_cancellation_selected
        )
        toolbar.addSeparator()
        self.mute_action = self._action(toolbar, self.tr("Mute"), lambda: None, "Ctrl+M")
        self.mute_action.setCheckable(True)
        self.mute_action.setChecked(self.settings.muted)
        self.mute_action.toggled.connect(self.set_muted)
        self.addToolBar(toolbar)

    def _build_status_bar(self) -> None:
        self.hub_label = QLabel(self.tr("Hub: %1").replace("%1", self.hub.base_url))
        self.channel_label = QLabel()
        self.status_label = QLabel(self.tr("Connecting…"))
        self.statusBar().addWidget(self.hub_label)
        self.statusBar().addWidget(self.channel_label)
        self.statusBar().addPermanentWidget(self.status_label)

    # -- clocks, identity -------------------------------------------------------------

    def hub_now(self) -> dt.datetime:
        """The hub's clock (from its HTTP Date header), not the laptop's."""
        return self.clock() + self._clock_offset

    def is_mine(self, request: Request) -> bool:
        return is_mine(request, self._claimed, self.user, *self.who_signs.names())

    def _signer_changed(self, _radiologist: object) -> None:
        """A new signer: my claims by name, and the open cases' "missing" lists."""
        for opened in self.cases.values():
            opened.panel.refresh()
        self._show()

    def selected_request(self) -> Request | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.request_at(rows[0].row()) if rows else None

    def select(self, workitem_uid: str) -> bool:
        row = self.model.row_of(workitem_uid)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    # -- refreshing ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the worklist off the GUI thread (coalesced while one runs)."""
        if not self._start_refresh():
            return
        finished_day = self.hub_now() if self.filter is Filter.FINISHED_TODAY else None

        def job() -> tuple[WorklistChanges, list[Request], list[Request] | None]:
            changes = self.watcher.poll_once()
            requests = list(self.watcher.worklist.requests)
            finished = fetch_finished_requests(self.hub, finished_day) if finished_day else None
            return changes, requests, finished

        self.worker.submit(job, self._on_loaded, self._on_failed)

    def _on_loaded(
        self, result: tuple[WorklistChanges, list[Request], list[Request] | None]
    ) -> None:
        self._refreshing = False
        changes, requests, finished = result
        server = self.hub.server_time()
        if server is not None:
            self._clock_offset = dt.timedelta(seconds=server - self.clock().timestamp())
        now = self._last_ok = self.hub_now()
        self._claimed = self.claims.workitems(self.hub.base_url)
        self.open_requests = [self._with_event_info(r) for r in requests]
        open_uids = {r.workitem_uid for r in requests}
        self.cancel_events = {u: v for u, v in self.cancel_events.items() if u in open_uids}
        if finished is not None:
            self.finished_requests = finished
        self._show()
        self._update_open_cases()
        alerts = self.policy.on_changes(changes, now, self.is_mine)
        for request in self.open_requests:
            if request.workitem_uid in self.cancel_events:
                alerts += self.policy.cancel_requested(request, self.is_mine)
        self.raise_alerts(alerts)
        count = (
            self.tr("1 request open — updated %1")
            if len(requests) == 1
            else self.tr("%2 requests open — updated %1").replace("%2", str(len(requests)))
        )
        self.status_label.setText(count.replace("%1", now.astimezone().strftime("%H:%M:%S")))
        self.loaded.emit()
        self._refresh_again(failed=False)

    def _on_failed(self, exc: Exception) -> None:
        self._refreshing = False
        reason = hub_reason(exc, after_unreachable=True)
        if self._last_ok is None:
            text = self.tr("Hub unreachable: %1").replace("%1", reason)
        else:
            text = (
                self.tr("Hub unreachable: %1 — last successful refresh %2")
                .replace("%1", reason)
                .replace("%2", self._last_ok.astimezone().strftime("%H:%M:%S"))
            )
        self.status_label.setText(text)
        self._refresh_again(failed=True)

    def _with_event_info(self, request: Request) -> Request:
        """Add what a UPS Cancel Requested event said, when the workitem does not say it."""
        info = self.cancel_events.get(request.workitem_uid)
        if info is None or request.state != "IN PROGRESS" or request.extras.get("cancel_requested"):
            return request
        extras = {**request.extras, "cancel_requested": True}
        extras.update(cancel_reason=info[0], cancel_contact=info[1])
        return dataclasses.replace(request, extras=extras)

    def _update_open_cases(self) -> None:
        """Open cases show the newest version of their request (e.g. images now complete),
        and their opinion session holds it (a series it held back may then be ticked)."""
        for request in self.open_requests:
            opened = self.cases.get(request.workitem_uid)
            if opened is None:
                continue
            opened.session.update_request(request)
            if opened.window.request_panel is not None:
                opened.window.show_request(request, self.hub_now)

    def _show(self) -> None:
        self.model.duplicates = duplicate_requests(self.open_requests)
        selected = self.selected_request()
        if self.filter is Filter.FINISHED_TODAY:
            self.shown.replace(self.finished_requests)
        else:
            self.shown.replace(filter_requests(self.open_requests, self.filter, self.is_mine))
        if selected is not None:
            self.select(selected.workitem_uid)

    def set_filter(self, which: Filter) -> None:
        self.filter = which
        self.filter_actions[which].setChecked(True)
        self.model.set_held(False)  # asked for (e.g. Ctrl+2 with the pointer on the list): now
        self._show()
        if which is Filter.FINISHED_TODAY:
            self.refresh()

    def _tick(self) -> None:
        self.table.viewport().update()
        if self._last_ok is not None:
            self.raise_alerts(self.policy.due(self.open_requests, self.hub_now()))

    # -- the event channel ----------------------------------------------------------

    def _on_event(self, event: UpsEvent) -> None:
        if event.event_type == EventType.CANCEL_REQUESTED:
            self.cancel_events[event.workitem_uid] = (event.reason, event.contact)
            for request in self.open_requests:
                if request.workitem_uid == event.workitem_uid:
                    flagged = self._with_event_info(request)
                    self.raise_alerts(self.policy.cancel_requested(flagged, self.is_mine))
        self.refresh()

    def _on_channel(self, change: ChannelChange) -> None:
        self.channel_status = change.status
        live = change.status is ChannelStatus.CONNECTED
        self.timer.setInterval(
            max(CHANNEL_POLL_MS, self.poll_interval_ms) if live else self.poll_interval_ms
        )
        self._show_channel()
        if live:
            self.refresh()  # events may have been missed while disconnected

    def _show_channel(self) -> None:
        seconds = f"{self.poll_interval_ms / 1000:g}"
        if self.channel_status is ChannelStatus.CONNECTED:
            text = self.tr("Live updates (event channel)")
        elif self.channel_status is ChannelStatus.DISCONNECTED:
            text = self.tr("Event channel lost — polling every %1 s").replace("%1", seconds)
        elif self.channel_status is ChannelStatus.UNSUPPORTED:
            text = self.tr("Polling every %1 s (the hub has no event channel)").replace(
                "%1", seconds
            )
        else:
            text = self.tr("Polling every %1 s").replace("%1", seconds)
        self.channel_label.setText(text)

    # -- alerts and messages ------------------------------------------------------------

    def show_banner(self, text: str, loud: bool = False, kind: str = "") -> None:
        self.banner.show_message(text, kind or ("loud" if loud else "info"))

    def banner_text(self) -> str:
        return self.banner.text()

    def show_error(self, exc: Exception) -> None:
        """The one place action errors are shown (STYLE.md point 3)."""
        self.show_banner(hub_reason(exc), kind="error")

    def raise_alerts(self, alerts: list[Alert]) -> None:
        self.alerter.raise_alerts(alerts, self.settings.escalate_after_min)

    def set_muted(self, muted: bool) -> None:
        self.alerter.muted = muted
        self.settings = dataclasses.replace(self.settings, muted=muted)
        if self.settings_store is not None:
            self.settings_store.set_muted(self.network, muted)

    # -- actions ---------------------------------------------------------------------

    def _run(self, job: Callable[[], Any], done: Callable[[Any], None]) -> None:
        def failed(exc: Exception) -> None:
            self.show_error(exc)
            self.refresh()

        self.worker.submit(job, done, failed)

    def claim_selected(self) -> None:
        request = self.selected_request()
        if request is None or request.state != "SCHEDULED":
            self.show_banner(self.tr("Select a waiting request to claim it."))
            return
        uid = request.workitem_uid

        def done(_transaction: str) -> None:
            self._claimed = self.claims.workitems(self.hub.base_url)
            self.show_banner(self.tr("Claimed: you are reading this request."))
            self.refresh()

        def failed(exc: Exception) -> None:
            if isinstance(exc, AlreadyClaimed):
                who = person_name(exc.claimed_by) or self.tr("Someone else")
                self.show_banner(
                    self.tr("%1 claimed this request first.").replace("%1", who), kind="error"
                )
            else:
                self.show_error(exc)
            self.refresh()

        performer = self.who_signs.current or self.user  # the signer's name, not the login
        self.worker.submit(
            lambda: claim_request(self.hub, self.claims, uid, performer), done, failed
        )

    def _mine_with_reason(
        self, reason: str | None, title: str, prompt: str
    ) -> tuple[Request, str] | None:
        """The selected request, claimed here, and ``reason`` (asked when None); None: not both."""
        request = self.selected_request()
        if (
            request is None
            or request.state != "IN PROGRESS"
            or request.workitem_uid not in self._claimed
        ):
            self.show_banner(self.tr("Select a request you claimed on this workstation."))
            return None
        reason = self.ask_reason(title, prompt) if reason is None else reason
        return (request, reason) if reason else None

    def ask_reason(self, title: str, prompt: str) -> str:
        text, ok = QInputDialog.getText(self, title, prompt)
        return text.strip() if ok else ""

    def hand_back_selected(self, reason: str | None = None) -> None:
        """CANCELED with a reason + a new SCHEDULED request citing it (see app.worklist.claims)."""
        title, prompt = self.tr("Hand back"), self.tr("Why do you hand this request back?")
        if (chosen := self._mine_with_reason(reason, title, prompt)) is None:
            return
        request, why = chosen
        uid = request.workitem_uid

        def done(_new_uid: str) -> None:
            self._claimed.discard(uid)
            self.show_banner(
                self.tr("Handed back: the request is waiting for another radiologist.")
            )
            self.refresh()

        self._run(lambda: hand_back(self.hub, self.claims, uid, why), done)

    def accept_cancellation_selected(self, reason: str | None = None) -> None:
        title, prompt = (
            self.tr("Cancel the request"),
            self.tr("Reason recorded with the cancellation:"),
        )
        if (chosen := self._mine_with_reason(reason, title, prompt)) is None:
            return
        request, why = chosen

        def done(_: None) -> None:
            self._claimed.discard(request.workitem_uid)
            self.show_banner(self.tr("The request is cancelled."))
            self.refresh()

        self._run(lambda: accept_cancellation(self.hub, self.claims, request, why), done)

    def open_selected(self) -> None:
        request = self.selected_request()
        if request is not None:
            self._open(request)

    def open_workitem(self, workitem_uid: str) -> None:
        """Open the request of ``workitem_uid`` (the row double-clicked, by its UID)."""
        request = self.model.request_of(workitem_uid)
        if request is None:
            return
        self.select(workitem_uid)
        self._open(request)

    def _open(self, request: Request) -> None:
        if request.state == "SCHEDULED":
            self.show_banner(self.tr("Claim this request first (Ctrl+Enter)."))
            return
        if request.state == "IN PROGRESS" and not self.is_mine(request):
            who = person_name(request.performer) or self.tr("someone else")
            self.show_banner(self.tr("%1 is reading this request.").replace("%1", who))
            return
        self.open_case(request)

    def open_case(self, request: Request) -> OpenCase:
        """Open a claimed (or finished) request: its case with the opinion panel (or raise it)."""
        opened = self.cases.get(request.workitem_uid)
        if opened is not None:
            opened.raise_window()
            return opened
        opened = OpenCase(request, self.services, self.claims, hub_url=self.hub.base_url)
        opened.window.show_request(request, self.hub_now)
        self.cases[request.workitem_uid] = opened
        opened.closed.connect(lambda uid: self.cases.pop(uid, None))
        self.who_signs.offer(opened.panel, opened.window)
        opened.show()
        return opened

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event: Any) -> None:
        if not self.services.may_quit(self):
            event.ignore()
            return
        for opened in list(self.cases.values()):
            opened.close()
        self.services.close()
        self.timer.stop()
        self.clock_timer.stop()
        if self.listener is not None:
            self.listener.stop()
        self.alerter.close()
        self.worker.wait(5000)
        if self.reuse_views:
            self.reuse_views = False
            view_pool.disable()
        super().closeEvent(event)

    def _make_views(self) -> None:
        """One view widget per event-loop pass (the worklist stays responsive)."""
        if not self.reuse_views:
            return
        if self.cases:  # never while a case loads: its first image must not wait for this
            QTimer.singleShot(2000, self._make_views)
            return
        made = view_pool.enable(0)
        if len(made) < VIEWS_MADE_AHEAD:
            made.prepare(len(made) + 1)
            QTimer.singleShot(0, self._make_views)
