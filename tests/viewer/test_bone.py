"""Bone removal for the 3-D CTA view: the skull goes, the vessels stay."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from tests.viewer.phantoms import affine_for, lps_grid
from viewer.bone import (
    AIR_HU,
    GROW_MM,
    bone_mask,
    dilate,
    dilate_ball,
    enclosed,
    large_components,
    remove_bone,
)
from viewer.volume import PatientBanner, Volume

VESSEL_HU = 450  # a bright, well-timed arterial phase
CALCIFICATION_HU = 900


def skull_cta(
    shape: tuple[int, int, int] = (160, 200, 200), voxel_mm: float = 1.0
) -> tuple[Volume, dict[str, npt.NDArray[np.bool_]]]:
    """A CTA phantom: brain, a skull (cortex 1200 HU, diploë 400 HU), a skull-base
    plate, a 560 HU clivus in a 2 mm cortex rim (1400 HU), a ring of 450 HU arteries 12 mm above it
    (a circle of Willis), a carotid rising to it and a small 900 HU calcification on
    an artery."""
    affine = affine_for(shape, (voxel_mm, voxel_mm, voxel_mm))
    x, y, z = lps_grid(shape, affine)
    r = np.sqrt((x / 80.0) ** 2 + (y / 90.0) ** 2 + (z / 70.0) ** 2)
    array = np.full(shape, -1000, dtype=np.int16)
    array[r < 1.0] = 35
    shell = (r >= 0.92) & (r < 1.0)
    array[shell] = 400
    array[shell & ((r < 0.94) | (r >= 0.975))] = 1200
    base = (np.abs(z + 20.0) <= 2.0) & (r < 0.95)
    array[base] = 1400  # cortical bone (≥ CORTEX_HU)
    clivus = (np.abs(x) <= 10.0) & (y >= 10.0) & (y <= 30.0) & (z >= -60.0) & (z <= -22.0)
    array[clivus] = 1400  # a cortex rim, as a real clivus has ...
    core = (np.abs(x) <= 8.0) & (y >= 12.0) & (y <= 28.0) & (z >= -58.0) & (z <= -22.0)
    array[core] = 560  # ... around trabecular bone
    ring = (np.abs(np.hypot(x, y) - 20.0) <= 2.5) & (np.abs(z + 6.0) <= 2.5)
    carotid = (np.hypot(x - 20.0, y) <= 2.5) & (z > -6.0) & (z < 25.0)
    vessels = ring | carotid
    array[vessels] = VESSEL_HU
    calcification = (x + 20.0) ** 2 + y**2 + (z + 6.0) ** 2 <= 2.5**2
    array[calcification] = CALCIFICATION_HU
    volume = Volume(array=array, affine=affine, modality="CT", kind="cta", banner=PatientBanner())
    bone = ((shell | base | clivus) & (r < 0.99)) & ~vessels
    return volume, {"bone": bone, "vessels": vessels & ~calcification, "calc": calcification}


def test_skull_is_removed_and_vessels_kept() -> None:
    volume, parts = skull_cta()
    out = remove_bone(volume.array, volume.spacing)
    assert parts["bone"].sum() > 5000 and parts["vessels"].sum() > 300
    bone_left = (out[parts["bone"]] > 300).sum()
    vessels_kept = (out[parts["vessels"]] == VESSEL_HU).sum()
    assert bone_left == 0
    assert vessels_kept == parts["vessels"].sum()
    assert (out[parts["calc"]] == CALCIFICATION_HU).all()  # small: not bone
    assert (out >= AIR_HU).all() and out.dtype == volume.array.dtype
    assert (volume.array[parts["bone"]] > 300).all()  # the original is untouched


def test_bone_mask_keeps_not_loaded_slices() -> None:
    volume, _ = skull_cta()
    array = volume.array.copy()
    array[:5] = -32768
    out = remove_bone(array, volume.spacing)
    assert (out[:5] == -32768).all()


def test_mask_of_soft_tissue_only_is_empty() -> None:
    array = np.full((10, 20, 20), 40, dtype=np.int16)
    array[5, 10, 10] = 2000  # one bright voxel: too small to be bone
    assert not bone_mask(array, (1.0, 1.0, 1.0)).any()


def test_large_components_and_dilate() -> None:
    mask = np.zeros((10, 10, 10), dtype=bool)
    mask[1:4, 1:4, 1:4] = True  # 27 voxels
    mask[8, 8, 8] = True
    big = large_components(mask, 10)
    assert big.sum() == 27 and not big[8, 8, 8]
    grown = dilate(np.pad(np.ones((1, 1, 1), dtype=bool), 2), (1, 2, 0))
    assert grown.sum() == 3 * 5 * 1


def test_mip_without_bone_shows_the_vessels_not_the_skull() -> None:
    """Rendered (EGL): with the bone removed the skull no longer fills the 3-D MIP."""
    from viewer.model import ViewerState
    from viewer.render3d import VolumeView

    volume, _ = skull_cta()
    state = ViewerState(window=(600.0, 300.0), preset="angio")  # 0 … 600 HU
    view = VolumeView(volume, state, size=(200, 200), auto_render=False)
    try:
        view.reset_camera()
        view.rotate(elevation_deg=89.0)  # from above: the ring of arteries faces the camera
        with_bone = view.grab().max(axis=2)
        view.set_bone_removal(True)
        assert view.bone_removal and view.bone_text.GetInput() == "bone removed"
        view.reset_camera()  # (framing what is left) and from above again
        view.rotate(elevation_deg=89.0)
        without = view.grab().max(axis=2)
    finally:
        view.close()
    inner = np.zeros(with_bone.shape, dtype=bool)
    inner[20:-20, 20:-20] = True  # leave the captions out
    bright_before = int((with_bone[inner] >= 250).sum())
    bright_after = int((without[inner] >= 250).sum())
    vessels_after = int(((without[inner] >= 100) & (without[inner] < 250)).sum())
    assert bright_before > 5 * max(bright_after, 1)  # the skull was most of the white
    assert vessels_after > 50  # the 450 HU ring is drawn, mid-grey


def test_dilate_equals_a_box_around_each_voxel() -> None:
    rng = np.random.default_rng(0)
    mask = rng.random((20, 21, 22)) > 0.97
    for radius in ((1, 2, 3), (0, 4, 1), (5, 0, 0), (3, 3, 3)):
        expected = np.zeros_like(mask)
        for k, j, i in zip(*np.nonzero(mask), strict=True):
            rk, rj, ri = radius
            expected[max(0, k - rk) : k + rk + 1, max(0, j - rj) : j + rj + 1,
                     max(0, i - ri) : i + ri + 1] = True  # fmt: skip
        assert np.array_equal(dilate(mask, radius), expected), radius


def test_large_masks_are_labelled_on_a_pooled_grid(monkeypatch: pytest.MonkeyPatch) -> None:
    import viewer.bone

    mask = np.zeros((40, 40, 40), dtype=bool)
    mask[2:30, 2:30, 2:30] = True  # 21 952 voxels
    mask[35:37, 35:37, 35:37] = True  # 8
    monkeypatch.setattr(viewer.bone, "LABEL_VOXELS", 10_000)  # pooled by 2
    big = large_components(mask, 1000)
    assert big.sum() == 28**3 and not big[36, 36, 36]


def test_progressive_loading_reuses_the_mask_until_a_quarter_more_arrived() -> None:
    from viewer.model import ViewerState
    from viewer.render3d import VolumeView

    volume, _ = skull_cta()
    assert volume.loaded is not None
    volume.loaded[:] = False
    volume.loaded[:80] = True
    view = VolumeView(volume, ViewerState(), size=(64, 64), auto_render=False,
                      bone_removal=True)  # fmt: skip
    try:
        assert view._bone_cache is not None
        first = view._bone_cache[2]
        volume.loaded[80:90] = True
        view.set_volume(volume)
        assert view._bone_cache[2] is first  # 10 of 160 slices more: the same mask
        volume.loaded[:] = True
        view.set_volume(volume)
        assert view._bone_cache[2] is not first  # all there: made again
    finally:
        view.close()


def _tube(
    xyz: tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]],
    a: tuple[float, float, float],
    b: tuple[float, float, float],
    radius: float,
) -> npt.NDArray[np.bool_]:
    """Voxels within ``radius`` mm of the segment a-b."""
    x, y, z = xyz
    d = np.subtract(b, a)
    t = np.clip(((x - a[0]) * d[0] + (y - a[1]) * d[1] + (z - a[2]) * d[2]) / (d @ d), 0.0, 1.0)
    return np.asarray(
        (x - a[0] - t * d[0]) ** 2 + (y - a[1] - t * d[1]) ** 2 + (z - a[2] - t * d[2]) ** 2
        <= radius**2
    )


BASE_TOP_MM = -17.0


def canal_cta(
    vessel_hu: float, spacing: tuple[float, float, float]
) -> tuple[npt.NDArray[np.int16], dict[str, npt.NDArray[np.bool_]]]:
    """The reviewer's phantom (issue #13): a skull (cortex 1500 HU, diploë 500 HU), a
    skull base (cortex 1500 HU around 450 HU trabecular bone, top at z = -17 mm) with a
    carotid canal (a 1500 HU wall) holding a 6 mm ICA that rises 10 mm above the base
    into an M1 (``vessel_hu``), whose two M2s are 150 HU dimmer. 5 HU noise."""
    si, sj, sk = spacing
    axes = [(np.arange(round(n / s)) - (round(n / s) - 1) / 2.0) * s
            for n, s in ((110.0, sk), (180.0, sj), (150.0, si))]  # fmt: skip
    z, y, x = np.meshgrid(*axes, indexing="ij")
    r = np.sqrt((x / 65.0) ** 2 + (y / 80.0) ** 2 + (z / 52.0) ** 2)
    depth = (1.0 - r) * 65.0  # ≈ mm below the skull's outer surface
    array = np.full(x.shape, -1000.0)
    array[r < 1.0] = 35.0
    skull = (depth >= 0.0) & (depth < 6.5)
    array[skull] = 500.0
    array[skull & ((depth < 2.0) | (depth >= 5.0))] = 1500.0
    base = (depth >= 6.5) & (z >= BASE_TOP_MM - 6.0) & (z <= BASE_TOP_MM)
    array[base] = 450.0
    array[base & ((z < BASE_TOP_MM - 4.5) | (z > BASE_TOP_MM - 1.5))] = 1500.0
    rho = np.hypot(x - 20.0, y)
    canal = (rho < 4.5) & (z >= -35.0) & (z <= BASE_TOP_MM) & (r < 1.0)
    array[canal] = 1500.0
    ica = (rho <= 3.0) & (z >= -40.0) & (z <= BASE_TOP_MM + 10.0)  # inside the skull
    m1 = _tube((x, y, z), (20.0, 0.0, BASE_TOP_MM + 10.0), (48.0, 0.0, BASE_TOP_MM + 10.0), 1.6)
    m2 = _tube((x, y, z), (48.0, 0.0, -7.0), (50.0, -12.0, 12.0), 1.2)
    m2 |= _tube((x, y, z), (48.0, 0.0, -7.0), (50.0, 12.0, 12.0), 1.2)
    m2 &= ~m1
    array[ica | m1] = vessel_hu
    array[m2] = vessel_hu - 150.0
    noise = np.random.default_rng(0).normal(0.0, 5.0, array.shape)
    parts = {
        "M1": m1 & (x > 20.0 + 3.0 + 1.0),  # beyond the top of the ICA
        "M2": m2,
        "ICA clear of the base": ica & (z > BASE_TOP_MM + GROW_MM + 0.5) & ~m1,
        "ICA below the canal": ica & (z < -35.0 - GROW_MM - 0.5),
        "skull": skull,
        "skull base": (base | canal) & ~ica,
    }
    return np.round(array + noise).astype(np.int16), parts


@pytest.mark.parametrize("spacing", [(1.0, 1.0, 1.0), (0.9, 0.9, 1.25)])
@pytest.mark.parametrize("vessel_hu", [450, 650, 750, 900])
def test_bright_arteries_touching_the_skull_base_are_kept(
    vessel_hu: float, spacing: tuple[float, float, float]
) -> None:
    """Issue #13: an ICA brighter than 600 HU joined to the skull base through its canal
    took the whole M1 with the bone (a pseudo-occlusion). Only what lies within
    GROW_MM of the cortex may go; the M1 and M2s, 10 mm above the base, stay."""
    array, parts = canal_cta(vessel_hu, spacing)
    mask = bone_mask(array, spacing)
    assert parts["M1"].sum() > 150 and parts["M2"].sum() > 150
    assert not mask[parts["M1"]].any()
    assert not mask[parts["M2"]].any()
    assert mask[parts["skull"]].all() and mask[parts["skull base"]].all()
    # the ICA: only its part within GROW_MM of the cortex (the canal's wall, the top of
    # the base) may go; above that, and below the canal, it stays
    assert parts["ICA clear of the base"].sum() > 50
    assert not mask[parts["ICA clear of the base"]].any()
    assert parts["ICA below the canal"].sum() > 20
    assert not mask[parts["ICA below the canal"]].any()


@pytest.mark.parametrize("spacing", [(1.0, 1.0, 1.0), (0.9, 0.9, 1.25), (0.45, 0.45, 0.625)])
def test_an_artery_against_bone_is_never_thick_bone(spacing: tuple[float, float, float]) -> None:
    """Two 6 mm arteries at 900 HU (an ICA, as bright as trabecular bone) leave a block
    of cortical bone and a block of trabecular bone (560 HU, a clivus) in a 2 mm cortex rim,
    one along an axis, one diagonally: the blocks go, each artery farther than GROW_MM
    from them stays (no cube of THICK_MM fits in it)."""
    si, sj, sk = spacing
    axes = [(np.arange(round(n / s)) - (round(n / s) - 1) / 2.0) * s
            for n, s in ((60.0, sk), (90.0, sj), (90.0, si))]  # fmt: skip
    z, y, x = np.meshgrid(*axes, indexing="ij")
    array = np.full(x.shape, 35.0)
    blocks = {"cortex": (-44.0, -14.0, 1500.0), "trabecular": (14.0, 44.0, 560.0)}
    distance = {}
    for name, (lo, hi, hu) in blocks.items():
        inside = (x >= lo) & (x <= hi) & (np.abs(y + 30.0) <= 15.0) & (np.abs(z) <= 15.0)
        array[inside] = hu
        core = (x >= lo + 2.0) & (x <= hi - 2.0) & (np.abs(y + 30.0) <= 13.0) & (np.abs(z) <= 13.0)
        array[inside & ~core] = 1500.0  # the cortex rim (the cortex block: all cortex)
        out_x = np.maximum(np.maximum(lo - x, x - hi), 0.0)
        out_y = np.maximum(np.abs(y + 30.0) - 15.0, 0.0)
        out_z = np.maximum(np.abs(z) - 15.0, 0.0)
        distance[name] = np.sqrt(out_x**2 + out_y**2 + out_z**2)
    d = 40.0 / np.sqrt(3.0)
    arteries = (
        _tube((x, y, z), (-29.0, -15.0, 0.0), (-29.0, 40.0, 0.0), 3.0)
        | _tube((x, y, z), (-14.0, -15.0, -15.0), (-14.0 + d, -15.0 + d, -15.0 + d), 3.0)
        | _tube((x, y, z), (29.0, -15.0, 0.0), (29.0, 40.0, 0.0), 3.0)
        | _tube((x, y, z), (14.0, -15.0, -15.0), (14.0 - d, -15.0 + d, -15.0 + d), 3.0)
    )
    arteries &= (distance["cortex"] > 0.0) & (distance["trabecular"] > 0.0)
    array[arteries] = 900.0
    mask = bone_mask(np.round(array).astype(np.int16), spacing)
    assert mask[(distance["cortex"] == 0.0) | (distance["trabecular"] == 0.0)].all()
    clear = arteries & (np.minimum(distance["cortex"], distance["trabecular"]) > GROW_MM + 0.01)
    assert clear.sum() * si * sj * sk > 4000.0  # mm³
    assert not mask[clear].any()


def test_dilate_ball_is_the_euclidean_ball_around_each_voxel() -> None:
    rng = np.random.default_rng(1)
    mask = rng.random((15, 16, 17)) > 0.98
    k, j, i = np.indices(mask.shape)
    for spacing in ((1.25, 0.9, 0.9), (0.625, 0.45, 0.45), (2.0, 2.0, 2.0), (0.73, 0.7, 0.59)):
        expected = np.zeros_like(mask)
        for kk, jj, ii in zip(*np.nonzero(mask), strict=True):
            expected |= (((k - kk) * spacing[0]) ** 2 + ((j - jj) * spacing[1]) ** 2
                         + ((i - ii) * spacing[2]) ** 2 <= 2.5**2 + 1e-6)  # fmt: skip
        assert np.array_equal(dilate_ball(mask, 2.5, spacing), expected), spacing


def _grid(
    extent_mm: tuple[float, float, float], spacing: tuple[float, float, float]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """x, y, z (mm) of a ``[k, j, i]`` grid centred on 0, with a voxel centre at 0
    (``extent_mm`` along x, y, z; ``spacing`` along i, j, k)."""
    axes = [np.arange(-round(n / 2.0 / s), round(n / 2.0 / s) + 1) * s
            for n, s in zip(extent_mm[::-1], spacing[::-1], strict=True)]  # fmt: skip
    z, y, x = np.meshgrid(*axes, indexing="ij")
    return x, y, z


@pytest.mark.parametrize("spacing", [(1.0, 1.0, 1.0), (0.9, 0.9, 1.25), (0.5, 0.5, 0.5)])
@pytest.mark.parametrize(
    ("kind", "diameter_mm", "hu"),
    [("tube", 10.0, 650.0), ("tube", 12.0, 650.0), ("aneurysm", 25.0, 600.0)],
)
def test_an_isolated_wide_bright_vessel_is_not_thick_bone(
    kind: str, diameter_mm: float, hu: float, spacing: tuple[float, float, float]
) -> None:
    """A cube of THICK_MM fits in any tube ≥ 7 mm × √2 ≈ 9.9 mm across (an aortic arch,
    a CCA, an ectatic basilar) and in a giant aneurysm: without cortex around it, it is
    never a seed. (The rule before this took 80 mm long 10 mm tubes on the 0.5 mm grid,
    12 mm tubes on every grid here and the aneurysm whole.)"""
    x, y, z = _grid((90.0, 30.0, 30.0) if kind == "tube" else (40.0, 40.0, 40.0), spacing)
    if kind == "tube":
        vessel = _tube((x, y, z), (-40.0, 0.0, 0.0), (40.0, 0.0, 0.0), diameter_mm / 2.0)
    else:
        vessel = x**2 + y**2 + z**2 <= (diameter_mm / 2.0) ** 2
    array = np.where(vessel, hu, 35.0)
    array += np.random.default_rng(0).normal(0.0, 5.0, array.shape)
    assert vessel.sum() * np.prod(spacing) > 5000.0  # mm³: large enough to count as bone
    assert not bone_mask(np.round(array).astype(np.int16), spacing)[vessel].any()


def clivus_cta(
    spacing: tuple[float, float, float],
) -> tuple[npt.NDArray[np.int16], dict[str, npt.NDArray[np.bool_]]]:
    """A clivus (20 × 20 × 35 mm: a 2 mm cortex rim at 1400 HU around 560 HU trabecular
    bone), an ectatic 10 mm basilar (650 HU, 70 mm long) 1 mm behind it, and a piece of
    skull (cortex 1500 HU, diploë 500 HU) 35 mm behind the basilar. 5 HU noise."""
    x, y, z = _grid((50.0, 100.0, 100.0), spacing)
    array = np.full(x.shape, 35.0)
    skull = (y >= 41.0) & (y <= 47.5)
    array[skull] = 1500.0
    array[skull & (y > 43.0) & (y < 45.5)] = 500.0
    clivus = (np.abs(x) <= 10.0) & (y >= 0.0) & (y <= 20.0) & (z >= -45.0) & (z <= -10.0)
    array[clivus] = 1400.0
    core = (np.abs(x) <= 8.0) & (y >= 2.0) & (y <= 18.0) & (z >= -43.0) & (z <= -12.0)
    array[core] = 560.0
    basilar = _tube((x, y, z), (0.0, 26.0, -40.0), (0.0, 26.0, 30.0), 5.0)  # 21 … 31 mm
    array[basilar] = 650.0
    array += np.random.default_rng(0).normal(0.0, 5.0, array.shape)
    parts = {"skull": skull, "clivus": clivus, "basilar": basilar, "cortex": array >= 1150.0}
    return np.round(array).astype(np.int16), parts


@pytest.mark.parametrize("spacing", [(1.0, 1.0, 1.0), (0.9, 0.9, 1.25), (0.5, 0.5, 0.5)])
def test_an_ectatic_basilar_against_the_clivus_keeps_all_but_its_rim(
    spacing: tuple[float, float, float],
) -> None:
    """Thick bone seeds only where cortex encloses it: the clivus (trabecular bone in a
    cortex rim) goes whole; the basilar lying 1 mm from it touches cortex but is not
    enclosed by it, so it loses only its voxels within GROW_MM of the cortex."""
    array, parts = clivus_cta(spacing)
    mask = bone_mask(array, spacing)
    assert mask[parts["skull"]].all() and mask[parts["clivus"]].all()
    si, sj, sk = spacing
    near_cortex = dilate_ball(parts["cortex"], GROW_MM + 0.01, (sk, sj, si))
    basilar = parts["basilar"]
    assert (basilar & near_cortex).any() and (basilar & ~near_cortex).sum() * si * sj * sk > 4000.0
    assert not mask[basilar & ~near_cortex].any()


def test_enclosed_counts_the_sides_with_cortex_within_reach() -> None:
    rng = np.random.default_rng(2)
    cortex = rng.random((12, 13, 14)) > 0.95
    spacing = (1.25, 0.9, 1.0)
    for mm, sides in ((3.0, 5), (5.0, 4), (2.0, 1), (10.0, 6)):
        expected = np.zeros(cortex.shape, dtype=bool)
        for k, j, i in np.ndindex(cortex.shape):
            count = 0
            for axis, index in enumerate((k, j, i)):
                r = int(mm / spacing[axis] + 1e-6)
                line = (cortex[:, j, i], cortex[k, :, i], cortex[k, j, :])[axis]
                count += bool(line[index : index + r + 1].any())
                count += bool(line[max(0, index - r) : index + 1].any())
            expected[k, j, i] = count >= sides
        assert np.array_equal(enclosed(cortex, spacing, mm, sides), expected), (mm, sides)
