"""CT perfusion: tissue time-attenuation curves on the phantom, one 4-D series.

The contrast model (documented in ``docs/synth.md``, repeated in ``truth.json``):

* the arterial input ``Ca(t)`` is a gamma variate peaking :data:`AIF_PEAK_HU`
  above baseline at ``AIF_T0_S + AIF_ALPHA × AIF_BETA_S`` seconds; it fills
  every patent artery of the scene (partial volume from the capsules' edges);
* the venous output ``Cv(t)`` is ``Ca`` delayed by :data:`VOF_DELAY_S` and
  dispersed by a unit-area exponential of :data:`VOF_DISPERSION_S`: a lower,
  later peak with the **same area** as the full-volume arterial curve, so an
  AIF rescaled to the VOF's area is the true ``Ca``;
* each brain voxel enhances by ``C(t) = CBF / 6000 × (Ca(· − delay) ⊛ R)(t)``
  with ``R(t) = exp(−t / MTT)`` and ``MTT = 60 × CBV / CBF``: CBF in
  mL/100 mL/min, CBV in mL/100 mL, times in seconds, **no** brain density
  (1.04 g/mL) nor haematocrit factor. Hence, exactly,
  ``CBV = 100 × area(C) / area(Ca)``, ``CBF = CBV / MTT × 60`` and
  ``Tmax = delay`` (the exponential residue peaks at 0).

Thick slices average sub-slices: a voxel's enhancement is the mix of the
curves of the tissues and regions it holds. Vessel voxels blend the vessel's
curve by their vessel fraction. Noise is Gaussian, seeded per (slice, phase).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from minihub.synth.phantom import PARENCHYMA, Ellipsoid, Tissue, tissue_labels
from minihub.synth.render import Grid, Scene, axial_grid, ct_chunk, slice_noise
from minihub.synth.study import CT_HEAD_CENTRE
from minihub.synth.vessels import Artery, Flow, paint_arteries

FloatArray = npt.NDArray[np.float32]

# The acquisition: every 1.5 s for 36 s, then every 3 s to 60 s (33 phases).
TIMES_S: tuple[float, ...] = tuple(
    [round(1.5 * n, 1) for n in range(25)] + [round(36.0 + 3.0 * n, 1) for n in range(1, 9)]
)
CTP_NOISE_HU = 6.0
# Arterial input: gamma variate (t0, alpha, beta) normalised to its peak.
AIF_PEAK_HU = 350.0
AIF_T0_S = 5.0
AIF_ALPHA = 3.0
AIF_BETA_S = 2.0
# Venous output: the arterial curve delayed and dispersed (same area).
VOF_DELAY_S = 4.0
VOF_DISPERSION_S = 3.0
# Fine time step of the convolutions (s).
FINE_DT_S = 0.01


@dataclass(frozen=True)
class Perfusion:
    """Perfusion of one tissue: CBF (mL/100 mL/min), CBV (mL/100 mL), bolus delay (s)."""

    cbf: float
    cbv: float
    delay_s: float

    @property
    def mtt_s(self) -> float:
        return 60.0 * self.cbv / self.cbf

    def as_dict(self) -> dict[str, float]:
        return {
            "cbf": round(self.cbf, 3),
            "cbv": round(self.cbv, 3),
            "mtt_s": round(self.mtt_s, 3),
            "tmax_s": round(self.delay_s, 3),
            "delay_s": round(self.delay_s, 3),
        }


# Healthy brain; every other tissue (CSF, scalp, bone…) does not enhance.
NORMAL: dict[Tissue, Perfusion] = {
    Tissue.GREY: Perfusion(58.0, 4.0, 1.0),
    Tissue.DEEP_GREY: Perfusion(55.0, 3.8, 1.0),
    Tissue.WHITE: Perfusion(23.0, 2.0, 1.0),
    Tissue.BRAINSTEM: Perfusion(35.0, 3.0, 1.0),
}


@dataclass(frozen=True)
class PerfusionRegion:
    """A region (head frame) whose brain tissue has scaled CBF/CBV and a bolus delay.

    Later regions of a list override earlier ones where they overlap.
    """

    name: str
    side: str
    shape: Ellipsoid
    cbf_factor: float
    cbv_factor: float
    delay_s: float

    def of(self, tissue: Tissue) -> Perfusion:
        normal = NORMAL[tissue]
        return Perfusion(normal.cbf * self.cbf_factor, normal.cbv * self.cbv_factor, self.delay_s)


def ctp_grid() -> Grid:
    """12 contiguous 5 mm slices, 256 × 256 at 0.9375 mm, circle of Willis to the centrum semiovale.

    Slice centres at head-frame z = −25 … +30 mm: the ICAs' supraclinoid part and the
    M1s (z = −15) lie on slice centres.
    """
    return axial_grid(
        rows=256,
        columns=256,
        pixel_mm=240.0 / 256,
        slices=12,
        thickness_mm=5.0,
        first_z_mm=CT_HEAD_CENTRE[2] - 25.0,
    )


def dural_sinuses() -> list[Artery]:
    """Superior sagittal and straight sinuses (head frame, midline): the venous output."""
    return [
        Artery(
            "SSS",
            "midline",
            ((0.0, 48.0, 62.0), (0.0, 66.0, 42.0), (0.0, 75.0, 20.0), (0.0, 78.0, -2.0)),
            3.5,
            0.0,
        ),
        Artery("straight-sinus", "midline", ((0.0, 30.0, 6.0), (0.0, 76.0, -6.0)), 2.5, 0.0),
    ]


def arterial_curve(t: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Enhancement (HU above baseline) of a full-volume artery at times ``t`` (s)."""
    t = np.asarray(t, dtype=np.float64)
    u = np.clip((t - AIF_T0_S) / (AIF_ALPHA * AIF_BETA_S), 0.0, None)
    with np.errstate(divide="ignore"):
        log = AIF_ALPHA * (np.log(np.where(u > 0, u, 1.0)) + 1.0 - u)
    return np.where(u > 0, AIF_PEAK_HU * np.exp(log), 0.0)


