"""Issue #5, end to end without Qt, against a seeded minihub over HTTP.

Seeded hub (the synthetic left-MCA case and its ED request) → the radiologist
claims it → fills the opinion (draft saved and restored) → signs → the
outbox sends it → the workitem is COMPLETED with references to the SR, PDF,
KOS and key image → the ED lists the request as answered, reads the opinion
verdict first, acknowledges it → the radiologist sees it was read.

And the same with the hub stopping in the middle of the sending: the opinion
waits with a visible reason, the hub comes back on the same data, and the
opinion is delivered once.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pydicom.dataset import Dataset

from app.ed.opinion_watch import OpinionWatcher, UnacknowledgedWatcher
from app.ed.site_requests import RequestState, acknowledge, acknowledgements_for, site_requests
from app.hub.client import HttpHub
from app.hub.protocol import JsonDataset
from app.hub.ups import COMPLETED, SCHEDULED, state_of
from app.opinion import model as m
from app.opinion.build import build_documents, example_opinion
from app.opinion.drafts import DraftStore
from app.opinion.identity import PatientIdentity
from app.opinion.signing import sign
from app.opinion.study import Study
from app.outbox.store import DeliveryState, Outbox
from app.store.sealed import SealedBox
from app.worklist.claims import ClaimStore, claim_request
from app.worklist.model import request_from_workitem
from minihub.seed import seed_demo
from minihub.server import HubServer
from tests.app.opinion.conftest import RADIOLOGIST
from tests.app.sending_util import FAST, PARIS, Clock, instances_on_hub, outputs_of

CASES = ("left-mca", "normal")
SITES = {"left-mca": "CH Verdun, Urgences", "normal": "CH Saint-Dié, Urgences"}


@dataclass
class SeededHub:
    data_dir: Path
    server: HubServer

    @property
    def url(self) -> str:
        return self.server.base_url

    def stop(self) -> None:
        self.server.stop()

    def start_again(self) -> None:
        self.server = HubServer(self.data_dir, port=self.server.port).start()


@pytest.fixture(scope="module")
def seeded(synth_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SeededHub]:
    cases = tmp_path_factory.mktemp("cases")
    for name in CASES:
        (cases / name).symlink_to(synth_root / name, target_is_directory=True)
    data_dir = tmp_path_factory.mktemp("seeded-hub")
    server = HubServer(data_dir).open()
    assert server.hub is not None
    seed_demo(server.hub.archive, server.hub.worklist, server.base_url, cases_dir=cases)
    hub = SeededHub(data_dir, server.start())
    try:
        yield hub
    finally:
        hub.stop()


def find_request(hub: HttpHub, site: str) -> JsonDataset:
    for item in hub.search_workitems({"ProcedureStepState": SCHEDULED}):
        if request_from_workitem(item).requesting_site == site:
            return item
    raise AssertionError(f"no seeded request from {site}")


def study_for(hub: HttpHub, workitem: JsonDataset) -> Study:
    """The request's images as the documents need them: headers, one image whole."""
    request = request_from_workitem(workitem)
    study_uid = request.study_uids[0]
    headers: list[Dataset] = []
    for series in hub.search_series(study_uid):
        series_uid = series["0020000E"]["Value"][0]
        for meta in hub.retrieve_series_metadata(study_uid, series_uid):
            headers.append(Dataset.from_json({t: v for t, v in meta.items() if "Value" in v}))
    study = Study.of(headers)
    # The key image (the CTA's middle image, as example_opinion picks it) with its pixels.
    key = example_opinion(study).key_images[0]
    whole = hub.retrieve_instance(study_uid, key.series_instance_uid, key.sop_instance_uid)
    import io

    import pydicom

    full = pydicom.dcmread(io.BytesIO(whole))
    study.headers = [full if h.SOPInstanceUID == full.SOPInstanceUID else h for h in headers]
    return study


