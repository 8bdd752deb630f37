"""One claimed request open on screen: the case viewer with the opinion panel beside it.

:class:`OpenCase` ties a :class:`~app.ui.viewer.case_window.CaseWindow` (the
request's study, retrieved from the hub) to an :class:`~app.ui.opinion.OpinionPanel`
docked on its right, bound to the request's
:class:`~app.opinion_session.OpinionSession`:

* the headers of each series, once the hub lists them, go to the session
  (:meth:`OpinionSession.add_series`; a series stored after a signed opinion
  is flagged there);
* a series the panes put on screen is ticked as read (once; the radiologist
  may untick it) and audited as ``series-viewed`` by the window;
* "Key image" captures the active view as on screen, measurements burnt in,
  referencing the instance of the slice at the crosshair
  (:func:`instance_at`);
* the viewer's ABC/2 dialog, "Put in the opinion", fills the haemorrhage volume.

Closing the window saves the draft and releases the views.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDockWidget

from app.claims import ClaimStore
from app.hub.protocol import Hub
from app.opinion_session import OpinionSession, SessionError
from app.ui.case_services import CaseServices
from app.ui.opinion import OpinionPanel
from app.ui.viewer.case_window import CaseWindow
from app.ui.viewer.mpr_widget import MprWidget
from app.worklist import Request

#: The viewer's dark style sheet cascades into its docks; the opinion panel is
#: light (its own rules win, being nearer): give everything else back a light look.
LIGHT_DOCK = """
QDockWidget#opinion-dock QWidget { background: transparent; color: #2b3440; }
QDockWidget#opinion-dock QPushButton { background: #f8f9fb; color: #2b3440;
    border: 1px solid #b8c1cc; border-radius: 4px; padding: 3px 10px; }
QDockWidget#opinion-dock QPushButton:disabled { color: #9aa4af; }
QDockWidget#opinion-dock QListWidget, QDockWidget#opinion-dock QLineEdit,
QDockWidget#opinion-dock QPlainTextEdit, QDockWidget#opinion-dock QTextEdit,
QDockWidget#opinion-dock QComboBox, QDockWidget#opinion-dock QSpinBox,
QDockWidget#opinion-dock QDoubleSpinBox, QDockWidget#opinion-dock QTimeEdit {
    background: white; color: #2b3440; border: 1px solid #b8c1cc; }
