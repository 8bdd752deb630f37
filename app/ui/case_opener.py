"""One claimed request open on screen: the case viewer with the opinion panel beside it.

:class:`OpenCase` ties a :class:`~app.ui.viewer.case_window.CaseWindow` (the
request's study, retrieved from the hub) to an :class:`~app.ui.opinion.OpinionPanel`
docked on its right, bound to the request's
:class:`~app.reading.session.OpinionSession`:

* the headers of each series, once the hub lists them, go to the session
  (:meth:`OpinionSession.add_series`; a series stored after a signed opinion
  is flagged there);
* a series the panes put on screen is ticked as read (once; the radiologist
  may untick it) and audited as ``series-viewed`` by the window;
* "Key image" captures the active view as on screen, measurements burnt in,
  referencing exactly what it shows (:func:`key_image_sources`): for a
  native view, the instance and frame of the displayed sub-volume's slice
  (the b-value, phase or echo on screen); for a reformatted, slab or 3-D
  view, the capture is the key image, made from the images listed;
* the viewer's ABC/2 dialog, "Put in the opinion", fills the haemorrhage volume;
* a final opinion already in the study (for this request or another one for
  the same study) is shown in place of the panel, who, when and its verdicts,
  until the radiologist chooses "Write a new opinion"
  (:class:`~app.ui.opinion.prior_opinion.PriorOpinionGate`).

Closing the window saves the draft and releases the views.
"""

from __future__ import annotations

import logging

import numpy as np
from pydicom.dataset import Dataset
from PySide6.QtCore import QObject, Qt, QThreadPool, QTimer, Signal
from PySide6.QtWidgets import QDockWidget

from app.ed.site_requests import ReceivedOpinion, opinions_for_study
from app.hub.errors import HubError
from app.hub.protocol import Hub
from app.opinion import model as m
from app.reading.session import OpinionSession
from app.reading.state import SessionError
from app.ui.case_services import CaseServices
from app.ui.opinion.panel import OpinionPanel
from app.ui.opinion.prior_opinion import PriorOpinionGate, prior_finals
from app.ui.opinion.suggestion import section_warnings
from app.ui.viewer.case_window import CaseWindow
from app.ui.viewer.mpr_widget import MprWidget
from app.ui.viewer.panes import Pane
from app.ui.viewer.words import warning_text
from app.ui.workers import Worker
from app.worklist.claims import ClaimStore
from app.worklist.model import Request
from viewer.shown_images import ImagesShown, NothingShown, images_shown

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

log = logging.getLogger(__name__)


class NotTraceable(ValueError):
    """The view on screen cannot be traced to the images it shows: nothing is captured."""


class NotLoadedYet(NotTraceable):
    """A slice the view shows has not arrived yet (it is hatched on screen)."""


