"""A real Orthanc accepts every object of an opinion by STOW-RS and returns them by QIDO-RS."""

from __future__ import annotations

import datetime as dt

import pytest
import requests

from app.opinion import model as m
from app.opinion.ack import Acknowledgement, acknowledgement_uids, build_acknowledgement
from app.opinion.build import build_documents
from app.opinion.render import document_of, opinion_from_sr
from app.opinion.study import Study
from tests.dicomweb_util import DICOM_JSON, parse_multipart, stow_body, tag_value, tag_values
from tests.servers import OrthancServer

pytestmark = pytest.mark.orthanc


def test_orthanc_stores_and_finds_every_object(
    orthanc: OrthancServer, signed_opinion: m.Opinion, study: Study
) -> None:
    documents = build_documents(signed_opinion, study)
    ack = Acknowledgement(
        document_of(documents.sr),
        "PETIT^Laurent",
        "CH Épinal, emergency department",
        dt.datetime(2025, 3, 1, 14, 51, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    )
    series, instance = acknowledgement_uids("orthanc")
    acknowledgement = build_acknowledgement(
        ack, header=documents.sr, series_instance_uid=series, sop_instance_uid=instance
    )
    objects = [*documents.datasets(), acknowledgement]
    body, content_type = stow_body(objects)
    stored = requests.post(
        f"{orthanc.base_url}/studies",
        data=body,
        headers={"Content-Type": content_type, "Accept": DICOM_JSON},
        auth=orthanc.auth,
        timeout=60,
    )
    assert stored.status_code == 200, stored.text
    answer = stored.json()
    assert not tag_values(answer, "00081198"), "Failed SOP Sequence is not empty"
    accepted = {tag_value(item, "00081155") for item in tag_values(answer, "00081199")}
    assert accepted == {str(ds.SOPInstanceUID) for ds in objects}

    study_uid = study.study_instance_uid
    found = requests.get(
        f"{orthanc.base_url}/studies/{study_uid}/instances",
        headers={"Accept": DICOM_JSON},
        auth=orthanc.auth,
        timeout=30,
    )
    assert found.status_code == 200, found.text
    by_uid = {tag_value(item, "00080018"): item for item in found.json()}
    for ds in objects:
        item = by_uid[str(ds.SOPInstanceUID)]
        assert tag_value(item, "00080016") == ds.SOPClassUID
        assert tag_value(item, "0020000E") == ds.SeriesInstanceUID

    modalities = requests.get(
        f"{orthanc.base_url}/studies/{study_uid}/series",
        params={"includefield": "00080060"},
        headers={"Accept": DICOM_JSON},
        auth=orthanc.auth,
        timeout=30,
    ).json()
    assert {tag_value(s, "00080060") for s in modalities} >= {"SR", "DOC", "OT", "KO"}

    # WADO-RS gives the SR back: same UIDs, same opinion.
    sr_uid = documents.sr.SOPInstanceUID
    wado = requests.get(
        f"{orthanc.base_url}/studies/{study_uid}/series/{documents.sr.SeriesInstanceUID}"
        f"/instances/{sr_uid}",
        headers={"Accept": 'multipart/related; type="application/dicom"'},
        auth=orthanc.auth,
        timeout=30,
    )
    assert wado.status_code == 200
    (part,) = parse_multipart(wado.content, wado.headers["Content-Type"])
    back = part.dataset()
    assert back.SOPInstanceUID == sr_uid
    assert opinion_from_sr(back) == opinion_from_sr(documents.sr)
