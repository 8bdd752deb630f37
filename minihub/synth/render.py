"""From the phantom to pixel values: CT in HU, MR in arbitrary units.

A :class:`Grid` is an axial acquisition grid in patient coordinates (DICOM
LPS, mm) with (0020,0037) Image Orientation (Patient) = [1,0,0,0,1,0]: the
column index grows toward the patient's left (+x), the row index toward
posterior (+y), slices are listed from inferior to superior. A
:class:`Scene` places the head (its frame origin) in those coordinates and
lists the planted findings.

Noise is drawn per slice from a generator seeded by (seed, series key, slice
index), so a slice's noise never depends on how the volume was chunked.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from minihub.synth.phantom import PARENCHYMA, Axes, Ellipsoid, Tissue, axis_span, tissue_labels
from minihub.synth.vessels import Artery, Flow, paint_arteries

FloatArray = npt.NDArray[np.float32]

# Non-contrast CT attenuation of each tissue (HU).
CT_HU = {
    Tissue.AIR: -1000.0,
    Tissue.SKIN: 45.0,
    Tissue.FAT: -90.0,
    Tissue.BONE: 1500.0,
    Tissue.DIPLOE: 560.0,
    Tissue.CSF: 6.0,
    Tissue.GREY: 38.0,
    Tissue.WHITE: 28.0,
    Tissue.DEEP_GREY: 36.0,
    Tissue.BRAINSTEM: 32.0,
    Tissue.VITREOUS: 8.0,
}
# MR: T2-weighted b0 signal, apparent diffusion coefficient (10^-6 mm²/s), FLAIR signal.
MR_B0 = {
    Tissue.AIR: 0.0,
    Tissue.SKIN: 300.0,
    Tissue.FAT: 60.0,  # fat-suppressed echo-planar
    Tissue.BONE: 15.0,
    Tissue.DIPLOE: 70.0,
    Tissue.CSF: 1600.0,
    Tissue.GREY: 900.0,
    Tissue.WHITE: 700.0,
    Tissue.DEEP_GREY: 820.0,
    Tissue.BRAINSTEM: 720.0,
    Tissue.VITREOUS: 1500.0,
}
MR_ADC = {
    Tissue.AIR: 0.0,
    Tissue.SKIN: 1200.0,
    Tissue.FAT: 200.0,
    Tissue.BONE: 500.0,
    Tissue.DIPLOE: 300.0,
    Tissue.CSF: 3000.0,
    Tissue.GREY: 820.0,
    Tissue.WHITE: 720.0,
    Tissue.DEEP_GREY: 760.0,
    Tissue.BRAINSTEM: 740.0,
    Tissue.VITREOUS: 2900.0,
}
MR_FLAIR = {
    Tissue.AIR: 0.0,
    Tissue.SKIN: 300.0,
    Tissue.FAT: 650.0,
    Tissue.BONE: 20.0,
    Tissue.DIPLOE: 500.0,
    Tissue.CSF: 60.0,
    Tissue.GREY: 520.0,
    Tissue.WHITE: 420.0,
    Tissue.DEEP_GREY: 490.0,
    Tissue.BRAINSTEM: 450.0,
    Tissue.VITREOUS: 70.0,
}
B_VALUE = 1000.0
INTRACRANIAL = (Tissue.CSF, *PARENCHYMA)


def _table(values: dict[Tissue, float]) -> FloatArray:
    out = np.zeros(max(Tissue) + 1, dtype=np.float32)
    for tissue, value in values.items():
        out[tissue] = value
    return out


@dataclass(frozen=True)
class Grid:
    """An axial grid: square pixels, slices ascending in z (patient LPS, mm)."""

    rows: int
    columns: int
    pixel_mm: float
    z_mm: tuple[float, ...]
    slice_thickness_mm: float
    centre_xy: tuple[float, float] = (0.0, 0.0)

    @property
    def x_mm(self) -> npt.NDArray[np.float64]:
        """x (LPS) of each column; symmetric about ``centre_xy[0]``."""
        offsets = np.arange(self.columns, dtype=np.float64) - (self.columns - 1) / 2
        return np.asarray(self.centre_xy[0] + offsets * self.pixel_mm, dtype=np.float64)

    @property
    def y_mm(self) -> npt.NDArray[np.float64]:
        """y (LPS) of each row."""
        offsets = np.arange(self.rows, dtype=np.float64) - (self.rows - 1) / 2
        return np.asarray(self.centre_xy[1] + offsets * self.pixel_mm, dtype=np.float64)

    def position(self, k: int) -> tuple[float, float, float]:
        """(0020,0032) Image Position (Patient) of slice ``k``: centre of its first pixel."""
        return (float(self.x_mm[0]), float(self.y_mm[0]), float(self.z_mm[k]))

    @property
    def voxel_ml(self) -> float:
        return self.pixel_mm * self.pixel_mm * self.slice_thickness_mm / 1000.0


def axial_grid(
    *,
    rows: int,
    columns: int,
    pixel_mm: float,
    slices: int,
    thickness_mm: float,
    first_z_mm: float,
    centre_xy: tuple[float, float] = (0.0, 0.0),
) -> Grid:
    """Contiguous slices, ``thickness_mm`` apart, from ``first_z_mm`` upward."""
    z = tuple(round(first_z_mm + k * thickness_mm, 4) for k in range(slices))
    return Grid(rows, columns, pixel_mm, z, thickness_mm, centre_xy)


@dataclass(frozen=True)
class Lesion:
    """A planted finding with the shape of an ellipsoid (head frame).

    ``ct_hu`` replaces the attenuation (haemorrhage); ``ct_delta`` adds to it
    per tissue (early ischaemia); ``adc_factor`` scales the ADC (restricted
    diffusion). ``within`` limits the lesion to those tissues. An optional
    rim of ``rim_mm`` around it gets ``rim_delta_hu`` (perilesional oedema).
    """

    kind: str
    side: str
    shape: Ellipsoid
    within: tuple[Tissue, ...] = PARENCHYMA
    ct_hu: float | None = None
    ct_delta: dict[Tissue, float] = field(default_factory=dict)
    adc_factor: float = 1.0
    rim_mm: float = 0.0
    rim_delta_hu: float = 0.0


@dataclass(frozen=True)
class Scene:
    """The head placed in a patient coordinate system, with its findings."""

    head_centre: tuple[float, float, float]
    lesions: tuple[Lesion, ...] = ()
    arteries: tuple[Artery, ...] = ()

    def head_axes(self, grid: Grid) -> tuple[FloatArray, FloatArray, FloatArray]:
        """The grid's axes in the head frame."""
        cx, cy, cz = self.head_centre
        return (
            (grid.x_mm - cx).astype(np.float32),
            (grid.y_mm - cy).astype(np.float32),
            (np.asarray(grid.z_mm) - cz).astype(np.float32),
        )


