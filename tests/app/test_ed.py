"""The ED's side against a real minihub: requests and states, opinions read from the study,
acknowledgements stored once; the watchers on both sides."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from app.ed.opinion_watch import OpinionWatcher, SentOpinion, UnacknowledgedWatcher
from app.ed.site_requests import (
    RequestState,
    acknowledge,
    acknowledgements_for,
    opinions_for_study,
    site_requests,
)
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.signing import amend, final_after
from app.store.audit import AuditLog
from app.worklist.claims import performer_update
from minihub.server import HubServer
from tests.app.sending_util import (
    PARIS,
    SITE,
    SR_CLASS,
    Case,
    Clock,
    draft_for,
    hub,
    hub_server,
    new_case,
    signed,
)

__all__ = ["hub", "hub_server"]  # fixtures

SINCE = dt.datetime.now(PARIS) - dt.timedelta(hours=1)


def store(hub: HttpHub, case: Case, kind: m.ReportKind, **kwargs: object) -> m.Opinion:
    opinion, documents = signed(draft_for(case, kind), case, **kwargs)  # type: ignore[arg-type]
    assert hub.store_instances(documents.datasets(), case.study.study_instance_uid).ok
    return opinion


def test_opinions_read_from_the_study_in_order(hub: HttpHub, tmp_path: Path) -> None:
    case = new_case(hub, tmp_path / "study")
    study_uid = case.study.study_instance_uid
    assert opinions_for_study(hub, study_uid) == []
    at = dt.datetime(2025, 3, 1, 14, 20, tzinfo=PARIS)
    preliminary = store(hub, case, m.ReportKind.PRELIMINARY, at=at)
    final_draft = final_after(preliminary)
    final_draft.recommendation.thrombectomy = m.ThrombectomyAdvice.CANDIDATE
    final, final_docs = signed(final_draft, case, at=at + dt.timedelta(minutes=10))
    amended_draft = amend(final, "Occlusion in M2")
    amended_draft.occlusion.sites = [m.VesselOcclusion(m.OcclusionSite.M2, m.Side.LEFT)]
    amendment, amendment_docs = signed(amended_draft, case, at=at + dt.timedelta(minutes=30))
    # Stored newest first: the order comes from the documents, not from the hub.
    for docs in (amendment_docs, final_docs):
        assert hub.store_instances(docs.datasets(), study_uid).ok
    found = opinions_for_study(hub, study_uid)
    assert [(o.kind, o.is_amendment) for o in found] == [
        (m.ReportKind.PRELIMINARY, False),
        (m.ReportKind.FINAL, False),
        (m.ReportKind.FINAL, True),
    ]
    uids = [o.uids.sr_instance for o in (preliminary, final, amendment)]  # type: ignore[union-attr]
    assert [o.document.sop_instance_uid for o in found] == uids
    assert [o.superseded_by for o in found] == [uids[1], uids[2], ""]
    assert [o.is_current for o in found] == [False, False, True]
    latest = found[-1]
    assert [(v.label, v.text) for v in latest.verdicts] == [
        ("Haemorrhage", "NO HAEMORRHAGE"),
        ("Vessel occlusion", "OCCLUSION: LEFT M2"),
        ("IV thrombolysis", "No imaging contraindication"),
        ("Thrombectomy", "CANDIDATE: transfer to a thrombectomy centre"),
    ]
    assert latest.radiologist == "MARTIN^Claire"
    assert latest.opinion.amendment_reason == "Occlusion in M2"
    assert latest.pdf is not None
    assert latest.pdf.sop_instance_uid == str(amendment_docs.pdf.SOPInstanceUID)
    [shot] = latest.key_images
    assert shot.sop_instance_uid == str(amendment_docs.key_images[0].SOPInstanceUID)
    assert shot.series_instance_uid == str(amendment_docs.key_images[0].SeriesInstanceUID)
    # The PDF and the snapshot can be fetched with what is given.
    pdf = hub.retrieve_instance(
        study_uid, latest.pdf.series_instance_uid, latest.pdf.sop_instance_uid
    )
    assert b"%PDF" in pdf
    assert hub.retrieve_instance(study_uid, shot.series_instance_uid, shot.sop_instance_uid)


def test_acknowledge_once_and_read_back(hub: HttpHub, tmp_path: Path) -> None:
    case = new_case(hub, tmp_path / "study")
    study_uid = case.study.study_instance_uid
    store(hub, case, m.ReportKind.FINAL)
    [opinion] = opinions_for_study(hub, study_uid)
    assert not opinion.acknowledged
    at = dt.datetime(2025, 3, 1, 14, 51, tzinfo=PARIS)
    clock = Clock()
    log = AuditLog(tmp_path / "audit.jsonl", user="lpetit", hub=hub.base_url, clock=clock)
    ack = acknowledge(hub, opinion, by="PETIT^Laurent", site=SITE, at=at, audit=log)
    assert (ack.by, ack.site, ack.at) == ("PETIT^Laurent", SITE, at)
    assert ack.opinion.sop_instance_uid == opinion.document.sop_instance_uid
    # Again (a double click, a retry after a lost answer, another time): the same one.
    again = acknowledge(
        hub, opinion, by="petit^laurent", site=SITE, at=at + dt.timedelta(minutes=1)
    )
    assert again.at == at
    assert acknowledgements_for(hub, study_uid) == [ack]
    srs = hub.search_instances(study_uid, filters={"SOPClassUID": SR_CLASS})
    assert len(srs) == 2  # the opinion and one acknowledgement
    # Another physician's reading is recorded too.
    other = acknowledge(hub, opinion, by="DURAND^Anne", site=SITE, at=at + dt.timedelta(minutes=2))
    assert acknowledgements_for(hub, study_uid) == [ack, other]
    [reread] = opinions_for_study(hub, study_uid)
    assert reread.acknowledged and [a.by for a in reread.acknowledgements] == [
        "PETIT^Laurent",
        "DURAND^Anne",
    ]
    [record] = [json.loads(line) for line in log.path.read_text().splitlines()]
    assert record["what"] == "ack" and record["document_uids"] == [
        opinion.document.sop_instance_uid
    ]


def test_site_requests_with_their_states(hub: HttpHub, tmp_path: Path) -> None:
    site = f"CH Test {tmp_path.name}"
    waiting = new_case(hub, tmp_path / "a", site=site, claim=False)
    reading = new_case(hub, tmp_path / "b", site=site)
    hub.update_workitem(
        reading.workitem_uid, reading.transaction_uid, performer_update("MARTIN^Claire")
    )
    preliminary = new_case(hub, tmp_path / "c", site=site)
    store(hub, preliminary, m.ReportKind.PRELIMINARY)
    answered = new_case(hub, tmp_path / "d", site=site)
    store(hub, answered, m.ReportKind.FINAL)
    new_case(hub, tmp_path / "e", site="CH Elsewhere")
    # A study whose workitem is gone (a hub may delete completed workitems):
    # the ED remembers the study; its answer comes from the study.
    orphan = new_case(hub, tmp_path / "f", site="CH Elsewhere")
    store(hub, orphan, m.ReportKind.FINAL)
    orphan_study = orphan.study.study_instance_uid

    found = site_requests(hub, site.upper() + " ", since=SINCE, studies=[orphan_study])
    states = {r.study_uid: (r.state, r.reader) for r in found}
    assert states == {
        waiting.study.study_instance_uid: (RequestState.WAITING, ""),
        reading.study.study_instance_uid: (RequestState.BEING_READ, "MARTIN^Claire"),
        preliminary.study.study_instance_uid: (RequestState.PRELIMINARY, "MARTIN^Claire"),
        answered.study.study_instance_uid: (RequestState.ANSWERED, "MARTIN^Claire"),
        orphan_study: (RequestState.ANSWERED, "MARTIN^Claire"),
    }
    by_study = {r.study_uid: r for r in found}
    assert by_study[orphan_study].request is None
    request = by_study[waiting.study.study_instance_uid].request
    assert request is not None and request.workitem_uid == waiting.workitem_uid
    latest = by_study[answered.study.study_instance_uid].latest
    assert latest is not None and latest.kind is m.ReportKind.FINAL and not latest.acknowledged


def test_opinion_watcher_alerts_once_per_unread_opinion(hub: HttpHub, tmp_path: Path) -> None:
    site = f"CH Watch {tmp_path.name}"
    read = new_case(hub, tmp_path / "a", site=site)
    store(hub, read, m.ReportKind.FINAL)
    [done] = opinions_for_study(hub, read.study.study_instance_uid)
    acknowledge(hub, done, by="PETIT^Laurent", site=site, at=dt.datetime.now(PARIS))
    unread = new_case(hub, tmp_path / "b", site=site)
    store(hub, unread, m.ReportKind.PRELIMINARY)
    alerts: list[tuple[str, m.ReportKind]] = []
    lists: list[int] = []
    watcher = OpinionWatcher(
        hub, site, clock=lambda: dt.datetime.now(PARIS),
        on_new_opinion=lambda r, o: alerts.append((r.study_uid, o.kind)),
    )  # fmt: skip
    watcher.subscribe(lambda requests: lists.append(len(requests)))
    # At start-up: the unread opinion alerts, the acknowledged one does not.
    assert len(watcher.poll_once()) == 1
    assert alerts == [(unread.study.study_instance_uid, m.ReportKind.PRELIMINARY)]
    assert watcher.poll_once() == []
    store(hub, unread, m.ReportKind.FINAL)
    [(request, opinion)] = watcher.poll_once()
    assert (request.study_uid, opinion.kind) == (
        unread.study.study_instance_uid,
        m.ReportKind.FINAL,
    )
    assert request.state is RequestState.ANSWERED
    assert len(alerts) == 2 and lists == [2, 2, 2]


def test_unacknowledged_opinion_asks_the_radiologist_to_phone(hub: HttpHub, tmp_path: Path) -> None:
    case = new_case(hub, tmp_path / "study")
    study_uid = case.study.study_instance_uid
    clock = Clock()
    preliminary = store(hub, case, m.ReportKind.PRELIMINARY)
    final = store(hub, case, m.ReportKind.FINAL)
    overdue: list[str] = []
    acknowledged: list[tuple[str, str]] = []
    watcher = UnacknowledgedWatcher(
        hub, clock=clock, after=dt.timedelta(minutes=10),
        on_overdue=lambda o: overdue.append(o.opinion.sr_instance_uid),
        on_acknowledged=lambda s, a: acknowledged.append((s.sr_instance_uid, a.by)),
    )  # fmt: skip
    sent = clock()
    for opinion, minutes in ((preliminary, 0), (final, 5)):
        uid = opinion.uids.sr_instance  # type: ignore[union-attr]
        watcher.watch(SentOpinion(study_uid, uid, sent + dt.timedelta(minutes=minutes)))
    clock.advance(minutes=9)
    assert watcher.poll_once() == [] and overdue == []
    clock.advance(minutes=1)
    [late] = watcher.poll_once()
    assert late.opinion.sr_instance_uid == preliminary.uids.sr_instance  # type: ignore[union-attr]
    assert late.waited == dt.timedelta(minutes=10)
    clock.advance(minutes=10)
    assert len(watcher.poll_once()) == 1  # the final now; the preliminary alerted only once
    assert len(overdue) == 2
    # The ED reads the final: both are acknowledged (the final supersedes the preliminary).
    [_, current] = opinions_for_study(hub, study_uid)
    acknowledge(hub, current, by="PETIT^Laurent", site=SITE, at=clock())
    assert watcher.poll_once() == []
    assert sorted(acknowledged) == sorted(
        (o.uids.sr_instance, "PETIT^Laurent")  # type: ignore[union-attr]
        for o in (preliminary, final)
    )
    assert watcher.waiting() == []


def test_no_requests_for_an_unknown_site(hub_server: HubServer) -> None:
    with HttpHub(hub_server.base_url) as client:
        assert site_requests(client, "Nowhere", since=dt.datetime.now(PARIS)) == []
