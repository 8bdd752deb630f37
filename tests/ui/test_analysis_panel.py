"""Issue #14 item 4 (viewer): the stroke analyses on screen (app/ui/viewer/analysis_panel.py).

Fabricated results (small maps of known values, masks of known size) are shown and what the
panel draws is read back from the map widget's pixels.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from app.ui.viewer.analysis_panel import AnalysisPanel, default_analyse
from app.ui.viewer.analysis_view import (
    AIF_COLOUR,
    CORE_COLOUR,
    JET,
    colour_slice,
    orientation_letters,
)
from app.ui.viewer.case_window import CaseWindow
from viewer.analysis.results import (
    AdcCoreResult,
    DwiFlairResult,
    InputFunction,
    PerfusionResult,
    VoxelGrid,
)
from viewer.analysis.study import AnalysisInputError
from viewer.notes import note

SHOTS = Path("/work/notes/shots14")
SHAPE = (3, 64, 64)
AFFINE = np.array(
    [[2.0, 0, 0, -64.0], [0, 2.0, 0, -64.0], [0, 0, 5.0, 10.0], [0, 0, 0, 1.0]]
)  # 2 × 2 × 5 mm voxels: 0.02 mL
GRID = VoxelGrid(SHAPE, AFFINE)
AIF_IJK = (20, 30, 1)
VOF_IJK = (32, 58, 2)
CORE_VOXEL = (44, 24, 1)  # i, j, k inside the core
BRAIN_VOXEL = (14, 44, 1)  # CBF 40 there, away from every overlay and marker


def gamma(times: np.ndarray, t0: float, peak: float, scale: float) -> np.ndarray:
    t = np.clip(times - t0, 0, None)
    curve = t**3 * np.exp(-t / 1.5)
    return peak * curve / curve.max() * scale


def input_function(ijk: tuple[int, int, int], *, vein: bool, chosen_by: str) -> InputFunction:
    times = np.arange(0.0, 40.0, 1.0)
    hu = gamma(times, 8.0 if not vein else 11.0, 1.0, 380.0 if not vein else 520.0)
    return InputFunction(
        position_lps=tuple(float(v) for v in GRID.index_to_lps(ijk)),  # type: ignore[arg-type]
        voxels=((ijk[2], ijk[1], ijk[0]),),
        times_s=tuple(float(t) for t in times),
        enhancement_hu=tuple(float(v) for v in hu),
        chosen_by=chosen_by,
        peak_hu=float(hu.max()),
        time_to_peak_s=float(times[int(np.argmax(hu))]),
        width_s=6.0,
    )


def perfusion(
    *, core: bool = True, aif: str = "automatic", vof: str = "automatic"
) -> PerfusionResult:
    k, j, i = np.indices(SHAPE)
    brain = (i - 32) ** 2 + (j - 32) ** 2 < 29**2
    hypo = brain & (i >= 34) & (i < 56) & (j >= 14) & (j < 36) & (k == 1)
    severe = hypo & (i >= 38) & (i < 52) & (j >= 18) & (j < 32)
    core_mask = brain & (i >= 40) & (i < 48) & (j >= 20) & (j < 28) & (k == 1) & core
    cbf = np.where(brain, 40.0, np.nan).astype(np.float32)
    cbf[hypo] = 22.0
    cbf[core_mask] = 8.0
    tmax = np.where(brain, 1.0, np.nan).astype(np.float32)
    tmax[hypo] = 8.0
    tmax[severe] = 11.0
    maps = {
        "CBF": cbf,
        "CBV": np.where(brain, 3.0, np.nan).astype(np.float32),
        "MTT": np.where(brain, 4.5, np.nan).astype(np.float32),
        "Tmax": tmax,
        "TTP": np.where(brain, 9.0 + tmax, np.nan).astype(np.float32),
    }
    return PerfusionResult(
        grid=GRID,
        maps=maps,
        brain=brain,
        core=core_mask,
        hypoperfusion=hypo,
        severe=severe,
        aif=input_function(AIF_IJK, vein=False, chosen_by=aif),
        vof=input_function(VOF_IJK, vein=True, chosen_by=vof),
        healthy_cbf=40.0,
        excluded_frames=[3],
        warnings=[note("not_a_volume_reason", reason="frame 4 moved")],
    )


@dataclass
class FakeAnalysis:
    """What :class:`viewer.analysis.study.StudyAnalysis` gives the panel."""

    perfusion: PerfusionResult | None = None
    adc: AdcCoreResult | None = None
    dwi_flair: DwiFlairResult | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def nothing_to_analyse(self) -> bool:
        return self.perfusion is None and self.adc is None and self.dwi_flair is None


def mr_results() -> tuple[AdcCoreResult, DwiFlairResult]:
    k, j, i = np.indices(SHAPE)
    brain = (i - 32) ** 2 + (j - 32) ** 2 < 29**2
    lesion = brain & ((i - 20) ** 2 + (j - 26) ** 2 < 36) & (k >= 1)
    mirror = brain & ((i - 44) ** 2 + (j - 26) ** 2 < 36) & (k >= 1)
    adc = np.where(brain, 800.0, 3000.0).astype(np.float32)
    adc[lesion] = 450.0
    flair = np.where(brain, 300.0, 0.0).astype(np.float32)
    adc_result = AdcCoreResult(GRID, adc, brain, lesion, "right", "10^-6 mm2/s (from the header)")
    flair_result = DwiFlairResult(GRID, flair, lesion, mirror, 1.04, 1.15, "flair-negative")
    return adc_result, flair_result


def make_panel(qtbot, analyse=None, **kwargs: Any) -> AnalysisPanel:
    panel = AnalysisPanel(
        lambda scratch: scratch,
        banner=lambda: "DOE^JANE — ID 123 — 01/02/1950 — F",
        analyse=analyse or (lambda folder, **kw: FakeAnalysis()),
        **kwargs,
    )
    qtbot.addWidget(panel)
    panel.resize(1300, 760)
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def pixel(view, i: float, j: float, dx: int = 0, dy: int = 0) -> tuple[int, int, int]:
    image: QImage = view.grab().toImage()
    point = view.to_widget(i, j)
    colour = image.pixelColor(QPoint(round(point.x()) + dx, round(point.y()) + dy))
    return colour.red(), colour.green(), colour.blue()


def close(a, b, tol: int = 3) -> bool:
    return all(abs(int(x) - int(y)) <= tol for x, y in zip(a, b, strict=True))


def test_volumes_and_curves_shown(qtbot) -> None:
    panel = make_panel(qtbot)
    result = FakeAnalysis(perfusion=perfusion())
    panel.show_result(result)
    rows = dict(panel.rows["ctp"])
    # core 8 × 8 = 64 voxels, hypoperfusion 22 × 22 less 1 corner outside the brain = 483,
    # severe 14 × 14 = 196; 0.02 mL a voxel
    assert rows["Core (rCBF < 30 %)"] == "1.3 mL"
    assert rows["Hypoperfusion (Tmax > 6 s)"] == "9.7 mL"
    assert rows["Mismatch volume"] == "8.4 mL"  # 419 voxels
    assert rows["Mismatch ratio"] == "7.5"  # 9.7 / 1.3
    assert rows["HIR (Tmax > 10 s ÷ Tmax > 6 s)"] == "0.41"  # 196 / 483
    assert rows["Healthy CBF (contralateral mean)"] == "40.0 mL/100 g/min"
    assert rows["Excluded frames"] == "4"  # index 3, counted from 1
    assert rows["AIF"] == "automatic; peak 380 HU at 13.0 s; LPS -24, -4, 15"  # voxel (20, 30, 1)
    text = panel.ctp_summary.text()
    assert "Core (rCBF &lt; 30 %)" in text and "9.7 mL" in text
    assert "automatic" in text
    assert "measured by the software" in panel.caution.text()
    assert panel.banner.text().startswith("DOE^JANE — ID 123")
    assert [c.name for c in panel.curves.curves] == ["AIF", "VOF"]
    assert panel.curves.x_title == "Time (s)" and panel.curves.y_title == "Enhancement (HU)"
    assert [panel.warnings.item(n).text() for n in range(panel.warnings.count())] == [
        "not a volume: frame 4 moved"
    ]
    assert panel.tabs.isTabEnabled(panel.ctp_index)
    assert not panel.tabs.isTabEnabled(panel.adc_index)
    assert panel.ctp_box.k == 1  # the slice with most core

    panel.show_result(FakeAnalysis(perfusion=perfusion(core=False)))
    rows = dict(panel.rows["ctp"])
    assert rows["Mismatch ratio"] == "∞ (no core)" and rows["Core (rCBF < 30 %)"] == "0.0 mL"


def test_map_colours_and_overlay_toggle(qtbot) -> None:
    panel = make_panel(qtbot)
    panel.show_result(FakeAnalysis(perfusion=perfusion()))
    view = panel.ctp_box.view
    # CBF 40 on the 0–80 scale: the middle of the rainbow
    assert close(pixel(view, *BRAIN_VOXEL[:2]), JET[128])
    i, j = CORE_VOXEL[:2]
    core_on = pixel(view, i, j)
    expected = np.round(JET[round(8 / 80 * 255)] * 0.45 + np.array(CORE_COLOUR) * 0.55)
    assert close(core_on, expected)
    panel.core_box.setChecked(False)
    assert close(pixel(view, i, j), JET[round(8 / 80 * 255)])
    # the hypoperfusion outline: green on its border, nothing inside
    assert close(pixel(view, 34, 25), (0, 230, 0))
    panel.hypo_box.setChecked(False)
    assert close(pixel(view, 34, 25), JET[round(22 / 80 * 255)])
    # Tmax: 11 s on the 0–12 s scale
    panel.map_choice.setCurrentIndex(panel.map_choice.findData("Tmax"))
    assert close(pixel(view, 45, 25), JET[round(11 / 12 * 255)])
    assert (panel.ctp_box.bar.lo, panel.ctp_box.bar.hi) == (0.0, 12.0)
    assert panel.ctp_box.bar.units == "s"


def test_colour_slice_nan_black_and_clamped() -> None:
    rgb = colour_slice(np.array([[np.nan, -5.0, 200.0]], dtype=np.float32), 0.0, 80.0)
    assert rgb[0, 0].tolist() == [0, 0, 0]
    assert rgb[0, 1].tolist() == JET[0].tolist()
    assert rgb[0, 2].tolist() == JET[255].tolist()


def test_aif_marker_on_its_slice_only(qtbot) -> None:
    panel = make_panel(qtbot)
    panel.show_result(FakeAnalysis(perfusion=perfusion()))
    view = panel.ctp_box.view
    assert panel.ctp_box.k == AIF_IJK[2]
    assert [m.label for m in view.markers] == ["AIF"]
    marker = view.markers[0]
    assert (marker.i, marker.j) == pytest.approx(AIF_IJK[:2])

    def red_cross_near() -> bool:
        image = view.grab().toImage()
        centre = view.to_widget(*AIF_IJK[:2])
        for dx in range(4, 9):
            for dy in (-1, 0, 1):
                c = image.pixelColor(QPoint(round(centre.x()) + dx, round(centre.y()) + dy))
                if close((c.red(), c.green(), c.blue()), AIF_COLOUR, 30):
                    return True
        return False

    assert red_cross_near()
    panel.ctp_box.slider.setValue(0)
    assert view.markers == [] and not red_cross_near()
    panel.ctp_box.slider.setValue(2)
    assert [m.label for m in view.markers] == ["VOF"]
    # the wheel moves the slice
    view.wheeled.emit(1)
    assert panel.ctp_box.k == 1


def test_pick_aif_and_vof_rerun_with_the_point(qtbot) -> None:
    calls: list[dict[str, Any]] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        calls.append(kwargs)
        chosen = {
            "aif": "user" if kwargs["aif_lps"] is not None else "automatic",
            "vof": "user" if kwargs["vof_lps"] is not None else "automatic",
        }
        return FakeAnalysis(perfusion=perfusion(**chosen))

    panel = make_panel(qtbot, analyse)
    assert panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    assert calls[-1]["aif_lps"] is None and calls[-1]["vof_lps"] is None
    view = panel.ctp_box.view

    panel.pick_aif.click()
    assert panel.picking == "aif"
    point = view.to_widget(10, 12)
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=point.toPoint())
    qtbot.waitUntil(lambda: len(calls) == 2 and not panel.running, timeout=5000)
    aif = tuple(GRID.index_to_lps((10, 12, 1)))
    assert calls[1]["aif_lps"] == pytest.approx(aif)
    assert calls[1]["vof_lps"] is None
    assert dict(panel.rows["ctp"])["AIF"].startswith("chosen by you")
    assert dict(panel.rows["ctp"])["VOF"].startswith("automatic")

    panel.ctp_box.slider.setValue(2)
    panel.pick_vof.click()
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.to_widget(33, 57).toPoint())
    qtbot.waitUntil(lambda: len(calls) == 3 and not panel.running, timeout=5000)
    assert calls[2]["aif_lps"] == pytest.approx(aif)  # the AIF chosen before is kept
    assert calls[2]["vof_lps"] == pytest.approx(tuple(GRID.index_to_lps((33, 57, 2))))

    panel.reset_picks.click()
    qtbot.waitUntil(lambda: len(calls) == 4 and not panel.running, timeout=5000)
    assert calls[3]["aif_lps"] is None and calls[3]["vof_lps"] is None
    assert dict(panel.rows["ctp"])["AIF"].startswith("automatic")


def test_running_clears_the_previous_result_and_signals_when_ready(qtbot) -> None:
    gate = threading.Event()
    result = FakeAnalysis(perfusion=perfusion())

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        kwargs["progress"]("reading", 0.25)
        gate.wait(5)
        return result

    panel = make_panel(qtbot, analyse)
    panel.show_result(FakeAnalysis(perfusion=perfusion()))
    assert panel.ctp_box.view.rgb is not None
    with qtbot.waitSignal(panel.analysis_ready, timeout=5000) as ready:
        panel.start()
        assert panel.ctp_box.view.rgb is None  # no stale map while analysing
        assert panel.ctp_box.view.message == "Analysing…"
        assert panel.ctp_summary.text() == ""
        qtbot.waitUntil(lambda: panel.progress.value() == 25, timeout=5000)
        assert not panel.start()  # one run at a time
        gate.set()
    assert ready.args == [result]
    assert panel.status.text() == "Analysis done."


def test_errors_and_nothing_to_analyse_in_words(qtbot) -> None:
    why = note("not_a_volume_reason", reason="phase 7 of 30 missing")

    def broken(folder: Path, **kwargs: Any) -> FakeAnalysis:
        raise AnalysisInputError(why)

    panel = make_panel(qtbot, broken)
    panel.show_result(FakeAnalysis(perfusion=perfusion()))
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    assert panel.error_label.isVisible()
    assert panel.error_label.text() == (
        "The analysis could not be done: not a volume: phase 7 of 30 missing"
    )
    assert panel.result is None and panel.ctp_box.view.rgb is None and not panel.tabs.isVisible()

    nothing = FakeAnalysis(warnings=["no CT perfusion, ADC or DWI series"])
    panel.analyse = lambda folder, **kw: nothing
    emitted: list[object] = []
    panel.analysis_ready.connect(emitted.append)
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    assert panel.status.text().startswith("Nothing to analyse")
    assert not panel.error_label.isVisible() and emitted == []
    assert panel.warnings.item(0).text() == "no CT perfusion, ADC or DWI series"

    panel.analyse = lambda folder, **kw: 1 / 0
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    assert "internal error (ZeroDivisionError)" in panel.error_label.text()


def test_mr_tabs(qtbot) -> None:
    panel = make_panel(qtbot)
    adc, flair = mr_results()
    panel.show_result(FakeAnalysis(adc=adc, dwi_flair=flair))
    assert panel.tabs.currentIndex() == panel.adc_index
    assert not panel.tabs.isTabEnabled(panel.ctp_index)
    rows = dict(panel.rows["adc"])
    assert np.count_nonzero(adc.core) == 2 * 109  # 109 voxels a slice, 2 slices: 4.4 mL
    assert rows["Core: ADC < 620 × 10⁻⁶ mm²/s"] == "4.4 mL"
    assert rows["Side"] == "right"
    assert rows["ADC units"] == "10^-6 mm2/s (from the header)"
    view = panel.adc_box.view
    assert close(
        pixel(view, 20, 26), np.round(np.array([58] * 3) * 0.4 + np.array([255, 32, 32]) * 0.6)
    )
    panel.adc_core_box.setChecked(False)
    assert close(pixel(view, 20, 26), (57, 57, 57))  # 450 of 0–2000 in grey
    panel.tabs.setCurrentIndex(panel.flair_index)
    rows = dict(panel.rows["flair"])
    assert rows["FLAIR ratio (lesion ÷ mirror)"] == "1.040"
    assert rows["Threshold"] == "FLAIR-negative below 1.15"
    assert rows["Suggestion"].startswith("FLAIR-negative suggested")
    assert rows["DWI lesion"] == "4.4 mL"


def test_case_window_action_runs_the_analysis(qtbot, tmp_path: Path) -> None:
    window = CaseWindow(None, "1.2.3", watch_interval_ms=0)
    qtbot.addWidget(window)
    window.keep_on_screen = False
    window.resize(1500, 950)
    seen: list[Path] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        seen.append(folder)
        return FakeAnalysis(perfusion=perfusion())

    window.analyse = analyse
    window.show()
    assert window.toolbar.analyse.isVisible()
    window.toolbar.analyse.trigger()
    panel = window.analysis_panel
    assert panel is not None
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    # nothing of the case on this computer (no cache): said so, the analysis not called
    assert "no image of this case is stored on this computer yet" in panel.error_label.text()
    assert seen == []

    panel.folder_source = lambda scratch: tmp_path
    with qtbot.waitSignal(window.analysis_ready, timeout=5000):
        panel.start()
    assert seen == [tmp_path]
    assert window.analysis_dock is not None and window.analysis_dock.isVisible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "analysis_in_case_window.png"))
    window.close()


def test_screenshot(qtbot) -> None:
    """The panel with realistic fabricated data, saved for a look (issue #14 screenshots)."""
    panel = make_panel(qtbot)
    adc, flair = mr_results()
    panel.show_result(FakeAnalysis(perfusion=perfusion(), adc=adc, dwi_flair=flair, warnings=[]))
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "analysis_ctp.png"))
    panel.tabs.setCurrentIndex(panel.adc_index)
    assert panel.grab().save(str(SHOTS / "analysis_adc.png"))
    panel.tabs.setCurrentIndex(panel.flair_index)
    assert panel.grab().save(str(SHOTS / "analysis_flair.png"))


