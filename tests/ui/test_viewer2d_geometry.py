"""The 2-D viewer keeps DICOM geometry: images in position order, left on the right, letters.

An irregular stack (no regular grid, so not a volume) arrives in any order; the
viewer shows it ordered along the normal, turned to the radiological view
(a feet-first series with flipped rows still has the patient's left on the
screen's right) with the edge letters of each image's own orientation. Parts
(b-values, a localizer) follow one another, each named in the caption; an
image of another orientation goes last without disordering the others; frames
of a classic multi-frame instance are shown by frame, without a position.
"""

from __future__ import annotations

import copy
import dataclasses

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.pixels import pixel_array

from app.ui.viewer.study import Image2D, SeriesEntry
from app.ui.viewer.viewer2d import Viewer2D
from tests.viewer.dicom_factory import LESION_HU, make_series
from viewer.assembly import NotAVolume, NotVolumePart, plan_series
from viewer.frames import FrameHeader
from viewer.image2d import BY_NUMBER, BY_POSITION, OTHER_ORIENTATION
from viewer.planes import position_text


def irregular_stack() -> tuple[list[Dataset], list[FrameHeader]]:
    """20 of 60 feet-first slices 2 mm apart, at random (uneven: not a volume)."""
    datasets = make_series(shape=(60, 40, 40), slice_step=2.0, orientation=(-1, 0, 0, 0, 1, 0),
                           patient_position="FFS")  # fmt: skip
    by_z = sorted(datasets, key=lambda ds: float(ds.ImagePositionPatient[2]))
    kept = [by_z[n] for n in sorted(np.random.default_rng(4).choice(60, 20, replace=False))]
    with pytest.raises(NotAVolume) as raised:
        plan_series(kept)
    (part,) = raised.value.parts
    return kept, part.frames


def image_of(ds: Dataset, header: FrameHeader | None) -> Image2D:
    values = pixel_array(ds).astype(np.float32) - 1024.0
    return Image2D(values, f"instance {ds.InstanceNumber}", window=(80.0, 40.0), header=header)