def _fine_times(end_s: float) -> npt.NDArray[np.float64]:
    return np.arange(0.0, end_s + FINE_DT_S, FINE_DT_S)


def _exponential_kernel(tau_s: float, n: int) -> npt.NDArray[np.float64]:
    """∫ over each fine step of exp(−t/τ) (so the kernel sums to τ exactly, bar the tail)."""
    edges = np.arange(n + 1) * FINE_DT_S
    return tau_s * (np.exp(-edges[:-1] / tau_s) - np.exp(-edges[1:] / tau_s))


def _convolved(delay_s: float, tau_s: float, times: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """(Ca(· − delay) ⊛ exp(−·/τ))(t) at ``times``."""
    times = np.asarray(times, dtype=np.float64)
    fine = _fine_times(float(times.max()) + 1.0)
    source = arterial_curve(fine - delay_s)
    kernel = _exponential_kernel(tau_s, fine.size)
    out = np.convolve(source, kernel)[: fine.size]
    return np.asarray(np.interp(times, fine, out), dtype=np.float64)


def venous_curve(t: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Enhancement of a full-volume sinus voxel: same area as :func:`arterial_curve`."""
    return _convolved(VOF_DELAY_S, VOF_DISPERSION_S, t) / VOF_DISPERSION_S


def tissue_curve(p: Perfusion, t: npt.ArrayLike) -> npt.NDArray[np.float64]:
    """Enhancement of tissue with perfusion ``p``: CBF/6000 × (Ca(· − delay) ⊛ e^(−·/MTT))."""
    return p.cbf / 6000.0 * _convolved(p.delay_s, p.mtt_s, t)


def region_index(
    regions: tuple[PerfusionRegion, ...],
    labels: npt.NDArray[np.uint8],
    x: FloatArray,
    y: FloatArray,
    z: FloatArray,
) -> npt.NDArray[np.uint8]:
    """0 outside every region, else 1 + the index of the last region holding the voxel."""
    out = np.zeros(labels.shape, dtype=np.uint8)
    for n, region in enumerate(regions):
        out[region.shape.inside(x, y, z)] = n + 1
    out[~np.isin(labels, np.array(PARENCHYMA, dtype=np.uint8))] = 0
    return out


@dataclass(frozen=True)
class CtpModel:
    """What a CTP frame is made of on one grid: baseline, mixing fractions, curves."""

    baseline: FloatArray  # [k, j, i] HU without contrast
    fractions: FloatArray  # [combination, k, j, i] share of each (tissue, region)
    perfusions: tuple[Perfusion, ...]  # of each combination
    artery: FloatArray  # [k, j, i] patent-artery fraction
    vein: FloatArray  # [k, j, i] sinus fraction

    def enhancement(self, times: npt.ArrayLike) -> FloatArray:
        """[phase, k, j, i] HU above baseline at ``times`` (s), without noise."""
        times = np.asarray(times, dtype=np.float64)
        curves = np.stack([tissue_curve(p, times) for p in self.perfusions])  # (C, T)
        tissue_share = np.clip(1.0 - self.artery - self.vein, 0.0, 1.0)
        out = np.empty((times.size, *self.baseline.shape), dtype=np.float32)
        aif, vof = arterial_curve(times), venous_curve(times)
        flat = self.fractions.reshape(len(self.perfusions), -1)
        for n in range(times.size):
            tissue = (curves[:, n].astype(np.float32) @ flat).reshape(self.baseline.shape)
            out[n] = tissue * tissue_share + self.artery * aif[n] + self.vein * vof[n]
        return out


def ctp_model(scene: Scene, grid: Grid, regions: tuple[PerfusionRegion, ...]) -> CtpModel:
    """The baseline and the mixing fractions of every voxel of ``grid``."""
    x, y, z = scene.head_axes(grid)
    baseline = ct_chunk(scene, grid, 0, len(grid.z_mm), contrast=False)
    veins = dural_sinuses()
    paint_arteries(
        baseline, (x, y, z), veins, lambda a: 45.0, slice_thickness_mm=grid.slice_thickness_mm
    )
    combos: list[tuple[Tissue, int]] = [
        (tissue, r) for r in range(len(regions) + 1) for tissue in NORMAL
    ]
    perfusions = tuple(
        NORMAL[tissue] if r == 0 else regions[r - 1].of(tissue) for tissue, r in combos
    )
    fractions = np.zeros((len(combos), z.size, y.size, x.size), dtype=np.float32)
    n_sub = max(1, int(np.ceil(grid.slice_thickness_mm / 1.0)))
    offsets = (np.arange(n_sub) + 0.5) / n_sub * grid.slice_thickness_mm
    offsets -= grid.slice_thickness_mm / 2
    for off in offsets:
        zs = (z + np.float32(off)).astype(np.float32)
        labels = tissue_labels(x, y, zs)
        where = region_index(regions, labels, x, y, zs)
        for c, (tissue, r) in enumerate(combos):
            fractions[c] += (labels == tissue) & (where == r)
    fractions /= np.float32(n_sub)
    artery = np.zeros_like(baseline)
    paint_arteries(
        artery,
        (x, y, z),
        list(scene.arteries),
        lambda a: 1.0 if a.flow is Flow.PATENT else None,
        slice_thickness_mm=grid.slice_thickness_mm,
    )
    vein = np.zeros_like(baseline)
    paint_arteries(
        vein, (x, y, z), veins, lambda a: 1.0, slice_thickness_mm=grid.slice_thickness_mm
    )
    return CtpModel(baseline, fractions, perfusions, artery, vein)


def iter_ctp_frames(
    model: CtpModel, times: tuple[float, ...], *, noise_sd: float, seed: int, key: int
) -> Iterator[tuple[int, FloatArray]]:
    """(phase, noisy HU volume [k, j, i]) of each time point."""
    _, rows, columns = model.baseline.shape
    for n, volume in enumerate(model.enhancement(times)):
        noisy = model.baseline + volume
        for k in range(noisy.shape[0]):
            noisy[k] += np.float32(noise_sd) * slice_noise((seed, key, k, n + 1), (rows, columns))
        yield n, noisy


def region_masks(
    scene: Scene, grid: Grid, regions: tuple[PerfusionRegion, ...]
) -> tuple[npt.NDArray[np.uint8], npt.NDArray[np.uint8]]:
    """(tissue labels, region index) at the voxel centres of ``grid``."""
    x, y, z = scene.head_axes(grid)
    labels = tissue_labels(x, y, z)
    return labels, region_index(regions, labels, x, y, z)


def planted_cbf(
    labels: npt.NDArray[np.uint8],
    where: npt.NDArray[np.uint8],
    regions: tuple[PerfusionRegion, ...],
) -> FloatArray:
    """The planted CBF of each voxel centre (0 outside the parenchyma)."""
    cbf = np.zeros(labels.shape, dtype=np.float32)
    for tissue, normal in NORMAL.items():
        is_tissue = labels == tissue
        cbf[is_tissue & (where == 0)] = normal.cbf
        for n, region in enumerate(regions):
            cbf[is_tissue & (where == n + 1)] = region.of(tissue).cbf
    return cbf