def test_orientation_letters() -> None:
    assert orientation_letters(AFFINE) == ("R", "L", "A", "P")  # axial, radiological
    flipped = AFFINE.copy()
    flipped[:3, 0] *= -1
    assert orientation_letters(flipped)[:2] == ("L", "R")


# --- the real analysis on a small synthetic CT perfusion and the wake-up MR case -------------


def test_real_ctp_analysis_shown_and_aif_picked(qtbot, tmp_path: Path) -> None:
    from tests.viewer.analysis.study_factory import write_ctp

    _, truth = write_ctp(tmp_path / "ctp")
    panel = make_panel(qtbot, default_analyse)
    panel.folder_source = lambda scratch: tmp_path / "ctp"
    ready: list[Any] = []
    panel.analysis_ready.connect(ready.append)
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    assert panel.error == "" and len(ready) == 1
    result = ready[0].perfusion
    assert result is not None
    rows = dict(panel.rows["ctp"])
    assert rows["Core (rCBF < 30 %)"] == f"{result.core_ml:.1f} mL"
    assert result.core_ml == pytest.approx(truth.core_ml, rel=0.30)
    assert rows["Hypoperfusion (Tmax > 6 s)"] == f"{result.hypoperfusion_ml:.1f} mL"
    _, _, k = result.grid.lps_to_index(result.aif.position_lps)
    panel.ctp_box.slider.setValue(round(k))
    assert [m.label for m in panel.ctp_box.view.markers][:1] == ["AIF"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "analysis_ctp_synthetic_real.png"))

    # the user picks the AIF on the artery: the analysis runs again with that point
    ai, aj, ak = (round(v) for v in result.grid.lps_to_index(truth.artery_lps))
    panel.ctp_box.slider.setValue(ak)
    panel.pick_aif.click()
    view = panel.ctp_box.view
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.to_widget(ai, aj).toPoint())
    qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    assert panel.error == "" and len(ready) == 2
    picked = ready[1].perfusion
    assert picked.aif.chosen_by == "user"
    assert np.linalg.norm(np.subtract(picked.aif.position_lps, truth.artery_lps)) < 10.0
    assert dict(panel.rows["ctp"])["AIF"].startswith("chosen by you")


