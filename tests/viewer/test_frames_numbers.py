"""Frame headers read DS / IS numbers from the raw bytes: the same numbers pydicom gives.

:func:`viewer.frames.frames_of` skips pydicom's conversion of decimal and
integer strings it only needs as numbers; everything unusual is still left to
pydicom. Checked on every DS / IS attribute of pydicom's own test files
(explicit and implicit VR, multi-valued, padded) and on odd values.
"""

from __future__ import annotations

import glob
import os
import warnings

import pydicom
import pytest
from pydicom.data import get_testdata_file
from pydicom.datadict import keyword_for_tag, tag_for_keyword
from pydicom.dataelem import RawDataElement
from pydicom.dataset import Dataset
from pydicom.tag import Tag

from viewer.frames import _number, frames_of


def as_numbers(value: object) -> object:
    """pydicom's DS / IS value as plain numbers (a list when multi-valued)."""
    if value is None or isinstance(value, str):
        return value if value else None
    if isinstance(value, int | float):
        return float(value)
    return [float(v) for v in value]  # type: ignore[attr-defined]


def test_numbers_match_pydicom_on_its_test_files() -> None:
    folder = os.path.dirname(get_testdata_file("CT_small.dcm"))
    checked = 0
    for path in sorted(glob.glob(os.path.join(folder, "*.dcm"))):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            try:
                fast = pydicom.dcmread(path, stop_before_pixels=True)
                slow = pydicom.dcmread(path, stop_before_pixels=True)
            except Exception:
                continue
            for tag in list(slow.keys()):
                keyword = keyword_for_tag(tag)
                if not keyword or tag_for_keyword(keyword) != tag:
                    continue  # private or repeating-group tags
                try:
                    element = slow[tag]
                except Exception:
                    continue
                if element.VR not in ("DS", "IS"):
                    continue
                try:
                    got = _number(fast, keyword)
                except Exception as error:  # pydicom refuses the value: so must we
                    with pytest.raises(type(error)):
                        as_numbers(pydicom.dcmread(path, stop_before_pixels=True)[tag].value)
                    continue
                assert as_numbers(got) == as_numbers(element.value), (path, keyword)
                checked += 1
    assert checked > 200


@pytest.mark.parametrize(
    ("keyword", "raw", "expected"),
    [
        (
            "ImagePositionPatient",
            b"-119.7656\\-119.7656\\-315.9375 ",
            [-119.7656, -119.7656, -315.9375],
        ),
        ("RescaleSlope", b" 2.5", 2.5),
        ("RescaleIntercept", b"1e3 ", 1000.0),
        ("InstanceNumber", b"0012", 12),
    ],
)
def test_numbers_from_raw_bytes(keyword: str, raw: bytes, expected: object) -> None:
    assert _number(raw_dataset(keyword, raw), keyword) == expected


def raw_dataset(keyword: str, raw: bytes) -> Dataset:
    tag = Tag(tag_for_keyword(keyword))
    element = RawDataElement(tag, None, len(raw), raw, 0, True, True)  # implicit VR
    return Dataset({tag: element})


def test_unusual_values_are_left_to_pydicom() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # Not an integer string for int(): pydicom's IS decides.
        assert _number(raw_dataset("InstanceNumber", b"12.0 "), "InstanceNumber") == 12
    assert _number(raw_dataset("RescaleSlope", b""), "RescaleSlope") in (None, "")
    assert _number(None, "RescaleSlope") is None
    assert _number(Dataset(), "RescaleSlope") is None


def test_frame_headers_of_a_ct_file_use_the_numbers() -> None:
    ds = pydicom.dcmread(get_testdata_file("CT_small.dcm"), stop_before_pixels=True)
    (frame,) = frames_of(ds, 0)
    reference = pydicom.dcmread(get_testdata_file("CT_small.dcm"), stop_before_pixels=True)
    assert frame.position == tuple(float(v) for v in reference.ImagePositionPatient)
    assert frame.orientation == tuple(float(v) for v in reference.ImageOrientationPatient)
    assert frame.rescale == (float(reference.RescaleSlope), float(reference.RescaleIntercept))
    assert frame.instance_number == int(reference.InstanceNumber)
