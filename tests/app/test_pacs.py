"""``app.ed.pacs`` against a real Orthanc's DICOM port: C-FIND studies and series, C-GET a series.

Orthanc plays the hospital PACS; it answers C-FIND / C-GET only to AE titles
listed in its "DicomModalities" (as a real PACS would), so ours is registered.
Then the retrieved series goes on as a request to a minihub.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pydicom
import pytest
import requests

from app.ed.pacs import Pacs, PacsError, find_series, find_studies, get_series
from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import select_images
from app.ed.request.send import send_request
from app.hub.client import HttpHub
from minihub.server import HubServer
from tests.app.request_util import dicomdir_tests
from tests.servers import OrthancServer, free_port, start_orthanc

CT_STUDY = "1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.1"
AXIAL = "1.3.6.1.4.1.5962.1.1.0.0.0.1194734704.16302.0.6"


@pytest.fixture(scope="module")
def orthanc(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OrthancServer]:
    """An Orthanc PACS holding patient 98890234's CT and MR studies."""
    modalities = {"strokelink": ["STROKELINK", "127.0.0.1", 11112]}
    with start_orthanc(
        tmp_path_factory.mktemp("pacs"), dicom_port=True, dicom_modalities=modalities
    ) as server:
        for folder in ("98892001", "98892003"):
            for path in sorted((dicomdir_tests() / folder).rglob("*")):
                if path.is_file():
                    answer = requests.post(f"{server.url}/instances", data=path.read_bytes())
                    assert answer.status_code == 200, answer.text
        yield server


@pytest.fixture
def pacs(orthanc: OrthancServer) -> Pacs:
    assert orthanc.dicom_port_number is not None
    return Pacs("127.0.0.1", orthanc.dicom_port_number, orthanc.dicom_aet, timeout_s=10)


def test_find_studies_by_patient_date_or_accession(pacs: Pacs) -> None:
    studies = find_studies(pacs, patient_id="98890234")
    assert len(studies) == 4
    ct = next(s for s in studies if s.study_uid == CT_STUDY)
    assert (ct.patient_name, ct.sex, ct.study_date, ct.accession) == (
        "Doe^Peter", "M", "20010101", "2"
    )  # fmt: skip
    assert ct.modalities == ("CT",) and (ct.series_count, ct.instance_count) == (2, 7)
    assert [s.study_uid for s in find_studies(pacs, date="20010101")] == [CT_STUDY]
    assert [s.study_uid for s in find_studies(pacs, date="20000101-20011231")] == [CT_STUDY]
    by_accession = find_studies(pacs, accession="2")
    assert CT_STUDY in {s.study_uid for s in by_accession}
    assert {s.accession for s in by_accession} == {"2"} and len(by_accession) < 4
    assert len(find_studies(pacs, patient_name="DOE^P*")) == 4
    assert find_studies(pacs, patient_id="nobody") == []
    with pytest.raises(ValueError, match="search by patient"):
        find_studies(pacs)
    with pytest.raises(ValueError, match="YYYYMMDD"):
        find_studies(pacs, date="01/01/2001")


def test_find_series_then_get_one(pacs: Pacs, tmp_path: Path) -> None:
    series = find_series(pacs, CT_STUDY)
    assert [(s.number, s.description, s.instance_count) for s in series] == [
        (4, "Scout", 2),
        (5, "SmartScore - Gated 0.5 sec", 5),
    ]
    progress: list[tuple[int, int | None]] = []
    result = get_series(pacs, CT_STUDY, AXIAL, tmp_path, on_progress=lambda *a: progress.append(a))
    assert result.ok and (result.completed, result.failed) == (5, 0)
    assert len(result.stored) == 5 and progress[-1][0] == 5
    originals = {
        str(ds.SOPInstanceUID): ds
        for ds in (pydicom.dcmread(p) for p in (dicomdir_tests() / "98892001" / "CT5N").iterdir())
    }
    for path in result.stored:
        ds = pydicom.dcmread(path)
        assert path.parent == result.folder
        assert ds.PixelData == originals[str(ds.SOPInstanceUID)].PixelData


def test_pacs_to_hub(pacs: Pacs, tmp_path: Path) -> None:
    """The hospital PACS's CT, retrieved by C-GET, sent on as a request."""
    get_series(pacs, CT_STUDY, AXIAL, tmp_path / "pacs")
    now = datetime.now().astimezone()
    with HubServer(tmp_path / "hub") as server, HttpHub(server.base_url) as hub:
        result = send_request(
            hub, select_images(tmp_path / "pacs"), parse_clinical(example_clinical(now), now=now)
        )
        assert result.instances_stored == 5 and result.readiness == "READY"


def test_unknown_ae_title(pacs: Pacs) -> None:
    stranger = Pacs(pacs.host, pacs.port, pacs.ae_title, calling_ae_title="STRANGER", timeout_s=5)
    with pytest.raises(PacsError, match="does it know this workstation's AE title 'STRANGER'"):
        find_studies(stranger, patient_id="98890234")


# pynetdicom 3.0 shuts its socket down without closing it when the connection is
# refused (transport.AssociationSocket.connect): a ResourceWarning that is not ours.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_unreachable_pacs() -> None:
    nowhere = Pacs("127.0.0.1", free_port(), "ORTHANC", timeout_s=2)
    with pytest.raises(PacsError, match=r"ORTHANC@127\.0\.0\.1:\d+ did not answer"):
        find_series(nowhere, CT_STUDY)
