"""The viewer window: series browser, display protocol panes, warnings, toolbar.

:class:`ViewerWindow` is what ``strokelink view PATH`` opens: the folder is
read in a worker (headers, then every series planned: whole volumes, every
slice "not loaded"), the display protocol is chosen from the series kinds,
then slices arrive middle first and fill the views progressively. Geometry
warnings are listed in a visible panel (shown, never fixed: safety
invariant 2); files that are not DICOM are counted in the status bar.
:class:`app.ui.viewer.case_window.CaseWindow` shows a case from the hub the
same way.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QThreadPool, Signal
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QListWidget,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.style import style_as
from app.ui.viewer.browser import SeriesBrowser
from app.ui.viewer.feed import ProgressiveFeed
from app.ui.viewer.folder_source import (
    EmptyFolder,
    FolderContents,
    load_pixels,
    scan_folder,
)
from app.ui.viewer.mpr_widget import MprWidget
from app.ui.viewer.panes import ProtocolView
from app.ui.viewer.study import LoadStatus, SeriesEntry, StudyModel
from app.ui.viewer.toolbar import ViewerToolBar
from app.ui.viewer.words import install_caption_words, series_label, warning_text
from app.ui.workers import Worker
from viewer import captions
from viewer.notes import Note
from viewer.protocols import GENERIC, PROTOCOLS, Protocol, applicable_protocols, choose_protocol
from viewer.volume import PatientBanner

PROTOCOL_NAMES = {p.name: p for p in (*PROTOCOLS, GENERIC)}

STYLE = """
QMainWindow, QWidget { background: #16181b; color: #d6d9dd; }
QToolBar { background: #202328; border: 0; spacing: 4px; padding: 2px; }
QToolButton:checked { background: #2f5f9e; }
QComboBox, QDoubleSpinBox, QSpinBox {
    background: #262a30; border: 1px solid #3a3f46; padding: 1px 4px; }
QListWidget { background: #1b1e22; border: 0; }
QListWidget::item:selected { background: #263a55; }
QFrame#pane { border: 1px solid #2a2e34; }
QFrame#pane[active="true"] { border: 1px solid #3d8bfd; }
QLabel#pane-title { color: #a9c8f5; font-weight: bold; padding: 1px 6px; background: #1e2227; }
QLabel#pane-note { color: #ffb347; padding: 1px 6px; background: #1e2227; }
QLabel#pane-message { color: #9aa0a6; font-size: 15px; qproperty-alignment: AlignCenter; }
QLabel#series-title { font-weight: bold; }
QLabel#series-details { color: #9aa0a6; }
QLabel#banner-news { background: #6b5200; color: #ffffff; padding: 6px; font-weight: bold; }
QLabel#banner-danger { background: #8b1a1a; color: #ffffff; padding: 6px; font-weight: bold; }
QProgressBar { background: #2a2e34; border: 0; }
QProgressBar::chunk { background: #3d8bfd; }
QStatusBar { background: #202328; }
QPushButton { background: #30353c; border: 1px solid #444a52; padding: 2px 10px; }
QPushButton:hover { background: #3a4048; }
QDockWidget::title { background: #202328; padding: 3px; }
"""


def patient_title(banner: PatientBanner) -> str:
    """Window title text: name, ID (issuer), birth date, sex (safety invariant 3)."""
    ident = banner.patient_id or "?"
    if banner.issuer:
        ident += f" ({banner.issuer})"
    name = captions.person_name(banner.name) or captions.words().no_name
    born = captions.dicom_date(banner.birth_date) or "?"
    return f"{name} — ID {ident} — {born} — {banner.sex or '?'}"


class ViewerWindow(QMainWindow):
    """Series browser + display protocol + warnings; fed progressively (module docstring)."""

    loadingFinished = Signal()

    def tr(self, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        """Qt's tr() looked up in each class of the MRO until one has a translation.

        A subclass (the case window) would otherwise look this class's numerus forms up
        under its own name only: PySide's own fallback takes "3 series" (the untranslated
        numerus form) for a translation, and the French screen said "3 series"."""
        untranslated = QCoreApplication.translate("", source, disambiguation, n)
        for cls in type(self).__mro__:
            found = QCoreApplication.translate(cls.__name__, source, disambiguation, n)
            if found != untranslated:
                return found
        return untranslated

    protocolChanged = Signal(str)

    def __init__(self, *, protocol: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        install_caption_words()
        style_as(self, "viewer-window", STYLE)
        self.requested_protocol = protocol
        self.study = StudyModel()
        self.feed = ProgressiveFeed(self.study, parent=self)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(3)
        self.worker = Worker(self, pool=self.pool)
        self.cancel_event = threading.Event()
        self.protocol: Protocol | None = None
        self.protocol_view: ProtocolView | None = None
        self.loading = False
        self.closed = False
        self.contents: FolderContents | None = None

        self.browser = SeriesBrowser(self.study, self)
        self.browser.seriesActivated.connect(self.show_series)
        self.banner = QLabel(self)
        self.banner.setObjectName("banner-news")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.patients_banner = QLabel(self)
        self.patients_banner.setObjectName("banner-danger")
        self.patients_banner.hide()
        self.message = QLabel(self.tr("Reading…"), self)
        self.message.setObjectName("pane-message")
        self.message.setWordWrap(True)
        for label in (self.patients_banner, self.message):  # may name the hub's text
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.right = QWidget(self)
        self.right_layout = QVBoxLayout(self.right)
        self.right_layout.setContentsMargins(0, 0, 0, 0)
        self.right_layout.setSpacing(0)
        self.right_layout.addWidget(self.patients_banner)
        self.right_layout.addWidget(self.banner)
        self.right_layout.addWidget(self.message, 1)
        self.setCentralWidget(self.right)

        left = Qt.DockWidgetArea.LeftDockWidgetArea
        self.browser_dock = QDockWidget(self.tr("Series", "the dock that lists the series"), self)
        self.browser_dock.setObjectName("series-dock")
        self.browser_dock.setWidget(self.browser)
        self.browser_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(left, self.browser_dock)
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("warnings")
        self.warnings.setWordWrap(True)
        self.warnings_dock = QDockWidget(self.tr("Warnings"), self)
        self.warnings_dock.setObjectName("warnings-dock")
        self.warnings_dock.setWidget(self.warnings)
        self.warnings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.addDockWidget(left, self.warnings_dock)
        self.warnings_dock.hide()
        self.resizeDocks([self.browser_dock], [300], Qt.Orientation.Horizontal)

        self.toolbar = ViewerToolBar(self.active_mpr, self)
        self.toolbar.layoutChosen.connect(self.set_layout)
        self.addToolBar(self.toolbar)
        self.protocol_menu = self.menuBar().addMenu(self.tr("&Protocol"))
        self.protocol_actions = QActionGroup(self)
        self.cancel_button = QPushButton(self.tr("Cancel loading"), self)
        self.cancel_button.setObjectName("cancel-loading")
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.cancel_button.hide()

        self.skipped_label = QLabel(self)
        self.progress_label = QLabel(self)
        self.statusBar().addWidget(self.progress_label, 1)
        self.statusBar().addPermanentWidget(self.skipped_label)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.study.subscribe(self._on_study)
        self.setWindowTitle(self.tr("StrokeLink viewer"))
        self.resize(1600, 1000)

    # --- opening a folder --------------------------------------------------------------------
    def open_folder(self, path: str | Path) -> None:
        """Read ``path`` in a worker, then show it progressively."""
        self.message.setText(self.tr("Reading %1…").replace("%1", Path(path).name))
        self.loading = True
        self.worker.submit(lambda: scan_folder(path), self._scanned, self._scan_failed)

    def _scan_failed(self, error: Exception) -> None:
        self.loading = False
        if isinstance(error, EmptyFolder):
            text = self.tr("No images to show: %1").replace("%1", str(error))
        else:
            text = self.tr("The folder could not be read: %1").replace("%1", type(error).__name__)
        self.message.setText(text)
        self.progress_label.setText(text)
        self.loadingFinished.emit()

    def _scanned(self, contents: FolderContents) -> None:
        if self.closed:
            return
        self.contents = contents
        self.study.scan_warnings = list(contents.warnings)
        self.study.skipped_files = contents.skipped_files
        entries = []
        for found in contents.series:
            entry = SeriesEntry(
                found.series_uid,
                found.label,
                description=found.series.description,
                number=found.series.series_number,
                modality=found.series.modality,
                kind=found.kind,
                banner=found.banner,
                total=found.series.instances,
            )
            entries.append(entry)
            self.study.add(entry)
            planned = found.planned
            self.study.plan(
                found.series_uid,
                list(planned.volumes),
                list(planned.not_volumes),
                times=planned.plan.times if planned.plan is not None else None,
                warnings=found.warnings,
                reason=planned.reason,
                volume_plans=list(planned.plan.volumes) if planned.plan is not None else None,
            )
        self.choose_protocol()
        order, first = self._loading_order()
        callbacks = self.feed.callbacks()
        self.feed.start()
        self.cancel_button.show()
        self.worker.submit(
            lambda: load_pixels(
                contents, callbacks, self.cancel_event, order=order, first_volumes=first
            ),
            lambda _: self.feed.call(self._loaded),
            lambda error: self.feed.call(lambda: self._load_failed(error)),
        )

    def _loading_order(self) -> tuple[list[str], dict[str, int]]:
        """Series on screen first, each with the volume on screen first."""
        shown: list[str] = []
        first: dict[str, int] = {}
        if self.protocol_view is not None:
            for pane in self.protocol_view.panes:
                if pane.entry is not None and pane.entry.series_uid not in shown:
                    shown.append(pane.entry.series_uid)
                    first[pane.entry.series_uid] = pane.volume_index
        rest = [s.series_uid for s in self.study.series if s.series_uid not in shown]
        return shown + rest, first

    def _loaded(self) -> None:
        self.loading = False
        self.cancel_button.hide()
        self.feed.stop()
        self._update_status()
        self.loadingFinished.emit()

    def _load_failed(self, error: Exception) -> None:
        self.progress_label.setText(
            self.tr("Loading stopped: %1").replace("%1", type(error).__name__)
        )
        self._loaded()

    def cancel_loading(self) -> None:
        """Stop reading or retrieving; what arrived stays on screen."""
        self.cancel_event.set()
        self.cancel_button.hide()

    # --- protocols ---------------------------------------------------------------------------
    def choose_protocol(self) -> None:
        """The requested protocol, else the one the series kinds call for."""
        kinds = [s.kind for s in self.study.series if s.is_volume] or self.study.kinds()
        wanted = PROTOCOL_NAMES.get(self.requested_protocol or "")
        self.set_protocol(wanted or choose_protocol(kinds))

    def set_protocol(self, protocol: Protocol) -> None:
        """Lay the panes out for ``protocol`` (leaving the previous one)."""
        if self.protocol_view is not None:
            self.protocol_view.close_view()
            self.protocol_view.setParent(None)
            self.protocol_view.deleteLater()
        self.protocol = protocol
        self.message.hide()
        self.protocol_view = ProtocolView(protocol, self.study, self.right)
        self.protocol_view.activePaneChanged.connect(lambda _pane: self.toolbar.follow())
        self.protocol_view.paneShown.connect(lambda _pane: self.toolbar.follow())
        self.protocol_view.layoutChanged.connect(self._layout_changed)
        self.right_layout.addWidget(self.protocol_view, 1)
        self.protocol_view.show()
        self._rebuild_protocol_menu()
        self.toolbar.follow()
        self.toolbar.show_layout(self.protocol_view.current_layout())
        self.protocolChanged.emit(protocol.name)

    def _rebuild_protocol_menu(self) -> None:
        self.protocol_menu.clear()
        for action in self.protocol_actions.actions():
            self.protocol_actions.removeAction(action)
        titles = {
            "ncct": self.tr("Non-contrast CT"),
            "cta": self.tr("CT angiography"),
            "mr-stroke": self.tr("MR stroke (DWI / ADC / FLAIR)"),
            "ctp": self.tr("CT perfusion source images"),
            "generic": self.tr("Multiplanar (any series)"),
        }
        offered = [*applicable_protocols(self.study.kinds()), GENERIC]
        for protocol in offered:
            action = QAction(titles.get(protocol.name, protocol.title), self)
            action.setCheckable(True)
            action.setChecked(self.protocol is not None and protocol.name == self.protocol.name)
            action.triggered.connect(lambda _=False, p=protocol: self.set_protocol(p))
            self.protocol_actions.addAction(action)
            self.protocol_menu.addAction(action)

    def set_layout(self, layout: str) -> None:
        """Lay the views out as ``layout`` ("1x1", "1x3", "2x2"); kept for the next cases."""
        if self.protocol_view is not None:
            self.protocol_view.set_layout(layout)

    def _layout_changed(self, layout: str) -> None:
        self.toolbar.show_layout(layout)
        self.toolbar.follow()

    def show_series(self, uid: str) -> None:
        """Show series ``uid`` in the active pane."""
        if self.protocol_view is None:
            return
        self.protocol_view.show_series(uid)
        self.browser.select(uid)
        self.toolbar.follow()

    def active_mpr(self) -> MprWidget | None:
        """The MPR widget of the active pane (what the toolbar acts on)."""
        if self.protocol_view is None:
            return None
        return self.protocol_view.active.mpr

    def mpr_widgets(self) -> list[MprWidget]:
        return self.protocol_view.mpr_widgets() if self.protocol_view is not None else []

    # --- study changes -----------------------------------------------------------------------
    def _on_study(self, what: str, uid: str) -> None:
        if what in ("added", "planned", "replaced", "status"):
            self._update_identity()
            self._update_warnings()
            if what in ("planned", "added") and self.protocol is not None:
                self._rebuild_protocol_menu()
        if what in ("progress", "status", "planned"):
            self._update_status()
        if what in ("planned", "replaced") and self.protocol_view is not None:
            self.toolbar.follow()

    def _update_identity(self) -> None:
        patients = self.study.patients()
        if patients:
            title = patient_title(patients[0])
            self.setWindowTitle(self.tr("%1 — StrokeLink viewer").replace("%1", title))
        if len(patients) > 1:
            self.patients_banner.setText(
                self.tr(
                    "Images of %n different patients in this study: check every view's identity",
                    "",
                    len(patients),
                )
            )
            self.patients_banner.show()
        else:
            self.patients_banner.hide()

    def _update_warnings(self) -> None:
        items = self.study.warnings()
        self.warnings.clear()
        for label, warning in items:
            said = warning
            if (
                isinstance(warning, Note)
                and warning.code == "labelled"
                and warning.params.get("label") == label
            ):  # the hub's retrieval named the series already
                said = warning.params["note"]
            text = warning_text(said)
            self.warnings.addItem(f"{series_label(label)}: {text}" if label else text)
        self.warnings_dock.setVisible(bool(items))
        skipped = self.study.skipped_files
        self.skipped_label.setText(
            self.tr("%n file(s) skipped: not DICOM or unreadable", "", skipped) if skipped else ""
        )

    def _update_status(self) -> None:
        series = self.study.series
        done = sum(s.done for s in series)
        total = sum(s.total for s in series)
        busy = [s for s in series if s.status in (LoadStatus.WAITING, LoadStatus.LOADING)]
        if busy and total:
            text = self.tr("Loading: %1 of %2 images").replace("%1", str(done))
            text = text.replace("%2", str(total))
        else:
            text = self.tr("%n series", "", len(series))
            failed = [s for s in series if s.status in (LoadStatus.FAILED, LoadStatus.INCOMPLETE)]
            if failed:
                text += " — " + self.tr("%n incomplete", "", len(failed))
            if any(s.status is LoadStatus.CANCELED for s in series):
                text += " — " + self.tr("loading canceled")
        self.progress_label.setText(text)

    # --- closing -----------------------------------------------------------------------------
    def close_views(self) -> None:
        """Stop loading, release every view and finalise its interactors."""
        if self.closed:
            return
        self.closed = True
        self.cancel_event.set()
        self.feed.stop()
        self.pool.waitForDone(15_000)
        self.toolbar.close_toolbar()
        self.browser.close_browser()
        if self.protocol_view is not None:
            self.protocol_view.close_view()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.close_views()
        super().closeEvent(event)
