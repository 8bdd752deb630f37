"""Digital CT perfusion phantoms, in the manner of Kudo et al. (2010, 2013).

:func:`kudo_phantom`: one slice per CBV (1–5 mL/100 g); on each a 7 × 7 array of
16-pixel tiles: columns MTT 2, 3, 4, 6, 8, 12, 24 s (CBF = 60 · CBV / MTT), rows
delay 0–3 s by 0.5 s; residue exponential or box; 60 frames at 1 s by default;
Gaussian noise (seeded). Tissue curves are ``CBF/6000 · (AIF ⊛ R)(t − delay)``
computed on a 0.05 s grid from an analytic gamma-variate AIF (peak 400 HU),
then sampled at the frame times (so any, irregular, sampling can be made). Around
the tiles: a CSF band (5 HU, ignored), a skull ring (1000 HU) and air, so that
the motion check has edges; in the CSF band of every slice, a 4 × 4-pixel artery
(the AIF) and vein (the AIF dispersed by an exponential of 4 s and delayed 4 s:
same area) for the AIF/VOF choice.

:func:`score` runs :func:`viewer.analysis.perfusion.analyse_perfusion` on it and
compares per-tile medians (12 × 12 interior pixels of each tile) with the truth:
Pearson r and the median relative error ``median(|estimate/truth − 1|)``.

:func:`lesion_phantom`: a two-hemisphere head with a known core and penumbra.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from viewer.analysis.perfusion import analyse_perfusion
from viewer.analysis.results import PerfusionResult, VoxelGrid

MTTS_S = (2.0, 3.0, 4.0, 6.0, 8.0, 12.0, 24.0)
DELAYS_S = (0.0, 0.5, 1.0, 1.5, 2.0, 2.5, 3.0)
CBVS = (1.0, 2.0, 3.0, 4.0, 5.0)
TILE, INTERIOR_MARGIN = 16, 2
BORDER = 12  # air 0–3, skull 4–7, CSF band (with artery and vein) 8–11
AIF_PEAK_HU = 400.0
TISSUE_HU, CSF_HU, SKULL_HU, AIR_HU, BLOOD_HU = 35.0, 5.0, 1000.0, -1000.0, 40.0
_H = 0.05  # s, fine grid of the simulation


def gamma_aif(t: npt.NDArray[np.float64], t0: float = 8.0) -> npt.NDArray[np.float64]:
    """Gamma-variate arterial enhancement (HU), peak AIF_PEAK_HU at t0 + 4.5 s."""
    x = np.clip(t - t0, 0.0, None)
    y = x**3.0 * np.exp(-x / 1.5)
    return np.asarray(AIF_PEAK_HU * y / (4.5**3 * np.exp(-3.0)), np.float64)


def _residue(t: npt.NDArray[np.float64], mtt: float, kind: str) -> npt.NDArray[np.float64]:
    return np.exp(-t / mtt) if kind == "exp" else (t < mtt).astype(np.float64)


def tissue_curve(
    times: npt.NDArray[np.float64], cbf: float, mtt: float, delay: float, kind: str
) -> npt.NDArray[np.float64]:
    """Enhancement (HU) at ``times`` of tissue with ``cbf`` (mL/100 g/min), ``mtt``, ``delay``."""
    tf = np.arange(0.0, times[-1] + 1.0, _H)
    conv = np.convolve(gamma_aif(tf), _residue(tf, mtt, kind))[: tf.size] * _H * cbf / 6000.0
    return np.interp(times - delay, tf, conv, left=0.0)


def vein_curve(times: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """The AIF dispersed (exponential, 4 s) and delayed 4 s: same area as the AIF."""
    tf = np.arange(0.0, times[-1] + 1.0, _H)
    h = np.exp(-tf / 4.0) / 4.0
    conv = np.convolve(gamma_aif(tf), h)[: tf.size] * _H
    return np.interp(times - 4.0, tf, conv, left=0.0)


@dataclass
class Phantom:
    frames: npt.NDArray[np.float32]  # (T, K, J, I) HU
    times_s: npt.NDArray[np.float64]
    grid: VoxelGrid
    aif_lps: tuple[float, float, float]
    vof_lps: tuple[float, float, float]
    truth: dict[str, npt.NDArray[np.float64]] = field(default_factory=dict)  # (K, 7, 7)


def _grid(shape: tuple[int, int, int], pixel_mm: float = 1.0, slice_mm: float = 5.0) -> VoxelGrid:
    affine = np.diag([pixel_mm, pixel_mm, slice_mm, 1.0])
    affine[:3, 3] = (-shape[2] * pixel_mm / 2, -shape[1] * pixel_mm / 2, 0.0)
    return VoxelGrid(shape=shape, affine=affine)


def _head(size: int) -> npt.NDArray[np.float32]:
    """One slice's baseline: air, skull ring, CSF band (tissue is filled in later)."""
    img = np.full((size, size), AIR_HU, np.float32)
    img[4:-4, 4:-4] = SKULL_HU
    img[8:-8, 8:-8] = CSF_HU
    return img


