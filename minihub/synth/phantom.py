"""A parametric adult head: tissue labels on any axial grid, vectorised.

Coordinates here are the *head frame*: millimetres, DICOM LPS axes (+x to
the patient's left, +y posterior, +z superior), origin at the centre of the
head, midline at x = 0. A series places the head in its patient coordinate
system with a plain translation (see :mod:`minihub.synth.render`).

The head is left-right symmetric by construction (every bilateral structure
is a function of ``|x|``), so that on a grid whose columns are symmetric about
x = 0 the only asymmetries are the planted findings.

Functions take three 1-D coordinate arrays ``x`` (columns), ``y`` (rows) and
``z`` (slices) and return ``(len(z), len(y), len(x))`` arrays; every test is
broadcast from those axes, never a per-voxel Python loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
Labels = npt.NDArray[np.uint8]
Axes = tuple[FloatArray, FloatArray, FloatArray]  # x (columns), y (rows), z (slices)


class Tissue(IntEnum):
    """Tissue labels of the phantom."""

    AIR = 0
    SKIN = 1  # skin, galea, muscle
    FAT = 2  # subcutaneous and orbital fat
    BONE = 3  # cortical bone: outer and inner tables, skull base
    DIPLOE = 4  # trabecular bone between the tables
    CSF = 5  # subarachnoid space, sulci, cisterns, ventricles
    GREY = 6  # cortical grey matter
    WHITE = 7
    DEEP_GREY = 8  # caudate, lentiform nuclei, thalami
    BRAINSTEM = 9
    VITREOUS = 10  # globes


PARENCHYMA = (Tissue.GREY, Tissue.WHITE, Tissue.DEEP_GREY, Tissue.BRAINSTEM)

# Outer surface of the scalp: semi-axes (x, y, z-above-centre, z-below-centre), mm.
HEAD_SEMI_AXES = (74.0, 94.0, 88.0, 112.0)

# Depths below the skin surface (mm) at which each layer starts.
_LAYERS: tuple[tuple[float, Tissue], ...] = (
    (0.0, Tissue.SKIN),
    (1.6, Tissue.FAT),
    (3.6, Tissue.SKIN),
    (5.0, Tissue.BONE),
    (6.8, Tissue.DIPLOE),
    (10.2, Tissue.BONE),
    (11.8, Tissue.CSF),
    (13.2, Tissue.GREY),
)
BRAIN_DEPTH_MM = 13.2  # skin surface → pial surface
INNER_TABLE_DEPTH_MM = 11.8

# Points (head frame, mm) at least ±1 mm (x) × ±2 mm (y) × ±2.5 mm (z) inside one tissue.
LANDMARKS: dict[str, tuple[float, float, float]] = {
    "air": (-100.0, -100.0, 0.0),
    "csf-lateral-ventricle-left": (10.0, 0.0, 15.0),
    "csf-lateral-ventricle-right": (-10.0, 0.0, 15.0),
    "csf-third-ventricle": (0.0, 2.0, -1.0),
    "white-matter-left": (24.0, 10.0, 40.0),
    "white-matter-right": (-24.0, 10.0, 40.0),
    "grey-matter-insula-left": (34.0, -8.0, 2.0),
    "grey-matter-insula-right": (-34.0, -8.0, 2.0),
    "deep-grey-lentiform-left": (22.0, -3.0, 1.0),
    "deep-grey-thalamus-right": (-10.0, 12.0, 4.0),
}


@dataclass(frozen=True)
class Ellipsoid:
    """An axis-aligned ellipsoid in the head frame (mm)."""

    centre: tuple[float, float, float]
    semi_axes: tuple[float, float, float]

    def mirrored(self) -> Ellipsoid:
        """The same ellipsoid on the other side of the midline."""
        cx, cy, cz = self.centre
        return Ellipsoid((-cx, cy, cz), self.semi_axes)

    def grown(self, mm: float) -> Ellipsoid:
        """Semi-axes enlarged by ``mm`` (a shell of that thickness around it)."""
        a, b, c = self.semi_axes
        return Ellipsoid(self.centre, (a + mm, b + mm, c + mm))

    def bounds(self) -> tuple[tuple[float, float], ...]:
        """((xmin, xmax), (ymin, ymax), (zmin, zmax)) in mm."""
        return tuple((c - s, c + s) for c, s in zip(self.centre, self.semi_axes, strict=True))

    def inside(self, x: FloatArray, y: FloatArray, z: FloatArray) -> npt.NDArray[np.bool_]:
        """Mask of the points of the ``x`` × ``y`` × ``z`` grid inside."""
        (cx, cy, cz), (a, b, c) = self.centre, self.semi_axes
        tx = ((x - cx) / a) ** 2
        ty = ((y - cy) / b) ** 2
        tz = ((z - cz) / c) ** 2
        return np.asarray(
            (tz[:, None, None] + ty[None, :, None]) + tx[None, None, :] <= 1.0, dtype=bool
        )


def axis_span(axis: FloatArray, lo: float, hi: float) -> slice:
    """Index range of a monotonic axis inside [lo, hi] (possibly empty)."""
    idx = np.nonzero((axis >= lo) & (axis <= hi))[0]
    if idx.size == 0:
        return slice(0, 0)
    return slice(int(idx.min()), int(idx.max()) + 1)


def paint_ellipsoid(
    labels: Labels,
    axes: Axes,
    shape: Ellipsoid,
    tissue: Tissue,
    *,
    only: tuple[Tissue, ...] | None = None,
) -> None:
    """Set ``tissue`` inside ``shape`` (restricted to labels in ``only``), in place."""
    x, y, z = axes
    (x0, x1), (y0, y1), (z0, z1) = shape.bounds()
    sx, sy, sz = axis_span(x, x0, x1), axis_span(y, y0, y1), axis_span(z, z0, z1)
    if sx.stop == sx.start or sy.stop == sy.start or sz.stop == sz.start:
        return
    mask = shape.inside(x[sx], y[sy], z[sz])
    block = labels[sz, sy, sx]
    if only is not None:
        mask &= np.isin(block, np.array(only, dtype=np.uint8))
    block[mask] = tissue


def skin_depth(x: FloatArray, y: FloatArray, z: FloatArray) -> FloatArray:
    """Approximate distance (mm) below the scalp surface; negative outside the head.

    First-order distance to the egg-shaped outer ellipsoid, ``(1 - r) / |∇r|``,
    which is accurate in the few centimetres under the surface where the layers
    (scalp, skull, CSF, cortex) live.
    """
    ax, ay, az_up, az_down = HEAD_SEMI_AXES
    az = np.where(z >= 0, az_up, az_down).astype(np.float32)
    ux = (x / ax).astype(np.float32)
    uy = (y / ay).astype(np.float32)
    uz = (z / az).astype(np.float32)
    r2 = (uz[:, None, None] ** 2 + uy[None, :, None] ** 2) + ux[None, None, :] ** 2
    g2 = ((uz / az)[:, None, None] ** 2 + (uy / ay)[None, :, None] ** 2) + (ux / ax)[
        None, None, :
    ] ** 2
    r = np.sqrt(r2)
    depth = (1.0 - r) * r / np.sqrt(g2 + np.float32(1e-12))
    return depth.astype(np.float32, copy=False)


def _sulcal_field(x: FloatArray, y: FloatArray, z: FloatArray) -> FloatArray:
    """A smooth field whose zero set draws the sulci on the cortex (symmetric in x)."""
    ax = np.abs(x).astype(np.float32)
    # f1: quasi-vertical sheets across the convexity, bent a little along y.
    a = 0.21 * ax + 0.06 * np.sin(0.05 * ax)
    b = 0.11 * y + 0.7 * np.sin(0.045 * y)
    f1 = np.sin(b[:, None] + a[None, :])  # (M, N)
    # f2: sheets climbing with z, tilted along y (gives the gyral "islands").
    c = 0.19 * z + 0.5 * np.sin(0.06 * z)
    d = 0.05 * y
    f2 = np.cos(c[:, None] - d[None, :])  # (K, M)
    return (f2[:, :, None] * f1[None, :, :]).astype(np.float32, copy=False)


def _deep_structures() -> list[tuple[Ellipsoid, Tissue]]:
    """Deep grey nuclei and ventricles, right side (x < 0); mirrored for the left."""
    return [
        (Ellipsoid((-15.5, -17.0, 9.0), (5.0, 8.0, 8.0)), Tissue.DEEP_GREY),  # caudate head
        (Ellipsoid((-22.0, -3.0, 1.0), (6.0, 14.0, 9.0)), Tissue.DEEP_GREY),  # lentiform
        (Ellipsoid((-10.0, 12.0, 4.0), (8.0, 12.0, 8.0)), Tissue.DEEP_GREY),  # thalamus
        (Ellipsoid((-35.0, -8.0, 0.0), (3.2, 20.0, 15.0)), Tissue.GREY),  # insular cortex
        (Ellipsoid((-10.0, 0.0, 15.0), (4.5, 22.0, 6.0)), Tissue.CSF),  # lateral ventricle body
        (Ellipsoid((-10.5, -22.0, 8.0), (4.5, 9.0, 8.0)), Tissue.CSF),  # frontal horn
        (Ellipsoid((-17.0, 25.0, 10.0), (6.0, 10.0, 7.0)), Tissue.CSF),  # atrium
        (Ellipsoid((-27.0, 4.0, -20.0), (3.0, 12.0, 3.0)), Tissue.CSF),  # temporal horn
    ]


def tissue_labels(x: FloatArray, y: FloatArray, z: FloatArray) -> Labels:
    """Label every point of the ``x`` × ``y`` × ``z`` grid (head frame, mm)."""
    x = np.asarray(x, dtype=np.float32)
    y = np.asarray(y, dtype=np.float32)
    z = np.asarray(z, dtype=np.float32)
    depth = skin_depth(x, y, z)
    labels = np.zeros(depth.shape, dtype=np.uint8)
    for start, tissue in _LAYERS:
        labels[depth >= start] = tissue
    brain_depth = depth - BRAIN_DEPTH_MM
    in_brain = brain_depth >= 0
    labels[brain_depth >= 2.8] = Tissue.WHITE
    # Sulci: CSF clefts lined with grey matter.
    field = np.abs(_sulcal_field(x, y, z))
    labels[in_brain & (brain_depth < 15.0) & (field < 0.45)] = Tissue.GREY
    labels[in_brain & (brain_depth < 12.0) & (field < 0.14)] = Tissue.CSF
    del field
    _paint_midline_and_fissures(labels, x, y, z, in_brain)
    del in_brain, brain_depth
    for shape, tissue in _deep_structures():
        only = (Tissue.WHITE, Tissue.GREY) if tissue is not Tissue.CSF else None
        for side in (shape, shape.mirrored()):
            paint_ellipsoid(labels, (x, y, z), side, tissue, only=only)
    _paint_posterior_fossa(labels, x, y, z)
    _paint_skull_base(labels, x, y, z, depth)
    return labels


def _paint_midline_and_fissures(
    labels: Labels, x: FloatArray, y: FloatArray, z: FloatArray, in_brain: npt.NDArray[np.bool_]
) -> None:
    """Interhemispheric fissure with medial cortex, Sylvian fissures, basal cisterns."""
    ax = np.abs(x)
    # Interhemispheric fissure above the corpus callosum and in front of/behind it.
    medial = (z[:, None] > 22.0) | (y[None, :] < -40.0) | (y[None, :] > 45.0)  # (K, M)
    grey = medial[:, :, None] & (ax < 4.0)[None, None, :] & in_brain
    labels[grey & (labels == Tissue.WHITE)] = Tissue.GREY
    labels[medial[:, :, None] & (ax < 1.0)[None, None, :] & in_brain] = Tissue.CSF
    # Sylvian fissures: an oblique CSF sheet from the insula to the lateral surface.
    lateral = ax >= 37.0
    centre_y = -8.0 + 0.3 * (ax - 37.0)  # (N,)
    near = np.abs(y[:, None] - centre_y[None, :])  # (M, N)
    height = (z >= -17.0) & (z <= 12.0)
    sheet = height[:, None, None] & (lateral[None, :] & (near < 1.4))[None, :, :] & in_brain
    labels[sheet] = Tissue.CSF
    # Sylvian cistern stem (M1 runs here) and suprasellar cistern.
    for shape in (
        Ellipsoid((-26.0, -9.0, -15.0), (12.0, 7.0, 3.5)),
        Ellipsoid((26.0, -9.0, -15.0), (12.0, 7.0, 3.5)),
        Ellipsoid((0.0, -8.0, -20.0), (17.0, 16.0, 6.0)),
    ):
        paint_ellipsoid(labels, (x, y, z), shape, Tissue.CSF, only=(Tissue.GREY, Tissue.WHITE))
    # Third ventricle.
    paint_ellipsoid(labels, (x, y, z), Ellipsoid((0.0, 2.0, -1.0), (2.0, 12.0, 8.0)), Tissue.CSF)


def _paint_posterior_fossa(labels: Labels, x: FloatArray, y: FloatArray, z: FloatArray) -> None:
    """Cerebellum, brainstem with its cisterns, fourth ventricle."""
    brain = (Tissue.GREY, Tissue.WHITE, Tissue.CSF)
    paint_ellipsoid(
        labels,
        (x, y, z),
        Ellipsoid((0.0, 47.0, -45.0), (50.0, 30.0, 21.0)),
        Tissue.GREY,
        only=brain,
    )
    paint_ellipsoid(
        labels, (x, y, z), Ellipsoid((0.0, 44.0, -43.0), (34.0, 17.0, 11.0)), Tissue.WHITE
    )
    # Brainstem: an elliptic cylinder from the foramen magnum to the midbrain, with a CSF rim.
    for grow, tissue in ((2.5, Tissue.CSF), (0.0, Tissue.BRAINSTEM)):
        sx = axis_span(x, -11.0 - grow, 11.0 + grow)
        sy = axis_span(y, 17.0 - 10.0 - grow, 17.0 + 10.0 + grow)
        sz = axis_span(z, -200.0, -10.0 + grow)
        ex = ((x[sx] / (11.0 + grow)) ** 2)[None, :]
        ey = (((y[sy] - 17.0) / (10.0 + grow)) ** 2)[:, None]
        disc = (ex + ey) <= 1.0
        block = labels[sz, sy, sx]
        inside = np.broadcast_to(disc, block.shape) & (block >= Tissue.CSF)
        block[inside] = tissue
    paint_ellipsoid(labels, (x, y, z), Ellipsoid((0.0, 29.0, -44.0), (6.0, 4.0, 7.0)), Tissue.CSF)


def _paint_skull_base(
    labels: Labels, x: FloatArray, y: FloatArray, z: FloatArray, depth: FloatArray
) -> None:
    """Orbital roofs, orbits with globes, ethmoid air, clivus and sphenoid sinus."""
    inner = depth >= INNER_TABLE_DEPTH_MM
    ax = np.abs(x).astype(np.float32)
    front = y < -25.0  # (M,)
    # Orbital roofs: two domes over the orbits, lower over the cribriform plate.
    roof_z = (-46.0 + 9.0 * np.exp(-(((ax - 30.0) / 13.0) ** 2))).astype(np.float32)  # (N,)
    above = z[:, None, None] - roof_z[None, None, :]  # (K, 1, N)
    sel = front[None, :, None] & inner
    labels[(above >= -2.5) & (above < 0.0) & sel] = Tissue.BONE
    face = (above < -2.5) & sel
    labels[face] = Tissue.FAT
    labels[face & (ax < 12.0)[None, None, :]] = Tissue.AIR  # ethmoid cells
    for globe in (Ellipsoid((32.0, -62.0, -54.0), (12.0, 12.0, 12.0)),):
        for side in (globe, globe.mirrored()):
            paint_ellipsoid(labels, (x, y, z), side, Tissue.VITREOUS, only=(Tissue.FAT,))
    # Clivus and sphenoid body, with the sphenoid sinus inside.
    sx, sy, sz = axis_span(x, -14.0, 14.0), axis_span(y, -25.0, -3.0), axis_span(z, -200.0, -30.0)
    block = labels[sz, sy, sx]
    block[block >= Tissue.CSF] = Tissue.DIPLOE
    sx, sy, sz = axis_span(x, -11.0, 11.0), axis_span(y, -23.0, -9.0), axis_span(z, -55.0, -34.0)
    labels[sz, sy, sx] = Tissue.AIR
