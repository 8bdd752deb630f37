"""The request's clinical facts, from the hub to the opinion's SR and PDF, through the session.

A request with every clinical field is created on a real minihub, claimed and
opened as the radiologist does: the opinion holds the request's clinical
facts from the start (and after its draft is restored), and the documents
built when it is signed restate them and name the workitem they answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path

import pytest
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.answers import answered_workitem
from app.opinion.build import build_documents
from app.opinion.study import Study
from app.worklist.claims import claim_request
from app.worklist.model import Request, request_from_workitem
from protocol.request import build_request_workitem
from tests.app.opinion.clinical_util import DOAC as DOAC_READ
from tests.app.opinion.clinical_util import just_below
from tests.app.opinion.conftest import RADIOLOGIST, write_ct_series
from tests.app.opinion_session_util import Desk, fill_required
from tests.app.sending_util import PARIS, Clock, hub, hub_server, request_inputs
from tests.conftest import require_program

__all__ = ["hub", "hub_server"]  # fixtures

#: Every field an ED can send (``other`` and ``unreadable`` are only ever read, never sent).
DOAC = dataclasses.replace(DOAC_READ, other=(), unreadable=())


@pytest.fixture
def desk(hub: HttpHub, tmp_path: Path) -> Desk:
    return Desk(tmp_path / "desk", hub.base_url, Clock())


def full_request_on_hub(hub: HttpHub, folder: Path) -> tuple[Study, str]:
    """A tiny NCCT + CTA study on the hub and a request for it with every clinical field."""
    study_uid = generate_uid()
    paths = write_ct_series(folder / "ncct", study_uid=study_uid, number=2,
                            description="NCCT head", slices=2)  # fmt: skip
    paths += write_ct_series(folder / "cta", study_uid=study_uid, number=3,
                             description="CTA head neck", slices=2, contrast=True)  # fmt: skip
    assert hub.store_instances(paths, study_uid).ok
    study = Study.from_folder(folder)
    inputs, patient = request_inputs(hub, study)
    workitem = build_request_workitem(
        DOAC,
        patient=patient,
        inputs=inputs,
        scheduled=dt.datetime(2025, 3, 1, 13, 40, tzinfo=PARIS),
    )
    return study, hub.create_workitem(workitem)


def claimed_full_request(hub: HttpHub, desk: Desk, tmp_path: Path) -> tuple[Study, str, Request]:
    """:func:`full_request_on_hub`, claimed by the radiologist: (study, workitem UID, request)."""
    study, uid = full_request_on_hub(hub, tmp_path / "study")
    claim_request(hub, desk.claims, uid, RADIOLOGIST.name)
    return study, uid, request_from_workitem(hub.retrieve_workitem(uid))


def test_the_opinion_restates_the_request_it_answers(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    study, uid, request = claimed_full_request(hub, desk, tmp_path)
    assert request.clinical == DOAC  # decoded whole

    session = desk.session(request, study)
    assert session.opinion.request.clinical == DOAC
    assert session.opinion.request.workitem_uid == uid
    session.edit(lambda o: setattr(o, "conclusion", "No bleed."))
    assert session.save_draft()
    restored = desk.session(request, study)
    assert restored.restored and restored.opinion.request.clinical == DOAC

    fill_required(restored, study)  # "no imaging contraindication" with a DOAC on board
    prepared = restored.sending.prepare(m.ReportKind.FINAL)
    documents = build_documents(prepared.opinion, prepared.study)
    assert answered_workitem(documents.sr) == uid
    (section,) = [
        item
        for item in documents.sr.ContentSequence
        if item.ConceptNameCodeSequence[0].CodeValue == "55752-0"
    ]
    names = {i.ConceptNameCodeSequence[0].CodeValue for i in section.ContentSequence}
    assert {"72089-6", "ANTITHROMB", "LAST-DOSE", "2339-0", "8480-6", "CALLBACK"} <= names

    pdf = tmp_path / "opinion.pdf"
    pdf.write_bytes(documents.pdf_bytes)
    done = subprocess.run(
        [require_program("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    )
    text = " ".join(done.stdout.split())
    assert "Clinical flags: ED reports DOAC, last dose 01/03/2025 07:00 (UTC+01:00)" in text
    assert just_below(pdf, "No imaging contraindication", "Clinical flags: ED reports DOAC,")
    assert "+33 3 29 31 31 31" in text and "126 mg/dL" in text


def test_a_draft_saved_without_clinical_facts_gets_the_requests(
    hub: HttpHub, desk: Desk, tmp_path: Path
) -> None:
    """Drafts saved before the clinical facts were kept: restored with the request's."""
    study, _, request = claimed_full_request(hub, desk, tmp_path)
    session = desk.session(request, study)
    session.edit(lambda o: setattr(o.request, "clinical", None))  # as an older version saved
    session.edit(lambda o: setattr(o, "conclusion", "No bleed."))
    assert session.save_draft()
    restored = desk.session(request, study)
    assert restored.restored and restored.opinion.conclusion == "No bleed."
    assert restored.opinion.request.clinical == DOAC