def test_real_mr_analysis_shown(qtbot, tmp_path: Path) -> None:
    from minihub.synth import write_cases

    (case,) = write_cases(tmp_path, ["wake-up-mr"])
    panel = make_panel(qtbot, default_analyse)
    panel.folder_source = lambda scratch: case
    ready: list[Any] = []
    panel.analysis_ready.connect(ready.append)
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    assert panel.error == "" and len(ready) == 1
    adc = ready[0].adc
    assert adc is not None and ready[0].perfusion is None
    assert panel.tabs.currentIndex() == panel.adc_index
    assert dict(panel.rows["adc"])["Core: ADC < 620 × 10⁻⁶ mm²/s"] == f"{adc.core_ml:.1f} mL"
    assert panel.adc_box.k == int(np.argmax(np.count_nonzero(adc.core, axis=(1, 2))))
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SHOTS / "analysis_adc_synthetic_real.png"))
    if ready[0].dwi_flair is not None:
        panel.tabs.setCurrentIndex(panel.flair_index)
        assert panel.grab().save(str(SHOTS / "analysis_flair_synthetic_real.png"))


def test_cancel_stops_the_run_at_its_next_step(qtbot) -> None:
    started, stop = threading.Event(), threading.Event()
    outcome: list[str] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        started.set()
        stop.wait(5)
        try:
            kwargs["progress"]("CT perfusion", 0.5)
        except Exception as exc:
            outcome.append(type(exc).__name__)
            raise
        outcome.append("went on")
        return FakeAnalysis(perfusion=perfusion())

    panel = make_panel(qtbot, analyse)
    emitted: list[object] = []
    panel.analysis_ready.connect(emitted.append)
    panel.start()
    assert started.wait(5)
    panel.cancel_button.click()
    assert panel.status.text() == "Analysis cancelled." and panel.run_button.isEnabled()
    stop.set()
    qtbot.waitUntil(lambda: outcome != [], timeout=5000)
    panel.pool.waitForDone(5000)
    qtbot.wait(50)
    assert outcome == ["AnalysisCanceled"] and emitted == []
    assert panel.ctp_box.view.rgb is None and panel.ctp_box.view.message == "No result"
    assert panel.status.text() == "Analysis cancelled." and not panel.tabs.isVisible()