def fill_opinion(study: Study, workitem: JsonDataset, normal: bool) -> m.Opinion:
    """What the radiologist states, starting from an empty opinion on this request."""
    request = request_from_workitem(workitem)
    guide = example_opinion(study)  # series read and key image, as the viewer would give
    opinion = m.Opinion(kind=m.ReportKind.FINAL, study_instance_uid=study.study_instance_uid)
    opinion.request = m.RequestInfo(
        identity=PatientIdentity.from_dataset(Dataset.from_json(workitem)),
        workitem_uid=request.workitem_uid,
        requesting_site=request.requesting_site,
        requesting_physician=request.requesting_physician,
        question=request.question,
    )
    opinion.series_read = guide.series_read
    opinion.key_images = guide.key_images
    opinion.haemorrhage = m.Haemorrhage(status=m.Finding.ABSENT)
    if normal:
        opinion.occlusion = m.Occlusion(status=m.Finding.ABSENT)
        opinion.recommendation = m.Recommendation(
            thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
            thrombectomy=m.ThrombectomyAdvice.NOT_CANDIDATE,
        )
    else:
        opinion.occlusion = m.Occlusion(
            status=m.Finding.PRESENT, sites=[m.VesselOcclusion(m.OcclusionSite.M1, m.Side.LEFT)]
        )
        opinion.recommendation = m.Recommendation(
            thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
            thrombectomy=m.ThrombectomyAdvice.CANDIDATE,
        )
    opinion.conclusion = "Left M1 occlusion." if not normal else "No occlusion."
    return opinion


@dataclass
class Radiologist:
    hub: HttpHub
    claims: ClaimStore
    drafts: DraftStore
    outbox: Outbox
    watcher: UnacknowledgedWatcher


def radiologist(
    seeded: SeededHub, folder: Path, clock: Clock, **outbox_options: object
) -> Radiologist:
    hub = HttpHub(seeded.url, retry=FAST)
    master = bytes(range(32))
    outbox = Outbox(
        folder / "outbox", SealedBox(master, "outbox"),
        lambda: HttpHub(seeded.url, retry=FAST, connect_timeout_s=2.0), clock,
        **outbox_options,  # type: ignore[arg-type]
    )  # fmt: skip
    watcher = UnacknowledgedWatcher(hub, clock=clock, after=dt.timedelta(minutes=10))
    outbox.subscribe(watcher.watch_delivered)
    return Radiologist(
        hub, ClaimStore(folder / "claims.json"),
        DraftStore(folder / "drafts", SealedBox(master, "drafts"), clock=clock), outbox, watcher,
    )  # fmt: skip


def claim_and_write(doctor: Radiologist, site: str, normal: bool) -> tuple[str, m.Opinion, Study]:
    """Claim the site's request, fill the opinion (draft saved, restored after a restart)."""
    workitem = find_request(doctor.hub, site)
    uid = request_from_workitem(workitem).workitem_uid
    claim_request(doctor.hub, doctor.claims, uid, RADIOLOGIST.name)
    study = study_for(doctor.hub, workitem)
    draft = fill_opinion(study, workitem, normal)
    doctor.drafts.save(uid, draft)
    restarted = DraftStore(doctor.drafts.folder, doctor.drafts.box)
    assert restarted.load(uid) == draft
    return uid, draft, study