def test_images_are_ordered_along_the_normal_with_left_on_the_right(qtbot) -> None:
    datasets, frames = irregular_stack()
    entry = SeriesEntry("1.2.3", "series 2 (CT)", reason="uneven slice spacing")
    viewer = Viewer2D(entry)
    qtbot.addWidget(viewer)
    viewer.resize(400, 400)
    viewer.show()
    qtbot.waitExposed(viewer)
    by_uid = {f.sop_instance_uid: f for f in frames}
    arrival = np.random.default_rng(9).permutation(len(datasets))
    for n in arrival:  # images arrive in any order
        ds = datasets[n]
        entry.images.append(image_of(ds, by_uid[ds.SOPInstanceUID]))
        viewer.refresh()
    z = []
    for index in range(len(datasets)):
        viewer.show_image(index)
        image = viewer.image
        assert image is not None and image.header is not None and image.header.position
        z.append(image.header.position[2])
    assert viewer.by_position
    # feet first, rows flipped: the normal row × column points to the feet (0, 0, -1)
    assert z == sorted(z, reverse=True), "along the normal, not by arrival or Instance Number"
    nearest = int(np.argmin(np.abs(np.asarray(z))))
    viewer.show_image(nearest)
    assert viewer.layout_on_screen.labels == {"left": "R", "right": "L", "top": "A", "bottom": "P"}
    shown = viewer.displayed_pixels()[..., 0]
    bright = np.argwhere(shown == 255)
    assert len(bright) > 10
    assert bright[:, 1].mean() > shown.shape[1] / 2, "the patient's left on the screen's right"
    expected = viewer.image.pixels[:, ::-1]  # type: ignore[union-attr]
    assert np.array_equal(shown == 255, expected >= LESION_HU - 1), "flipped, not resampled"
    grabbed = viewer.grab().toImage()
    letters = 0
    for y in range(grabbed.height() * 2 // 5, grabbed.height() * 3 // 5):
        for x in range(grabbed.width() - 30, grabbed.width()):
            colour = grabbed.pixelColor(x, y)
            letters += colour.red() > 200 and colour.green() > 180 and colour.blue() < 120
    assert letters > 5, "the right edge carries its letter"


def test_without_positions_images_follow_the_instance_number(qtbot) -> None:
    datasets, frames = irregular_stack()
    by_uid = {f.sop_instance_uid: dataclasses.replace(f, position=None) for f in frames}
    entry = SeriesEntry("1.2.3", "series 2 (CT)", reason="no patient geometry")
    for ds in datasets[::-1]:
        entry.images.append(image_of(ds, by_uid[ds.SOPInstanceUID]))
    viewer = Viewer2D(entry)
    qtbot.addWidget(viewer)
    numbers = []
    for index in range(len(datasets)):
        viewer.show_image(index)
        assert viewer.image is not None and viewer.image.header is not None
        numbers.append(viewer.image.header.instance_number)
    assert not viewer.by_position
    assert numbers == sorted(numbers)
    # the orientation is still known: letters from it
    assert viewer.layout_on_screen.labels["right"] == "L"


def dwi_with_scout() -> tuple[list[Dataset], list[NotVolumePart]]:
    """12 irregular MR slices at b=1000 and at b=0 (same positions, interleaved Instance
    Numbers) and a sagittal localizer numbered first: three parts, none a volume."""
    datasets = make_series(shape=(60, 16, 16), slice_step=2.0, modality="MR")
    by_z = sorted(datasets, key=lambda ds: float(ds.ImagePositionPatient[2]))
    kept = [by_z[n] for n in sorted(np.random.default_rng(4).choice(60, 12, replace=False))]
    series = []
    for b in (1000, 0):
        for n, ds in enumerate(kept):
            image = copy.deepcopy(ds)
            image.SOPInstanceUID = f"{ds.SOPInstanceUID[:50]}.{n}.{b}"
            image.DiffusionBValue = b
            image.InstanceNumber = 2 * n + 2 + (b == 0)
            series.append(image)
    scout = copy.deepcopy(kept[5])
    scout.SOPInstanceUID = f"{scout.SOPInstanceUID[:50]}.99"
    scout.ImageType = ["ORIGINAL", "PRIMARY", "LOCALIZER"]
    scout.ImageOrientationPatient = [0, 1, 0, 0, 0, -1]
    scout.InstanceNumber = 1
    series.append(scout)
    with pytest.raises(NotAVolume) as raised:
        plan_series(series)
    return series, raised.value.parts


def test_parts_follow_one_another_and_the_caption_names_them(qtbot) -> None:
    datasets, parts = dwi_with_scout()
    labels = [p.label for p in parts]
    assert sorted(labels) == ["AXIAL b=0", "AXIAL b=1000", "LOCALIZER"]
    entry = SeriesEntry("1.2.3", "series 4 (MR)", reason="uneven slice spacing")
    entry.not_volumes = parts
    viewer = Viewer2D(entry)
    qtbot.addWidget(viewer)
    for n in np.random.default_rng(2).permutation(len(datasets)):  # any arrival order
        ds = datasets[n]
        entry.images.append(image_of(ds, entry.find_frame(ds.SOPInstanceUID, 0)))
        viewer.refresh()
    seen: list[tuple[str, float]] = []
    for index in range(len(datasets)):
        viewer.show_image(index)
        image = viewer.image
        assert image is not None and image.header is not None and image.header.position
        caption = viewer.caption()
        part = viewer.part_text()
        assert part in labels and f"\n{part}: " in caption, caption
        seen.append((part, image.header.position[2]))
        if part.startswith("AXIAL"):
            assert viewer.ordered_by == BY_POSITION
            where = position_text(image.header.position, (0.0, 0.0, 1.0))
            assert caption.splitlines()[0].endswith(
                f"instance {image.header.instance_number}  {where}"
            )
    blocks = [label for n, (label, _) in enumerate(seen) if n == 0 or seen[n - 1][0] != label]
    assert blocks == labels, (
        "each part in one block, in the plan's order: b0 and b1000 never alternate"
    )
    for label in labels:
        z = [value for part, value in seen if part == label]
        assert z == sorted(z), f"{label} along the normal, not by Instance Number"
    assert viewer.by_position


def test_an_odd_orientation_goes_last_and_a_classic_multiframe_by_frame(qtbot) -> None:
    datasets, frames = irregular_stack()
    by_uid = {f.sop_instance_uid: f for f in frames}
    entry = SeriesEntry("1.2.3", "series 2 (CT)", reason="uneven slice spacing")
    # one image of another orientation, numbered first, in the same (unplanned) group
    odd = dataclasses.replace(frames[3], orientation=(0.0, 1.0, 0.0, 0.0, 0.0, -1.0),
                              instance_number=0)  # fmt: skip
    by_uid[odd.sop_instance_uid] = odd
    # a classic multi-frame instance: three frames share one header (frame 1's position)
    classic = dataclasses.replace(frames[0], sop_instance_uid="1.2.3.4.5", number_of_frames=3,
                                  instance_number=500)  # fmt: skip
    viewer = Viewer2D(entry)
    qtbot.addWidget(viewer)
    for ds in datasets:
        entry.images.append(image_of(ds, by_uid[ds.SOPInstanceUID]))
    pixels = entry.images[0].pixels
    for frame in (2, 0, 1):
        entry.images.append(
            Image2D(pixels, f"instance 500 frame {frame + 1}", header=classic, frame=frame)
        )
    viewer.refresh()
    count = len(entry.images)
    order = []
    for index in range(count):
        viewer.show_image(index)
        assert viewer.image is not None
        order.append((viewer.ordered_by, viewer.image))
    assert [how for how, _ in order[: len(datasets) - 1]] == [BY_POSITION] * (len(datasets) - 1)
    assert order[len(datasets) - 1][0] == OTHER_ORIENTATION
    assert order[len(datasets) - 1][1].header is odd, "the odd orientation after the others"
    assert [image.frame for _, image in order[len(datasets) :]] == [0, 1, 2]
    viewer.show_image(len(datasets) - 1)
    assert "other orientation" in viewer.caption()
    viewer.show_image(count - 1)
    caption = viewer.caption()
    first_line = caption.splitlines()[0]
    assert "frame 3" in first_line and " mm" not in first_line, "no position without its own"
    assert "Instance Number" in caption and viewer.ordered_by == BY_NUMBER
