"""The stroke analyses of one case in the viewer (issue #14, item 4).

:class:`AnalysisPanel` runs :func:`viewer.analysis.study.analyse_study` on the case's
images in a background task (progress shown; the window keeps working; "Cancel"
stops it at its next progress step) and shows what it found:

- **CT perfusion**: the maps CBF, CBV, MTT, Tmax, TTP in a rainbow scale with their
  colour bar (ranges: :data:`app.ui.viewer.analysis_view.MAP_RANGES`), the overlays
  "Core (rCBF < 30 %)" (magenta-red, filled and outlined) and "Hypoperfusion
  (Tmax > 6 s)" (green outline), each switched on or off; the AIF and VOF marked on
  their slice (cross and label) and their curves; the volumes, mismatch, HIR, healthy
  CBF, excluded frames. "Pick AIF" / "Pick VOF": the next click on the map chooses
  the voxel and the analysis runs again with it (the other choice of the user kept; a
  point whose run fails is said and dropped, the previous choice and result stay);
  "Reset AIF and VOF to automatic" forgets both (a run under way is cancelled first).
- **MR ADC core**: the ADC map in grey with the core in red, the threshold, volume, side
  and how the units were read.
- **DWI–FLAIR**: the FLAIR slice with the DWI lesion (red) and its mirror (cyan)
  outlined, the ratio, the threshold and the suggestion.

Every number is labelled as measured by the software, to be confirmed by the
radiologist. The patient's identity is shown above the images (safety invariant 3).
Starting a run clears the previous results ("Analysing…"): no stale map is ever shown
as new. ``analysis_ready(StudyAnalysis)`` fires when a run succeeds (the opinion
prefills its suggestions from it).

The panel belongs to one case window. Where the images come from is the window's
business: ``folder_source(scratch)`` returns the study folder to analyse, given an
empty :class:`Scratch` folder (mode 0700, files 0600, removed after the run or at exit;
stale ones of a crash removed when the next run starts) it may export the images to;
``images()`` says whether every image of the case is here (only then does a run start:
"Images still arriving" until the retrieval ends, refused if it ended incomplete).
Runs of every window share one thread (:func:`analysis_pool`): one analysis at a time,
another window's run waits, said so; closing a window never waits for its run.
"""

from __future__ import annotations

import atexit
import html
import os
import re
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import Qt, QThreadPool, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSlider,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.ui.viewer.analysis_view import (
    ADC_CORE_COLOUR,
    AIF_COLOUR,
    CORE_COLOUR,
    GREY,
    HYPO_COLOUR,
    JET,
    LESION_COLOUR,
    MIRROR_COLOUR,
    VOF_COLOUR,
    ColourBar,
    Curve,
    CurveView,
    MapView,
    Marker,
    colour_slice,
    map_range,
    orientation_letters,
    paint_overlay,
)
from app.ui.viewer.words import warning_text
from app.ui.workers import Worker
from viewer.analysis.results import (
    ADC_CORE_THRESHOLD,
    CORE_RCBF_FRACTION,
    HYPOPERFUSION_TMAX_S,
    PERFUSION_UNITS,
    SEVERE_TMAX_S,
    AdcCoreResult,
    DwiFlairResult,
    InputFunction,
    PerfusionResult,
    VoxelGrid,
)
from viewer.notes import Note

STYLE = """
QWidget { background: #16181b; color: #d6d9dd; }
QComboBox { background: #262a30; border: 1px solid #3a3f46; padding: 1px 4px; }
QListWidget { background: #1b1e22; border: 0; }
QPushButton { background: #30353c; border: 1px solid #444a52; padding: 2px 10px; }
QPushButton:hover { background: #3a4048; }
QPushButton:checked { background: #2f5f9e; }
QPushButton:disabled { color: #6b7078; }
QSlider::groove:vertical { background: #2a2e34; width: 6px; }
QSlider::handle:vertical { background: #a9c8f5; height: 14px; margin: 0 -4px; border-radius: 3px; }
QProgressBar { background: #2a2e34; border: 0; }
QProgressBar::chunk { background: #3d8bfd; }
QLabel#analysis-banner { background: #202328; color: #ffffff; font-weight: bold; padding: 4px; }
QLabel#analysis-status { color: #a9c8f5; padding: 2px 4px; }
QLabel#analysis-error { background: #8b1a1a; color: #ffffff; padding: 6px; font-weight: bold; }
QLabel#analysis-caution { color: #ffb347; padding: 2px 4px; }
QLabel#analysis-summary { padding: 4px; }
QTabWidget::pane { border: 1px solid #2a2e34; }
QTabBar::tab { background: #202328; padding: 4px 10px; }
QTabBar::tab:selected { background: #2f5f9e; }
"""

Lps = tuple[float, float, float]

#: Prefix of the scratch folders holding a run's decrypted images (review item 7).
SCRATCH_PREFIX = "strokelink-analysis-"
_STARTED = time.time()  # about when this process started (this module is loaded at start-up)
_LIVE_SCRATCH: set[Path] = set()  # scratch folders of runs still going (removed at exit)
_LOCK = threading.Lock()
_POOL: list[QThreadPool] = []  # the one pool (made when first asked for)
_QUEUED: list[int] = []  # id() of the panel of each run submitted and not ended yet