def key_image_sources(pane: Pane, mpr: MprWidget, view: str) -> ImagesShown:
    """The acquired images ``view`` of the pane's MPR widget shows, exactly.

    The pane's sub-volume (``pane.volume_index``: b0 or b1000, a phase, an
    echo) and its plan (which instance and frame fills each slice) are those
    on screen; the view's crosshair, rotation and slab say which slices it
    shows (:func:`viewer.shown_images.images_shown`). Raises
    :class:`NotTraceable` when the plan is not at hand or is not that of the
    volume on screen, :class:`NotLoadedYet` when a slice shown has not
    arrived, :class:`~viewer.shown_images.NothingShown` when the view shows
    no image.
    """
    entry = pane.entry
    if entry is None or not 0 <= pane.volume_index < len(entry.volume_plans):
        raise NotTraceable("the images on screen have no plan")
    plan = entry.volume_plans[pane.volume_index]
    volume = mpr.volume
    same = (
        pane.volume_index < len(entry.volumes)
        and entry.volumes[pane.volume_index] is volume
        and plan.shape == volume.shape
        and plan.label == volume.label
        and plan.series_instance_uid == entry.series_uid
        and np.allclose(plan.affine, volume.affine, rtol=0.0, atol=1e-6)
    )
    if not same:
        raise NotTraceable("the plan is not that of the volume on screen")
    state = mpr.state
    mode, mm = state.slab
    shown = images_shown(
        plan, view, crosshair=state.crosshair, rotation=state.rotation, slab_mode=mode, slab_mm=mm
    )
    loaded = volume.loaded
    if loaded is not None and not all(loaded[k] for k in shown.slices):
        raise NotLoadedYet("a slice on screen is not loaded yet")
    return shown


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
        # Time is brain: the hub is asked for the images now, while the opinion panel and
        # the window are built (what arrives waits in the feed for the GUI thread).
        self.window.start()
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
        self.gate = PriorOpinionGate(self.panel)
        self.dock.setWidget(self.gate)
        self._services = services
        self.prior_pool = QThreadPool(self)
        self.prior_pool.setMaxThreadCount(1)
        self.prior_worker = Worker(self, pool=self.prior_pool)
        self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # The opinion keeps the window's full height: the stroke analysis docked at the
        # bottom spans the series list and the images, not the opinion being written.
        self.window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self._marked: set[str] = set()
        self._closed = False
        self.window.headersListed.connect(self._headers)
        self.window.seriesShown.connect(self._shown)
        self.window.toolbar.abcMeasured.connect(self.panel.set_haemorrhage_abc)
        # The stroke analysis of this case's own images prefills the opinion's perfusion /
        # MR sections as suggestions the radiologist confirms or changes.
        self.window.analysis_ready.connect(
            lambda result: self.panel.offer_analysis(
                result.summary(), section_warnings(result, warning_text)
            )
        )
        self.window.caseClosed.connect(self._on_closed)
        self.window.retrievalFinished.connect(lambda _result: self.judge_volumes())
        self.panel.keyImageRequested.connect(self.capture_key_image)
        self.session.subscribe(lambda: QTimer.singleShot(0, self.fit_panel))  # rows appear

    # -- showing -----------------------------------------------------------------

    def show(self) -> None:
        """Show the window and start retrieving the case."""
        self.window.resize(1800, 1000)
        self.window.showMaximized()
        self.fit_panel()
        self.window.start()
        self.check_prior_opinions()

    def check_prior_opinions(self) -> None:
        """Look for final opinions already in the study (off the GUI thread); show them."""
        if not self.study_uid:
            return
        study_uid, factory = self.study_uid, self._services.hub_factory
        known = {s.sr_instance_uid for s in self.session.sending.case_items()}

        def job() -> list[ReceivedOpinion]:
            hub = factory()
            try:
                return prior_finals(opinions_for_study(hub, study_uid), known)
            finally:
                close = getattr(hub, "close", None)
                if close is not None:
                    close()

        def failed(exc: Exception) -> None:
            if not self._closed:
                reason = str(exc) if isinstance(exc, HubError) else type(exc).__name__
                self.gate.show_check_failed(reason)

        self.prior_worker.submit(job, self._show_prior, failed)

    def _show_prior(self, opinions: list[ReceivedOpinion]) -> None:
        if not self._closed:
            self.gate.show_prior(opinions, self.workitem_uid)

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

    def judge_volumes(self) -> list[str]:
        """Once the images are in: a CT judged angiographic by its pixels (a CTA with a
        sparse header) becomes a CTA of the case, and the occlusion must be stated.
        Returns the series that changed."""
        changed = []
        for entry in self.window.study.series:
            for volume in entry.volumes:  # gaps or undecodable slices: judged on the rest
                try:
                    if self.session.add_volume(volume):
                        changed.append(entry.series_uid)
                except Exception:  # a judgement that fails changes nothing; never a crash
                    log.warning("a series could not be judged by its pixels", exc_info=True)
        if changed:
            self.panel.refresh()
        return changed

    def _shown(self, uid: str) -> None:
        if uid in self._marked or uid not in self.session.kinds:
            return  # headers not listed yet: marked when they are
        self._marked.add(uid)
        self.panel.mark_series_read(uid)

    def active_view(self, mpr: MprWidget) -> str:
        """The view under the pointer, else the 2-D view used last, else the axial one
        (:meth:`MprWidget.key_image_view`): the 3-D view only when the pointer is on it."""
        return mpr.key_image_view()

    def capture_key_image(self, view: str | None = None) -> int | None:
        """The active view as on screen, as a key image; its index (None: not added).

        It references exactly what the capture shows (:func:`key_image_sources`);
        a view that cannot be traced to its images is not captured, and says why.
        """
        mpr = self.window.active_mpr()
        pane = self.window.protocol_view.active if self.window.protocol_view else None
        if mpr is None or pane is None or pane.entry is None:
            self.panel.show_error(SessionError(self.tr("No image on screen to capture.")))
            return None
        name = view or self.active_view(mpr)
        try:
            shown = key_image_sources(pane, mpr, name)
        except NothingShown:
            why = self.tr("This view shows no image of the series here (outside it, or a gap).")
            self.panel.show_error(SessionError(why))
            return None
        except NotLoadedYet:
            why = self.tr(
                "The images on screen are not all loaded yet: capture again once they are."
            )
            self.panel.show_error(SessionError(why))
            return None
        except NotTraceable:
            why = self.tr("The images on screen cannot be traced to their instances.")
            self.panel.show_error(SessionError(why))
            return None
        own = shown.at_crosshair
        derived = [] if shown.native else [
            m.SourceImage(s.sop_instance_uid, s.frame) for s in shown.sources
        ]  # fmt: skip
        rgb = mpr.capture_view(name)
        return self.panel.add_key_image(
            rgb, pane.entry.series_uid, own.sop_instance_uid, frame=own.frame, derived_from=derived
        )

    # -- closing -------------------------------------------------------------------

    def _on_closed(self) -> None:
        if self._closed:
            return
        self._closed = True
        self.prior_worker.wait(5000)
        self.panel.close()  # saves the draft, waits for a send being queued
        self.panel.clock_timer.stop()
        self.panel.save_timer.stop()
        close = getattr(self.hub, "close", None)
        if close is not None:
            close()
        self.window.deleteLater()
        self.closed.emit(self.workitem_uid)