def _cached_ctp(tmp_path: Path) -> tuple[Any, str, str, list[str], Any]:
    from pydicom import dcmread

    from app.retrieve.cache import ImageCache
    from app.store.keys import MasterKey
    from tests.viewer.analysis.study_factory import write_ctp

    paths, _truth = write_ctp(tmp_path / "ctp")
    cache = ImageCache(tmp_path / "cache", key=MasterKey(b"f" * 32, persistent=True))
    first = dcmread(paths[0][0], stop_before_pixels=True)
    study, series = str(first.StudyInstanceUID), str(first.SeriesInstanceUID)
    order = []
    for path in (p for phase in paths for p in phase):
        sop = str(dcmread(path, stop_before_pixels=True).SOPInstanceUID)
        cache.put_instance(study, series, sop, path.read_bytes())
        order.append(sop)
    return cache, study, series, order, tmp_path / "ctp"


def test_case_window_analyses_the_cached_images(qtbot, tmp_path: Path) -> None:
    """The case's images, sealed in the cache, are exported to a private scratch folder
    (0700, files 0600) and analysed: the same volumes as the analysis of the original files;
    nothing left behind."""
    import stat
    import tempfile
    from types import SimpleNamespace

    cache, study, series, order, folder = _cached_ctp(tmp_path)
    direct = default_analyse(folder).perfusion
    window = CaseWindow(None, study, cache=cache, watch_interval_ms=0)
    qtbot.addWidget(window)
    window.retrieval.series = [  # type: ignore[list-item]
        SimpleNamespace(
            series_uid=series, label="series 4 (CT)", retrieval=SimpleNamespace(order=order)
        )
    ]
    modes: list[tuple[int, set[int]]] = []

    def analyse(scratch: Path, **kwargs: Any) -> Any:
        files = [p for p in scratch.rglob("*") if p.is_file()]
        modes.append(
            (stat.S_IMODE(scratch.stat().st_mode), {stat.S_IMODE(p.stat().st_mode) for p in files})
        )
        return default_analyse(scratch, **kwargs)

    window.analyse = analyse
    scratch_before = set(Path(tempfile.gettempdir()).glob("strokelink-analysis-*"))
    ready: list[Any] = []
    window.analysis_ready.connect(ready.append)
    panel = window.open_analysis()
    qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    assert panel.error == "" and len(ready) == 1
    assert modes == [(0o700, {0o600})]
    result = ready[0].perfusion
    assert result.core_ml == direct.core_ml and result.hypoperfusion_ml == direct.hypoperfusion_ml
    assert set(Path(tempfile.gettempdir()).glob("strokelink-analysis-*")) == scratch_before

    # review item 1: an instance listed but never received: refused, never analysed partly
    order.append("1.2.999")
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=60_000)
    assert len(ready) == 1 and len(modes) == 1
    assert panel.error == (
        f"series 4 (CT): 1 of {len(order)} images not on this computer"
        " (the analysis needs them all)"
    ), panel.error
    assert set(Path(tempfile.gettempdir()).glob("strokelink-analysis-*")) == scratch_before
    window.close()


