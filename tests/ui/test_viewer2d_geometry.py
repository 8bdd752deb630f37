"""The 2-D viewer keeps DICOM geometry: images in position order, left on the right, letters.

An irregular stack (no regular grid, so not a volume) arrives in any order; the
viewer shows it ordered along the normal, turned to the radiological view
(a feet-first series with flipped rows still has the patient's left on the
screen's right) with the edge letters of each image's own orientation.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from pydicom.dataset import Dataset
from pydicom.pixels import pixel_array

from app.ui.viewer.study import Image2D, SeriesEntry
from app.ui.viewer.viewer2d import Viewer2D
from tests.viewer.dicom_factory import LESION_HU, make_series
from viewer.assembly import NotAVolume, plan_series
from viewer.frames import FrameHeader


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
