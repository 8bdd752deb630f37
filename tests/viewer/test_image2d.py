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
from viewer.image2d import display_order, nearest_image, order_images, screen_layout

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


def test_without_positions_or_with_mixed_orientations_the_instance_number_orders() -> None:
    headers = [frames_of(ds, n)[0] for n, ds in enumerate(make_series(numbering="random"))]
    no_position = [dataclasses.replace(headers[0], position=None), *headers[1:]]
    order, by_position = display_order(no_position)
    assert not by_position
    numbers = [no_position[n].instance_number for n in order]
    assert numbers == sorted(numbers)
    turned = [*headers[1:], dataclasses.replace(headers[0], orientation=(0, 1, 0, 0, 0, -1))]
    assert not display_order(turned)[1]
    assert display_order([None, headers[0]]) == ([1, 0], False)


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
