"""Bone removal for the 3-D CTA view: the skull goes, the vessels stay."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from tests.viewer.phantoms import affine_for, lps_grid
from viewer.bone import AIR_HU, bone_mask, dilate, large_components, remove_bone
from viewer.volume import PatientBanner, Volume

VESSEL_HU = 450  # a bright, well-timed arterial phase
CALCIFICATION_HU = 900


def skull_cta(
    shape: tuple[int, int, int] = (80, 100, 100),
) -> tuple[Volume, dict[str, npt.NDArray[np.bool_]]]:
    """A CTA phantom: brain, a skull (cortex 1200 HU, diploë 400 HU), a skull-base
    plate, a 560 HU clivus without cortex, a ring of 450 HU arteries 12 mm above it
    (a circle of Willis), a carotid rising to it and a small 900 HU calcification on
    an artery."""
    affine = affine_for(shape, (2.0, 2.0, 2.0))
    x, y, z = lps_grid(shape, affine)
    r = np.sqrt((x / 80.0) ** 2 + (y / 90.0) ** 2 + (z / 70.0) ** 2)
    array = np.full(shape, -1000, dtype=np.int16)
    array[r < 1.0] = 35
    shell = (r >= 0.92) & (r < 1.0)
    array[shell] = 400
    array[shell & ((r < 0.94) | (r >= 0.975))] = 1200
    base = (np.abs(z + 20.0) <= 2.0) & (r < 0.95)
    array[base] = 1100
    clivus = (np.abs(x) <= 10.0) & (y >= 10.0) & (y <= 30.0) & (z >= -60.0) & (z <= -22.0)
    array[clivus] = 560  # trabecular bone, no cortex around it
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
        view.rotate(elevation_deg=89.0)  # from above: the ring of arteries faces the camera
        with_bone = view.grab().max(axis=2)
        view.set_bone_removal(True)
        assert view.bone_removal and "bone removed" in view.mode_text.GetInput()
        without = view.grab().max(axis=2)
    finally:
        view.close()
    inner = np.zeros(with_bone.shape, dtype=bool)
    inner[20:-20, 20:-20] = True  # leave the captions out
    bright_before = int((with_bone[inner] >= 250).sum())
    bright_after = int((without[inner] >= 250).sum())
    vessels_after = int(((without[inner] >= 150) & (without[inner] < 250)).sum())
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
    volume.loaded[:40] = True
    view = VolumeView(volume, ViewerState(), size=(64, 64), auto_render=False,
                      bone_removal=True)  # fmt: skip
    try:
        assert view._bone_cache is not None
        first = view._bone_cache[2]
        volume.loaded[40:45] = True
        view.set_volume(volume)
        assert view._bone_cache[2] is first  # 5 of 80 slices more: the same mask
        volume.loaded[:] = True
        view.set_volume(volume)
        assert view._bone_cache[2] is not first  # all there: made again
    finally:
        view.close()