def kudo_phantom(
    residue: str = "exp",
    noise_hu: float = 5.0,
    *,
    seed: int = 0,
    times_s: npt.ArrayLike | None = None,
) -> Phantom:
    """The Kudo 2013-like phantom (see the module)."""
    times = np.arange(60.0) if times_s is None else np.asarray(times_s, np.float64)
    n = len(MTTS_S)
    size = n * TILE + 2 * BORDER
    shape = (len(CBVS), size, size)
    frames = np.empty((times.size, *shape), np.float32)
    frames[:] = _head(size)[None, None]
    truth = {name: np.zeros((len(CBVS), n, n)) for name in ("CBF", "CBV", "MTT", "Tmax")}
    for k, cbv in enumerate(CBVS):
        for r, delay in enumerate(DELAYS_S):
            for c, mtt in enumerate(MTTS_S):
                cbf = 60.0 * cbv / mtt
                curve = TISSUE_HU + tissue_curve(times, cbf, mtt, delay, residue)
                j0, i0 = BORDER + r * TILE, BORDER + c * TILE
                frames[:, k, j0 : j0 + TILE, i0 : i0 + TILE] = curve[:, None, None]
                truth["CBF"][k, r, c], truth["CBV"][k, r, c] = cbf, cbv
                truth["MTT"][k, r, c], truth["Tmax"][k, r, c] = mtt, delay
    artery = (slice(8, 12), slice(20, 24))
    vein = (slice(8, 12), slice(size - 24, size - 20))
    frames[:, :, artery[0], artery[1]] = (BLOOD_HU + gamma_aif(times))[:, None, None, None]
    frames[:, :, vein[0], vein[1]] = (BLOOD_HU + vein_curve(times))[:, None, None, None]
    rng = np.random.default_rng(seed)
    if noise_hu > 0:
        frames += rng.normal(0.0, noise_hu, frames.shape).astype(np.float32)
    grid = _grid(shape)
    mid = len(CBVS) // 2
    aif = grid.index_to_lps((21.5, 9.5, mid))
    vof = grid.index_to_lps((size - 22.5, 9.5, mid))
    return Phantom(
        frames=frames,
        times_s=times,
        grid=grid,
        aif_lps=(float(aif[0]), float(aif[1]), float(aif[2])),
        vof_lps=(float(vof[0]), float(vof[1]), float(vof[2])),
        truth=truth,
    )


