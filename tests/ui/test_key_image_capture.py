"""A key image captured in the case viewer references exactly what the capture shows.

The synthetic wake-up MR (its DWI series holds b0 and b1000 at the same
positions) is on a real minihub with the ED's request; the radiologist
claims and opens it. The DWI pane shows b1000: an axial capture references
the b1000 instance at the crosshair, never the b0 one at the same place.
Shown in the multiplanar protocol, a coronal reformat, an axial slab MIP and
the 3-D view are their captures, made from the b1000 images they show (all
of them, the slab's, all of them), never a b0 image. A slice not loaded yet
is not captured.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pydicom
import pytest

from app.hub.client import HttpHub
from app.ui.case_opener import OpenCase
from minihub.server import HubServer
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.ui.worklist_util import FAST, claim_and_open, make_window
from viewer.protocols import GENERIC

SCHEDULED = dt.datetime(2025, 3, 1, 7, 20, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("minihub")) as hub:
        yield hub


def request_for(ed: HttpHub, datasets: list[pydicom.Dataset]) -> str:
    """The study on the hub and the ED's request for it; the workitem UID."""
    assert not ed.store_instances(datasets).failed
    first = datasets[0]
    inputs = []
    for series_uid in dict.fromkeys(str(ds.SeriesInstanceUID) for ds in datasets):
        instances = [ds for ds in datasets if str(ds.SeriesInstanceUID) == series_uid]
        inputs.append(
            InputSeries(
                str(first.StudyInstanceUID), series_uid,
                [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in instances],
                f"{ed.base_url}/studies/{first.StudyInstanceUID}",
            )
        )  # fmt: skip
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    body = build_request_workitem(
        ClinicalRequest(site="CH Verdun, Urgences", physician="LEROY^Thomas",
                        question="Wake-up stroke: thrombolysis?", nihss=9),
        patient={k: str(first.get(k, "")) for k in keywords},
        inputs=inputs,
        scheduled=SCHEDULED,
    )  # fmt: skip
    return ed.create_workitem(body)


@pytest.fixture(scope="module")
def mr(synth_root: Path) -> list[pydicom.Dataset]:
    return [pydicom.dcmread(p) for p in sorted((synth_root / "wake-up-mr").rglob("*.dcm"))]


def open_case(qtbot, server: HubServer, tmp_path: Path, mr: list[pydicom.Dataset]) -> OpenCase:
    with HttpHub(server.base_url, retry=FAST) as ed:
        uid = request_for(ed, mr)
    window = make_window(qtbot, server.base_url, tmp_path)
    qtbot.waitUntil(lambda: window.select(uid), timeout=10_000)
    return claim_and_open(qtbot, window, uid)


def dwi(mr: list[pydicom.Dataset], b: float) -> list[pydicom.Dataset]:
    """The DWI images of one b-value, by position along the normal (feet to head)."""
    images = [ds for ds in mr if "DiffusionBValue" in ds and float(ds.DiffusionBValue) == b
              and "DWI" in str(ds.SeriesDescription)]  # fmt: skip
    return sorted(images, key=lambda ds: float(ds.ImagePositionPatient[2]))


def at(images: list[pydicom.Dataset], z: float) -> str:
    (found,) = [ds for ds in images if abs(float(ds.ImagePositionPatient[2]) - z) < 1e-3]
    return str(found.SOPInstanceUID)


def test_each_view_references_the_b1000_images_it_shows(
    qtbot, server: HubServer, tmp_path: Path, mr: list[pydicom.Dataset]
) -> None:
    case = open_case(qtbot, server, tmp_path, mr)
    viewer, session = case.window, case.session
    b0, b1000 = dwi(mr, 0.0), dwi(mr, 1000.0)
    assert len(b0) == len(b1000) == 30
    b1000_uids = [str(ds.SOPInstanceUID) for ds in b1000]
    b0_uids = {str(ds.SOPInstanceUID) for ds in b0}
    series_uid = str(b1000[0].SeriesInstanceUID)

    # the MR stroke protocol: DWI b1000, axial, thin
    assert viewer.protocol is not None and viewer.protocol.name == "mr-stroke"
    pane = viewer.protocol_view.active
    assert pane.entry.series_uid == series_uid and pane.mpr.volume.label == "b=1000"
    z = float(pane.mpr.state.crosshair[2])
    assert case.capture_key_image() == 0
    (axial,) = session.opinion.key_images
    assert (axial.series_instance_uid, axial.sop_instance_uid) == (series_uid, at(b1000, z))
    assert axial.frame is None and axial.derived_from == []  # as acquired
    assert axial.sop_instance_uid != at(b0, z)  # not b0 at the same place
    assert np.array_equal(session.drafting.snapshot(0), pane.mpr.capture_view("axial"))

    # the multiplanar protocol with the DWI: reformat, slab, 3-D
    viewer.set_protocol(GENERIC)
    viewer.show_series(series_uid)
    pane = viewer.protocol_view.active
    mpr = pane.mpr
    assert mpr is not None and mpr.volume.label == "b=1000" and mpr.volume_view is not None
    assert mpr.state.slab == ("none", 0.0)
    assert case.capture_key_image("coronal") == 1
    coronal = session.opinion.key_images[1]
    assert [s.sop_instance_uid for s in coronal.derived_from] == b1000_uids  # every slice
    assert coronal.sop_instance_uid == at(b1000, float(mpr.state.crosshair[2]))

    mpr.state.set_slab("mip", 20.0)  # 5 mm slices: the crosshair's and two on each side
    assert case.capture_key_image("axial") == 2
    slab = session.opinion.key_images[2]
    k = b1000_uids.index(at(b1000, float(mpr.state.crosshair[2])))
    assert [s.sop_instance_uid for s in slab.derived_from] == b1000_uids[k - 2 : k + 3]
    assert slab.sop_instance_uid == b1000_uids[k]

    assert case.capture_key_image("3d") == 3
    three_d = session.opinion.key_images[3]
    assert [s.sop_instance_uid for s in three_d.derived_from] == b1000_uids
    for key in session.opinion.key_images:
        assert key.series_instance_uid == series_uid
        assert not {s.sop_instance_uid for s in key.derived_from} & b0_uids
        assert key.sop_instance_uid not in b0_uids
    assert [session.drafting.snapshot(i) is not None for i in range(4)] == [True] * 4

    # a slice on screen not loaded yet: nothing captured, and said
    mpr.state.set_slab("none", 0.0)
    loaded = mpr.volume.loaded
    assert loaded is not None
    loaded[k] = False
    try:
        assert case.capture_key_image("axial") is None
    finally:
        loaded[k] = True
    assert len(session.opinion.key_images) == 4
    assert case.panel.error.isVisible() and "not all loaded" in case.panel.error.text()
    viewer.close()
