"""Shared by the outbox, ED and end-to-end tests: a real minihub, a claimed request, an opinion.

:func:`new_case` stores a tiny study (NCCT + CTA, 2 slices of 64×64 each) on
the hub, creates the ED's request for it (``minihub.seed.build_request_workitem``)
and claims it as the radiologist's client does. :func:`signed` fills,
signs and builds an opinion on it.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.hub.transport import RetryPolicy
from app.hub.ups import state_of
from app.opinion import model as m
from app.opinion.build import OpinionDocuments, build_documents, example_opinion
from app.opinion.signing import sign
from app.opinion.study import Study
from app.outbox.item import ItemStatus
from app.outbox.store import Outbox
from app.store.sealed import SealedBox
from minihub.server import HubServer
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.app.opinion.conftest import RADIOLOGIST, write_ct_series

PARIS = dt.timezone(dt.timedelta(hours=1))
FAST = RetryPolicy(attempts=2, backoff_s=0.01, max_backoff_s=0.02, jitter=0.0)
SITE = "CH Verdun, Urgences"
SR_CLASS = "1.2.840.10008.5.1.4.1.1.88.33"


class Clock:
    """An injected clock the test moves by hand."""

    def __init__(self, start: dt.datetime | None = None) -> None:
        self.now = start or dt.datetime(2025, 3, 1, 14, 0, tzinfo=PARIS)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


@dataclass
class Case:
    study: Study
    workitem_uid: str
    transaction_uid: str


def hub_factory(url: str) -> Callable[[], HttpHub]:
    return lambda: HttpHub(url, retry=FAST, connect_timeout_s=2.0, read_timeout_s=10.0)


@pytest.fixture(scope="module")
def hub_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    server = HubServer(tmp_path_factory.mktemp("minihub")).start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def hub(hub_server: HubServer) -> Iterator[HttpHub]:
    with HttpHub(hub_server.base_url, retry=FAST) as client:
        yield client


def request_inputs(hub: HttpHub, study: Study) -> tuple[list[InputSeries], dict[str, str]]:
    """Each series of the study on ``hub`` as a request lists it, and the patient's identity."""
    study_uid = study.study_instance_uid
    inputs = [
        InputSeries(
            study_uid,
            uid,
            [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in study.series(uid)],
            f"{hub.base_url}/studies/{study_uid}/series/{uid}",
        )
        for uid in study.series_uids()
    ]
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    return inputs, {k: str(study.first.get(k, "")) for k in keywords}


def new_case(
    hub: HttpHub, folder: Path, *, site: str = SITE, claim: bool = True, name: str = "DUPONT^Zoé"
) -> Case:
    """A study on the hub and the ED's request for it, claimed (unless ``claim=False``)."""
    study_uid = generate_uid()
    paths = write_ct_series(
        folder / "ncct", study_uid=study_uid, number=2, description="NCCT head", slices=2,
        patient_name=name,
    )  # fmt: skip
    paths += write_ct_series(
        folder / "cta", study_uid=study_uid, number=3, description="CTA head neck", slices=2,
        contrast=True, patient_name=name,
    )  # fmt: skip
    assert hub.store_instances(paths, study_uid).ok
    study = Study.from_folder(folder)
    inputs, patient = request_inputs(hub, study)
    request = ClinicalRequest(
        site=site, physician="LEROY^Thomas", question="Thrombolysis? Thrombectomy?", nihss=17
    )
    workitem = build_request_workitem(
        request, patient=patient, inputs=inputs, scheduled=dt.datetime.now(PARIS)
    )
    uid = hub.create_workitem(workitem)
    transaction = hub.claim(uid) if claim else ""
    return Case(study, uid, transaction)


def draft_for(case: Case, kind: m.ReportKind = m.ReportKind.FINAL) -> m.Opinion:
    """A complete opinion on the case: no haemorrhage, left M1 occlusion, thrombectomy."""
    draft = example_opinion(case.study)
    draft.kind = kind
    draft.request.workitem_uid = case.workitem_uid
    draft.phoned = None
    if kind is m.ReportKind.PRELIMINARY:
        draft.recommendation.thrombectomy = m.ThrombectomyAdvice.PENDING
    return draft


def signed(
    draft: m.Opinion, case: Case, *, at: dt.datetime | None = None
) -> tuple[m.Opinion, OpinionDocuments]:
    """Sign with fresh UIDs and build the documents for the case's study."""
    when = at or dt.datetime(2025, 3, 1, 14, 32, tzinfo=PARIS)
    opinion = sign(draft, RADIOLOGIST, at=when, seed=secrets.token_hex(8))
    return opinion, build_documents(opinion, case.study)


def make_outbox(folder: Path, url: str, clock: Clock, **options: object) -> Outbox:
    return Outbox(
        folder,
        SealedBox(bytes(range(32)), "outbox"),
        hub_factory(url),
        clock,
        **options,  # type: ignore[arg-type]
    )


@dataclass
class Submitted:
    """A case, its signed opinion, and the outbox it waits in (see :func:`submitted`)."""

    case: Case
    opinion: m.Opinion
    clock: Clock
    outbox: Outbox
    status: ItemStatus


def submitted(hub: HttpHub, url: str, folder: Path) -> Submitted:
    """A new case whose signed final opinion waits in ``folder / "outbox"`` (not yet sent)."""
    case = new_case(hub, folder / "study")
    opinion, documents = signed(draft_for(case), case)
    clock = Clock()
    outbox = make_outbox(folder / "outbox", url, clock)
    status = outbox.submit(
        opinion, documents, workitem_uid=case.workitem_uid, transaction_uid=case.transaction_uid
    )
    return Submitted(case, opinion, clock, outbox, status)


def instances_on_hub(hub: HttpHub, study_uid: str) -> list[str]:
    """Every SOP Instance UID in the study (duplicates would show twice)."""
    return [item["00080018"]["Value"][0] for item in hub.search_instances(study_uid)]


def workitem_state(hub: HttpHub, uid: str) -> str:
    return state_of(hub.retrieve_workitem(uid))


def outputs_of(hub: HttpHub, uid: str) -> set[str]:
    """SOP Instance UIDs in the workitem's (0074,1216) > (0040,4033) Output Information Sequence."""
    item = hub.retrieve_workitem(uid)
    performed = item["00741216"]["Value"][0]
    return {
        ref["00081155"]["Value"][0]
        for output in performed["00404033"]["Value"]
        for ref in output["00081199"]["Value"]
    }
