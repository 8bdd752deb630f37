"""Measurements: distances, ROI statistics, ABC/2 haemorrhage volume."""

from __future__ import annotations

import math

import numpy as np
import pytest

from viewer.measure import (
    abc_over_2_ml,
    distance_mm,
    ellipse_area_mm2,
    ellipse_mask,
    polygon_mask,
    roi_stats,
)


def test_distance_between_lps_points() -> None:
    assert distance_mm((0, 0, 0), (3, 4, 0)) == pytest.approx(5.0)
    assert distance_mm((1, 1, 1), (1, 1, 1)) == 0.0


def test_ellipse_roi_area_and_statistics() -> None:
    image = np.full((200, 200), 40, dtype=np.int16)
    image[::2] = 20  # mean 30, SD about 10
    mask = ellipse_mask(image.shape, centre=(100, 100), radii=(40, 25))
    stats = roi_stats(image, mask, pixel_spacing=(0.5, 0.5))
    exact = ellipse_area_mm2(40 * 0.5, 25 * 0.5)
    assert stats.area_mm2 == pytest.approx(exact, rel=0.02)
    assert stats.mean == pytest.approx(30, abs=0.5)
    assert stats.sd == pytest.approx(10, abs=0.2)
    assert (stats.minimum, stats.maximum) == (20, 40)


def test_polygon_roi_counts_pixel_centres_inside() -> None:
    square = [(10, 10), (30, 10), (30, 20), (10, 20)]
    mask = polygon_mask((50, 50), square)
    assert mask.sum() == 20 * 10
    assert mask[15, 20] and not mask[5, 5]
    stats = roi_stats(np.ones((50, 50)), mask, pixel_spacing=(0.8, 0.5))
    assert stats.area_mm2 == pytest.approx(200 * 0.4)
    triangle = polygon_mask((100, 100), [(0, 0), (99, 0), (0, 99)])
    assert triangle.sum() == pytest.approx(100 * 100 / 2, rel=0.03)


def test_roi_errors() -> None:
    with pytest.raises(ValueError, match="no pixel"):
        roi_stats(np.zeros((4, 4)), np.zeros((4, 4), bool), (1, 1))
    with pytest.raises(ValueError, match="shape"):
        roi_stats(np.zeros((4, 4)), np.zeros((3, 4), bool), (1, 1))
    with pytest.raises(ValueError):
        polygon_mask((4, 4), [(0, 0), (1, 1)])


def test_abc_over_2() -> None:
    # A 4 × 3 cm haemorrhage on 6 slices of 5 mm: 4 * 3 * 3 / 2 = 18 mL.
    assert abc_over_2_ml(4.0, 3.0, 3.0) == pytest.approx(18.0)
    # ABC/2 approximates an ellipsoid (π/6 · ABC ≈ ABC/2).
    assert abc_over_2_ml(2, 2, 2) == pytest.approx(math.pi / 6 * 8, rel=0.05)
    with pytest.raises(ValueError):
        abc_over_2_ml(-1, 2, 2)