def _window(qtbot, tmp_path: Path, analyse) -> CaseWindow:
    from types import SimpleNamespace

    window = CaseWindow(None, "1.2.3", watch_interval_ms=0)
    qtbot.addWidget(window)
    window.keep_on_screen = False
    window.resize(1500, 950)
    window.analyse = analyse
    window.export_images = lambda scratch: tmp_path  # type: ignore[method-assign]
    window.retrieval.series = [  # type: ignore[list-item]
        SimpleNamespace(series_uid="1.2.3.4", label="series 4 (CT)", retrieval=None)
    ]
    return window


def test_analysis_waits_for_every_image_then_starts(qtbot, tmp_path: Path) -> None:
    """Review item 1: while the retrieval runs the analysis waits (said so) and starts by
    itself once the retrieval ended complete."""
    from app.retrieve.case import CaseResult
    from app.retrieve.model import SeriesResult

    calls: list[Path] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        calls.append(folder)
        return FakeAnalysis(perfusion=perfusion())

    window = _window(qtbot, tmp_path, analyse)
    window.show()
    window._running = True  # the retrieval under way
    panel = window.open_analysis()
    qtbot.wait(100)
    assert calls == [] and panel.waiting and not panel.running
    assert panel.status.text() == (
        "Images still arriving: the analysis starts when they are all here."
    )
    assert not panel.tabs.isVisible() and not panel.error_label.isVisible()
    panel.run_button.click()  # asking again: still waiting
    assert calls == [] and panel.waiting
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "analysis_images_still_arriving.png"))
    with qtbot.waitSignal(window.analysis_ready, timeout=5000):
        window._finish(
            CaseResult(series={"1.2.3.4": SeriesResult("1.2.3.4", expected=40, received=40)})
        )
    assert calls == [tmp_path] and not panel.waiting
    assert panel.status.text() == "Analysis done."
    window.close()


