"""CT perfusion behaviour: motion, truncation, sampling, errors, Tmax resolution, volumes."""

from __future__ import annotations

import numpy as np
import pytest

from tests.viewer.analysis import ctp_phantom
from viewer.analysis.perfusion import PerfusionError, analyse_perfusion
from viewer.analysis.results import PERFUSION_UNITS
from viewer.notes import Note


def _codes(warnings: list[str]) -> list[str]:
    return [getattr(w, "code", "") for w in warnings]


@pytest.fixture(scope="module")
def clean() -> ctp_phantom.Phantom:
    return ctp_phantom.kudo_phantom("exp", 0.0)


def test_maps_fill_every_field_and_nan_outside_brain(clean: ctp_phantom.Phantom) -> None:
    seen: list[float] = []
    result = analyse_perfusion(
        clean.frames, clean.times_s, clean.grid, aif_lps=clean.aif_lps, progress=seen.append
    )
    assert seen == sorted(seen) and seen[-1] == 1.0
    assert set(result.maps) == set(PERFUSION_UNITS)
    for m in result.maps.values():
        assert m.dtype == np.float32 and m.shape == clean.grid.shape
        assert np.isnan(m[~result.brain]).all() and np.isfinite(m[result.brain]).all()
    # the brain is the tiles: not the air, skull, CSF band, artery or vein
    b = ctp_phantom.BORDER
    assert result.brain[:, b + 4 : -b - 4, b + 4 : -b - 4].all()
    assert not result.brain[:, : b - 1].any() and not result.brain[:, :, : b - 1].any()
    assert result.aif.chosen_by == "user" and result.excluded_frames == []
    assert not result.warnings
    # TTP: tile at delay 0, MTT 2 s peaks about when the AIF does (12.5 s) + ~1 s
    ttp = ctp_phantom.tile_medians(result.maps["TTP"])
    assert 12.0 <= ttp[0, 0, 0] <= 15.0 and ttp[0, 6, 0] == pytest.approx(ttp[0, 0, 0] + 3, abs=0.6)


def test_tmax_is_sub_second(clean: ctp_phantom.Phantom) -> None:
    result = analyse_perfusion(clean.frames, clean.times_s, clean.grid, aif_lps=clean.aif_lps)
    tmax = ctp_phantom.tile_medians(result.maps["Tmax"])
    # rows at 0.5, 1.5, 2.5 s delays: not multiples of the 1 s sampling interval
    for row in (1, 3, 5):
        assert np.median(tmax[:, row]) == pytest.approx(ctp_phantom.DELAYS_S[row], abs=0.2)
    values = result.maps["Tmax"][result.brain]
    assert np.mean(np.abs(values - np.round(values)) > 0.05) > 0.2


def test_moved_frame_is_excluded_with_a_warning() -> None:
    ph = ctp_phantom.kudo_phantom("exp", 5.0)
    ph.frames[30] = np.roll(ph.frames[30], (4, 3), axis=(1, 2))
    result = analyse_perfusion(ph.frames, ph.times_s, ph.grid, aif_lps=ph.aif_lps)
    assert result.excluded_frames == [30]
    assert "ctp_motion" in _codes(result.warnings)
    assert 30.0 not in result.aif.times_s and len(result.aif.times_s) == 59
    scores = ctp_phantom.score_result(result, ph)
    assert scores["CBF"]["r"] >= 0.95 and scores["Tmax"]["r"] >= 0.9


def test_truncated_bolus_is_warned() -> None:
    ph = ctp_phantom.kudo_phantom("exp", 0.0, times_s=np.arange(24.0))
    result = analyse_perfusion(ph.frames, ph.times_s, ph.grid, aif_lps=ph.aif_lps)
    assert "ctp_truncated_vof" in _codes(result.warnings)
    whole = ctp_phantom.kudo_phantom("exp", 0.0)
    full = analyse_perfusion(whole.frames, whole.times_s, whole.grid, aif_lps=whole.aif_lps)
    assert "ctp_truncated_vof" not in _codes(full.warnings)