def _sub_offsets(thickness_mm: float, step_mm: float) -> npt.NDArray[np.float64]:
    n = max(1, int(np.ceil(thickness_mm / step_mm)))
    return (np.arange(n) + 0.5) / n * thickness_mm - thickness_mm / 2


def lesion_mask(
    lesion: Lesion, labels: npt.NDArray[np.uint8], x: FloatArray, y: FloatArray, z: FloatArray
) -> tuple[tuple[slice, slice, slice], npt.NDArray[np.bool_]] | None:
    """(block, mask) of the lesion on a labelled grid (head frame), or None if outside it."""
    (x0, x1), (y0, y1), (z0, z1) = lesion.shape.bounds()
    sx, sy, sz = axis_span(x, x0, x1), axis_span(y, y0, y1), axis_span(z, z0, z1)
    if sx.stop <= sx.start or sy.stop <= sy.start or sz.stop <= sz.start:
        return None
    mask = lesion.shape.inside(x[sx], y[sy], z[sz])
    mask &= np.isin(labels[sz, sy, sx], np.array(lesion.within, dtype=np.uint8))
    return (sz, sy, sx), mask


def _apply_ct_lesion(
    hu: FloatArray, labels: npt.NDArray[np.uint8], axes: Axes, lesion: Lesion
) -> None:
    x, y, z = axes
    if lesion.rim_mm > 0:
        grown = Lesion(lesion.kind, lesion.side, lesion.shape.grown(lesion.rim_mm), PARENCHYMA)
        found = lesion_mask(grown, labels, x, y, z)
        if found is not None:
            block, mask = found
            hu[block][mask] += np.float32(lesion.rim_delta_hu)
    found = lesion_mask(lesion, labels, x, y, z)
    if found is None:
        return
    block, mask = found
    if lesion.ct_hu is not None:
        hu[block][mask] = np.float32(lesion.ct_hu)
    elif lesion.ct_delta:
        delta = _table(lesion.ct_delta)
        hu[block][mask] += delta[labels[block][mask]]


def ct_value(artery: Artery, *, contrast: bool) -> float | None:
    """HU of an artery on CTA (``contrast``) or NCCT."""
    if artery.flow is Flow.CLOT:
        return 50.0 if contrast else 85.0
    if contrast and artery.flow is Flow.PATENT:
        return artery.contrast_hu
    return 45.0


