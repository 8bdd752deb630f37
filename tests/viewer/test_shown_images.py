"""A key image references exactly what its view shows (viewer.shown_images), no display.

Each split series is planned from its headers as the viewer plans it; the
volume on screen is one sub-volume (b1000 of a DWI holding b0 and b1000, the
second phase of a two-phase CTA, the b1000 frames of one enhanced multi-frame
instance). Per view type: an axial native view references the very instance
(and frame) of the slice at the crosshair in that sub-volume, never its
sibling's; a coronal reformat, a slab MIP and the 3-D view reference the
sub-volume's images they were made from, and only those.
"""

from __future__ import annotations

import random
from collections.abc import Callable

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.sequence import Sequence as DicomSequence

from tests.viewer.dicom_factory import make_enhanced, make_series, with_tags
from viewer.assembly import VolumePlan, plan_series
from viewer.planes import rotation_about
from viewer.shown_images import ImagesShown, NothingShown, images_shown

SLICES, STEP = 12, 5.0


def stack(series_uid: str | None = None, seed: int = 0, **tags: object) -> list[Dataset]:
    part = make_series(
        modality="MR", intercept=0, shape=(SLICES, 24, 24), slice_step=STEP,
        series_uid=series_uid, shuffle_seed=seed,
    )  # fmt: skip
    return with_tags(part, **tags)


def dwi_b0_b1000() -> list[Dataset]:
    """b0 and b1000 in one series, at the same positions, interleaved."""
    b0 = stack(seed=1, DiffusionBValue=0.0, SeriesDescription="DWI")
    b1000 = stack(b0[0].SeriesInstanceUID, seed=2, DiffusionBValue=1000.0, SeriesDescription="DWI")
    mixed = [*b0, *b1000]
    random.Random(5).shuffle(mixed)
    return mixed


def two_phase_cta() -> list[Dataset]:
    """Arterial then venous phase of one CTA series: same positions, 25 s apart."""
    arterial = stack(seed=3, TemporalPositionIdentifier=1, AcquisitionTime="101500.000000")
    venous = stack(
        arterial[0].SeriesInstanceUID, seed=4, TemporalPositionIdentifier=2,
        AcquisitionTime="101525.000000",
    )  # fmt: skip
    return [*venous, *arterial]


def enhanced_dwi() -> list[Dataset]:
    """One enhanced MR instance: b0 and b1000 frames, shuffled, b-value per frame."""
    b0 = stack(seed=1, DiffusionBValue=0.0)
    b1000 = stack(b0[0].SeriesInstanceUID, seed=2, DiffusionBValue=1000.0)
    frames = [*b0, *b1000]
    random.Random(9).shuffle(frames)
    ds = make_enhanced(frames, shuffle_seed=None)
    for item, source in zip(ds.PerFrameFunctionalGroupsSequence, frames, strict=True):
        diffusion = Dataset()
        diffusion.DiffusionBValue = source.DiffusionBValue
        diffusion.DiffusionDirectionality = "ISOTROPIC" if source.DiffusionBValue else "NONE"
        item.MRDiffusionSequence = DicomSequence([diffusion])
    return [ds]


SERIES: dict[str, tuple[Callable[[], list[Dataset]], str]] = {
    "dwi-b0-b1000": (dwi_b0_b1000, "b=1000"),
    "two-phase-cta": (two_phase_cta, "t=25.0 s"),
    "enhanced-multi-frame-dwi": (enhanced_dwi, "b=1000"),
}


def images_of(headers: list[Dataset]) -> list[tuple[str, int | None, Dataset, Dataset]]:
    """Every image of the series: (SOP Instance UID, frame from 1 or None, header, its frame's
    own attributes: the instance, or its per-frame functional group item)."""
    found = []
    for ds in headers:
        per_frame = ds.get("PerFrameFunctionalGroupsSequence")
        if per_frame:
            found += [(str(ds.SOPInstanceUID), n + 1, ds, item) for n, item in enumerate(per_frame)]
        else:
            found.append((str(ds.SOPInstanceUID), None, ds, ds))
    return found


def position(image: Dataset) -> np.ndarray:
    holder = image.PlanePositionSequence[0] if "PlanePositionSequence" in image else image
    return np.asarray([float(v) for v in holder.ImagePositionPatient])


