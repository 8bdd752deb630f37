"""A simplified circle of Willis, drawn with partial-volume edges.

Each artery is a polyline of capsules (a segment with a radius) in the head
frame of :mod:`minihub.synth.phantom` (LPS mm, +x = patient's left). An
occlusion splits one artery at a distance along it into the patent stump,
the clot, and the distal part that contrast no longer reaches.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import Enum

import numpy as np
import numpy.typing as npt

from minihub.synth.phantom import Axes, axis_span

FloatArray = npt.NDArray[np.float32]
Point = tuple[float, float, float]
Capsule = tuple[npt.NDArray[np.float32], npt.NDArray[np.float32], float]  # (a, b, radius)


class Flow(Enum):
    """What fills a stretch of artery."""

    PATENT = "patent"  # blood, opacified on CT angiography
    CLOT = "clot"  # the thrombus: hyperdense on NCCT, no contrast on CTA
    DISTAL = "distal"  # beyond the clot: blood that contrast does not reach


@dataclass(frozen=True)
class Artery:
    """One named stretch of artery: ``name`` like "M1", ``side`` "left"/"right"/"midline"."""

    name: str
    side: str
    points: tuple[Point, ...]
    radius_mm: float
    contrast_hu: float
    flow: Flow = Flow.PATENT

    @property
    def label(self) -> str:
        return self.name if self.side == "midline" else f"{self.name}-{self.side}"

    def length_mm(self) -> float:
        p = np.asarray(self.points)
        return float(np.linalg.norm(np.diff(p, axis=0), axis=1).sum())

    def point_at(self, distance_mm: float) -> Point:
        """The centreline point ``distance_mm`` from the first point."""
        p = np.asarray(self.points, dtype=float)
        seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
        run = 0.0
        for i, length in enumerate(seg):
            if run + length >= distance_mm:
                t = (distance_mm - run) / length
                q = p[i] + t * (p[i + 1] - p[i])
                return (float(q[0]), float(q[1]), float(q[2]))
            run += float(length)
        return self.points[-1]

    def split(self, distance_mm: float) -> tuple[Artery, Artery]:
        """Two arteries: up to ``distance_mm`` along the centreline, and beyond."""
        p = np.asarray(self.points, dtype=float)
        seg = np.linalg.norm(np.diff(p, axis=0), axis=1)
        cum = np.concatenate([[0.0], np.cumsum(seg)])
        cut = self.point_at(distance_mm)
        before = [tuple(map(float, q)) for q in p[cum < distance_mm]]
        after = [tuple(map(float, q)) for q in p[cum > distance_mm]]
        head = replace(self, points=(*before, cut))  # type: ignore[arg-type]
        tail = replace(self, points=(cut, *after))  # type: ignore[arg-type]
        return head, tail


def _pair(name: str, pts: list[Point], radius: float, hu: float) -> list[Artery]:
    """The left artery (x as given, > 0) and its mirror image on the right."""
    left = tuple(pts)
    right = tuple((-x, y, z) for x, y, z in pts)
    return [Artery(name, "left", left, radius, hu), Artery(name, "right", right, radius, hu)]


def circle_of_willis() -> list[Artery]:
    """ICAs, M1/M2, A1/A2, ACom, PCom, P1/P2, basilar and vertebral arteries."""
    arteries: list[Artery] = []
    arteries += _pair(
        "ICA",
        [(19, 2, -80), (18, -2, -55), (16, -10, -40), (15, -6, -28), (14, -8, -18), (14, -8, -15)],
        2.2,
        420.0,
    )
    arteries += _pair("M1", [(14, -8, -15), (24, -10, -15), (38, -12, -15)], 1.5, 380.0)
    arteries += _pair(
        "M2-superior", [(38, -12, -15), (42, -18, -5), (45, -12, 12), (50, -4, 35)], 1.1, 330.0
    )
    arteries += _pair(
        "M2-inferior", [(38, -12, -15), (43, -4, -10), (48, 14, -4), (54, 30, 5)], 1.1, 330.0
    )
    arteries += _pair("A1", [(14, -8, -15), (8, -18, -13), (2, -24, -12)], 1.1, 350.0)
    arteries += _pair(
        "A2",
        [(2, -24, -12), (2.5, -32, 0), (2.5, -36, 20), (2.5, -22, 38), (2.5, 5, 45)],
        1.0,
        340.0,
    )
    arteries.append(Artery("ACom", "midline", ((-2, -24, -12), (2, -24, -12)), 0.8, 330.0))
    arteries += _pair("VA", [(12, 22, -80), (6, 12, -62), (0, 6, -55)], 1.6, 400.0)
    arteries.append(Artery("BA", "midline", ((0, 6, -55), (0, 3, -40), (0, 2, -24)), 1.7, 400.0))
    arteries += _pair("P1", [(0, 2, -24), (8, 4, -22), (14, 8, -20)], 1.1, 340.0)
    arteries += _pair("P2", [(14, 8, -20), (20, 20, -17), (22, 38, -12), (16, 60, -4)], 1.1, 330.0)
    arteries += _pair("PCom", [(14, -6, -18), (14, 8, -20)], 0.7, 320.0)
    return arteries


def occlude(
    arteries: list[Artery], label: str, at_mm: float, clot_mm: float
) -> tuple[list[Artery], Point]:
    """Occlude the artery ``label`` ``at_mm`` from its origin with a ``clot_mm`` thrombus.

    Every artery that branches off the distal end of the occluded one (e.g. the
    M2s after an M1) loses its contrast too. Returns the new tree and the
    occlusion point.
    """
    target = next(a for a in arteries if a.label == label)
    stump, rest = target.split(at_mm)
    clot, distal = rest.split(clot_mm)
    end = np.asarray(target.points[-1])
    out: list[Artery] = []
    for a in arteries:
        if a is target:
            out += [stump, replace(clot, flow=Flow.CLOT), replace(distal, flow=Flow.DISTAL)]
        elif a.side == target.side and np.allclose(a.points[0], end):
            out.append(replace(a, flow=Flow.DISTAL))
        else:
            out.append(a)
    return out, stump.points[-1]


def paint_arteries(
    image: FloatArray,
    axes: Axes,
    arteries: list[Artery],
    value_of: Callable[[Artery], float | None],
    *,
    slice_thickness_mm: float,
) -> None:
    """Blend arteries into ``image`` (indexed [z, y, x], head-frame axes), in place.

    ``value_of`` gives the value of each artery (``None``: leave it out). The
    in-plane edge is anti-aliased over one pixel, and each slice averages
    sub-slices across ``slice_thickness_mm`` (the partial-volume effect of
    thick slices).
    """
    x = axes[0]
    pixel = float(abs(x[1] - x[0])) if x.size > 1 else 1.0
    n_sub = max(1, int(np.ceil(slice_thickness_mm / 0.6)))
    offsets = (np.arange(n_sub) + 0.5) / n_sub * slice_thickness_mm - slice_thickness_mm / 2
    for artery in arteries:
        hu = value_of(artery)
        if hu is None:
            continue
        p = np.asarray(artery.points, dtype=np.float32)
        for a, b in itertools.pairwise(p):
            capsule = (a, b, artery.radius_mm)
            _paint_capsule(image, axes, capsule, hu, pixel=pixel, offsets=offsets)


def capsule_fraction(axes: Axes, capsule: Capsule, pixel: float) -> FloatArray:
    """Fraction (0–1) of each point of the grid inside the capsule (a, b, radius)."""
    x, y, z = axes
    a, b, radius = capsule
    ab = b - a
    denom = float(ab @ ab) or 1.0
    px = (x - a[0])[None, None, :]
    py = (y - a[1])[None, :, None]
    pz = (z - a[2])[:, None, None]
    t = np.clip((px * ab[0] + py * ab[1] + pz * ab[2]) / denom, 0.0, 1.0)
    d2 = (px - t * ab[0]) ** 2 + (py - t * ab[1]) ** 2 + (pz - t * ab[2]) ** 2
    frac = np.clip((radius - np.sqrt(d2)) / pixel + 0.5, 0.0, 1.0)
    return frac.astype(np.float32, copy=False)


def _paint_capsule(
    image: FloatArray,
    axes: Axes,
    capsule: Capsule,
    hu: float,
    *,
    pixel: float,
    offsets: npt.NDArray[np.float64],
) -> None:
    x, y, z = axes
    a, b, radius = capsule
    reach = radius + pixel
    lo = np.minimum(a, b) - reach
    hi = np.maximum(a, b) + reach
    zr = float(np.max(np.abs(offsets)))
    sx = axis_span(x, lo[0], hi[0])
    sy = axis_span(y, lo[1], hi[1])
    sz = axis_span(z, lo[2] - zr, hi[2] + zr)
    if sx.stop <= sx.start or sy.stop <= sy.start or sz.stop <= sz.start:
        return
    xs, ys, zs = x[sx], y[sy], z[sz]
    frac = np.zeros((zs.size, ys.size, xs.size), dtype=np.float32)
    for off in offsets:
        frac += capsule_fraction((xs, ys, (zs + off).astype(np.float32)), capsule, pixel)
    frac /= len(offsets)
    block = image[sz, sy, sx]
    block += frac * (np.float32(hu) - block)