def analysis_pool() -> QThreadPool:
    """The one thread of the application's analyses: one at a time, the others queued.

    Owned by no window: closing a window never waits on it (review item g)."""
    if not _POOL:
        pool = QThreadPool()
        pool.setMaxThreadCount(1)
        _POOL.append(pool)
    return _POOL[0]


def _remove_live_scratch() -> None:
    with _LOCK:
        folders = list(_LIVE_SCRATCH)
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)


atexit.register(_remove_live_scratch)


def _pid_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists (another user's) or the platform cannot tell
        return True
    return True


def remove_stale_scratch(root: Path | None = None) -> list[Path]:
    """Remove the scratch folders a crashed run left behind: this user's folders with
    :data:`SCRATCH_PREFIX` older than this process whose process is gone."""
    removed = []
    base = Path(root or tempfile.gettempdir())
    uid = os.getuid() if hasattr(os, "getuid") else None
    for folder in base.glob(SCRATCH_PREFIX + "*"):
        try:
            info = folder.lstat()
        except OSError:
            continue
        if not folder.is_dir() or folder.is_symlink():
            continue
        if uid is not None and info.st_uid != uid:
            continue
        if info.st_mtime >= _STARTED:
            continue
        match = re.match(re.escape(SCRATCH_PREFIX) + r"(\d+)-", folder.name)
        if match and _pid_alive(int(match.group(1))):
            continue  # another StrokeLink of this user, still running
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder)
    return removed


class Scratch:
    """A run's private scratch folder (mode 0700) for the case's decrypted images.

    :meth:`write` creates each file 0600 (never over an existing one) and stops the
    export as soon as the run is cancelled. Removed when the run ends, or at exit."""

    def __init__(self, cancel: threading.Event, root: Path | None = None) -> None:
        self.cancel = cancel
        self.path = Path(
            tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-", dir=root)
        )  # mode 0700
        with _LOCK:
            _LIVE_SCRATCH.add(self.path)

    def check(self) -> None:
        """Raise :class:`AnalysisCanceled` once the run is cancelled."""
        if self.cancel.is_set():
            raise AnalysisCanceled()

    def write(self, relative: str, data: bytes) -> Path:
        """``data`` as ``relative`` (sub-folders made 0700), mode 0600."""
        self.check()
        path = self.path / relative
        if path.parent != self.path:
            path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        return path

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)
        with _LOCK:
            _LIVE_SCRATCH.discard(self.path)


#: What the window says of its images: "ready", "arriving" (the retrieval is still running)
#: or "incomplete" (with the reason naming the incomplete series).
ImagesState = tuple[str, str]


class StudyAnalysisLike(Protocol):
    """What the panel reads of :class:`viewer.analysis.study.StudyAnalysis`."""

    perfusion: PerfusionResult | None
    adc: AdcCoreResult | None
    dwi_flair: DwiFlairResult | None
    warnings: list[str]

    @property
    def nothing_to_analyse(self) -> bool: ...


Analyse = Callable[..., Any]  # analyse_study(folder, *, aif_lps, vof_lps, progress)


class AnalysisCanceled(Exception):
    """Raised from the progress callback when the user cancelled the run."""


def default_analyse(folder: Path, **kwargs: Any) -> Any:
    """:func:`viewer.analysis.study.analyse_study` (imported when first used)."""
    from viewer.analysis import study  # heavy (the engines): loaded when first asked for

    return study.analyse_study(folder, **kwargs)


def _fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def _slice_k(fn: InputFunction | None, grid: VoxelGrid) -> tuple[float, float, int] | None:
    """(i, j, k) of an input function's position on ``grid``."""
    if fn is None:
        return None
    i, j, k = grid.lps_to_index(fn.position_lps)
    return float(i), float(j), round(float(k))


def _aspect(grid: VoxelGrid) -> float:
    col = float(np.linalg.norm(grid.affine[:3, 0]))
    row = float(np.linalg.norm(grid.affine[:3, 1]))
    return row / col if col > 0 else 1.0


def _grey_window(values: npt.NDArray[np.floating]) -> tuple[float, float]:
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return (0.0, 1.0)
    lo, hi = (float(v) for v in np.percentile(finite, [1.0, 99.5]))
    return (lo, hi if hi > lo else lo + 1.0)


def _scrolled(label: QLabel) -> QScrollArea:
    """``label`` in a scroll area: its rows never cut off when the dock is low."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(label)
    area.setMinimumHeight(90)
    return area


class SliceBox(QWidget):
    """A :class:`MapView`, its colour bar and a slice slider (the wheel moves it too)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = MapView(self)
        self.bar = ColourBar(self)
        self.slider = QSlider(Qt.Orientation.Vertical, self)
        self.slider.setObjectName("analysis-slice")
        self.slider.setToolTip(self.tr("Slice (mouse wheel)"))
        self.slider.setInvertedAppearance(True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.bar)
        layout.addWidget(self.slider)
        self.view.wheeled.connect(lambda steps: self.slider.setValue(self.slider.value() - steps))

    def set_slices(self, count: int, start: int) -> None:
        self.slider.blockSignals(True)
        self.slider.setRange(0, max(0, count - 1))
        self.slider.setValue(min(max(0, start), max(0, count - 1)))
        self.slider.blockSignals(False)

    @property
    def k(self) -> int:
        return int(self.slider.value())


