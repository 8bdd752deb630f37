"""Plans from WADO-RS metadata (headers filtered to what assembly reads) equal plans
from whole headers — for every series of every synthetic case and a few test files.

Guards :data:`app.retrieve.decode.HEADER_KEYWORDS`: when the viewer starts to
read a new attribute, this fails until the attribute is added there.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pydicom
import pytest
from pydicom.data import get_testdata_file

from app.retrieve.decode import plan_from_metadata
from viewer.assembly import NotAVolume, SeriesPlan, plan_series


def _describe(plan: SeriesPlan) -> list[tuple]:
    out = []
    for v in plan.volumes:
        sources = [
            (s.sop_instance_uid, s.frame, s.rescale, s.b_value) if s else None for s in v.sources
        ]
        out.append(
            (v.label, v.shape, np.round(v.affine, 6).tolist(), v.dtype, v.kind,
             v.classification.reason, v.warnings, v.banner, v.default_window, v.time_s, sources)
        )  # fmt: skip
    out.append(tuple((p.label, p.reason, p.kind, p.images) for p in plan.not_volumes))
    out.append((tuple(plan.warnings), plan.four_d))
    return out


def _compare(headers: list[pydicom.Dataset]) -> None:
    metadata = [ds.to_json_dict() for ds in headers]
    outcome = plan_from_metadata(metadata)
    try:
        expected: SeriesPlan | str = plan_series(headers)
    except NotAVolume as exc:
        expected = exc.reason
    if isinstance(expected, str):
        assert outcome.plan is None and outcome.reason == expected
        return
    assert outcome.plan is not None, outcome.reason
    assert _describe(outcome.plan) == _describe(expected)


def test_every_synthetic_series(synth_root: Path):
    folders = sorted({p.parent for p in synth_root.rglob("*.dcm")})
    assert len(folders) >= 5
    for folder in folders:
        headers = [
            pydicom.dcmread(p, stop_before_pixels=True) for p in sorted(folder.glob("*.dcm"))
        ]
        _compare(headers)


@pytest.mark.parametrize(
    "name", ["CT_small.dcm", "MR_small.dcm", "emri_small.dcm", "eCT_Supplemental.dcm"]
)
def test_test_files(name: str):
    path = get_testdata_file(name)
    assert path is not None
    _compare([pydicom.dcmread(path, stop_before_pixels=True)])
