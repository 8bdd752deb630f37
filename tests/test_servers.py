"""The Orthanc test fixture's options: authentication and a DICOM port."""

from __future__ import annotations

from pathlib import Path

import requests
from pynetdicom import AE
from pynetdicom.sop_class import Verification  # type: ignore[attr-defined]

from tests.servers import start_orthanc


def test_orthanc_with_users_and_a_dicom_port(tmp_path: Path) -> None:
    with start_orthanc(
        tmp_path,
        users={"radiologist": "s3cret"},
        dicom_port=True,
        dicom_aet="HUBTEST",
        dicom_modalities={"viewer": ["VIEWER", "127.0.0.1", 11112]},
    ) as orthanc:
        assert requests.get(f"{orthanc.base_url}/studies", timeout=5).status_code == 401
        answer = requests.get(f"{orthanc.base_url}/studies", auth=orthanc.auth, timeout=5)
        assert answer.status_code == 200
        assert answer.json() == []
        system = requests.get(f"{orthanc.url}/system", auth=orthanc.auth, timeout=5).json()
        assert system["DicomAet"] == "HUBTEST"
        assert system["DicomPort"] == orthanc.dicom_port_number
        modalities = requests.get(f"{orthanc.url}/modalities", auth=orthanc.auth, timeout=5)
        assert modalities.json() == ["viewer"]

        ae = AE(ae_title="VIEWER")
        ae.add_requested_context(Verification)
        assert orthanc.dicom_port_number is not None
        assoc = ae.associate("127.0.0.1", orthanc.dicom_port_number, ae_title="HUBTEST")
        assert assoc.is_established
        status = assoc.send_c_echo()
        assoc.release()
        assert status.Status == 0x0000
