"""Stroke analysis benchmark: CT perfusion maps and volumes, and the MR ADC core.

``python -m bench analyze [--size 512] [--slices 16] [--phases 40] [--runs 3]
[--baseline 1] [--adc 1]`` prints one JSON line:

* ``ctp_s``: :func:`viewer.analysis.perfusion.analyse_perfusion` on a synthetic
  head CTP (int16, ``size`` × ``size`` × ``slices`` × ``phases``; 1 s then 2.5 s
  sampling; healthy tissue, a penumbra and a core; an artery and a vein; 5 HU
  noise) from frames to maps and volumes: median, min and all runs (target
  ≤ 10 s on 2 cores); ``cpu_s``: process CPU time of the median run;
* ``peak_mem_ratio``: tracemalloc peak during one more analysis over the bytes of
  the 4-D input in float32 (target ≤ 3);
* ``baseline_osvd_s``: a textbook block-circulant SVD with oscillation-index
  threshold choice (Wu et al. 2003) on the same data at the same in-plane
  resolution (2 × 2 binned, uniform 1 s grid, no smoothing), from frames to the
  CBF/CBV/MTT/Tmax arrays; ``ratio_to_baseline`` = ``ctp_s`` ÷ that;
* ``volumes``: core / hypoperfusion mL of the last run against the truth;
* ``adc_core_s``: :func:`viewer.analysis.adc.adc_core` on a synthetic
  256 × 256 × 25 ADC volume (target ≤ 2 s), or ``adc_core: "not available"``.
"""

from __future__ import annotations

import os
import statistics
import time
import tracemalloc
from typing import Any

import numpy as np
import numpy.typing as npt

from viewer.analysis.results import VoxelGrid

TARGETS = {"ctp_s": 10.0, "peak_mem_ratio": 3.0, "adc_core_s": 2.0}


def _gamma_aif(t: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    x = np.clip(t - 8.0, 0.0, None)
    y = x**3 * np.exp(-x / 1.5)
    return np.asarray(400.0 * y / (4.5**3 * np.exp(-3.0)), np.float64)


def _tissue(
    t: npt.NDArray[np.float64], cbf: float, mtt: float, delay: float
) -> npt.NDArray[np.float64]:
    h = 0.05
    tf = np.arange(0.0, t[-1] + 1.0, h)
    conv = np.convolve(_gamma_aif(tf), np.exp(-tf / mtt))[: tf.size] * h * cbf / 6000.0
    return np.interp(t - delay, tf, conv, left=0.0)


def synthetic_ctp(
    size: int = 512, slices: int = 16, phases: int = 40, seed: int = 0
) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.float64], VoxelGrid, float, float]:
    """Frames (T, K, J, I) int16, times, grid, true core and hypoperfusion mL."""
    first = min(phases, 25)
    times = np.concatenate([np.arange(first), first - 1 + 2.5 * np.arange(1, phases - first + 1)])
    y, x = np.mgrid[:size, :size].astype(np.float32) / size
    r2 = ((x - 0.5) / 0.40) ** 2 + ((y - 0.5) / 0.46) ** 2
    base = np.where(r2 < 1.0, 1000.0, -1000.0).astype(np.float32)
    brain = r2 < 0.85
    base[brain] = 35.0
    ventricle = ((x - 0.5) / 0.05) ** 2 + ((y - 0.5) / 0.12) ** 2 < 1.0
    base[ventricle] = 5.0
    tissue = brain & ~ventricle
    penumbra = tissue & ((x - 0.3) ** 2 + (y - 0.5) ** 2 < 0.15**2)
    core = tissue & ((x - 0.3) ** 2 + (y - 0.5) ** 2 < 0.07**2)
    artery = ((x - 0.55) ** 2 + (y - 0.35) ** 2) < (3.0 / size) ** 2
    vein = ((x - 0.5) ** 2 + (y - 0.93) ** 2) < (5.0 / size) ** 2
    curves = {
        "healthy": _tissue(times, 50.0, 4.8, 0.0),
        "penumbra": _tissue(times, 25.0, 9.6, 8.0),
        "core": _tissue(times, 8.0, 11.0, 14.0),
        "artery": _gamma_aif(times),
        "vein": _tissue(times, 6000.0 / 4.0, 4.0, 4.0),
    }
    regions = {
        "healthy": tissue & ~penumbra,
        "penumbra": penumbra & ~core,
        "core": core,
        "artery": artery,
        "vein": vein,
    }
    rng = np.random.default_rng(seed)
    frames = np.empty((times.size, slices, size, size), np.int16)
    for n in range(times.size):
        frame = base.copy()
        for name, mask in regions.items():
            frame[mask] += np.float32(curves[name][n])
        for k in range(slices):
            noisy = frame + 5.0 * rng.standard_normal((size, size), dtype=np.float32)
            frames[n, k] = np.rint(noisy).astype(np.int16)
    affine = np.diag([240.0 / size, 240.0 / size, 5.0, 1.0])
    grid = VoxelGrid(shape=(slices, size, size), affine=affine)
    voxel_ml = grid.voxel_ml
    core_ml = float(np.count_nonzero(core)) * slices * voxel_ml
    hypo_ml = float(np.count_nonzero(penumbra)) * slices * voxel_ml
    return frames, times, grid, core_ml, hypo_ml