def test_request_to_acknowledged_opinion(seeded: SeededHub, tmp_path: Path) -> None:
    clock = Clock(dt.datetime.now(PARIS).replace(microsecond=0))
    doctor = radiologist(seeded, tmp_path, clock)
    site = SITES["left-mca"]
    uid, draft, study = claim_and_write(doctor, site, normal=False)
    transaction = doctor.claims.get(doctor.hub.base_url, uid)
    assert transaction

    signed = sign(draft, RADIOLOGIST, at=clock(), seed=uid)
    documents = build_documents(signed, study)
    status = doctor.outbox.submit(signed, documents, workitem_uid=uid, transaction_uid=transaction)
    [done] = doctor.outbox.process_once()
    assert done.id == status.id and done.state is DeliveryState.DELIVERED, done.reason
    doctor.drafts.delete(uid)
    assert doctor.drafts.cases() == []

    item = doctor.hub.retrieve_workitem(uid)
    assert state_of(item) == COMPLETED
    sent = {str(ds.SOPInstanceUID): str(ds.Modality) for ds in documents.datasets()}
    assert sorted(sent.values()) == ["DOC", "KO", "OT", "SR"]
    assert outputs_of(doctor.hub, uid) == set(sent)

    # The ED: the request is answered, the opinion reads verdict first.
    ed_hub = HttpHub(seeded.url, retry=FAST)
    alerts = []
    ed = OpinionWatcher(ed_hub, site, clock=clock, on_new_opinion=lambda r, o: alerts.append(o))
    ed.poll_once()
    [request] = [r for r in ed.requests if r.request and r.request.workitem_uid == uid]
    assert request.state is RequestState.ANSWERED and request.reader == "MARTIN^Claire"
    [opinion] = alerts
    assert [v.text for v in opinion.verdicts] == [
        "NO HAEMORRHAGE",
        "OCCLUSION: LEFT M1",
        "No imaging contraindication",
        "CANDIDATE: transfer to a thrombectomy centre",
    ]
    assert opinion.pdf is not None and opinion.pdf.sop_instance_uid in sent
    assert {k.sop_instance_uid for k in opinion.key_images} <= set(sent)
    assert doctor.watcher.waiting()[0].sr_instance_uid == opinion.document.sop_instance_uid

    ack = acknowledge(
        ed_hub, opinion, by="LEROY^Thomas", site=site, at=clock() + dt.timedelta(minutes=3)
    )
    study_uid = study.study_instance_uid
    assert acknowledgements_for(ed_hub, study_uid) == [ack]
    ed.poll_once()
    [request] = [r for r in site_requests(ed_hub, site, since=clock() - dt.timedelta(hours=1))
                 if r.study_uid == study_uid]  # fmt: skip
    assert request.acknowledged and alerts == [opinion]

    # The radiologist sees it was read: nothing to phone about.
    clock.advance(minutes=30)
    assert doctor.watcher.poll_once() == [] and doctor.watcher.waiting() == []
    ed_hub.close()
    doctor.hub.close()


def test_hub_stops_during_sending_then_delivers_once(seeded: SeededHub, tmp_path: Path) -> None:
    clock = Clock(dt.datetime.now(PARIS).replace(microsecond=0))

    def hub_goes_down(item: str, step: str) -> None:
        if step == "stored":
            seeded.stop()

    doctor = radiologist(seeded, tmp_path, clock, checkpoint=hub_goes_down)
    site = SITES["normal"]
    uid, draft, study = claim_and_write(doctor, site, normal=True)
    transaction = doctor.claims.get(doctor.hub.base_url, uid)
    signed = sign(draft, RADIOLOGIST, at=clock(), seed=uid)
    documents = build_documents(signed, study)
    doctor.outbox.submit(signed, documents, workitem_uid=uid, transaction_uid=transaction)
    try:
        [waiting] = doctor.outbox.process_once()
        assert waiting.state is DeliveryState.WAITING
        assert waiting.reason.startswith("cannot reach the hub"), waiting.reason
        assert [s.id for s in doctor.outbox.undelivered()] == [waiting.id]  # asked at quit
        clock.advance(seconds=10)
        [still] = doctor.outbox.process_once()
        assert still.state is DeliveryState.WAITING and still.attempts == 2
    finally:
        seeded.start_again()
    clock.advance(minutes=1)
    [done] = doctor.outbox.process_once()
    assert done.state is DeliveryState.DELIVERED, done.reason
    with HttpHub(seeded.url, retry=FAST) as hub:
        assert state_of(hub.retrieve_workitem(uid)) == COMPLETED
        on_hub = Counter(instances_on_hub(hub, study.study_instance_uid))
        assert max(on_hub.values()) == 1
        sent = {str(ds.SOPInstanceUID) for ds in documents.datasets()}
        assert sent <= set(on_hub) and outputs_of(hub, uid) == sent
        performed = hub.retrieve_workitem(uid)["00741216"]["Value"][0]
        refs = [r["00081155"]["Value"][0] for o in performed["00404033"]["Value"]
                for r in o["00081199"]["Value"]]  # fmt: skip
        assert len(refs) == len(set(refs)) == len(sent)  # each referenced once
    doctor.hub.close()
