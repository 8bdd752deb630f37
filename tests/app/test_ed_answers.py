"""Each opinion answers its own request (issue #9 item 7), against a real minihub.

Two requests for the same study: each gets its own opinion, its own "answered by",
its own acknowledgement; both are flagged as duplicates with their last-known-well
times. An opinion naming no request is attached only when the study has one request.
The radiologist's watcher counts an acknowledgement only for the request it answers.
A send interrupted part-way shows as such on the ED side, and resumes the same workitem.

What the ED must never lose (issue #9, review findings):

* An opinion answering a request of the study that is no longer listed (sent
  before the 24 h window, or deleted once completed) keeps its own row, even
  when another request of the same study is listed.
* An upload interrupted after a first (preliminary) answer stays flagged and
  resumable: the preliminary opinion on the NCCT does not bring the CTA.
* Images added later restate the request's total ((0074,1210) IMAGES-EXPECTED),
  so "N of M images" stays true.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pydicom
import pytest
from pydicom.dataset import Dataset

from app.ed.opinion_watch import SentOpinion, UnacknowledgedWatcher
from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import select_images
from app.ed.request.send import add_images, resume_request, send_request
from app.ed.request.state import RequestStateStore
from app.ed.site_requests import (
    LocalUpload,
    RequestState,
    SiteRequest,
    acknowledge,
    interrupted,
    opinions_for_study,
    site_requests,
)
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.answers import UPS_PUSH_SOP_CLASS, answered_workitem, workitem_reference
from app.opinion.study import Study
from app.worklist.duplicates import differing_lkw, duplicate_requests
from app.worklist.model import request_from_workitem
from protocol.request import read_request_workitem
from tests.app.answers_util import (
    DURAND,
    MARTIN,
    NOW,
    cancelled_send,
    deliver,
    request_for,
    stored_study,
    tiny_study,
)
from tests.app.sending_util import SR_CLASS, Case, Clock, hub, hub_server

__all__ = ["hub", "hub_server"]  # fixtures

SINCE = NOW - dt.timedelta(days=1)


def by_workitem(rows: list[SiteRequest], study_uid: str) -> dict[str, SiteRequest]:
    return {r.workitem: r for r in rows if r.study_uid == study_uid}


def test_the_reference_reads_back_from_a_dataset_and_from_dicom_json() -> None:
    ds = Dataset()
    ds.ReferencedPerformedProcedureStepSequence = [workitem_reference("2.25.42")]
    assert answered_workitem(ds) == "2.25.42"
    assert answered_workitem(ds.to_json_dict()) == "2.25.42"
    assert ds.ReferencedPerformedProcedureStepSequence[0].ReferencedSOPClassUID == (
        UPS_PUSH_SOP_CLASS
    )
    other = Dataset()  # a reference to a Modality Performed Procedure Step is not a request
    other.ReferencedSOPClassUID = "1.2.840.10008.3.1.2.3.3"
    other.ReferencedSOPInstanceUID = "2.25.43"
    ds.ReferencedPerformedProcedureStepSequence = [other]
    assert answered_workitem(ds) == "" and answered_workitem(ds.to_json_dict()) == ""
    assert answered_workitem(Dataset()) == "" and answered_workitem({}) == ""


def site_and_study(hub: HttpHub, tmp_path: Path, name: str) -> tuple[str, Study, str]:
    """A site named after the test and a study stored on the hub: (site, study, its UID)."""
    study = stored_study(hub, tmp_path / "study")
    return f"CH {name} {tmp_path.name}", study, study.study_instance_uid


def test_each_opinion_answers_its_own_request(hub: HttpHub, tmp_path: Path) -> None:
    site, study, study_uid = site_and_study(hub, tmp_path, "Twins")
    early, late = NOW - dt.timedelta(hours=3), NOW - dt.timedelta(hours=2, minutes=10)
    first = request_for(hub, study, site, lkw=early, claim=True)
    second = request_for(hub, study, site, lkw=late, claim=True)
    final_uid = deliver(hub, first, MARTIN, m.ReportKind.FINAL, at=NOW)
    preliminary_uid = deliver(
        hub, second, DURAND, m.ReportKind.PRELIMINARY, at=NOW + dt.timedelta(minutes=5)
    )

    rows = by_workitem(site_requests(hub, site, since=SINCE), study_uid)
    assert set(rows) == {first.workitem_uid, second.workitem_uid}  # no unmatched row
    one, two = rows[first.workitem_uid], rows[second.workitem_uid]
    assert (one.state, one.reader) == (RequestState.ANSWERED, "MARTIN^Claire")
    assert [o.document.sop_instance_uid for o in one.opinions] == [final_uid]
    assert (two.state, two.reader) == (RequestState.PRELIMINARY, "DURAND^Paul")
    assert [o.document.sop_instance_uid for o in two.opinions] == [preliminary_uid]
    # Each is flagged as having a twin, and their last-known-well times differ.
    assert [r.workitem_uid for r in one.same_study] == [second.workitem_uid]
    assert [r.workitem_uid for r in two.same_study] == [first.workitem_uid]
    assert one.request is not None
    assert differing_lkw(one.request, one.same_study) == [early, late]

    # Acknowledging the first answer acknowledges the first request only.
    latest = one.latest
    assert latest is not None
    ack = acknowledge(hub, latest, by="PETIT^Laurent", site=site, at=NOW + dt.timedelta(minutes=9))
    assert ack.workitem_uid == first.workitem_uid
    with pytest.raises(ValueError, match="another request"):
        acknowledge(hub, latest, by="PETIT^Laurent", site=site, at=NOW,
                    workitem_uid=second.workitem_uid)  # fmt: skip
    rows = by_workitem(site_requests(hub, site, since=SINCE), study_uid)
    assert rows[first.workitem_uid].acknowledged
    assert not rows[second.workitem_uid].acknowledged
    # The acknowledgement object names its request in (0008,1111) on the hub.
    srs = hub.search_instances(study_uid, filters={"SOPClassUID": SR_CLASS})
    names = []
    for item in srs:
        sop, series = item["00080018"]["Value"][0], item["0020000E"]["Value"][0]
        ds = pydicom.dcmread(io.BytesIO(hub.retrieve_instance(study_uid, series, sop)))
        names.append((str(ds.SeriesDescription), answered_workitem(ds)))
    assert sorted(names) == sorted(
        [
            ("Stroke opinion (final)", first.workitem_uid),
            ("Stroke opinion (preliminary)", second.workitem_uid),
            ("Stroke opinion acknowledgement", first.workitem_uid),
        ]
    )


def test_an_opinion_naming_no_request_is_attached_only_to_a_lone_request(
    hub: HttpHub, tmp_path: Path
) -> None:
    site, study, study_uid = site_and_study(hub, tmp_path, "Legacy")
    only = request_for(hub, study, site, lkw=None, claim=True)
    old_uid = deliver(hub, only, MARTIN, m.ReportKind.FINAL, at=NOW, legacy=True)
    [row] = by_workitem(site_requests(hub, site, since=SINCE), study_uid).values()
    assert row.workitem == only.workitem_uid and row.state is RequestState.ANSWERED
    assert [o.document.sop_instance_uid for o in row.opinions] == [old_uid]

    # A second request for the study: the old opinion can no longer say which it answers.
    twin = request_for(hub, study, site, lkw=None)
    rows = [r for r in site_requests(hub, site, since=SINCE) if r.study_uid == study_uid]
    assert len(rows) == 3
    requests = {r.workitem: r for r in rows if r.request is not None}
    assert requests[only.workitem_uid].opinions == ()
    assert requests[only.workitem_uid].state is RequestState.BEING_READ
    assert requests[twin.workitem_uid].opinions == ()
    assert requests[twin.workitem_uid].state is RequestState.WAITING
    [unmatched] = [r for r in rows if r.request is None]
    assert unmatched.unmatched and unmatched.workitem == ""
    assert [o.document.sop_instance_uid for o in unmatched.opinions] == [old_uid]
    assert unmatched.reader == "MARTIN^Claire"


def test_the_radiologist_sees_only_its_own_answer_acknowledged(
    hub: HttpHub, tmp_path: Path
) -> None:
    site, study, study_uid = site_and_study(hub, tmp_path, "Acks")
    first = request_for(hub, study, site, lkw=None, claim=True)
    second = request_for(hub, study, site, lkw=None, claim=True)
    first_uid = deliver(hub, first, MARTIN, m.ReportKind.FINAL, at=NOW)
    second_uid = deliver(hub, second, DURAND, m.ReportKind.FINAL, at=NOW + dt.timedelta(minutes=3))
    clock = Clock(NOW)
    acknowledged: list[str] = []
    watcher = UnacknowledgedWatcher(
        hub, clock=clock, after=dt.timedelta(minutes=10),
        on_acknowledged=lambda sent, _ack: acknowledged.append(sent.sr_instance_uid),
    )  # fmt: skip
    watcher.watch(SentOpinion(study_uid, first_uid, NOW, first.workitem_uid))
    watcher.watch(SentOpinion(study_uid, second_uid, NOW + dt.timedelta(minutes=3)))  # from the SR
    [_, later] = opinions_for_study(hub, study_uid)
    assert later.document.sop_instance_uid == second_uid
    acknowledge(hub, later, by="PETIT^Laurent", site=site, at=clock())
    clock.advance(minutes=11)
    overdue = watcher.poll_once()
    # The later opinion answered the other request: its acknowledgement does not count here.
    assert acknowledged == [second_uid]
    assert [o.opinion.sr_instance_uid for o in overdue] == [first_uid]
    assert [o.sr_instance_uid for o in watcher.waiting()] == [first_uid]


def test_duplicates_are_open_requests_sharing_a_study(hub: HttpHub, tmp_path: Path) -> None:
    site = f"CH Dup {tmp_path.name}"
    shared = stored_study(hub, tmp_path / "shared")
    alone = stored_study(hub, tmp_path / "alone")
    lkw = NOW - dt.timedelta(hours=1)
    a = request_for(hub, shared, site, lkw=lkw)
    b = request_for(hub, shared, site, lkw=lkw)
    c = request_for(hub, shared, site, lkw=None)
    d = request_for(hub, alone, site, lkw=None)
    read = [request_from_workitem(hub.retrieve_workitem(x.workitem_uid)) for x in (a, b, c, d)]
    found = duplicate_requests(read)
    assert {k: sorted(r.workitem_uid for r in v) for k, v in found.items()} == {
        a.workitem_uid: sorted([b.workitem_uid, c.workitem_uid]),
        b.workitem_uid: sorted([a.workitem_uid, c.workitem_uid]),
        c.workitem_uid: sorted([a.workitem_uid, b.workitem_uid]),
    }
    # Same time (an absent one aside): nothing to flag about last known well.
    assert differing_lkw(read[0], found[a.workitem_uid]) == []
    # A cancelled request is no longer a duplicate.
    hub.request_cancellation(c.workitem_uid, "sent twice", contact_name="LEROY^Thomas")
    read[2] = request_from_workitem(hub.retrieve_workitem(c.workitem_uid))
    found = duplicate_requests(read)
    assert sorted(found) == sorted([a.workitem_uid, b.workitem_uid])
    assert len(duplicate_requests(read, states=None)[a.workitem_uid]) == 2


def test_an_interrupted_upload_shows_and_resumes_the_same_workitem(
    hub: HttpHub, tmp_path: Path
) -> None:
    store, state, study_uid = cancelled_send(hub, tmp_path)
    assert state.status == "cancelled" and state.workitem == "created"
    uid = state.workitem_uid
    site = parse_clinical(example_clinical(NOW), now=NOW).to_request().site
    upload = LocalUpload(state.request_id, state.status, state.instances_stored,
                         state.instances_total)  # fmt: skip

    def row(uploads: dict[str, LocalUpload] | None) -> SiteRequest:
        return by_workitem(site_requests(hub, site, since=SINCE, uploads=uploads),
                           study_uid)[uid]  # fmt: skip

    assert row({uid: upload}).state is RequestState.INTERRUPTED
    assert row(None).state is RequestState.INTERRUPTED  # INCOMPLETE on the hub, sent elsewhere
    sending = LocalUpload(state.request_id, "sending", active=True)
    assert row({uid: sending}).state is RequestState.WAITING  # a send running is no interruption

    result = resume_request(hub, store, state.request_id, clock=lambda: NOW)
    assert result.workitem_uid == uid and result.readiness == "READY"
    done = store.load(state.request_id)
    after = row({uid: LocalUpload(done.request_id, done.status)})
    assert after.state is RequestState.WAITING and after.request is not None
    assert after.request.readiness == "READY"
    assert len(hub.search_workitems({"StudyInstanceUID": study_uid})) == 1


@pytest.mark.parametrize("known_study", [False, True])
def test_an_answer_to_a_request_no_longer_listed_keeps_its_row(
    hub: HttpHub, tmp_path: Path, known_study: bool
) -> None:
    site, study, study_uid = site_and_study(hub, tmp_path, "Kept")
    # Request A was sent two days ago (out of the window) and answered; B, today, waits.
    old = request_for(hub, study, site, lkw=None, claim=True, scheduled=NOW - dt.timedelta(days=2))
    new = request_for(hub, study, site, lkw=None)
    answer = deliver(hub, old, MARTIN, m.ReportKind.FINAL, at=NOW - dt.timedelta(minutes=5))

    rows = site_requests(hub, site, since=SINCE, studies=[study_uid] if known_study else [])
    found = by_workitem(rows, study_uid)
    assert sorted(found) == sorted([old.workitem_uid, new.workitem_uid])
    assert len([r for r in rows if r.study_uid == study_uid]) == 2  # no row twice
    waiting, answered = found[new.workitem_uid], found[old.workitem_uid]
    assert waiting.state is RequestState.WAITING and waiting.opinions == ()
    assert waiting.request is not None
    assert answered.request is None and not answered.unmatched
    assert answered.state is RequestState.ANSWERED and answered.reader == MARTIN.name
    assert [o.document.sop_instance_uid for o in answered.opinions] == [answer]


def test_an_answer_to_another_sites_listed_request_is_not_ours(
    hub: HttpHub, tmp_path: Path
) -> None:
    site = f"CH Ours {tmp_path.name}"
    study = stored_study(hub, tmp_path / "study")
    ours = request_for(hub, study, site, lkw=None)
    theirs = request_for(hub, study, f"CH Theirs {tmp_path.name}", lkw=None, claim=True)
    deliver(hub, theirs, MARTIN, m.ReportKind.FINAL, at=NOW)
    found = by_workitem(site_requests(hub, site, since=SINCE), study.study_instance_uid)
    assert list(found) == [ours.workitem_uid] and found[ours.workitem_uid].opinions == ()


def test_an_upload_interrupted_after_a_preliminary_answer_stays_resumable(
    hub: HttpHub, tmp_path: Path
) -> None:
    store, cancelled, study_uid = cancelled_send(hub, tmp_path)
    request_id, uid = cancelled.request_id, cancelled.workitem_uid
    site = parse_clinical(example_clinical(NOW), now=NOW).to_request().site
    transaction = hub.claim(uid)
    case = Case(Study.from_folder(tmp_path / "cd"), uid, transaction)
    deliver(hub, case, MARTIN, m.ReportKind.PRELIMINARY, at=NOW + dt.timedelta(minutes=3))

    def row(uploads: dict[str, LocalUpload] | None) -> SiteRequest:
        found = by_workitem(site_requests(hub, site, since=SINCE, uploads=uploads), study_uid)
        return found[uid]

    state = store.load(request_id)
    mine = {uid: LocalUpload(request_id, state.status, state.instances_stored,
                             state.instances_total)}  # fmt: skip
    here = row(mine)
    assert here.state is RequestState.PRELIMINARY and here.reader == MARTIN.name
    assert here.interrupted and here.resumable
    elsewhere = row(None)  # sent from another workstation: INCOMPLETE on the hub
    assert elsewhere.state is RequestState.PRELIMINARY
    assert elsewhere.interrupted and not elsewhere.resumable
    running = row({uid: LocalUpload(request_id, "sending", active=True)})
    assert not running.interrupted and running.state is RequestState.PRELIMINARY

    result = resume_request(hub, store, request_id, clock=lambda: NOW)
    assert result.workitem_uid == uid and result.instances_stored == 4
    assert store.load(request_id).status == "done"
    done = row({uid: LocalUpload(request_id, store.load(request_id).status)})
    assert not done.interrupted and done.state is RequestState.PRELIMINARY


def test_the_interruption_rule() -> None:
    hub_request = request_from_workitem({"00404041": {"vr": "CS", "Value": ["INCOMPLETE"]}})
    failed = LocalUpload("r", "failed")
    assert interrupted("IN PROGRESS", hub_request, failed)
    assert interrupted("COMPLETED", hub_request, failed)  # answered and closed: still missing
    assert not interrupted("CANCELED", hub_request, failed)  # nothing more to send
    assert not interrupted("SCHEDULED", hub_request, LocalUpload("r", "failed", active=True))
    assert not interrupted("SCHEDULED", hub_request, LocalUpload("r", "done"))
    assert interrupted("SCHEDULED", hub_request, None)
    assert not interrupted("COMPLETED", hub_request, None)


def test_images_added_later_restate_the_total(hub: HttpHub, tmp_path: Path) -> None:
    study = tiny_study(tmp_path / "cd")
    cta = tmp_path / "later"
    (tmp_path / "cd" / "cta").rename(cta)  # the CTA arrives after the NCCT was sent
    form = parse_clinical(example_clinical(NOW), now=NOW)
    store = RequestStateStore(tmp_path / "state")
    first = send_request(hub, select_images(tmp_path / "cd"), form, state_store=store,
                         clock=lambda: NOW, new=True)  # fmt: skip
    before = read_request_workitem(hub.retrieve_workitem(first.workitem_uid))
    assert (before.images_expected, before.images_listed) == (2, 2)

    cta.rename(tmp_path / "cd" / "cta")
    result = add_images(hub, store, first.request_id, select_images(tmp_path / "cd"),
                        clock=lambda: NOW)  # fmt: skip
    assert result.workitem_uid == first.workitem_uid and result.readiness == "READY"
    after = read_request_workitem(hub.retrieve_workitem(first.workitem_uid))
    assert (after.images_expected, after.images_listed) == (4, 4) and not after.incomplete
    assert after.inputs[0].study_uid == study.study_instance_uid
    assert after.clinical == before.clinical  # the parameters rewritten, the facts unchanged