def test_analysis_refused_when_the_retrieval_ended_incomplete(qtbot, tmp_path: Path) -> None:
    from app.retrieve.case import CaseResult
    from app.retrieve.model import SeriesResult, SeriesStatus

    calls: list[Path] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        calls.append(folder)
        return FakeAnalysis(perfusion=perfusion())

    window = _window(qtbot, tmp_path, analyse)
    window._running = True
    panel = window.open_analysis()
    assert panel.waiting
    part = SeriesResult("1.2.3.4", SeriesStatus.INCOMPLETE, expected=30, received=20)
    window._finish(CaseResult(series={"1.2.3.4": part}))
    qtbot.wait(100)
    assert calls == [] and not panel.waiting and not panel.running
    assert not panel.error_label.isHidden()
    assert panel.error_label.text() == (
        "The analysis could not be done: not every image of this case was received "
        "(incomplete: series 4 (CT) (20 of 30 images)); the analysis needs them all — open "
        "the case again once they are on the hub"
    )
    panel.run_button.click()  # asked again: still refused
    qtbot.wait(50)
    assert calls == [] and panel.result is None
    window.close()


def test_scratch_private_cancellable_and_cleaned(tmp_path: Path) -> None:
    """Review item 7: 0700 folder, 0600 files never written over, a cancelled run stops at
    the next file, stale folders of a crash removed, live ones removed at exit."""
    import os
    import stat

    from app.ui.viewer import analysis_panel as ap

    cancel = threading.Event()
    scratch = ap.Scratch(cancel, root=tmp_path)
    assert scratch.path.name.startswith(f"strokelink-analysis-{os.getpid()}-")
    written = scratch.write("series-001/000000.dcm", b"DICM")
    assert stat.S_IMODE(scratch.path.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(written.stat().st_mode) == 0o600 and written.read_bytes() == b"DICM"
    with pytest.raises(FileExistsError):
        scratch.write("series-001/000000.dcm", b"other")
    cancel.set()
    with pytest.raises(ap.AnalysisCanceled):
        scratch.write("series-001/000001.dcm", b"DICM")
    assert not (scratch.path / "series-001" / "000001.dcm").exists()

    old = ap._STARTED - 3600
    crashed = tmp_path / "strokelink-analysis-999999999-abc"  # a process long gone
    nameless = tmp_path / "strokelink-analysis-xyz"
    fresh = tmp_path / "strokelink-analysis-999999998-new"  # made after this process started
    other = tmp_path / "something-else"
    for folder in (crashed, nameless, fresh, other):
        (folder / "s").mkdir(parents=True)
        (folder / "s" / "1.dcm").write_bytes(b"x")
    for folder in (crashed, nameless, other, scratch.path):
        os.utime(folder, (old, old))
    removed = ap.remove_stale_scratch(tmp_path)
    assert sorted(removed) == sorted([crashed, nameless])
    assert fresh.exists() and other.exists() and scratch.path.exists()  # ours: still running

    ap._remove_live_scratch()  # what atexit calls
    assert not scratch.path.exists()
    scratch.remove()


def test_export_stops_at_the_next_file_when_cancelled(qtbot, tmp_path: Path) -> None:
    from types import SimpleNamespace

    from app.ui.viewer import analysis_panel as ap

    cancel = threading.Event()
    reads: list[str] = []

    def get_instance(study: str, series: str, sop: str) -> bytes:
        reads.append(sop)
        if len(reads) == 2:
            cancel.set()  # the user cancels while the images are exported
        return b"DICM" + sop.encode()

    order = [f"1.2.{n}" for n in range(50)]
    cache = SimpleNamespace(cached_instances=lambda st, se, o: set(o), get_instance=get_instance)
    window = CaseWindow(None, "1.2.3", watch_interval_ms=0)
    qtbot.addWidget(window)
    window.retrieval.cache = cache  # type: ignore[assignment]
    window.retrieval.series = [  # type: ignore[list-item]
        SimpleNamespace(
            series_uid="1.2.3.4", label="series 4", retrieval=SimpleNamespace(order=order)
        )
    ]
    scratch = ap.Scratch(cancel, root=tmp_path)
    with pytest.raises(ap.AnalysisCanceled):
        window.export_images(scratch)
    assert len(reads) == 2
    assert len(list(scratch.path.rglob("*.dcm"))) == 1  # the second one not written
    scratch.remove()
    assert not scratch.path.exists()
    window.close()


def test_failed_picked_point_reverts_to_the_previous_choice(qtbot) -> None:
    """Review item f: a picked AIF that fails is said, the previous result and choice stay,
    and later runs do not use it."""
    calls: list[dict[str, Any]] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        calls.append(kwargs)
        if kwargs["aif_lps"] is not None:
            raise AnalysisInputError(
                note("not_a_volume_reason", reason="no enhancement at the AIF")
            )
        return FakeAnalysis(perfusion=perfusion())

    panel = make_panel(qtbot, analyse)
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    panel.pick_aif.click()
    view = panel.ctp_box.view
    QTest.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.to_widget(10, 12).toPoint())
    qtbot.waitUntil(lambda: len(calls) == 2 and not panel.running, timeout=5000)
    assert calls[1]["aif_lps"] is not None
    assert panel.error_label.isVisible()
    assert panel.error_label.text() == (
        "The analysis could not be done: not a volume: no enhancement at the AIF\n"
        "The point you picked is not used; the previous choice is kept."
    )
    assert panel.user_aif is None
    assert panel.result is not None and panel.tabs.isVisible()  # the previous result again
    assert dict(panel.rows["ctp"])["AIF"].startswith("automatic")
    panel.run_button.click()
    qtbot.waitUntil(lambda: len(calls) == 3 and not panel.running, timeout=5000)
    assert calls[2]["aif_lps"] is None and panel.error == ""