def osvd_baseline(frames: npt.NDArray[np.int16], times: npt.NDArray[np.float64]) -> float:
    """Seconds for a textbook oSVD from frames to CBF/CBV/MTT/Tmax (see the module)."""
    t0 = time.perf_counter()
    n_t, n_k, rows, cols = frames.shape
    uniform = np.arange(0.0, times[-1] + 1e-6, 1.0)
    i0 = np.clip(np.searchsorted(times, uniform, side="right") - 1, 0, n_t - 2)
    w = ((uniform - times[i0]) / (times[i0 + 1] - times[i0])).astype(np.float32)
    # AIF: the earliest-peaking of the most enhancing voxels (crude, as a baseline)
    peak = frames.max(axis=0).astype(np.float32) - frames[0]
    flat = np.argsort(peak.ravel())[-8:]
    kk, jj, ii = np.unravel_index(flat, peak.shape)
    aif_k = frames[:, kk, jj, ii].astype(np.float32).mean(axis=1)
    aif_k -= aif_k[:3].mean()
    aif = aif_k[i0] * (1 - w) + aif_k[i0 + 1] * w
    n = uniform.size
    size = 2 * n
    col = np.zeros(size)
    col[:n] = aif
    circ = col[(np.arange(size)[:, None] - np.arange(size)[None, :]) % size]
    u, s, vt = np.linalg.svd(circ)
    u32, vt32 = u.astype(np.float32), vt.astype(np.float32)
    thresholds = (0.02, 0.05, 0.1, 0.2, 0.4)
    for k in range(n_k):
        x = frames[:, k].astype(np.float32)
        x -= x[:3].mean(axis=0)
        b = x.reshape(n_t, rows // 2, 2, cols // 2, 2).mean(axis=(2, 4)).reshape(n_t, -1)
        c = (b[i0] * (1 - w[:, None]) + b[i0 + 1] * w[:, None]).T
        c = np.concatenate([c, np.zeros_like(c)], axis=1)
        for lo in range(0, c.shape[0], 16384):
            utc = c[lo : lo + 16384] @ u32
            best = None
            done = np.zeros(utc.shape[0], bool)
            for thr in thresholds:
                inv = np.where(s >= thr * s.max(), 1.0 / s, 0.0).astype(np.float32)
                res = (utc * inv) @ vt32
                top = np.abs(res).max(axis=1) + 1e-12
                osc = np.abs(np.diff(res, 2, axis=1)).sum(axis=1) / (size * top)
                take = ~done & (osc <= 0.095)
                best = res if best is None else np.where(take[:, None], res, best)
                done |= take
            assert best is not None
            cbf = best.max(axis=1) * 6000.0
            cbv = c[lo : lo + 16384].sum(axis=1) / max(float(aif.sum()), 1e-6) * 100.0
            _mtt = cbv / np.maximum(cbf, 1e-6) * 60.0
            _tmax = best.argmax(axis=1).astype(np.float32)
    return time.perf_counter() - t0


def _adc(runs: int) -> dict[str, Any]:
    try:
        from viewer.analysis import adc
    except ImportError:
        return {"adc_core": "not available"}
    adc_core = getattr(adc, "adc_core", None)
    if adc_core is None:
        return {"adc_core": "not available (viewer.analysis.adc.adc_core missing)"}
    from viewer.volume import Volume

    size, slices = 256, 25
    y, x = np.mgrid[:size, :size].astype(np.float32) / size
    r2 = ((x - 0.5) / 0.4) ** 2 + ((y - 0.5) / 0.46) ** 2
    img = np.where(r2 < 1.0, 800.0, 0.0).astype(np.float32)
    img[((x - 0.35) ** 2 + (y - 0.5) ** 2) < 0.08**2] = 450.0
    rng = np.random.default_rng(0)
    arr = np.stack([img + 30.0 * rng.standard_normal(img.shape, np.float32)] * slices)
    affine = np.diag([0.9, 0.9, 5.0, 1.0])
    volume = Volume(array=arr.astype(np.int16), affine=affine, modality="MR")
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        adc_core(volume)
        times.append(time.perf_counter() - t0)
    return {
        "adc_core_s": round(statistics.median(times), 3),
        "adc_core_target_s": TARGETS["adc_core_s"],
    }


def run(
    *,
    size: int = 512,
    slices: int = 16,
    phases: int = 40,
    runs: int = 3,
    baseline: int = 1,
    adc: int = 1,
) -> dict[str, Any]:
    """Build the synthetic data, time the analyses, return the results."""
    from viewer.analysis.perfusion import analyse_perfusion

    frames, times, grid, core_ml, hypo_ml = synthetic_ctp(size, slices, phases)
    walls, cpus = [], []
    result = None
    for _ in range(runs):
        c0, t0 = time.process_time(), time.perf_counter()
        result = analyse_perfusion(frames, times, grid)
        walls.append(time.perf_counter() - t0)
        cpus.append(time.process_time() - c0)
    assert result is not None
    input_f32 = frames.size * 4
    tracemalloc.start()
    analyse_perfusion(frames, times, grid)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(walls)
    out: dict[str, Any] = {
        "bench": "analyze",
        "shape": [phases, slices, size, size],
        "cpu_count": os.cpu_count(),
        "threads": os.environ.get("OMP_NUM_THREADS", ""),
        "ctp_s": {
            "median": round(median, 3),
            "min": round(min(walls), 3),
            "runs": [round(w, 3) for w in walls],
            "cpu_s": round(statistics.median(cpus), 3),
            "target": TARGETS["ctp_s"],
        },
        "peak_mem_ratio": round(peak / input_f32, 2),
        "peak_mem_mb": round(peak / 2**20, 1),
        "input_f32_mb": round(input_f32 / 2**20, 1),
        "peak_mem_target": TARGETS["peak_mem_ratio"],
        "volumes": {
            "core_ml": result.core_ml,
            "core_truth_ml": round(core_ml, 1),
            "hypoperfusion_ml": result.hypoperfusion_ml,
            "hypoperfusion_truth_ml": round(hypo_ml, 1),
            "aif_chosen": result.aif.summary()["position_lps_mm"],
            "warnings": [str(w) for w in result.warnings],
        },
    }
    if baseline:
        base_s = [osvd_baseline(frames, times) for _ in range(max(1, min(runs, 2)))]
        out["baseline_osvd_s"] = round(statistics.median(base_s), 3)
        out["ratio_to_baseline"] = round(median / statistics.median(base_s), 3)
    if adc:
        out.update(_adc(runs))
    return out