def ct_chunk(scene: Scene, grid: Grid, k0: int, k1: int, *, contrast: bool) -> FloatArray:
    """Noise-free HU of slices ``k0:k1``, thick slices averaged over sub-slices."""
    x, y, zall = scene.head_axes(grid)
    z = zall[k0:k1]
    table = _table(CT_HU)
    acc = np.zeros((z.size, y.size, x.size), dtype=np.float32)
    offsets = _sub_offsets(grid.slice_thickness_mm, 1.7)
    for off in offsets:
        zs = (z + np.float32(off)).astype(np.float32)
        labels = tissue_labels(x, y, zs)
        hu = table[labels]
        for lesion in scene.lesions:
            _apply_ct_lesion(hu, labels, (x, y, zs), lesion)
        acc += hu
    acc /= np.float32(len(offsets))
    paint_arteries(
        acc,
        (x, y, z),
        list(scene.arteries),
        lambda a: ct_value(a, contrast=contrast),
        slice_thickness_mm=grid.slice_thickness_mm,
    )
    return acc


def series_key(name: str) -> int:
    """A stable integer for a series name (seeds its noise)."""
    return zlib.crc32(name.encode())


def slice_noise(ident: tuple[int, ...], shape: tuple[int, int]) -> FloatArray:
    """Unit Gaussian noise of one slice, reproducible from ``ident`` (seed, series, slice…)."""
    rng = np.random.default_rng(np.random.SeedSequence(list(ident)))
    return rng.standard_normal(shape, dtype=np.float32)


def iter_ct_slices(
    scene: Scene,
    grid: Grid,
    *,
    contrast: bool,
    noise_sd: float,
    seed: int,
    key: int,
    chunk: int = 16,
) -> Iterator[tuple[int, FloatArray]]:
    """(k, noisy HU) of each slice, inferior to superior, rendered ``chunk`` slices at a time."""
    shape = (grid.rows, grid.columns)
    for k0 in range(0, len(grid.z_mm), chunk):
        k1 = min(len(grid.z_mm), k0 + chunk)
        block = ct_chunk(scene, grid, k0, k1, contrast=contrast)
        for k in range(k0, k1):
            yield k, block[k - k0] + np.float32(noise_sd) * slice_noise((seed, key, k, 0), shape)


@dataclass(frozen=True)
class MrImages:
    """Noise-free MR signals of a stack of slices."""

    b0: FloatArray
    b1000: FloatArray
    flair: FloatArray


def mr_chunk(scene: Scene, grid: Grid, k0: int, k1: int) -> MrImages:
    """Noise-free DWI (b0, b1000) and FLAIR signals, averaged over sub-slices."""
    x, y, zall = scene.head_axes(grid)
    z = zall[k0:k1]
    s0_t, adc_t, fl_t = _table(MR_B0), _table(MR_ADC), _table(MR_FLAIR)
    shape = (z.size, y.size, x.size)
    b0, b1000, flair = (np.zeros(shape, dtype=np.float32) for _ in range(3))
    offsets = _sub_offsets(grid.slice_thickness_mm, 1.0)
    for off in offsets:
        zs = (z + np.float32(off)).astype(np.float32)
        labels = tissue_labels(x, y, zs)
        s0, adc = s0_t[labels], adc_t[labels]
        for lesion in scene.lesions:
            found = lesion_mask(lesion, labels, x, y, zs)
            if found is not None and lesion.adc_factor != 1.0:
                block, mask = found
                adc[block][mask] *= np.float32(lesion.adc_factor)
        b0 += s0
        b1000 += s0 * np.exp(np.float32(-B_VALUE * 1e-6) * adc)
        flair += fl_t[labels]
    n = np.float32(len(offsets))
    return MrImages(b0 / n, b1000 / n, flair / n)


def rician(signal: FloatArray, sd: float, ident: tuple[int, ...]) -> FloatArray:
    """Magnitude of the signal plus complex Gaussian noise (MR background is never 0)."""
    shape = (signal.shape[0], signal.shape[1])
    re = signal + np.float32(sd) * slice_noise((*ident, 0), shape)
    im = np.float32(sd) * slice_noise((*ident, 1), shape)
    return np.sqrt(re * re + im * im)


def adc_map(b0: FloatArray, b1000: FloatArray, *, threshold: float) -> FloatArray:
    """ADC (10^-6 mm²/s) = ln(S0 / S_b) / b, 0 where the b0 signal is background."""
    with np.errstate(divide="ignore", invalid="ignore"):
        adc = np.log(np.maximum(b0, 1.0) / np.maximum(b1000, 1.0)) / np.float32(B_VALUE * 1e-6)
    adc = np.clip(adc, 0.0, 4000.0)
    adc[b0 < threshold] = 0.0
    return adc.astype(np.float32, copy=False)
