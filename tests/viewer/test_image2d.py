"""Images shown one by one keep DICOM geometry: position order, nearest image, radiological view.

Every orientation/patient-position case of the volume tests, shown without
resampling, puts the patient's left on the screen's right for axial and
coronal images and anterior on the left for sagittal ones, with the MPR
views' letters (:func:`viewer.planes.edge_labels`).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from tests.viewer.dicom_factory import LESION_HU, make_series
from tests.viewer.test_assembly import ORIENTATIONS
from viewer.frames import frames_of
from viewer.geometry import plane_name
from viewer.image2d import (
    BY_NUMBER,
    BY_POSITION,
    OTHER_ORIENTATION,
    ImageKey,
    arrange,
    display_order,
    has_own_position,
    nearest_image,
    order_images,
    position_along,
    screen_layout,
)

EXPECTED = {
    "axial": {"left": "R", "right": "L", "top": "A", "bottom": "P"},
    "coronal": {"left": "R", "right": "L", "top": "S", "bottom": "I"},
    "sagittal": {"left": "A", "right": "P", "top": "S", "bottom": "I"},
}


@pytest.mark.parametrize(("orientation", "patient_position"), ORIENTATIONS)
def test_each_image_is_shown_in_the_radiological_view_of_its_plane(
    orientation: tuple[float, ...], patient_position: str
) -> None:
    datasets = make_series(orientation=orientation, patient_position=patient_position)
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(datasets)]
    n = nearest_image(headers, (30.0, 0.0, 0.0))  # through the lesion
    assert n is not None
    ds, header = datasets[n], headers[n]
    layout = screen_layout(header.orientation)
    normal = np.cross(orientation[:3], orientation[3:])
    plane = plane_name(normal)
    # an axial image rotated in its plane gets two letters per edge, dominant first
    assert {edge: text[0] for edge, text in layout.labels.items()} == EXPECTED[plane]
    pixels = np.frombuffer(ds.PixelData, dtype=np.int16).reshape(ds.Rows, ds.Columns) - 1024
    shown = layout.show(pixels)
    lesion = np.argwhere(shown >= LESION_HU - 1)
    assert len(lesion) > 3
    if plane != "sagittal":
        assert lesion[:, 1].mean() > shown.shape[1] / 2, "the patient's left on screen right"


def test_order_is_along_the_normal_whatever_the_instance_numbers() -> None:
    datasets = make_series(numbering="random", orientation=(1, 0, 0, 0, 0, -1))  # coronal
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(datasets)]
    ordered, by_position = order_images(headers)
    assert by_position
    y = [h.position[1] for h in ordered if h.position is not None]
    # the normal (1,0,0) × (0,0,-1) = (0, 1, 0): posterior
    assert y == sorted(y)


def test_without_positions_the_instance_number_orders() -> None:
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(make_series(numbering="random"))]
    none = [dataclasses.replace(h, position=None) for h in headers]
    order, by_position = display_order(none)
    assert not by_position
    numbers = [none[n].instance_number for n in order]
    assert numbers == sorted(numbers)
    assert display_order([None, headers[0]]) == ([1, 0], True)


def test_an_image_without_a_position_goes_last_without_disordering_the_others() -> None:
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(make_series(numbering="random"))]
    lost = dataclasses.replace(headers[0], position=None)
    arranged = arrange([ImageKey(h) for h in [lost, *headers[1:]]])
    assert arranged.order[-1] == 0 and arranged.how[0] == BY_NUMBER
    z = [headers[n].position[2] for n in arranged.order[:-1]]  # type: ignore[index]
    assert z == sorted(z)
    assert set(arranged.how[1:]) == {BY_POSITION}


def test_a_localizer_among_axial_images_goes_last_and_orders_nothing_else() -> None:
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(make_series(numbering="random"))]
    # the localizer: sagittal, numbered first, positioned in the middle of the stack
    scout = dataclasses.replace(headers[0], orientation=(0, 1, 0, 0, 0, -1), instance_number=0,
                                position=(0.0, -100.0, 100.0))  # fmt: skip
    images = [*headers[1:6], scout, *headers[6:]]
    arranged = arrange([ImageKey(h) for h in images])
    assert arranged.order[-1] == 5, "the odd orientation after the others"
    assert arranged.how[5] == OTHER_ORIENTATION
    z = [images[n].position[2] for n in arranged.order[:-1]]  # type: ignore[index]
    assert z == sorted(z), "the axial images still by position"
    assert display_order(images)[1]


def test_parts_are_shown_one_after_the_other_each_by_position() -> None:
    """b0 and b1000 images at the same positions never alternate."""
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(make_series(numbering="random"))]
    b1000 = [dataclasses.replace(h, sop_instance_uid=h.sop_instance_uid + ".9") for h in headers]
    keys = [ImageKey(h, part=1) for h in b1000] + [ImageKey(h, part=0) for h in headers]
    rng = np.random.default_rng(3)
    keys = [keys[n] for n in rng.permutation(len(keys))]  # arrival order
    arranged = arrange(keys)
    parts = [keys[n].part for n in arranged.order]
    assert parts == sorted(parts)
    for part in (0, 1):
        z = [keys[n].header.position[2] for n in arranged.order if keys[n].part == part]  # type: ignore[union-attr,index]
        assert z == sorted(z)
    assert set(arranged.how) == {BY_POSITION}


def test_frames_of_a_classic_multiframe_have_no_position_of_their_own() -> None:
    single = frames_of(make_series()[0], 0)[0]
    classic = dataclasses.replace(single, number_of_frames=4, frame=None)
    assert has_own_position(single) and not has_own_position(classic)
    assert position_along(single) is not None and position_along(classic) is None
    enhanced = dataclasses.replace(single, number_of_frames=4, frame=2)
    assert has_own_position(enhanced) and position_along(enhanced) is not None
    # frames sharing one header follow their frame number, whatever their arrival
    keys = [ImageKey(classic, frame=f) for f in (2, 0, 3, 1)]
    arranged = arrange(keys)
    assert [keys[n].frame for n in arranged.order] == [0, 1, 2, 3]
    assert set(arranged.how) == {BY_NUMBER}


def test_nearest_image_is_measured_to_the_image_not_its_plane() -> None:
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(make_series())]
    z = [h.position[2] for h in headers if h.position is not None]
    n = nearest_image(headers, (0.0, 0.0, 12.0))
    assert n is not None and abs(z[n] - 12.0) <= 2.5
    far = nearest_image(headers, (0.0, 0.0, 500.0))
    assert far is not None and z[far] == max(z)
    assert nearest_image([None], (0, 0, 0)) is None


def test_an_image_without_orientation_is_shown_as_stored_without_letters() -> None:
    layout = screen_layout(None)
    pixels = np.arange(6).reshape(2, 3)
    assert np.array_equal(layout.show(pixels), pixels)
    assert layout.labels == {"left": "", "right": "", "top": "", "bottom": ""}
    assert layout.pixel_size(None) == (1.0, 1.0)


def test_a_transposed_image_swaps_its_pixel_size() -> None:
    # rows run down the patient (S→I would be column), columns run to the patient's left:
    # a coronal image stored sideways
    layout = screen_layout((0, 0, -1, 1, 0, 0))
    assert layout.transpose
    assert layout.labels == EXPECTED["coronal"]
    assert layout.pixel_size((0.5, 2.0)) == (0.5, 2.0)
    rgb = np.zeros((4, 2, 3), dtype=np.uint8)
    assert layout.show(rgb).shape == (2, 4, 3)