"""


def instance_at(
    headers: Sequence[Dataset],
    series_uid: str,
    point: npt.ArrayLike,
    normal: npt.ArrayLike,
) -> str:
    """SOP Instance UID of the series' image nearest ``point`` (LPS mm) along ``normal``.

    Positions are (0020,0032) Image Position (Patient) projected on the
    slices' normal (from (0020,0037) Image Orientation (Patient)); without
    positions (e.g. enhanced multi-frame images), the series' middle
    instance. '' when the series has no headers.
    """
    series = [ds for ds in headers if str(ds.get("SeriesInstanceUID", "")) == series_uid]
    if not series:
        return ""
    axis = np.asarray(normal, dtype=float)
    target = float(np.dot(np.asarray(point, dtype=float), axis))
    placed = [
        (abs(float(np.dot(np.asarray(ds.ImagePositionPatient, dtype=float), axis)) - target), n)
        for n, ds in enumerate(series)
        if len(ds.get("ImagePositionPatient", []) or []) == 3
    ]
    if not placed:
        return str(series[len(series) // 2].SOPInstanceUID)
    return str(series[min(placed)[1]].SOPInstanceUID)


class OpenCase(QObject):
    """A request's case window with its opinion panel (module docstring).

    ``claims`` and ``hub_url`` are the main window's (the claim's Transaction
    UID completes the request). ``closed(workitem_uid)`` fires when the
    window closes.
    """

    closed = Signal(str)

    def __init__(
        self,
        request: Request,
        services: CaseServices,
        claims: ClaimStore,
        *,
        hub_url: str,
        watch_interval_ms: int = 15_000,
    ) -> None:
        super().__init__()
        self.request = request
        self.workitem_uid = request.workitem_uid
        self.study_uid = request.study_uids[0] if request.study_uids else ""
        self.hub: Hub = services.hub_factory()
        self.window = CaseWindow(
            self.hub,
            self.study_uid,
            cache=services.cache,
            decoder=services.decoder,
            audit=services.audit,
            watch_interval_ms=watch_interval_ms,
        )
        self.session = OpinionSession(
            request,
            None,
            drafts=services.drafts,
            outbox=services.outbox,
            claims=claims,
            hub_url=hub_url,
            signer=services.signer,
            clock=services.clock,
            audit=services.audit,
        )
        self.panel = OpinionPanel(self.session, services.runner)
        self.dock = QDockWidget(self.tr("Opinion"), self.window)
        self.dock.setObjectName("opinion-dock")
        self.dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.dock.setStyleSheet(LIGHT_DOCK)
        self.dock.setWidget(self.panel)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self._marked: set[str] = set()
        self._closed = False
        self.window.headersListed.connect(self._headers)
        self.window.seriesShown.connect(self._shown)
        self.window.toolbar.abcMeasured.connect(self.panel.set_haemorrhage_abc)
        self.window.caseClosed.connect(self._on_closed)
        self.panel.keyImageRequested.connect(self.capture_key_image)
        self.session.subscribe(lambda: QTimer.singleShot(0, self.fit_panel))  # rows appear

    # -- showing -----------------------------------------------------------------

    def show(self) -> None:
        """Show the window and start retrieving the case."""
        self.window.resize(1800, 1000)
        self.window.showMaximized()
        self.fit_panel()
        self.window.start()

    def fit_panel(self) -> None:
        """Widen the dock to the form as styled here: no field is ever cut off."""
        area = self.panel.form_area
        needed = (
            self.panel.form.minimumSizeHint().width()
            + area.verticalScrollBar().sizeHint().width()
            + 2 * area.frameWidth()
            + 16
        )
        if not self._closed and needed > self.panel.minimumWidth():
            self.panel.setMinimumWidth(needed)

    def raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

    def close(self) -> None:
        self.window.close()

    # -- the viewer → the opinion ------------------------------------------------

    def _headers(self, headers: list[Dataset]) -> None:
        try:
            self.session.add_series(headers)
        except Exception as exc:  # malformed headers: said, never a crash
            self.panel.show_error(exc)
        for uid in self.window.shown_series:
            self._shown(uid)

    def _shown(self, uid: str) -> None:
        if uid in self._marked or uid not in self.session.kinds:
            return  # headers not listed yet: marked when they are
        self._marked.add(uid)
        self.panel.mark_series_read(uid)

    def active_view(self, mpr: MprWidget) -> str:
        """The view with the keyboard focus, else the axial one (else the first)."""
        focused = QApplication.focusWidget()
        for name, widget in mpr.vtk_widgets.items():
            if widget is focused:
                return name
        return "axial" if "axial" in mpr.vtk_widgets else next(iter(mpr.vtk_widgets))

    def capture_key_image(self, view: str | None = None) -> int | None:
        """The active view as on screen, as a key image; its index (None: not added)."""
        mpr = self.window.active_mpr()
        pane = self.window.protocol_view.active if self.window.protocol_view else None
        if mpr is None or pane is None or pane.entry is None:
            self.panel.show_error(SessionError(self.tr("No image on screen to capture.")))
            return None
        series_uid = pane.entry.series_uid
        volume = mpr.volume
        sop = instance_at(
            self.session.headers, series_uid, mpr.state.crosshair, volume.direction[:, 2]
        )
        rgb = mpr.capture_view(view or self.active_view(mpr))
        return self.panel.add_key_image(rgb, series_uid, sop)

    # -- closing -------------------------------------------------------------------

    def _on_closed(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.panel.close()  # saves the draft, waits for a send being queued
        self.panel.clock_timer.stop()
        self.panel.save_timer.stop()
        close = getattr(self.hub, "close", None)
        if close is not None:
            close()
        self.window.deleteLater()
        self.closed.emit(self.workitem_uid)