def test_reset_during_a_run_cancels_it_and_runs_automatic(qtbot) -> None:
    """Review item f: Reset (both points, said on the button) during a run of a picked point:
    that run is dropped, an automatic one runs and is shown as automatic."""
    gate = threading.Event()
    calls: list[dict[str, Any]] = []
    outcome: list[str] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        calls.append(kwargs)
        chosen = "user" if kwargs["aif_lps"] is not None else "automatic"
        if chosen == "user":
            gate.wait(5)
            try:
                kwargs["progress"]("CT perfusion", 0.5)
            except Exception as exc:
                outcome.append(type(exc).__name__)
                raise
        return FakeAnalysis(perfusion=perfusion(aif=chosen))

    panel = make_panel(qtbot, analyse)
    assert panel.reset_picks.text() == "Reset AIF and VOF to automatic"
    panel.start()
    qtbot.waitUntil(lambda: not panel.running, timeout=5000)
    panel.start(aif_lps=(1.0, 2.0, 3.0))
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    panel.reset_to_automatic()  # (the page's buttons are disabled while a run goes on)
    assert panel.running and panel.user_aif is None
    gate.set()
    qtbot.waitUntil(lambda: len(calls) == 3 and not panel.running, timeout=5000)
    assert outcome == ["AnalysisCanceled"]
    assert calls[2]["aif_lps"] is None and calls[2]["vof_lps"] is None
    assert dict(panel.rows["ctp"])["AIF"].startswith("automatic")
    assert panel.user_aif is None and panel.status.text() == "Analysis done."


