"""What the ED must never lose, against a real minihub (issue #9, review findings).

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
from pathlib import Path

import pytest

from app.ed.request.form import example_clinical, parse_clinical
from app.ed.request.images import select_images
from app.ed.request.send import Progress, SendCancelled, add_images, resume_request, send_request
from app.ed.request.state import RequestStateStore
from app.ed.site_requests import LocalUpload, RequestState, SiteRequest, interrupted, site_requests
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.study import Study
from app.worklist.model import request_from_workitem
from protocol.request import read_request_workitem
from tests.app.answers_util import MARTIN, NOW, deliver, request_for, stored_study, tiny_study
from tests.app.sending_util import Case, hub, hub_server

__all__ = ["hub", "hub_server"]  # fixtures

SINCE = NOW - dt.timedelta(days=1)


def rows_of(rows: list[SiteRequest], study_uid: str) -> dict[str, SiteRequest]:
    return {r.workitem: r for r in rows if r.study_uid == study_uid}


@pytest.mark.parametrize("known_study", [False, True])
def test_an_answer_to_a_request_no_longer_listed_keeps_its_row(
    hub: HttpHub, tmp_path: Path, known_study: bool
) -> None:
    site = f"CH Kept {tmp_path.name}"
    study = stored_study(hub, tmp_path / "study")
    study_uid = study.study_instance_uid
    # Request A was sent two days ago (out of the window) and answered; B, today, waits.
    old = request_for(hub, study, site, lkw=None, claim=True, scheduled=NOW - dt.timedelta(days=2))
    new = request_for(hub, study, site, lkw=None)
    answer = deliver(hub, old, MARTIN, m.ReportKind.FINAL, at=NOW - dt.timedelta(minutes=5))

    rows = site_requests(hub, site, since=SINCE, studies=[study_uid] if known_study else [])
    found = rows_of(rows, study_uid)
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
    found = rows_of(site_requests(hub, site, since=SINCE), study.study_instance_uid)
    assert list(found) == [ours.workitem_uid] and found[ours.workitem_uid].opinions == ()


def cancelled_send(hub: HttpHub, folder: Path) -> tuple[RequestStateStore, str, str, str]:
    """The NCCT on the hub and the request created, then the send stopped before the CTA.

    Returns the store, the request id, the workitem UID and the study UID."""
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
    return store, state.request_id, state.workitem_uid, images.study_uid


def test_an_upload_interrupted_after_a_preliminary_answer_stays_resumable(
    hub: HttpHub, tmp_path: Path
) -> None:
    store, request_id, uid, study_uid = cancelled_send(hub, tmp_path)
    site = parse_clinical(example_clinical(NOW), now=NOW).to_request().site
    transaction = hub.claim(uid)
    case = Case(Study.from_folder(tmp_path / "cd"), uid, transaction)
    deliver(hub, case, MARTIN, m.ReportKind.PRELIMINARY, at=NOW + dt.timedelta(minutes=3))

    def row(uploads: dict[str, LocalUpload] | None) -> SiteRequest:
        found = rows_of(site_requests(hub, site, since=SINCE, uploads=uploads), study_uid)
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