def belongs(image: Dataset, header: Dataset, label: str) -> bool:
    """Whether an image is of the sub-volume ``label`` (its b-value or its phase)."""
    if label.startswith("b="):
        holder = image.MRDiffusionSequence[0] if "MRDiffusionSequence" in image else header
        return float(holder.DiffusionBValue) == float(label[2:])
    return int(header.TemporalPositionIdentifier) == 2


def sub_volume(headers: list[Dataset], label: str) -> VolumePlan:
    plan = plan_series(headers)
    (volume,) = [v for v in plan.volumes if v.label == label]
    assert len(plan.volumes) == 2  # the other sub-volume is at the same positions
    return volume


def slice_centre(plan: VolumePlan, k: int) -> np.ndarray:
    _, rows, columns = plan.shape
    return (plan.affine @ np.array([(columns - 1) / 2, (rows - 1) / 2, k, 1.0]))[:3]


@pytest.fixture(params=list(SERIES))
def split(request: pytest.FixtureRequest) -> tuple[list[Dataset], str]:
    make, label = SERIES[request.param]
    return make(), label


def test_axial_native_is_the_displayed_sub_volumes_image_and_frame(split) -> None:
    headers, label = split
    plan = sub_volume(headers, label)
    everything = images_of(headers)
    for k in (0, 4, SLICES - 1):
        point = slice_centre(plan, k)
        shown = images_shown(plan, "axial", crosshair=point)
        assert shown.native and shown.sources == (shown.at_crosshair,)
        image = shown.at_crosshair
        matches = [
            (uid, frame) for uid, frame, header, own in everything
            if belongs(own, header, label) and np.allclose(position(own), plan.affine[:3, 3]
                                                           + k * plan.affine[:3, 2])
        ]  # fmt: skip
        assert [(image.sop_instance_uid, image.frame)] == matches, k
        header = next(h for uid, _, h, _ in everything if uid == image.sop_instance_uid)
        assert image.sop_class_uid == str(header.SOPClassUID)
    # the sibling sub-volume at the same place is another image
    (other,) = [v for v in plan_series(headers).volumes if v.label != label]
    twin = images_shown(other, "axial", crosshair=slice_centre(plan, 4)).at_crosshair
    mine = images_shown(plan, "axial", crosshair=slice_centre(plan, 4)).at_crosshair
    assert (twin.sop_instance_uid, twin.frame) != (mine.sop_instance_uid, mine.frame)


def test_multi_frame_references_the_frame_number(split) -> None:
    headers, label = split
    plan = sub_volume(headers, label)
    frames = {images_shown(plan, "axial", crosshair=slice_centre(plan, k)).at_crosshair.frame
              for k in range(SLICES)}  # fmt: skip
    if len(headers) == 1:  # one enhanced instance: every slice is a frame of it
        assert None not in frames and len(frames) == SLICES
        assert frames <= set(range(1, 2 * SLICES + 1))
    else:
        assert frames == {None}


def sub_volume_images(plan: VolumePlan) -> set[tuple[str, int | None]]:
    return {(s.sop_instance_uid, None if s.frame is None and s.number_of_frames <= 1
             else (s.frame or 0) + 1) for s in plan.sources if s is not None}  # fmt: skip


def whole_sub_volume_shown(
    split: tuple[list[Dataset], str], view: str, slice_index: int
) -> ImagesShown:
    """The images shown in ``view`` with the crosshair on a slice: asserts they are made
    from every slice of the sub-volume, from its own images only."""
    headers, label = split
    plan = sub_volume(headers, label)
    shown = images_shown(plan, view, crosshair=slice_centre(plan, slice_index))
    assert not shown.native and shown.slices == list(range(SLICES))
    assert {(s.sop_instance_uid, s.frame) for s in shown.sources} == sub_volume_images(plan)
    return shown


def test_coronal_reformat_is_made_from_the_whole_sub_volume_only(split) -> None:
    shown = whole_sub_volume_shown(split, "coronal", 5)
    assert shown.at_crosshair.slice_index == 5  # the crosshair's own image among them


def test_slab_mip_is_made_from_the_slices_in_the_slab(split) -> None:
    headers, label = split
    plan = sub_volume(headers, label)
    shown = images_shown(
        plan, "axial", crosshair=slice_centre(plan, 6), slab_mode="mip", slab_mm=20.0
    )
    assert not shown.native
    assert shown.slices == [4, 5, 6, 7, 8]  # ±10 mm around slice 6, 5 mm apart
    assert shown.at_crosshair.slice_index == 6
    assert {(s.sop_instance_uid, s.frame) for s in shown.sources} <= sub_volume_images(plan)
    # a coronal slab through an axial series reads every slice
    coronal = images_shown(plan, "coronal", crosshair=slice_centre(plan, 6), slab_mode="mip",
                           slab_mm=20.0)  # fmt: skip
    assert coronal.slices == list(range(SLICES))