def test_irregular_sampling() -> None:
    times = np.concatenate([np.arange(0.0, 30.0), np.arange(30.0, 61.0, 2.5)])
    ph = ctp_phantom.kudo_phantom("exp", 5.0, times_s=times)
    result = analyse_perfusion(ph.frames, ph.times_s, ph.grid, aif_lps=ph.aif_lps)
    assert result.aif.times_s == tuple(times)
    scores = ctp_phantom.score_result(result, ph)
    assert scores["CBF"]["r"] >= 0.95 and scores["CBV"]["r"] >= 0.97
    assert scores["MTT"]["r"] >= 0.9 and scores["Tmax"]["r"] >= 0.9
    assert scores["CBF"]["median_rel_err"] <= 0.2 and scores["CBV"]["median_rel_err"] <= 0.2


def test_core_and_hypoperfusion_volumes() -> None:
    ph = ctp_phantom.lesion_phantom(5.0)
    result = analyse_perfusion(ph.frames, ph.times_s, ph.grid)
    assert result.healthy_cbf == pytest.approx(ph.healthy_cbf, rel=0.15)
    assert result.core_ml == pytest.approx(ph.core_ml, rel=0.15)
    assert result.hypoperfusion_ml == pytest.approx(ph.hypoperfusion_ml, rel=0.2)
    assert result.volume_ml(result.severe) == pytest.approx(ph.severe_ml, rel=0.35)
    # away from the borders (smoothing mixes curves there) the classification is exact
    inner_pen = np.zeros(ph.grid.shape, bool)
    inner_pen[:, 29:83, 21:51] = True
    inner_core = np.zeros(ph.grid.shape, bool)
    inner_core[:, 45:67, 25:35] = True
    assert result.hypoperfusion[inner_pen].mean() > 0.98
    assert result.core[inner_core].mean() > 0.98 and result.severe[inner_core].mean() > 0.9
    assert not result.hypoperfusion[:, :, 70:].any()
    # the lesion is on the patient's right (low column index, LPS -x)
    cols = np.nonzero(result.core)[2]
    assert cols.max() < 64
    summary = result.summary()
    assert summary["mismatch_ml"] == pytest.approx(ph.hypoperfusion_ml - ph.core_ml, rel=0.25)
    assert summary["hir"] == pytest.approx(ph.severe_ml / ph.hypoperfusion_ml, abs=0.1)
    assert summary["core_ml"] == result.core_ml and summary["aif"]["chosen_by"] == "automatic"


def _error(frames: np.ndarray, times: object, grid: object, **kw: object) -> Note:
    with pytest.raises(PerfusionError) as info:
        analyse_perfusion(frames, times, grid, **kw)  # type: ignore[arg-type]
    assert isinstance(info.value.args[0], Note)
    return info.value.args[0]


def test_bad_input_errors(clean: ctp_phantom.Phantom) -> None:
    f, t, g = clean.frames, clean.times_s, clean.grid
    assert _error(f[:, :2], t, g).code == "ctp_shape"
    assert _error(f, t[:-1], g).code == "ctp_times_count"
    t2 = t.copy()
    t2[5] = t2[4]
    assert _error(f, t2, g).code == "ctp_times_not_increasing"
    assert _error(f[:8], t[:8], g).code == "ctp_too_few_frames"
    flat = np.broadcast_to(f[:1], f.shape)
    assert _error(flat, t, g).code == "ctp_no_artery"
    far = (1000.0, 0.0, 0.0)
    assert _error(f, t, g, aif_lps=far).code == "ctp_aif_outside"
    assert _error(f, t, g, vof_lps=far).code == "ctp_vof_outside"
    tissue = g.index_to_lps((60, 60, 2))
    err = _error(f, t, g, aif_lps=tuple(tissue))
    assert err.code == "ctp_aif_not_enhancing" and "mm" in err
