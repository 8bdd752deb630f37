"""MPR plane geometry and orientation letters, in DICOM LPS (no VTK).

Every view is described by two unit vectors in patient coordinates: the
direction that points to the **screen's right** and the one that points to the
**screen's top**. The third axis, ``right × up``, points from the screen
towards the viewer. Radiological convention (safety invariant 1, "left is
left"):

* axial, seen from the feet: patient's left on screen right, anterior at the top;
* coronal, seen from the front: patient's left on screen right, superior at the top;
* sagittal, seen from the patient's left: anterior on screen left, superior at the top.

The letters on each edge of a view come from these vectors, never from slice
order: a vector's components along x (L+), y (P+), z (S+) of DICOM PS3.3
C.7.6.2.1.1 (the patient coordinate system of (0020,0037) Image Orientation
(Patient)) give "L"/"R", "P"/"A", "S"/"I".
"""

from __future__ import annotations

from typing import Final

import numpy as np
import numpy.typing as npt

Vector = npt.NDArray[np.float64]

#: The three linked MPR views.
MPR_VIEWS: Final = ("axial", "coronal", "sagittal")

#: (screen right, screen up) in LPS for each view before any oblique rotation.
VIEW_AXES: Final[dict[str, tuple[tuple[float, float, float], tuple[float, float, float]]]] = {
    "axial": ((1.0, 0.0, 0.0), (0.0, -1.0, 0.0)),
    "coronal": ((1.0, 0.0, 0.0), (0.0, 0.0, 1.0)),
    "sagittal": ((0.0, 1.0, 0.0), (0.0, 0.0, 1.0)),
}

_POSITIVE: Final = ("L", "P", "S")
_NEGATIVE: Final = ("R", "A", "I")


def plane_axes(view: str, rotation: npt.ArrayLike | None = None) -> tuple[Vector, Vector, Vector]:
    """(right, up, towards viewer) unit vectors in LPS for ``view``.

    ``rotation`` is the 3×3 oblique rotation shared by the three planes (applied
    to the vectors in patient space); ``None`` means the identity.
    """
    if view not in VIEW_AXES:
        raise ValueError(f"unknown view {view!r}; expected one of {', '.join(VIEW_AXES)}")
    right, up = (np.asarray(v, dtype=np.float64) for v in VIEW_AXES[view])
    if rotation is not None:
        r = np.asarray(rotation, dtype=np.float64)
        right, up = r @ right, r @ up
    normal = np.cross(right, up)
    return right, up, normal


def orientation_letters(vector: npt.ArrayLike, *, threshold: float = 0.3) -> str:
    """Letters for a direction in LPS, dominant component first.

    ``(1, 0, 0)`` → ``"L"``; a 30° oblique between left and anterior →
    ``"LA"``. Components smaller than ``threshold`` (of a unit vector) are left
    out; the dominant one is always given.
    """
    v = np.asarray(vector, dtype=np.float64)
    n = float(np.linalg.norm(v))
    if n == 0.0:
        raise ValueError("a zero vector has no orientation")
    v = v / n
    order = np.argsort(-np.abs(v), kind="stable")
    letters = []
    for rank, axis in enumerate(order):
        c = float(v[axis])
        if rank > 0 and abs(c) < threshold:
            break
        letters.append(_POSITIVE[axis] if c > 0 else _NEGATIVE[axis])
    return "".join(letters)


def edge_labels(right: npt.ArrayLike, up: npt.ArrayLike) -> dict[str, str]:
    """Orientation letters for the four edges of a view: left, right, top, bottom."""
    r = np.asarray(right, dtype=np.float64)
    u = np.asarray(up, dtype=np.float64)
    return {
        "left": orientation_letters(-r),
        "right": orientation_letters(r),
        "top": orientation_letters(u),
        "bottom": orientation_letters(-u),
    }


def rotation_about(axis: npt.ArrayLike, degrees: float) -> npt.NDArray[np.float64]:
    """3×3 rotation of ``degrees`` about ``axis`` (right-handed, Rodrigues)."""
    a = np.asarray(axis, dtype=np.float64)
    a = a / np.linalg.norm(a)
    t = np.deg2rad(degrees)
    k = np.array([[0.0, -a[2], a[1]], [a[2], 0.0, -a[0]], [-a[1], a[0], 0.0]])
    return np.asarray(np.eye(3) + np.sin(t) * k + (1.0 - np.cos(t)) * (k @ k), dtype=np.float64)


def position_text(point: npt.ArrayLike, normal: npt.ArrayLike) -> str:
    """Slice position along the view normal, e.g. ``"S 12.5 mm"``.

    The normal is oriented towards its dominant positive LPS axis (L, P or S)
    so that an axial slice reads as its height: "S 12.5 mm" above the origin,
    "I 3.0 mm" below it.
    """
    n = np.asarray(normal, dtype=np.float64)
    n = n / np.linalg.norm(n)
    axis = int(np.argmax(np.abs(n)))
    if n[axis] < 0:
        n = -n
    d = float(np.dot(np.asarray(point, dtype=np.float64), n))
    letter = orientation_letters(n) if d >= 0 else orientation_letters(-n)
    return f"{letter} {abs(d):.1f} mm"