def test_three_d_is_made_from_every_image_of_the_sub_volume(split) -> None:
    shown = whole_sub_volume_shown(split, "3d", 2)
    assert len(shown.sources) == SLICES  # never the sibling sub-volume's images


def test_a_slab_of_one_slice_is_that_slice_as_acquired() -> None:
    plan = sub_volume(dwi_b0_b1000(), "b=1000")
    shown = images_shown(plan, "axial", crosshair=slice_centre(plan, 3), slab_mode="mean",
                         slab_mm=STEP)  # fmt: skip
    assert shown.native and shown.slices == [3]


def test_between_two_slices_the_view_is_a_blend_of_both() -> None:
    plan = sub_volume(dwi_b0_b1000(), "b=1000")
    point = (slice_centre(plan, 3) + slice_centre(plan, 4)) / 2
    shown = images_shown(plan, "axial", crosshair=point)
    assert not shown.native and shown.slices == [3, 4]
    almost = slice_centre(plan, 3) + 0.0001 * STEP * plan.affine[:3, 2] / STEP
    assert images_shown(plan, "axial", crosshair=almost).native  # drawn as slice 3 itself


def test_outside_the_volume_or_on_a_gap_nothing_is_shown() -> None:
    headers = dwi_b0_b1000()
    gone = [ds for ds in headers if not (float(ds.DiffusionBValue) == 1000.0
                                         and int(ds.InstanceNumber) == 5)]  # fmt: skip
    plan = sub_volume(gone, "b=1000")
    missing = [k for k, source in enumerate(plan.sources) if source is None]
    assert len(missing) == 1
    with pytest.raises(NothingShown):
        images_shown(plan, "axial", crosshair=slice_centre(plan, missing[0]))
    coronal = images_shown(plan, "coronal", crosshair=slice_centre(plan, missing[0]))
    assert missing[0] not in coronal.slices and len(coronal.slices) == SLICES - 1
    with pytest.raises(NothingShown):
        images_shown(plan, "axial", crosshair=slice_centre(plan, SLICES + 3))


@pytest.mark.parametrize("degrees", [7.0, 25.0, 60.0])
def test_oblique_plane_and_slab_read_the_slices_it_crosses(degrees: float) -> None:
    """Cross-check the resampled path against dense sampling of the plane (and slab)."""
    plan = sub_volume(dwi_b0_b1000(), "b=1000")
    rotation = rotation_about((1.0, 0.0, 0.0), degrees)
    centre = slice_centre(plan, 6)
    for mm in (0.0, 12.0):
        shown = images_shown(plan, "axial", crosshair=centre, rotation=rotation,
                             slab_mode="mip" if mm else "none", slab_mm=mm)  # fmt: skip
        assert not shown.native
        assert set(shown.slices) == sampled_slices(plan, rotation, centre, mm)


def sampled_slices(
    plan: VolumePlan, rotation: np.ndarray, centre: np.ndarray, mm: float
) -> set[int]:
    """Slices within one slice of some point of the plane (or slab) inside the volume."""
    right, up = rotation @ np.array([1.0, 0, 0]), rotation @ np.array([0, -1.0, 0])
    normal = np.cross(right, up)
    inverse = np.linalg.inv(plan.affine)
    count, rows, columns = plan.shape
    span = np.linspace(-200, 200, 801)
    found: set[int] = set()
    for offset in np.linspace(-mm / 2, mm / 2, 41) if mm else [0.0]:
        x, y = np.meshgrid(span, span)
        points = centre + offset * normal + x[..., None] * right + y[..., None] * up
        index = points.reshape(-1, 3) @ inverse[:3, :3].T + inverse[:3, 3]
        inside = (
            (index[:, 0] >= -0.5) & (index[:, 0] <= columns - 0.5)
            & (index[:, 1] >= -0.5) & (index[:, 1] <= rows - 0.5)
            & (index[:, 2] >= -0.5) & (index[:, 2] <= count - 0.5)
        )  # fmt: skip
        k = index[inside, 2]
        found |= {int(v) for v in np.clip(np.floor(k), 0, count - 1)}
        found |= {int(v) for v in np.clip(np.ceil(k), 0, count - 1)}
    return found
