"""Accuracy of the CT perfusion maps on a Kudo-like digital phantom (issue #14 targets).

Per-tile medians against the truth (see :mod:`tests.viewer.analysis.ctp_phantom`):
at 0 and 5 HU noise, both residues, r >= 0.95 CBF, >= 0.97 CBV, >= 0.9 MTT,
>= 0.9 Tmax; "CBF and CBV within 20 % of truth" is read as the median over the
245 tiles of |estimate / truth - 1| <= 0.20.
"""

from __future__ import annotations

import numpy as np
import pytest

from tests.viewer.analysis import ctp_phantom
from viewer.analysis.perfusion import analyse_perfusion

TARGET_R = {"CBF": 0.95, "CBV": 0.97, "MTT": 0.9, "Tmax": 0.9}


@pytest.mark.parametrize("noise_hu", [0.0, 5.0])
@pytest.mark.parametrize("residue", ["exp", "box"])
def test_phantom_meets_the_issue_targets(residue: str, noise_hu: float) -> None:
    scores = ctp_phantom.score(residue, noise_hu)
    print(scores)
    for name, target in TARGET_R.items():
        assert scores[name]["r"] >= target, (name, scores)
    for name in ("CBF", "CBV"):
        assert scores[name]["median_rel_err"] <= 0.20, (name, scores)
    assert scores["Tmax"]["median_abs_err_s"] <= 0.5


def test_automatic_aif_and_vof_are_the_phantom_artery_and_vein() -> None:
    ph = ctp_phantom.kudo_phantom("exp", 5.0, seed=3)
    result = analyse_perfusion(ph.frames, ph.times_s, ph.grid)
    size = ph.frames.shape[-1]
    assert result.aif.chosen_by == "automatic"
    assert result.aif.voxels and all(8 <= j < 12 and 20 <= i < 24 for _, j, i in result.aif.voxels)
    assert result.vof is not None and result.vof.chosen_by == "automatic"
    assert all(8 <= j < 12 and size - 24 <= i < size - 20 for _, j, i in result.vof.voxels)
    # the AIF curve: gamma variate peaking at 12.5 s with 400 HU; FWHM 6.2 s
    assert result.aif.peak_hu == pytest.approx(400.0, rel=0.05)
    assert result.aif.time_to_peak_s == pytest.approx(12.5, abs=0.5)
    assert result.aif.width_s == pytest.approx(6.2, abs=0.5)
    assert result.vof.time_to_peak_s > result.aif.time_to_peak_s + 2
    assert not [w for w in result.warnings if getattr(w, "code", "") == "ctp_no_vof"]
    scores = ctp_phantom.score_result(result, ph)
    assert scores["CBF"]["r"] >= 0.95 and scores["CBF"]["median_rel_err"] <= 0.2


def test_partial_volume_aif_is_rescaled_by_the_vof() -> None:
    ph = ctp_phantom.kudo_phantom("exp", 0.0)
    # the artery at 60 % of its true enhancement (partial volume): VOF area rescales it
    art = ph.frames[:, :, 8:12, 20:24]
    art[:] = ctp_phantom.BLOOD_HU + 0.6 * (art - ctp_phantom.BLOOD_HU)
    result = analyse_perfusion(ph.frames, ph.times_s, ph.grid, aif_lps=ph.aif_lps)
    assert result.aif.peak_hu == pytest.approx(240.0, rel=0.05)
    est = ctp_phantom.tile_medians(result.maps["CBF"])
    assert float(np.median(np.abs(est / ph.truth["CBF"] - 1))) <= 0.1
