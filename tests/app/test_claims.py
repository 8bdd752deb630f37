"""Claim, hand back and cancellation requests against a real minihub (no display)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.hub.errors import AlreadyClaimed
from app.hub.transport import RetryPolicy
from app.hub.ups import first_value, performer_of, state_of
from app.worklist.claims import (
    ClaimStore,
    NotClaimed,
    accept_cancellation,
    claim_request,
    hand_back,
    is_mine,
    replacement_workitem,
)
from app.worklist.model import (
    Filter,
    day_range,
    fetch_finished_requests,
    fetch_open_requests,
    filter_requests,
    read_request,
)
from minihub.server import HubServer
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem

FAST = RetryPolicy(attempts=2, backoff_s=0.01, max_backoff_s=0.02, jitter=0.0)
CT, MR = "1.2.840.10008.5.1.4.1.1.2", "1.2.840.10008.5.1.4.1.1.4"


def new_request(hub: HttpHub, *, sop_classes: tuple[str, ...] = (CT,)) -> str:
    study = generate_uid()
    inputs = [
        InputSeries(study, generate_uid(), [(c, generate_uid())], f"{hub.base_url}/studies/{study}")
        for c in sop_classes
    ]
    body = build_request_workitem(
        ClinicalRequest(
            site="CH Verdun", physician="LEROY^Thomas", question="Thrombectomy?", nihss=17
        ),
        patient={"PatientName": "SYNTH^CLAIM", "PatientID": "CL1", "IssuerOfPatientID": "SYN"},
        inputs=inputs,
        scheduled=dt.datetime.now().astimezone(),
    )
    return hub.create_workitem(body)


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HttpHub]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        client = HttpHub(server.base_url, retry=FAST)
        yield client
        client.close()


@pytest.fixture
def store(tmp_path: Path) -> ClaimStore:
    return ClaimStore(tmp_path / "claims.json")


def test_claim_persists_the_transaction_uid_and_names_the_reader(
    hub: HttpHub, store: ClaimStore, tmp_path: Path
) -> None:
    uid = new_request(hub)
    transaction = claim_request(hub, store, uid, "DUPONT^Anne")
    item = hub.retrieve_workitem(uid)
    assert state_of(item) == "IN PROGRESS"
    assert performer_of(item) == "DUPONT^Anne"
    assert ClaimStore(tmp_path / "claims.json").get(hub.base_url, uid) == transaction  # restart
    hub.update_workitem(uid, transaction, {})  # the hub accepts the stored Transaction UID


def test_someone_else_claimed_first(hub: HttpHub, store: ClaimStore, tmp_path: Path) -> None:
    uid = new_request(hub)
    claim_request(hub, ClaimStore(tmp_path / "colleague.json"), uid, "MARTIN^Paul")
    with pytest.raises(AlreadyClaimed) as caught:
        claim_request(hub, store, uid, "DUPONT^Anne")
    assert caught.value.claimed_by == "MARTIN^Paul"
    assert store.get(hub.base_url, uid) is None  # the refused claim is forgotten


def test_hand_back_cancels_and_creates_a_replacement(hub: HttpHub, store: ClaimStore) -> None:
    uid = new_request(hub)
    claim_request(hub, store, uid, "DUPONT^Anne")
    new_uid = hand_back(hub, store, uid, "Out of my field: vascular surgeon needed")
    old, new = hub.retrieve_workitem(uid), hub.retrieve_workitem(new_uid)
    assert state_of(old) == "CANCELED"
    progress = first_value(old, "00741002")
    assert first_value(progress, "00741238") == "Out of my field: vascular surgeon needed"
    assert state_of(new) == "SCHEDULED"
    replaced = first_value(new, "00741224")  # (0074,1224) Replaced Procedure Step Sequence
    assert first_value(replaced, "00081155") == uid
    assert first_value(replaced, "00081150") == "1.2.840.10008.5.1.4.34.6.1"
    assert first_value(new, "00100020") == "CL1"
    assert first_value(new, "00404005") == first_value(old, "00404005")  # waiting time kept
    assert performer_of(new) == ""
    assert read_request(new).extras["replaces"] == uid
    assert store.get(hub.base_url, uid) is None
    with pytest.raises(NotClaimed):
        hand_back(hub, store, new_uid, "not mine")


def test_hand_back_retried_after_a_failure_creates_no_second_copy(
    hub: HttpHub, store: ClaimStore
) -> None:
    uid = new_request(hub)
    transaction = claim_request(hub, store, uid, "DUPONT^Anne")
    chosen = generate_uid()
    # A first try created the replacement, then failed before canceling:
    store.put(hub.base_url, uid, transaction, replacement=chosen)
    hub.create_workitem(replacement_workitem(hub.retrieve_workitem(uid), uid), chosen)
    assert hand_back(hub, store, uid, "again") == chosen
    assert state_of(hub.retrieve_workitem(uid)) == "CANCELED"
    replacing = [
        r for r in fetch_open_requests(hub, read=read_request) if r.extras["replaces"] == uid
    ]
    assert [r.workitem_uid for r in replacing] == [chosen]


def test_cancellation_requested_by_the_ed(hub: HttpHub, store: ClaimStore) -> None:
    uid = new_request(hub, sop_classes=(CT, MR, CT))
    claim_request(hub, store, uid, "DUPONT^Anne")
    request = read_request(hub.retrieve_workitem(uid))
    assert request.extras["modalities"] == ("CT", "MR")
    assert "cancel_requested" not in request.extras
    hub.request_cancellation(uid, "Patient transferred to Nancy", contact_name="Dr Leroy")
    request = read_request(hub.retrieve_workitem(uid))
    assert request.extras["cancel_requested"] is True
    assert request.extras["cancel_reason"] == "Patient transferred to Nancy"
    assert request.extras["cancel_contact"] == "Dr Leroy"
    accept_cancellation(hub, store, request, "Cancelled at the ED's request")
    canceled = read_request(hub.retrieve_workitem(uid))
    assert canceled.state == "CANCELED"
    assert "cancel_requested" not in canceled.extras
    finished = fetch_finished_requests(hub, dt.datetime.now(dt.UTC))
    assert uid in {r.workitem_uid for r in finished}


def test_filters(hub: HttpHub, store: ClaimStore) -> None:
    waiting, mine = new_request(hub), new_request(hub)
    claim_request(hub, store, mine, "DURAND^Claire")
    requests = fetch_open_requests(hub, read=read_request)
    uids = store.workitems(hub.base_url)

    def me(r):
        return is_mine(r, uids, "Durand Claire")

    unclaimed = {r.workitem_uid for r in filter_requests(requests, Filter.UNCLAIMED, me)}
    assert waiting in unclaimed and mine not in unclaimed
    assert [r.workitem_uid for r in filter_requests(requests, Filter.MINE, me)] == [mine]
    everything = {r.workitem_uid for r in filter_requests(requests, Filter.ALL, me)}
    assert {waiting, mine} <= everything
    by_name = next(r for r in requests if r.workitem_uid == mine)
    assert is_mine(by_name, set(), "DURAND^Claire")  # on another workstation of mine
    assert not is_mine(by_name, set(), "MARTIN^Paul")


def test_day_range_is_the_local_day_in_utc() -> None:
    now = dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    low, high = day_range(now).split("-")
    start = dt.datetime.strptime(low, "%Y%m%d%H%M%S%z")
    end = dt.datetime.strptime(high, "%Y%m%d%H%M%S%z")
    assert end - start == dt.timedelta(days=1) - dt.timedelta(seconds=1)
    # local midnight with the offset of that day (not today's: the test runs in any season)
    assert start.astimezone().time() == dt.time(0, 0)
    assert start <= now <= end
