"""The emergency physician's window (``strokelink --role ed``): new request, site's requests.

Two tabs: the request form (:class:`~app.ui.ed.request_tab.RequestTab`) and
the site's requests with their answers
(:class:`~app.ui.ed.requests_tab.RequestsTab`), polled every few seconds.
Alerts — a radiologist claimed a request, an opinion arrived — go through
:class:`app.ui.worklist.alerts.Alerter` (tray or banner, sound, window attention). A
folder or a DICOMDIR dropped anywhere on the window becomes the request's
images. The site, the physician and the call-back phone are remembered
(:class:`~app.ui.ed.ed_settings.EdSettingsStore`). Closing the window while
an upload is in progress, or with a request typed and not sent, asks first
(:meth:`EdMainWindow.close_question`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ed.request.form import ClinicalForm
from app.ed.request.send import BATCH_COUNT, SendResult
from app.ed.request.state import RequestStateStore
from app.ed.site_requests import ReceivedOpinion, SiteRequest
from app.hub.client import HttpHub
from app.hub.protocol import Hub
from app.opinion.wording import person
from app.ui.ed.draft import RequestDraft
from app.ui.ed.ed_settings import EdSettings, EdSettingsStore
from app.ui.ed.hub_tab import TabServices
from app.ui.ed.pacs_source import PacsSource
from app.ui.ed.private_files import PrivateFiles
from app.ui.ed.request_tab import RequestTab
from app.ui.ed.requests_tab import RequestsTab, open_with_system
from app.ui.ed.site_requests_view import key_of
from app.ui.i18n import install_translators
from app.ui.opinion.verdict_words import screen_verdicts
from app.ui.settings.settings_dialog import SettingsEntry
from app.ui.style import app_icon
from app.ui.workers import Worker
from app.ui.worklist.alerts import Alerter, Banner, Sound

DEFAULT_HUB_URL = "http://127.0.0.1:8043/dicom-web"


def _local_now() -> dt.datetime:
    return dt.datetime.now().astimezone()


class EdMainWindow(QMainWindow):
    """The ED workstation (see the module docstring).

    ``site``: whose requests are listed (default: the remembered one);
    ``user``: the physician's name (default: the remembered one); ``clock``:
    aware local time; ``sound`` / ``use_tray``: what :class:`Alerter` uses;
    ``open_file``: how the PDF is opened; ``audit``: an
    :class:`app.store.audit.AuditLog` for sends, cancellations and acknowledgements.
    """

    ready = Signal()  # once: first refresh done and the images asked for at start loaded

    def __init__(
        self,
        hub: Hub,
        *,
        settings_store: EdSettingsStore,
        state_store: RequestStateStore,
        site: str = "",
        user: str = "",
        poll_interval_ms: int = 5000,
        clock: Callable[[], dt.datetime] = _local_now,
        sound: Sound | None = None,
        use_tray: bool = True,
        open_file: Callable[[Path], bool] = open_with_system,
        audit: Any = None,
        batch_count: int = BATCH_COUNT,
        profile_name: str = "",
    ) -> None:
        super().__init__()
        self.hub = hub
        self.settings_store = settings_store
        self.settings = settings_store.load()
        self.clock = clock
        self.audit = audit
        self.worker = Worker(self)
        self._ready_sent = False
        self._first_load = True
        self.draft = RequestDraft()
        remembered = {
            "site": site or self.settings.site,
            "physician": user or self.settings.physician,
            "callback_phone": self.settings.callback_phone,
        }
        for name, value in remembered.items():
            self.draft.set(name, value, by_user=False)
        self.setWindowTitle(self.tr("StrokeLink — emergency department"))
        self.setWindowIcon(app_icon())
        services = TabServices(hub, state_store, self.worker, clock)
        self.request_tab = RequestTab(services, self.draft, batch_count=batch_count, parent=self)
        self.requests_tab = RequestsTab(
            services, site=remembered["site"],
            physician=lambda: str(self.draft.get("physician")),
            callback_phone=lambda: str(self.draft.get("callback_phone")),
            open_file=open_file, audit=audit, parent=self,
        )  # fmt: skip
        self.requests_tab.sending_elsewhere = lambda: self.request_tab.state == "sending"
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.request_tab, self.tr("New request"))
        self.tabs.addTab(self.requests_tab, self.tr("My site's requests"))
        self.banner = Banner(self, keep_room=False)  # no empty band over the tabs
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(4, 4, 4, 4)
        column.addWidget(self.banner)
        column.addWidget(self.tabs, 1)
        self.setCentralWidget(central)
        self.alerter = Alerter(self, self.show_banner, sound=sound, use_tray=use_tray)
        if self.alerter.tray is not None:
            self.alerter.tray.setToolTip(self.tr("StrokeLink — emergency department"))
        self.statusBar().showMessage(self.tr("Hub: %1").replace("%1", hub.base_url))
        self.settings_entry = SettingsEntry(self, profile_name)
        self.menuBar().addMenu(self.tr("&Settings")).addAction(self.settings_entry.action)
        self.setAcceptDrops(True)
        self.request_tab.sent.connect(self._on_sent)
        self.requests_tab.opinion_arrived.connect(self._on_opinion)
        self.requests_tab.claimed.connect(self._on_claimed)
        self.requests_tab.loaded.connect(self._on_loaded)
        self.request_tab.images_panel.loaded.connect(self._maybe_ready)
        self.request_tab.images_panel.pacs_wanted.connect(self.open_pacs)
        self.pacs_files: PrivateFiles | None = None  # series retrieved from the PACS
        self.pacs_source: PacsSource | None = None
        #: Asks before closing: ``"uploading"``/``"unsent"`` → ``send``, ``keep``, ``discard``.
        self.ask_close: Callable[[str], str] = self._ask_close
        self.timer = QTimer(self)
        self.timer.setInterval(poll_interval_ms)
        self.timer.timeout.connect(self.requests_tab.refresh)
        self.timer.start()
        self.resize(1480, 900)
        if self.requests_tab.site:
            QTimer.singleShot(0, self.requests_tab.refresh)
        else:
            self._first_load = False
            QTimer.singleShot(0, self._maybe_ready)

    # -- events from the tabs -----------------------------------------------------------------

    def _on_sent(self, result: SendResult, form: ClinicalForm) -> None:
        self.settings = dataclasses.replace(
            self.settings, site=form.site, physician=form.physician,
            callback_phone=form.callback_phone,
        )  # fmt: skip
        try:
            self.settings_store.save(self.settings)
        except OSError:
            self.show_banner(self.tr("Could not save the site and physician for next time."))
        if self.audit is not None:
            with contextlib.suppress(ValueError, OSError):
                self.audit.append("request-created", workitem_uid=result.workitem_uid, outcome="ok")
        self.requests_tab.set_site(form.site)
        self.requests_tab.refresh()

    def _on_loaded(self) -> None:
        if self._first_load:
            self._first_load = False
            self._show_waiting_answer()
        self._maybe_ready()

    def _show_waiting_answer(self) -> None:
        """At start, an answer not yet read comes first — unless a request is being typed."""
        if self.draft.touched or self.request_tab.images_panel.loading:
            return
        for request in self.requests_tab.requests.requests:
            latest = request.latest
            if latest is not None and latest.is_current and not latest.acknowledged:
                self.show_request(request)
                return

    def show_request(self, request: SiteRequest) -> None:
        self.tabs.setCurrentWidget(self.requests_tab)
        self.requests_tab.select(key_of(request))

    def _maybe_ready(self) -> None:
        if self._ready_sent or self._first_load or self.request_tab.images_panel.loading:
            return
        self._ready_sent = True
        self.ready.emit()

    def _on_opinion(self, request: SiteRequest, opinion: ReceivedOpinion) -> None:
        if opinion.is_amendment:
            title = self.tr("Amended opinion received")
        elif opinion.kind.value == "preliminary":
            title = self.tr("Preliminary opinion received")
        else:
            title = self.tr("Opinion received")
        verdicts = "; ".join(v.text for v in screen_verdicts(opinion.opinion) if v.text)
        question = request.request.question if request.request is not None else ""
        text = (
            self.tr("%1 — from %2 — request: %3")
            .replace("%1", verdicts)
            .replace("%2", person(opinion.radiologist) or "—")
            .replace("%3", question or "—")
        )
        self.alerter.notify(title, text)

    def _on_claimed(self, request: SiteRequest) -> None:
        question = request.request.question if request.request is not None else ""
        text = (
            self.tr("%1 is reading your request (%2).")
            .replace("%1", person(request.reader) or self.tr("A radiologist"))
            .replace("%2", question or "—")
        )
        self.alerter.notify(self.tr("Request claimed"), text, audible=False)

    # -- the hospital PACS ---------------------------------------------------------------------

    def open_pacs(self) -> PacsSource:
        """Show the "From the hospital PACS" dialog; what it retrieves becomes the images."""
        if self.pacs_files is None or self.pacs_files.closed:
            self.pacs_files = PrivateFiles(prefix="strokelink-pacs-")
        if self.pacs_source is None:
            self.pacs_source = PacsSource(
                self.settings, self._save_settings, self.worker, self.pacs_files.folder, self
            )
            self.pacs_source.retrieved.connect(self._on_pacs_retrieved)
        self.pacs_source.show()
        self.pacs_source.raise_()
        return self.pacs_source

    def _save_settings(self, settings: EdSettings) -> None:
        self.settings = dataclasses.replace(
            settings, site=self.settings.site, physician=self.settings.physician,
            callback_phone=self.settings.callback_phone,
        )  # fmt: skip
        self.settings_store.save(self.settings)

    def _on_pacs_retrieved(self, folder: str) -> None:
        self.tabs.setCurrentWidget(self.request_tab)
        self.request_tab.images_panel.load(folder)

    # -- messages -----------------------------------------------------------------------------

    def show_banner(self, text: str, loud: bool = False, kind: str = "") -> None:
        self.banner.show_message(text, kind or ("loud" if loud else "info"))

    # -- drag and drop --------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and self.request_tab.state != "sending":
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        urls = event.mimeData().urls()
        if not urls or not urls[0].isLocalFile() or self.request_tab.state == "sending":
            return
        event.acceptProposedAction()
        self.tabs.setCurrentWidget(self.request_tab)
        self.request_tab.images_panel.load(urls[0].toLocalFile())

    # -- closing -----------------------------------------------------------------------------------

    def close_question(self, kind: str) -> tuple[QMessageBox, dict[QAbstractButton, str]]:
        """The question asked before closing (``kind``: ``"uploading"`` or ``"unsent"``),
        not shown yet, with the answer (``send``, ``keep``, ``discard``) of each button."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Close StrokeLink?"))
        answers: dict[QAbstractButton, str] = {}
        if kind == "uploading":
            box.setText(self.tr("An upload is in progress. Quit anyway?"))
            box.setInformativeText(
                self.tr("The images not yet on the hub can be sent later: StrokeLink offers "
                        "to resume at the next start.")
            )  # fmt: skip
            keep = box.addButton(self.tr("Keep sending"), QMessageBox.ButtonRole.RejectRole)
            answers[keep] = "keep"
            quit_button = box.addButton(
                self.tr("Quit anyway"), QMessageBox.ButtonRole.DestructiveRole
            )
            answers[quit_button] = "discard"
        else:
            box.setText(self.tr("This request has not been sent."))
            box.setInformativeText(self.tr("Send it now, keep editing it, or discard it?"))
            answers[box.addButton(self.tr("Send"), QMessageBox.ButtonRole.AcceptRole)] = "send"
            keep = box.addButton(self.tr("Keep editing"), QMessageBox.ButtonRole.RejectRole)
            answers[keep] = "keep"
            discard = box.addButton(self.tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
            answers[discard] = "discard"
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        return box, answers

    def _ask_close(self, kind: str) -> str:
        box, answers = self.close_question(kind)
        box.exec()
        answer = answers.get(box.clickedButton(), "keep")
        box.deleteLater()
        return answer

    def _close_wanted(self) -> bool:
        """Whether closing goes on: asked first with an upload in progress (a new
        request being sent, or an interrupted one being resumed from the list) or a
        request typed and not sent (``ask_close`` answers; tests replace it)."""
        tab = self.request_tab
        if tab.state == "sending" or self.requests_tab.resuming:
            if self.ask_close("uploading") != "discard":
                return False
            if tab.state == "sending":
                return True
        if tab.state == "idle" and not self.draft.is_blank():
            answer = self.ask_close("unsent")
            if answer == "send":
                tab.send()
            return answer == "discard"
        return True

    def closeEvent(self, event: Any) -> None:
        if not self._close_wanted():
            event.ignore()
            return
        self.timer.stop()
        self.request_tab.shutdown()
        self.worker.wait(5000)
        self.requests_tab.close_files()
        if self.pacs_source is not None:
            self.pacs_source.reject()
            self.worker.wait(5000)
        if self.pacs_files is not None:
            self.pacs_files.close()
        self.alerter.close()
        super().closeEvent(event)


def _profile_for(url: str) -> Any:
    """The saved hub profile whose URL is ``url``, or None."""
    try:
        from app.hub.profiles import ProfileStore

        return ProfileStore().find_by_url(url)
    except (OSError, ValueError):
        return None


def _hub_for(url: str, user: str, profile: Any = None) -> tuple[Hub, int, str]:
    """The hub for ``url`` (with the saved profile's credentials when there is one)."""
    if profile is None:
        return HttpHub(url), 5000, user
    from app.hub.profiles import hub_for, stored_secret

    return hub_for(profile, stored_secret(profile)), int(profile.poll_interval_s * 1000), user


def ed_audit_log(hub_url: str, user: str, data_dir: Path | None = None) -> Any:
    """The ED workstation's audit trail: requests sent, cancelled, opinions acknowledged.

    Kept apart from the radiologist's (``audit-ed.jsonl`` in the user data folder).
    """
    import platformdirs

    from app.store.audit import AuditLog
    from app.ui.case_services import audit_user

    folder = data_dir or Path(platformdirs.user_data_dir("strokelink", appauthor=False))
    return AuditLog(folder / "audit-ed.jsonl", user=audit_user(user or "ed"), hub=hub_url)


def open_ed_window(
    url: str,
    *,
    profile: Any = None,
    site: str | None = None,
    user: str | None = None,
    screenshot: str | None = None,
    images: str | None = None,
    example: bool = False,
    state_dir: str | Path | None = None,
    settings_path: str | Path | None = None,
) -> EdMainWindow:
    """The ED window on ``url``, shown. ``profile``: its hub profile (default: the saved
    one with that URL), whose site is used when ``site`` is not given."""
    from app.ed.request.state import default_state_dir

    if profile is None:
        profile = _profile_for(url)
    hub, interval_ms, user = _hub_for(url, user or "", profile)
    window = EdMainWindow(
        hub,
        settings_store=EdSettingsStore(settings_path),
        state_store=RequestStateStore(state_dir or default_state_dir()),
        site=site or (profile.site if profile is not None else ""),
        user=user,
        poll_interval_ms=interval_ms,
        audit=ed_audit_log(url, user),
        profile_name=profile.name if profile is not None else "",
    )
    if example:
        from app.ed.request.form import example_clinical

        data = example_clinical(_local_now())
        for name in ("site", "physician", "callback_phone"):
            if window.draft.get(name):
                data.pop(name, None)
        window.draft.load_clinical(data)
    if images:
        window.request_tab.images_panel.load(images)
    window.show()
    if screenshot:
        from app.ui.screenshot import save_screen_when_loaded

        window.ask_close = lambda kind: "discard"  # quits once saved, unattended

        save_screen_when_loaded(window, screenshot, ready=window.ready)
    return window


def run_ed_gui(
    hub_url: str | None = None,
    lang: str | None = None,
    *,
    site: str | None = None,
    user: str | None = None,
    screenshot: str | None = None,
    images: str | None = None,
    example: bool = False,
    state_dir: str | Path | None = None,
    settings_path: str | Path | None = None,
) -> int:
    """Start the ED application. ``images``: a folder loaded into the form at start;
    ``example``: the form pre-filled with synthetic values (demo); ``screenshot``:
    save the screen once ready, then quit. Without ``hub_url``: the active hub
    profile (its site unless ``site``), after the first-start dialog when there is none."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StrokeLink")
    QApplication.setWindowIcon(app_icon())
    install_translators(app, lang)
    options: dict[str, Any] = {
        "site": site, "user": user, "screenshot": screenshot, "images": images,
        "example": example, "state_dir": state_dir, "settings_path": settings_path,
    }  # fmt: skip
    opened: list[EdMainWindow] = []
    if hub_url is None:
        from app.ui.settings.startup import ask_profile

        def ready(profile: Any) -> None:
            opened.append(open_ed_window(profile.base_url, profile=profile, **options))

        dialog = ask_profile(ready)
        if dialog is not None:
            dialog.rejected.connect(QApplication.quit)
    else:
        opened.append(open_ed_window(hub_url, **options))
    return int(app.exec())
