"""Shared by the tests of "each opinion answers its own request": several requests for one
study on a real minihub, and opinions signed by different radiologists."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path

import pydicom
import pytest

from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import select_images
from app.ed.request.send import Progress, SendCancelled, send_request
from app.ed.request.state import RequestState as UploadState
from app.ed.request.state import RequestStateStore
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.answers import answered_workitem
from app.opinion.build import build_documents
from app.opinion.model import Radiologist
from app.opinion.signing import sign
from app.opinion.study import Study
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.app.opinion.conftest import write_ct_series
from tests.app.sending_util import PARIS, Case, draft_for

NOW = dt.datetime(2025, 3, 1, 14, 0, tzinfo=PARIS)
DURAND = Radiologist(name="DURAND^Paul", organisation="CHU Reims", identifier="pdurand")
MARTIN = Radiologist(name="MARTIN^Claire", organisation="CHRU Nancy", identifier="cmartin")


def tiny_study(folder: Path) -> Study:
    study_uid = pydicom.uid.generate_uid()
    write_ct_series(folder / "ncct", study_uid=study_uid, number=2, description="NCCT head",
                    slices=2)  # fmt: skip
    write_ct_series(folder / "cta", study_uid=study_uid, number=3, description="CTA head neck",
                    slices=2, contrast=True)  # fmt: skip
    return Study.from_folder(folder)


def request_for(
    hub: HttpHub,
    study: Study,
    site: str,
    *,
    lkw: dt.datetime | None,
    claim: bool = False,
    scheduled: dt.datetime = NOW,
) -> Case:
    """Another request (workitem) of ``site`` for ``study``, with its last known well."""
    study_uid = study.study_instance_uid
    inputs = [
        InputSeries(
            study_uid, uid,
            [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in study.series(uid)],
            f"{hub.base_url}/studies/{study_uid}/series/{uid}",
        )
        for uid in study.series_uids()
    ]  # fmt: skip
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    patient = {k: str(study.first.get(k, "")) for k in keywords}
    clinical = ClinicalRequest(
        site=site, physician="LEROY^Thomas", question="Thrombolysis?", nihss=12,
        last_known_well=lkw,
    )  # fmt: skip
    uid = hub.create_workitem(
        build_request_workitem(clinical, patient=patient, inputs=inputs, scheduled=scheduled)
    )
    return Case(study, uid, hub.claim(uid) if claim else "")


def stored_study(hub: HttpHub, folder: Path) -> Study:
    study = tiny_study(folder)
    paths = sorted(folder.rglob("*.dcm"))
    assert hub.store_instances(paths, study.study_instance_uid).ok
    return study


def deliver(
    hub: HttpHub,
    case: Case,
    radiologist: Radiologist,
    kind: m.ReportKind,
    *,
    at: dt.datetime,
    legacy: bool = False,
) -> str:
    """Sign an opinion on ``case`` as ``radiologist``, store it; ``legacy``: it names no request."""
    opinion = sign(draft_for(case, kind), radiologist, at=at, seed=secrets.token_hex(8))
    documents = build_documents(opinion, case.study)
    if legacy:
        del documents.sr.ReferencedPerformedProcedureStepSequence
        assert answered_workitem(documents.sr) == ""
    else:
        assert answered_workitem(documents.sr) == case.workitem_uid
    assert hub.store_instances(documents.datasets(), case.study.study_instance_uid).ok
    assert opinion.uids is not None
    return opinion.uids.sr_instance


def cancelled_send(hub: HttpHub, folder: Path) -> tuple[RequestStateStore, UploadState, str]:
    """The NCCT on the hub and the request created, then the send stopped before the CTA.

    Returns the store, the kept state of the send and the study UID."""
    tiny_study(folder / "cd")
    images = select_images(folder / "cd")
    form = parse_clinical(example_clinical(NOW), now=NOW)
    store = RequestStateStore(folder / "state")
    seen: list[str] = []

    def progress(p: Progress) -> None:
        seen.append(p.stage)

    with pytest.raises(SendCancelled) as stopped:
        send_request(
            hub, images, form, state_store=store, batch_count=1, clock=lambda: NOW,
            on_progress=progress, cancel=lambda: "workitem-created" in seen,
        )  # fmt: skip
    state = stopped.value.state
    assert state.instances_stored == 2 and state.instances_total == 4
    return store, state, images.study_uid