def tile_medians(values: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Median of each tile's 12 × 12 interior, (K, 7, 7)."""
    n = len(MTTS_S)
    out = np.zeros((values.shape[0], n, n))
    lo, hi = INTERIOR_MARGIN, TILE - INTERIOR_MARGIN
    for r in range(n):
        for c in range(n):
            j0, i0 = BORDER + r * TILE, BORDER + c * TILE
            block = values[:, j0 + lo : j0 + hi, i0 + lo : i0 + hi].reshape(values.shape[0], -1)
            out[:, r, c] = np.nanmedian(block, axis=1)
    return out


def score_result(result: PerfusionResult, phantom: Phantom) -> dict[str, dict[str, float]]:
    """Per parameter: Pearson r and median relative error of the tile medians."""
    out: dict[str, dict[str, float]] = {}
    for name in ("CBF", "CBV", "MTT", "Tmax"):
        est = tile_medians(result.maps[name]).ravel()
        true = phantom.truth[name].ravel()
        r = float(np.corrcoef(est, true)[0, 1])
        entry = {"r": round(r, 3)}
        if name != "Tmax":
            entry["median_rel_err"] = round(float(np.median(np.abs(est / true - 1.0))), 3)
        else:
            entry["median_abs_err_s"] = round(float(np.median(np.abs(est - true))), 3)
        out[name] = entry
    return out


def score(
    residue: str, noise_hu: float, *, seed: int = 0, automatic: bool = False
) -> dict[str, Any]:
    """Run the analysis on :func:`kudo_phantom` and score it (the numbers the note quotes).

    ``automatic``: let the analysis choose the AIF and VOF itself (otherwise the
    phantom's artery and vein are given as the user points).
    """
    ph = kudo_phantom(residue, noise_hu, seed=seed)
    if automatic:
        result = analyse_perfusion(ph.frames, ph.times_s, ph.grid)
    else:
        result = analyse_perfusion(
            ph.frames, ph.times_s, ph.grid, aif_lps=ph.aif_lps, vof_lps=ph.vof_lps
        )
    out: dict[str, Any] = {"residue": residue, "noise_hu": noise_hu}
    out.update(score_result(result, ph))
    return out


@dataclass
class LesionPhantom:
    frames: npt.NDArray[np.float32]
    times_s: npt.NDArray[np.float64]
    grid: VoxelGrid
    core_ml: float  # truth
    hypoperfusion_ml: float  # truth (core included)
    severe_ml: float  # truth: Tmax > 10 s
    healthy_cbf: float


def lesion_phantom(noise_hu: float = 5.0, *, seed: int = 1) -> LesionPhantom:
    """A square "head" (4 slices, 1 × 1 × 5 mm voxels): healthy tissue (CBF 50, CBV 4,
    no delay) except, on the patient's right (low column index = LPS −x), a
    penumbra (CBF 30, CBV 4, delay 8 s) holding a core (CBF 8, CBV 1.5, delay 14 s).
    Smoothing shifts the lesion borders (mixed curves fit the earlier, stronger
    component), so volumes are a little under the truth; interiors are exact.
    """
    times = np.arange(60.0)
    size, slices = 128, 4
    shape = (slices, size, size)
    base = _head(size)
    base[12:-12, 12:-12] = TISSUE_HU
    frames = np.empty((times.size, *shape), np.float32)
    frames[:] = base[None, None]
    inside = (slice(12, size - 12), slice(12, size - 12))
    healthy = TISSUE_HU + tissue_curve(times, 50.0, 60.0 * 4.0 / 50.0, 0.0, "exp")
    frames[:, :, inside[0], inside[1]] = healthy[:, None, None, None]
    pen = (slice(24, 88), slice(16, 56))  # 64 × 40 px
    core = (slice(40, 72), slice(20, 40))  # 32 × 20 px
    penumbra = TISSUE_HU + tissue_curve(times, 30.0, 60.0 * 4.0 / 30.0, 8.0, "exp")
    frames[:, :, pen[0], pen[1]] = penumbra[:, None, None, None]
    dead = TISSUE_HU + tissue_curve(times, 8.0, 60.0 * 1.5 / 8.0, 14.0, "exp")
    frames[:, :, core[0], core[1]] = dead[:, None, None, None]
    frames[:, :, 8:12, 60:64] = (BLOOD_HU + gamma_aif(times))[:, None, None, None]
    frames[:, :, 8:12, 100:104] = (BLOOD_HU + vein_curve(times))[:, None, None, None]
    if noise_hu > 0:
        rng = np.random.default_rng(seed)
        frames += rng.normal(0.0, noise_hu, frames.shape).astype(np.float32)
    grid = _grid(shape)
    voxel_ml = grid.voxel_ml
    return LesionPhantom(
        frames=frames,
        times_s=times,
        grid=grid,
        core_ml=32 * 20 * slices * voxel_ml,
        hypoperfusion_ml=64 * 40 * slices * voxel_ml,
        severe_ml=32 * 20 * slices * voxel_ml,
        healthy_cbf=50.0,
    )
