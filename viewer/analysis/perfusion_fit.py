"""The delay-insensitive model fit behind :mod:`viewer.analysis.perfusion` (private).

Each tissue curve ``c(t)`` (HU above baseline, on a uniform time grid) is matched
against a dictionary of model curves ``b(t) = (AIF ⊛ R)(t − d) · Δt / 6000`` for a
grid of residue functions ``R`` (two shapes: exponential ``exp(−t/MTT)`` and box
``t < MTT``; MTT on a log grid) and delays ``d`` (0.1 s steps). For one model the
least-squares flow is ``CBF = <c, b> / <b, b>`` (mL/100 g/min) and the sum of
squared residuals drops by ``<c, b>² / <b, b>``; the model with the largest drop
(among those with a positive flow) wins. This is a FiTT-like grid fit: it is
insensitive to the delay by construction (the delay is a fitted parameter, which
gives Tmax to 0.1 s, not quantised to the sampling interval) and, unlike a
truncated SVD, does not oscillate.

Speed: the curves and the models are first projected on the few singular vectors
that carry the models (rank ``r`` ≈ 15–30 instead of the ``n`` samples); a
coarse grid (every 4th MTT, 1 s delays) picks a neighbourhood per voxel, which is
then searched on the fine grid, voxels grouped by their coarse winner so that each
group is one matrix product (no per-voxel Python loop).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

F32 = npt.NDArray[np.float32]
F64 = npt.NDArray[np.float64]

#: Residue shapes of the dictionary (index 0: exponential, 1: box).
SHAPES = ("exp", "box")
#: MTT grid: log-spaced, 1.5 s (physiological lower bound) to 40 s.
MTT_MIN_S, MTT_MAX_S, MTT_COUNT = 1.5, 40.0, 41
#: Delay grid: 0 to 20 s (Tmax above 10 s must be measurable) in 0.1 s steps.
DELAY_MAX_S, DELAY_STEP_S = 20.0, 0.1
#: Coarse grid: every 4th MTT, every 5th delay (0.5 s); refined ±4 MTT, ±1 s, both shapes.
_COARSE_MTT, _COARSE_DELAY = 4, 5
_CHUNK = 16384  # voxels per matrix product (memory: chunk × models × 4 bytes)


@dataclass(frozen=True)
class Dictionary:
    """The model curves, projected on their principal subspace."""

    basis: F32  # (n, r): orthonormal time basis the curves are projected on
    unit: F32  # (K, r): model curves in that basis, scaled to unit norm
    norms: F32  # (K,): |b| per unit CBF
    shape: npt.NDArray[np.int16]  # (K,) index into SHAPES
    mtt: F32  # (K,) s
    delay: F32  # (K,) s
    coarse: npt.NDArray[np.intp]  # indices of the coarse models
    neighbours: npt.NDArray[np.intp]  # (len(coarse), m): fine models around each coarse one


def _residues(tf: F64, mtts: F64) -> F64:
    """(2, M, nf): exponential and box residues on the fine time grid."""
    x = tf[None, :] / mtts[:, None]
    return np.stack([np.exp(-x), (x < 1.0).astype(np.float64)])


def build_dictionary(aif: npt.ArrayLike, dt: float) -> Dictionary:
    """The model curves for ``aif`` (HU above baseline, uniform step ``dt`` seconds)."""
    a = np.asarray(aif, dtype=np.float64)
    n = a.size
    sub = 10
    h = dt / sub
    tf: F64 = np.arange(n * sub, dtype=np.float64) * h
    af = np.interp(tf, np.arange(n) * dt, a)
    mtts = np.exp(np.linspace(np.log(MTT_MIN_S), np.log(MTT_MAX_S), MTT_COUNT))
    delays = np.arange(0.0, DELAY_MAX_S + 1e-9, DELAY_STEP_S)
    res = _residues(tf, mtts)  # (2, M, nf)
    # (AIF ⊛ R) on the fine grid, by FFT, per unit CBF (mL/100 g/min → 1/s: /6000)
    size = 2 * tf.size
    spec = np.fft.rfft(af, size)[None, None, :] * np.fft.rfft(res, size, axis=-1)
    conv = np.fft.irfft(spec, size, axis=-1)[..., : tf.size] * h / 6000.0  # (2, M, nf)
    # sample at t_j − d by linear interpolation on the fine grid (0 before the start)
    x = (np.arange(n)[None, :] * dt - delays[:, None]) / h  # (D, n)
    i0 = np.floor(x).astype(np.intp)
    w = x - i0
    valid = i0 >= 0
    i0c = np.clip(i0, 0, tf.size - 1)
    i1c = np.clip(i0 + 1, 0, tf.size - 1)
    curves = conv[:, :, i0c] * (1.0 - w) + conv[:, :, i1c] * w  # (2, M, D, n)
    curves *= valid
    s_idx, m_idx, d_idx = np.meshgrid(
        np.arange(2), np.arange(mtts.size), np.arange(delays.size), indexing="ij"
    )
    flat = curves.reshape(-1, n)
    # principal subspace of the models
    _, sing, vt = np.linalg.svd(flat, full_matrices=False)
    energy = np.cumsum(sing**2) / max(float(np.sum(sing**2)), 1e-30)
    r = int(np.searchsorted(energy, 1.0 - 1e-7) + 1)
    r = min(max(r, 8), n)
    basis = vt[:r].T  # (n, r)
    models = flat @ basis
    norms = np.sqrt(np.sum(models**2, axis=1))
    unit = models / np.maximum(norms, 1e-30)[:, None]
    shape = s_idx.ravel().astype(np.int16)
    mi, di = m_idx.ravel(), d_idx.ravel()
    nm, nd = mtts.size, delays.size

    def index(s: npt.ArrayLike, m: npt.ArrayLike, d: npt.ArrayLike) -> npt.NDArray[np.intp]:
        return np.asarray((np.asarray(s) * nm + np.asarray(m)) * nd + np.asarray(d), np.intp)

    cs, cm, cd = np.meshgrid(
        np.arange(2),
        np.arange(0, nm, _COARSE_MTT),
        np.arange(0, nd, _COARSE_DELAY),
        indexing="ij",
    )
    coarse = index(cs.ravel(), cm.ravel(), cd.ravel())
    ns, nmo, ndo = np.meshgrid(
        np.arange(2),
        np.arange(-_COARSE_MTT, _COARSE_MTT + 1),
        np.arange(-2 * _COARSE_DELAY, 2 * _COARSE_DELAY + 1),
        indexing="ij",
    )
    nb_m = np.clip(cm.ravel()[:, None] + nmo.ravel()[None, :], 0, nm - 1)
    nb_d = np.clip(cd.ravel()[:, None] + ndo.ravel()[None, :], 0, nd - 1)
    neighbours = index(np.broadcast_to(ns.ravel(), nb_m.shape), nb_m, nb_d)
    return Dictionary(
        basis=basis.astype(np.float32),
        unit=unit.astype(np.float32),
        norms=norms.astype(np.float32),
        shape=shape,
        mtt=mtts[mi].astype(np.float32),
        delay=delays[di].astype(np.float32),
        coarse=coarse,
        neighbours=neighbours,
    )


def _best(proj: F32, unit: F32) -> tuple[npt.NDArray[np.intp], F32]:
    """Per row of ``proj``: the model with the largest drop and its <c, b̂>.

    With unit-norm models ``b̂ = b / |b|`` the drop ``<c, b>² / <b, b>`` among
    positive flows is largest where ``<c, b̂>`` is: one product and an argmax.
    """
    cb = proj @ unit.T
    j = np.argmax(cb, axis=1)
    return j, cb[np.arange(cb.shape[0]), j]


@dataclass(frozen=True)
class Fit:
    cbf: F32  # mL/100 g/min
    cbv: F32  # mL/100 g
    mtt: F32  # s
    delay: F32  # s (Tmax for both residue shapes)


def fit(curves: F32, dic: Dictionary) -> Fit:
    """Fit ``curves`` (N, n) HU above baseline on the dictionary's time grid."""
    n_vox = curves.shape[0]
    proj = np.empty((n_vox, dic.basis.shape[1]), np.float32)
    for s in range(0, n_vox, _CHUNK):
        proj[s : s + _CHUNK] = curves[s : s + _CHUNK] @ dic.basis
    cunit = dic.unit[dic.coarse]
    coarse = np.empty(n_vox, np.intp)
    for s in range(0, n_vox, _CHUNK):
        coarse[s : s + _CHUNK] = _best(proj[s : s + _CHUNK], cunit)[0]
    best = np.empty(n_vox, np.intp)
    cb = np.empty(n_vox, np.float32)
    order = np.argsort(coarse, kind="stable")
    groups, starts = np.unique(coarse[order], return_index=True)
    bounds = [*starts.tolist(), n_vox]
    for g, lo, hi in zip(groups, bounds[:-1], bounds[1:], strict=True):
        cand = dic.neighbours[g]
        for s in range(lo, hi, _CHUNK):
            idx = order[s : min(hi, s + _CHUNK)]
            j, c = _best(proj[idx], dic.unit[cand])
            best[idx] = cand[j]
            cb[idx] = c
    cbf = np.maximum(cb, 0.0) / np.maximum(dic.norms[best], 1e-30)  # <c, b̂> / |b| = <c, b> / <b, b>
    mtt = dic.mtt[best]
    return Fit(
        cbf=cbf.astype(np.float32),
        cbv=(cbf * mtt / 60.0).astype(np.float32),
        mtt=mtt,
        delay=dic.delay[best],
    )