class AnalysisPanel(QWidget):
    """The stroke analyses of one case (module docstring)."""

    analysis_ready = Signal(object)  # the StudyAnalysis of a successful run
    _progressed = Signal(int, str, float)  # run, step, fraction (from the worker thread)

    def __init__(
        self,
        folder_source: Callable[[Scratch], Path],
        *,
        banner: Callable[[], str] = lambda: "",
        analyse: Analyse = default_analyse,
        images: Callable[[], ImagesState] = lambda: ("ready", ""),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("analysis-panel")
        self.setStyleSheet(STYLE)
        self.folder_source = folder_source
        self.banner_text = banner
        self.analyse = analyse
        self.images = images
        self.pool = analysis_pool()
        self.worker = Worker(self, pool=self.pool)
        self.result: StudyAnalysisLike | None = None
        #: The summary rows on screen (label, value) of each page: "ctp", "adc", "flair".
        self.rows: dict[str, list[tuple[str, str]]] = {}
        self.running = False
        self.error = ""
        self.user_aif: Lps | None = None
        self.user_vof: Lps | None = None
        self.picking: str = ""  # "aif", "vof" or ""
        #: Waiting for the case's images (the retrieval still running): starts once told.
        self.waiting = False
        self._previous: StudyAnalysisLike | None = None  # shown again if a picked point fails
        self._picked_run = False  # the current run tries a point just picked
        self._trying: tuple[Lps | None, Lps | None] = (None, None)  # the current run's picks
        self._run = 0  # the current run's number (results of older runs are dropped)
        self._cancel = threading.Event()
        self._progressed.connect(self._show_progress)

        self.banner = QLabel(self)
        self.banner.setObjectName("analysis-banner")
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setWordWrap(True)
        top = QHBoxLayout()
        self.run_button = QPushButton(self.tr("Analyse"), self)
        self.run_button.setObjectName("analysis-run")
        self.run_button.setToolTip(self.tr("Run the stroke analyses on this case's images"))
        self.run_button.clicked.connect(lambda _=False: self.start())
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setObjectName("analysis-cancel")
        self.cancel_button.clicked.connect(lambda _=False: self.cancel())
        self.cancel_button.hide()
        self.status = QLabel(self.tr("Not analysed yet."), self)
        self.status.setObjectName("analysis-status")
        self.status.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumHeight(8)
        self.progress.setTextVisible(False)
        self.progress.hide()
        top.addWidget(self.run_button)
        top.addWidget(self.cancel_button)
        top.addWidget(self.status, 1)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("analysis-error")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.caution = QLabel(
            self.tr(
                "Every value is measured by the software — to be confirmed by the radiologist."
            ),
            self,
        )
        self.caution.setObjectName("analysis-caution")
        self.caution.setWordWrap(True)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("analysis-tabs")
        self._build_ctp()
        self._build_adc()
        self._build_flair()
        self.warnings = QListWidget(self)
        self.warnings.setObjectName("analysis-warnings")
        self.warnings.setWordWrap(True)
        self.warnings.setMaximumHeight(76)
        self.warnings_title = QLabel(self.tr("Analysis warnings"), self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.error_label)
        layout.addWidget(self.caution)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.warnings_title)
        layout.addWidget(self.warnings)
        self._clear()
        self.refresh_banner()

    # --- building ----------------------------------------------------------------------------
    def _build_ctp(self) -> None:
        page = QWidget(self)
        self.ctp_page = page
        self.map_choice = QComboBox(page)
        self.map_choice.setObjectName("analysis-map")
        for name, units in PERFUSION_UNITS.items():
            self.map_choice.addItem(f"{name} ({units})", name)
        self.map_choice.currentIndexChanged.connect(lambda _i: self.draw_ctp())
        self.core_box = QCheckBox(
            self.tr("Core (rCBF < %1 %)").replace("%1", f"{CORE_RCBF_FRACTION * 100:.0f}"), page
        )
        self.core_box.setObjectName("analysis-core")
        self.core_box.setStyleSheet("color: rgb(255, 64, 150);")
        self.hypo_box = QCheckBox(
            self.tr("Hypoperfusion (Tmax > %1 s)").replace("%1", f"{HYPOPERFUSION_TMAX_S:g}"), page
        )
        self.hypo_box.setObjectName("analysis-hypo")
        self.hypo_box.setStyleSheet("color: rgb(0, 230, 0);")
        for box in (self.core_box, self.hypo_box):
            box.setChecked(True)
            box.toggled.connect(lambda _on: self.draw_ctp())
        self.ctp_box = SliceBox(page)
        self.ctp_box.slider.valueChanged.connect(lambda _v: self.draw_ctp())
        self.ctp_box.view.clicked.connect(self._map_clicked)
        self.pick_aif = QPushButton(self.tr("Pick AIF"), page)
        self.pick_aif.setObjectName("analysis-pick-aif")
        self.pick_aif.setCheckable(True)
        self.pick_aif.setToolTip(self.tr("The next click on the map chooses the arterial input"))
        self.pick_aif.clicked.connect(lambda on: self.start_picking("aif" if on else ""))
        self.pick_vof = QPushButton(self.tr("Pick VOF"), page)
        self.pick_vof.setObjectName("analysis-pick-vof")
        self.pick_vof.setCheckable(True)
        self.pick_vof.setToolTip(self.tr("The next click on the map chooses the venous output"))
        self.pick_vof.clicked.connect(lambda on: self.start_picking("vof" if on else ""))
        self.reset_picks = QPushButton(self.tr("Reset AIF and VOF to automatic"), page)
        self.reset_picks.setObjectName("analysis-reset-picks")
        self.reset_picks.setToolTip(
            self.tr("Forget both points you picked and run again with the automatic choice")
        )
        self.reset_picks.clicked.connect(lambda _=False: self.reset_to_automatic())
        self.curves = CurveView(page)
        self.curves.setObjectName("analysis-curves")
        self.ctp_summary = QLabel(page)
        self.ctp_summary.setObjectName("analysis-summary")
        self.ctp_summary.setTextFormat(Qt.TextFormat.RichText)
        self.ctp_summary.setWordWrap(True)
        self.ctp_summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.ctp_summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)

        controls = QHBoxLayout()
        controls.addWidget(self.map_choice)
        controls.addWidget(self.core_box)
        controls.addWidget(self.hypo_box)
        controls.addStretch(1)
        picks = QHBoxLayout()
        picks.addWidget(self.pick_aif)
        picks.addWidget(self.pick_vof)
        picks.addWidget(self.reset_picks)
        picks.addStretch(1)
        left = QVBoxLayout()
        left.addLayout(controls)
        left.addWidget(self.ctp_box, 1)
        left.addLayout(picks)
        right = QVBoxLayout()
        right.addWidget(self.ctp_summary)  # every row, always (the curves give way)
        right.addWidget(self.curves, 1)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.ctp_index = self.tabs.addTab(page, self.tr("CT perfusion"))

    def _build_adc(self) -> None:
        page = QWidget(self)
        self.adc_page = page
        self.adc_core_box = QCheckBox(
            self.tr("Core: ADC < %1 × 10⁻⁶ mm²/s").replace("%1", f"{ADC_CORE_THRESHOLD:g}"), page
        )
        self.adc_core_box.setObjectName("analysis-adc-core")
        self.adc_core_box.setStyleSheet("color: rgb(255, 80, 80);")
        self.adc_core_box.setChecked(True)
        self.adc_core_box.toggled.connect(lambda _on: self.draw_adc())
        self.adc_box = SliceBox(page)
        self.adc_box.slider.valueChanged.connect(lambda _v: self.draw_adc())
        self.adc_summary = QLabel(page)
        self.adc_summary.setObjectName("analysis-adc-summary")
        self.adc_summary.setTextFormat(Qt.TextFormat.RichText)
        self.adc_summary.setWordWrap(True)
        self.adc_summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        left = QVBoxLayout()
        left.addWidget(self.adc_core_box)
        left.addWidget(self.adc_box, 1)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 3)
        layout.addWidget(_scrolled(self.adc_summary), 2)
        self.adc_index = self.tabs.addTab(page, self.tr("MR: ADC core"))

    def _build_flair(self) -> None:
        page = QWidget(self)
        self.flair_page = page
        self.flair_box = SliceBox(page)
        self.flair_box.bar.hide()
        self.flair_box.slider.valueChanged.connect(lambda _v: self.draw_flair())
        self.flair_summary = QLabel(page)
        self.flair_summary.setObjectName("analysis-flair-summary")
        self.flair_summary.setTextFormat(Qt.TextFormat.RichText)
        self.flair_summary.setWordWrap(True)
        self.flair_summary.setAlignment(Qt.AlignmentFlag.AlignTop)
        legend = QLabel(
            '<span style="color: rgb(255,64,64)">■ '
            + html.escape(self.tr("DWI lesion"))
            + '</span> &nbsp; <span style="color: rgb(0,200,255)">■ '
            + html.escape(self.tr("Mirrored region (reference)"))
            + "</span>",
            page,
        )
        left = QVBoxLayout()
        left.addWidget(legend)
        left.addWidget(self.flair_box, 1)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 3)
        layout.addWidget(_scrolled(self.flair_summary), 2)
        self.flair_index = self.tabs.addTab(page, self.tr("MR: DWI–FLAIR"))

    # --- identity ----------------------------------------------------------------------------
    def refresh_banner(self) -> None:
        """The patient's identity, from the case window (safety invariant 3)."""
        text = self.banner_text()
        self.banner.setText(text or self.tr("Patient: identity not read yet"))

    # --- running -----------------------------------------------------------------------------
    def start(self, *, aif_lps: Lps | None = None, vof_lps: Lps | None = None) -> bool:
        """Run the analyses in the background (the user's AIF/VOF choices by default).

        Only on every image of the case (``images``): while they still arrive the panel
        says so and waits (:meth:`images_changed` starts it); a case retrieved incomplete is
        refused. A point just picked is kept only if its run succeeds. False when no run
        was started (one under way already, images missing)."""
        if self.running:
            return False
        state, reason = self.images()
        if state == "arriving":
            self._wait_for_images()
            return False
        self.waiting = False
        if state != "ready":
            self.refuse(reason)
            return False
        previous = self.result
        aif = aif_lps if aif_lps is not None else self.user_aif
        vof = vof_lps if vof_lps is not None else self.user_vof
        self._picked_run = aif_lps is not None or vof_lps is not None
        self._previous = previous if self._picked_run else None
        self._trying = (aif, vof)
        self._run += 1
        run = self._run
        self._cancel = threading.Event()
        cancel = self._cancel
        self.running = True
        self.result = None
        self.error = ""
        self._clear()
        self.refresh_banner()
        self.status.setText(self.tr("Analysing…"))
        self.progress.setValue(0)
        self.progress.show()
        self.run_button.setEnabled(False)
        self.cancel_button.show()
        me = id(self)
        with _LOCK:
            others = any(owner != me for owner in _QUEUED)
            _QUEUED.append(me)
        if others:
            self.status.setText(
                self.tr(
                    "Another analysis is running (another case window): "
                    "this one starts when it is done."
                )
            )

        def progress(step: str, fraction: float) -> None:
            if cancel.is_set():
                raise AnalysisCanceled()
            try:
                self._progressed.emit(run, str(step), float(fraction))
            except RuntimeError:  # the panel was closed meanwhile
                raise AnalysisCanceled() from None

        folder_source, analyse = self.folder_source, self.analyse

        def task() -> Any:
            scratch: Scratch | None = None
            try:
                if cancel.is_set():
                    raise AnalysisCanceled()
                progress("starting", 0.0)
                remove_stale_scratch()
                scratch = Scratch(cancel)
                folder = folder_source(scratch)
                scratch.check()
                return analyse(folder, aif_lps=aif, vof_lps=vof, progress=progress)
            finally:
                if scratch is not None:
                    scratch.remove()
                with _LOCK:
                    _QUEUED.remove(me)

        self.worker.submit(task, lambda r: self._finished(run, r), lambda e: self._failed(run, e))
        return True

    def cancel(self) -> None:
        """Stop the run at its next step; the panel shows that it was cancelled."""
        if not self.running:
            return
        self._cancel.set()
        self._run += 1  # whatever comes back now is dropped
        self._stopped()
        self._clear()
        self.status.setText(self.tr("Analysis cancelled."))

    def close_panel(self) -> None:
        """Stop a run under way (the window closes) without waiting for it: the worker ends
        at its next step (or file exported) in the background, its result dropped."""
        self._cancel.set()
        self._run += 1
        self.waiting = False

    def images_changed(self) -> None:
        """The window's images changed state (the retrieval ended): a waiting run starts
        now (or is refused if the case came incomplete)."""
        if self.waiting and not self.running:
            self.start()

    def _wait_for_images(self) -> None:
        self.waiting = True
        self.result = None
        self.error = ""
        self._clear()
        self.refresh_banner()
        self.status.setText(
            self.tr("Images still arriving: the analysis starts when they are all here.")
        )

    def refuse(self, reason: str) -> None:
        """Say why the analysis is not run (never on a partial case)."""
        self.waiting = False
        self.result = None
        self._clear()
        self.error = reason
        self.error_label.setText(
            self.tr("The analysis could not be done: %1").replace("%1", reason)
        )
        self.error_label.show()
        self.status.setText(self.tr("Not analysed: images missing."))

    def _stopped(self) -> None:
        self.running = False
        self.progress.hide()
        self.cancel_button.hide()
        self.run_button.setEnabled(True)

    def _show_progress(self, run: int, step: str, fraction: float) -> None:
        if run != self._run:
            return
        percent = round(100 * min(max(fraction, 0.0), 1.0))
        self.progress.setValue(percent)
        self.status.setText(self.tr("Analysing… %1 %").replace("%1", str(percent)))

    def _finished(self, run: int, result: Any) -> None:
        if run != self._run:
            return
        self._stopped()
        self.user_aif, self.user_vof = self._trying  # the picks of a run that worked
        self._previous = None
        self.show_result(result)
        if not result.nothing_to_analyse:
            self.analysis_ready.emit(result)

    def _failed(self, run: int, error: Exception) -> None:
        if run != self._run:
            return
        self._stopped()
        if isinstance(error, AnalysisCanceled):
            self.status.setText(self.tr("Analysis cancelled."))
            return
        if self._picked_run:  # the point just picked failed: back to the choices before
            previous, self._previous = self._previous, None
            self.show_error(error)
            text = self.error_label.text()
            if previous is not None:
                self.show_result(previous)
            self.error_label.setText(
                text
                + "\n"
                + self.tr("The point you picked is not used; the previous choice is kept.")
            )
            self.error_label.show()
            self.status.setText(self.tr("The point you picked could not be used."))
            return
        self.show_error(error)

    # --- showing -----------------------------------------------------------------------------
    def show_error(self, error: Exception) -> None:
        """The reason the analysis could not run, in words (no stale result stays)."""
        self.result = None
        self._clear()
        if isinstance(error, ValueError) and error.args and isinstance(error.args[0], Note):
            reason = warning_text(error.args[0])
        elif isinstance(error, (ValueError, OSError)):
            reason = str(error) or type(error).__name__
        else:
            reason = self.tr("internal error (%1)").replace("%1", type(error).__name__)
        self.error = reason
        self.error_label.setText(
            self.tr("The analysis could not be done: %1").replace("%1", reason)
        )
        self.error_label.show()
        self.status.setText(self.tr("Analysis failed."))

    def _clear(self) -> None:
        """Nothing shown: no map, no number of an earlier run."""
        self.error_label.hide()
        self.warnings.clear()
        self.rows.clear()
        self.ctp_summary.clear()
        self.adc_summary.clear()
        self.flair_summary.clear()
        self.curves.set_curves([], "", "")
        text = self.tr("Analysing…") if self.running else self.tr("No result")
        for box in (self.ctp_box, self.adc_box, self.flair_box):
            box.view.set_message(text)
        for index in (self.ctp_index, self.adc_index, self.flair_index):
            self.tabs.setTabEnabled(index, False)
        self.tabs.setVisible(self.running)
        self._set_picking("")

    def show_result(self, result: StudyAnalysisLike) -> None:
        """Show ``result`` (a StudyAnalysis)."""
        self.result = result
        self.refresh_banner()
        self._clear()
        if result.nothing_to_analyse:
            self.status.setText(
                self.tr(
                    "Nothing to analyse: no CT perfusion, ADC or DWI–FLAIR series in this study."
                )
            )
            self._list_warnings(result)
            return
        self.tabs.show()
        shown = []
        if result.perfusion is not None:
            self.tabs.setTabEnabled(self.ctp_index, True)
            self._show_perfusion(result.perfusion)
            shown.append(self.ctp_index)
        if result.adc is not None:
            self.tabs.setTabEnabled(self.adc_index, True)
            self._show_adc(result.adc)
            shown.append(self.adc_index)
        if result.dwi_flair is not None:
            self.tabs.setTabEnabled(self.flair_index, True)
            self._show_flair(result.dwi_flair)
            shown.append(self.flair_index)
        if shown:
            self.tabs.setCurrentIndex(shown[0])
        self.status.setText(self.tr("Analysis done."))
        self._list_warnings(result)

    def _list_warnings(self, result: StudyAnalysisLike) -> None:
        said: list[str] = []
        parts: list[Any] = [result.perfusion, result.adc, result.dwi_flair]
        for warning in [*result.warnings, *(w for p in parts if p is not None for w in p.warnings)]:
            text = warning_text(warning)
            if text not in said:
                said.append(text)
        self.warnings.addItems(said or [self.tr("No warning.")])

    # --- CT perfusion ------------------------------------------------------------------------
    def _show_perfusion(self, p: PerfusionResult) -> None:
        self.ctp_box.view.aspect = _aspect(p.grid)
        self.ctp_box.view.letters = orientation_letters(p.grid.affine)
        start = p.grid.shape[0] // 2
        where = _slice_k(p.aif, p.grid)
        if np.any(p.core):
            start = int(np.argmax(np.count_nonzero(p.core, axis=(1, 2))))
        elif where is not None and 0 <= where[2] < p.grid.shape[0]:
            start = where[2]
        self.ctp_box.set_slices(p.grid.shape[0], start)
        self.draw_ctp()
        curves = [Curve(self.tr("AIF"), p.aif.times_s, p.aif.enhancement_hu, AIF_COLOUR)]
        if p.vof is not None:
            curves.append(Curve(self.tr("VOF"), p.vof.times_s, p.vof.enhancement_hu, VOF_COLOUR))
        self.curves.set_curves(curves, self.tr("Time (s)"), self.tr("Enhancement (HU)"))
        self.ctp_summary.setText(self._ctp_summary_html(p))

    def _ctp_summary_html(self, p: PerfusionResult) -> str:
        ratio = p.mismatch_ratio
        if ratio is None:
            ratio_text = "∞ " + self.tr("(no core)")
        else:
            ratio_text = f"{ratio:.1f}"
        excluded = ", ".join(str(f + 1) for f in p.excluded_frames) or self.tr("none")
        rows = [
            (self.tr("Core (rCBF < %1 %)").replace("%1", f"{CORE_RCBF_FRACTION * 100:.0f}"),
             self.tr("%1 mL").replace("%1", _fmt(p.core_ml))),
            (self.tr("Hypoperfusion (Tmax > %1 s)").replace("%1", f"{HYPOPERFUSION_TMAX_S:g}"),
             self.tr("%1 mL").replace("%1", _fmt(p.hypoperfusion_ml))),
            (self.tr("Mismatch volume"), self.tr("%1 mL").replace("%1", _fmt(p.mismatch_ml))),
            (self.tr("Mismatch ratio"), ratio_text),
            (self.tr("HIR (Tmax > %1 s ÷ Tmax > %2 s)").replace("%1", f"{SEVERE_TMAX_S:g}")
             .replace("%2", f"{HYPOPERFUSION_TMAX_S:g}"),
             _fmt(p.hir, 2)),
            (self.tr("Healthy CBF (contralateral mean)"),
             f"{p.healthy_cbf:.1f} {PERFUSION_UNITS['CBF']}"),
            (self.tr("Excluded frames"), excluded),
            (self.tr("AIF"), self._input_text(p.aif)),
            (self.tr("VOF"), self._input_text(p.vof)),
        ]  # fmt: skip
        self.rows["ctp"] = rows
        return self._table(
            rows, self.tr("CT perfusion — measured by the software, to be confirmed")
        )

    def _input_text(self, fn: InputFunction | None) -> str:
        if fn is None:
            return self.tr("not found")
        who = self.tr("chosen by you") if fn.chosen_by == "user" else self.tr("automatic")
        x, y, z = fn.position_lps
        return (
            self.tr("%1; peak %2 HU at %3 s; LPS %4")
            .replace("%1", who)
            .replace("%2", f"{fn.peak_hu:.0f}")
            .replace("%3", f"{fn.time_to_peak_s:.1f}")
            .replace("%4", f"{x:.0f}, {y:.0f}, {z:.0f}")
        )

    def _keep(self, page: str, rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
        self.rows[page] = rows
        return rows

    @staticmethod
    def _table(rows: list[tuple[str, str]], title: str) -> str:
        body = "".join(
            f'<tr><td style="color:#9aa0a6; padding-right:10px">{html.escape(k)}</td>'
            f'<td style="font-weight:bold">{html.escape(v)}</td></tr>'
            for k, v in rows
        )
        return (
            f'<div style="color:#ffb347">{html.escape(title)}</div>'
            f'<table cellspacing="2">{body}</table>'
        )

    def ctp_rgb(self) -> npt.NDArray[np.uint8] | None:
        """The CT perfusion slice on screen, overlays included (RGB)."""
        p = self.result.perfusion if self.result is not None else None
        if p is None:
            return None
        name = str(self.map_choice.currentData())
        values = p.maps[name]
        lo, hi = map_range(name, values)
        self.ctp_box.bar.set_scale(lo, hi, PERFUSION_UNITS[name], JET)
        k = self.ctp_box.k
        rgb = colour_slice(values[k], lo, hi)
        if self.hypo_box.isChecked():
            rgb = paint_overlay(rgb, p.hypoperfusion[k], HYPO_COLOUR, fill=0.0)
        if self.core_box.isChecked():
            rgb = paint_overlay(rgb, p.core[k], CORE_COLOUR, fill=0.55)
        return rgb

    def draw_ctp(self) -> None:
        p = self.result.perfusion if self.result is not None else None
        if p is None:
            return
        markers = []
        for fn, label, colour in (
            (p.aif, self.tr("AIF"), AIF_COLOUR),
            (p.vof, self.tr("VOF"), VOF_COLOUR),
        ):
            where = _slice_k(fn, p.grid)
            if where is not None and where[2] == self.ctp_box.k:
                markers.append(Marker(where[0], where[1], label, colour))
        corner = self.tr("Slice %1 / %2").replace("%1", str(self.ctp_box.k + 1))
        corner = corner.replace("%2", str(p.grid.shape[0]))
        self.ctp_box.view.set_slice(self.ctp_rgb(), markers, corner=corner)

    # --- picking the AIF / VOF ---------------------------------------------------------------
    def start_picking(self, which: str) -> None:
        """The next click on the CT perfusion map chooses the AIF ("aif") or VOF ("vof")."""
        self._set_picking(which)
        if which:
            self.status.setText(
                self.tr("Click the artery for the AIF on the map.")
                if which == "aif"
                else self.tr(
                    "Click the vein (e.g. the superior sagittal sinus) for the VOF on the map."
                )
            )

    def _set_picking(self, which: str) -> None:
        self.picking = which
        self.pick_aif.setChecked(which == "aif")
        self.pick_vof.setChecked(which == "vof")
        self.ctp_box.view.setCursor(
            Qt.CursorShape.CrossCursor if which else Qt.CursorShape.ArrowCursor
        )

    def _map_clicked(self, i: float, j: float) -> None:
        p = self.result.perfusion if self.result is not None else None
        if not self.picking or p is None or self.running:
            return
        which = self.picking
        ijk = (float(round(i)), float(round(j)), float(self.ctp_box.k))
        x, y, z = (float(v) for v in p.grid.index_to_lps(ijk))
        self._set_picking("")
        if which == "aif":
            self.start(aif_lps=(x, y, z))
        else:
            self.start(vof_lps=(x, y, z))

    def reset_to_automatic(self) -> None:
        """Forget the user's AIF and VOF (both) and run again with the automatic choice; a run
        under way is cancelled first (its result, maybe of a picked point, is never shown)."""
        self.user_aif = None
        self.user_vof = None
        self._trying = (None, None)
        self._previous = None
        was_running = self.running
        if was_running:
            self.cancel()
        if was_running or self.result is not None or self.error:
            self.start()
            if self.running:
                self.status.setText(self.tr("AIF and VOF back to automatic: analysing…"))

    # --- MR ----------------------------------------------------------------------------------
    def _show_adc(self, a: AdcCoreResult) -> None:
        self.adc_box.view.aspect = _aspect(a.grid)
        self.adc_box.view.letters = orientation_letters(a.grid.affine)
        start = a.grid.shape[0] // 2
        if np.any(a.core):
            start = int(np.argmax(np.count_nonzero(a.core, axis=(1, 2))))
        self.adc_box.set_slices(a.grid.shape[0], start)
        self.draw_adc()
        sides = {
            "left": self.tr("left"),
            "right": self.tr("right"),
            "both": self.tr("both sides"),
            "none": self.tr("none"),
        }
        rows = [
            (self.tr("Core: ADC < %1 × 10⁻⁶ mm²/s").replace("%1", f"{ADC_CORE_THRESHOLD:g}"),
             self.tr("%1 mL").replace("%1", _fmt(a.core_ml))),
            (self.tr("Side"), sides.get(a.side, a.side)),
            (self.tr("ADC units"), warning_text(a.units_note)),
        ]  # fmt: skip
        self.adc_summary.setText(
            self._table(
                self._keep("adc", rows), self.tr("MR — measured by the software, to be confirmed")
            )
        )

    def adc_rgb(self) -> npt.NDArray[np.uint8] | None:
        a = self.result.adc if self.result is not None else None
        if a is None:
            return None
        lo, hi = 0.0, 2000.0  # 10⁻⁶ mm²/s: brain 700–900, CSF about 3000
        self.adc_box.bar.set_scale(lo, hi, "10⁻⁶ mm²/s", GREY)
        k = self.adc_box.k
        rgb = colour_slice(a.adc[k], lo, hi, GREY)
        if self.adc_core_box.isChecked():
            rgb = paint_overlay(rgb, a.core[k], ADC_CORE_COLOUR, fill=0.6)
        return rgb

    def draw_adc(self) -> None:
        a = self.result.adc if self.result is not None else None
        if a is None:
            return
        corner = self.tr("Slice %1 / %2").replace("%1", str(self.adc_box.k + 1))
        corner = corner.replace("%2", str(a.grid.shape[0]))
        self.adc_box.view.set_slice(self.adc_rgb(), [], corner=corner)

    def _show_flair(self, f: DwiFlairResult) -> None:
        self.flair_box.view.aspect = _aspect(f.grid)
        self.flair_box.view.letters = orientation_letters(f.grid.affine)
        start = f.grid.shape[0] // 2
        if np.any(f.lesion):
            start = int(np.argmax(np.count_nonzero(f.lesion, axis=(1, 2))))
        self.flair_box.set_slices(f.grid.shape[0], start)
        self.draw_flair()
        suggestions = {
            "flair-negative": self.tr("FLAIR-negative suggested (lesion not visible on FLAIR)"),
            "flair-positive": self.tr("FLAIR-positive suggested (lesion visible on FLAIR)"),
            "not-assessable": self.tr("not assessable"),
        }
        lesion_ml = float(np.count_nonzero(f.lesion)) * f.grid.voxel_ml
        rows = [
            (self.tr("FLAIR ratio (lesion ÷ mirror)"), _fmt(f.flair_ratio, 3)),
            (
                self.tr("Threshold"),
                self.tr("FLAIR-negative below %1").replace("%1", f"{f.threshold:g}"),
            ),
            (self.tr("Suggestion"), suggestions.get(f.suggestion, f.suggestion)),
            (self.tr("DWI lesion"), self.tr("%1 mL").replace("%1", f"{lesion_ml:.1f}")),
        ]
        self.flair_summary.setText(
            self._table(
                self._keep("flair", rows),
                self.tr("DWI–FLAIR — measured by the software, to be confirmed"),
            )
        )

    def flair_rgb(self) -> npt.NDArray[np.uint8] | None:
        f = self.result.dwi_flair if self.result is not None else None
        if f is None:
            return None
        lo, hi = _grey_window(f.flair)
        k = self.flair_box.k
        rgb = colour_slice(f.flair[k], lo, hi, GREY)
        rgb = paint_overlay(rgb, f.mirror[k], MIRROR_COLOUR)
        return paint_overlay(rgb, f.lesion[k], LESION_COLOUR)

    def draw_flair(self) -> None:
        f = self.result.dwi_flair if self.result is not None else None
        if f is None:
            return
        corner = self.tr("Slice %1 / %2").replace("%1", str(self.flair_box.k + 1))
        corner = corner.replace("%2", str(f.grid.shape[0]))
        self.flair_box.view.set_slice(self.flair_rgb(), [], corner=corner)