def test_closing_a_window_during_a_run_does_not_wait(qtbot, tmp_path: Path) -> None:
    """Review item g: the window goes at once; the run ends in the background, dropped."""
    import shiboken6

    started, gate, ended = threading.Event(), threading.Event(), threading.Event()
    outcome: list[str] = []

    def analyse(folder: Path, **kwargs: Any) -> FakeAnalysis:
        started.set()
        gate.wait(10)
        try:
            kwargs["progress"]("CT perfusion", 0.5)
            outcome.append("went on")
        except Exception as exc:
            outcome.append(type(exc).__name__)
            raise
        finally:
            ended.set()
        return FakeAnalysis(perfusion=perfusion())

    window = CaseWindow(None, "1.2.3", watch_interval_ms=0)
    window.analyse = analyse
    window.export_images = lambda scratch: tmp_path  # type: ignore[method-assign]
    ready: list[Any] = []
    window.analysis_ready.connect(ready.append)
    panel = window.open_analysis()
    pool = panel.pool
    assert started.wait(5)
    window.close()
    shiboken6.delete(window)  # the window and its panel destroyed: nothing waits on the run
    assert not ended.is_set() and not gate.is_set()
    gate.set()
    assert ended.wait(5)
    assert pool.waitForDone(5000)
    qtbot.wait(50)
    assert outcome == ["AnalysisCanceled"] and ready == []


def test_one_analysis_at_a_time_the_other_window_waits(qtbot) -> None:
    gate = threading.Event()

    def slow(folder: Path, **kwargs: Any) -> FakeAnalysis:
        gate.wait(5)
        return FakeAnalysis(perfusion=perfusion())

    first = make_panel(qtbot, slow)
    second = make_panel(qtbot, lambda folder, **kw: FakeAnalysis(perfusion=perfusion()))
    first.start()
    qtbot.waitUntil(lambda: first.status.text().startswith("Analysing…"))
    assert second.start()
    assert second.status.text() == (
        "Another analysis is running (another case window): this one starts when it is done."
    )
    qtbot.wait(100)
    assert second.running and second.result is None
    gate.set()
    qtbot.waitUntil(lambda: not first.running and not second.running, timeout=5000)
    assert first.status.text() == second.status.text() == "Analysis done."
