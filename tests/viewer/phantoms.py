"""Small analytic test volumes: the scene is defined in patient space (LPS mm) and
sampled on any voxel grid, so flipped, reversed, tilted or transposed
acquisitions of the same patient are built consistently (array and affine
together)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from viewer.volume import PatientBanner, Volume

#: A bright marker on the patient's LEFT (x > 0), ANTERIOR (y < 0), SUPERIOR (z > 0).
MARKER_LPS = np.array([35.0, -35.0, 25.0])
HEAD_HU = 35
MARKER_HU = 1000
AIR_HU = -1000

BANNER = PatientBanner(
    name="DOE^JANE",
    patient_id="SL-42",
    issuer="TEST",
    birth_date="19500101",
    sex="F",
    study_date="20240131",
    study_description="CT HEAD",
    series_description="AXIAL 4mm",
)


def affine_for(
    shape_kji: tuple[int, int, int],
    spacing: tuple[float, float, float] = (3.0, 3.0, 4.0),
    directions: npt.ArrayLike | None = None,
    *,
    tilt_deg: float = 0.0,
) -> npt.NDArray[np.float64]:
    """Affine whose voxel grid is centred on the LPS origin.

    ``directions`` holds the unit index directions as columns (row, column,
    slice); ``tilt_deg`` shears the slice step like a gantry tilt (the image
    planes tilt about x while the table moves along z).
    """
    d = np.eye(3) if directions is None else np.asarray(directions, dtype=np.float64)
    m = np.eye(4)
    m[:3, 0] = d[:, 0] * spacing[0]
    m[:3, 1] = d[:, 1] * spacing[1]
    m[:3, 2] = d[:, 2] * spacing[2]
    if tilt_deg:
        t = np.deg2rad(tilt_deg)
        # Image columns tilted about x; slices still step along the table (z).
        m[:3, 1] = np.array([0.0, np.cos(t), np.sin(t)]) * spacing[1]
        m[:3, 2] = np.array([0.0, 0.0, 1.0]) * spacing[2]
    k, j, i = shape_kji
    centre_index = np.array([(i - 1) / 2, (j - 1) / 2, (k - 1) / 2])
    m[:3, 3] = -m[:3, :3] @ centre_index
    return m


def lps_grid(
    shape_kji: tuple[int, int, int], affine: npt.NDArray[np.float64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """x, y, z of every voxel centre, each shaped like the array."""
    k, j, i = np.meshgrid(*(np.arange(n, dtype=np.float64) for n in shape_kji), indexing="ij")
    x = affine[0, 0] * i + affine[0, 1] * j + affine[0, 2] * k + affine[0, 3]
    y = affine[1, 0] * i + affine[1, 1] * j + affine[1, 2] * k + affine[1, 3]
    z = affine[2, 0] * i + affine[2, 1] * j + affine[2, 2] * k + affine[2, 3]
    return x, y, z


def head_volume(
    shape_kji: tuple[int, int, int] = (40, 64, 64),
    affine: npt.NDArray[np.float64] | None = None,
    *,
    markers: Sequence[tuple[npt.ArrayLike, float]] = ((MARKER_LPS, 7.0),),
    vessels: Sequence[tuple[float, float]] = (),
    modality: str = "CT",
    kind: str = "other",
) -> Volume:
    """An ellipsoidal head of 35 HU in air with 1000 HU spheres ``(centre, radius mm)``.

    ``vessels`` adds 400 HU tubes running left-right at ``(y, z)`` with a 2 mm radius.
    """
    if affine is None:
        affine = affine_for(shape_kji)
    x, y, z = lps_grid(shape_kji, affine)
    array = np.full(shape_kji, AIR_HU, dtype=np.int16)
    array[(x / 85.0) ** 2 + (y / 88.0) ** 2 + (z / 70.0) ** 2 < 1.0] = HEAD_HU
    for centre, radius in markers:
        c = np.asarray(centre, dtype=np.float64)
        array[(x - c[0]) ** 2 + (y - c[1]) ** 2 + (z - c[2]) ** 2 <= radius**2] = MARKER_HU
    for vy, vz in vessels:
        array[((y - vy) ** 2 + (z - vz) ** 2 <= 4.0) & (np.abs(x) < 60)] = 400
    return Volume(
        array=array, affine=affine, modality=modality, kind=kind, banner=BANNER,
        default_window=(80.0, 40.0),
    )  # fmt: skip


# Index directions (columns: row dir, column dir, slice dir) of common acquisitions.
HEAD_FIRST_SUPINE = np.eye(3)
FLIPPED_ROWS_COLUMNS = np.diag([-1.0, -1.0, 1.0])  # e.g. prone: IOP [-1,0,0,0,-1,0]
REVERSED_SLICES = np.diag([1.0, 1.0, -1.0])  # negative slice step (head to feet)
FEET_FIRST_SUPINE = np.diag([-1.0, 1.0, -1.0])  # IOP [-1,0,0,0,1,0], normal towards the feet
FEET_FIRST_PRONE = np.diag([1.0, -1.0, -1.0])  # IOP [1,0,0,0,-1,0]
SAGITTAL_ACQUISITION = np.array([[0.0, 0.0, -1.0], [1.0, 0.0, 0.0], [0.0, -1.0, 0.0]])
