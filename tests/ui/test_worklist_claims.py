"""Claiming, handing back, ED cancellations, filters and opening a case, in the window."""

from __future__ import annotations

from pathlib import Path

from app.hub.client import HttpHub
from app.hub.events import ChannelStatus
from app.hub.ups import first_value, performer_of, state_of
from app.ui.worklist.view import Column
from app.worklist.claims import ClaimStore, claim_request
from app.worklist.model import Filter
from minihub.server import HubServer
from tests.ui.worklist_util import ME, cell, create_request, make_window, titles


def shown(window) -> list[str]:
    return [window.model.request_at(i).workitem_uid for i in range(window.model.rowCount())]


def test_claim_survives_a_restart_and_hand_back_replaces_the_request(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    uid = create_request(ed)
    first = make_window(qtbot, hub.base_url, tmp_path)
    assert first.select(uid)
    first.claim_action.trigger()
    qtbot.waitUntil(lambda: cell(first, uid, Column.STATE) == "Being read", timeout=5000)
    assert cell(first, uid, Column.CLAIMED_BY) == "You"
    assert "Claimed" in first.banner_text()
    item = ed.retrieve_workitem(uid)
    assert state_of(item) == "IN PROGRESS" and performer_of(item) == ME
    transaction = ClaimStore(tmp_path / "claims.json").get(hub.base_url, uid)
    assert transaction
    first.close()

    again = make_window(qtbot, hub.base_url, tmp_path)  # a restart: same claims file
    again.set_filter(Filter.MINE)
    assert shown(again) == [uid]
    assert again.select(uid)
    again.hand_back_selected(reason="Needs a neurosurgical opinion")
    qtbot.waitUntil(lambda: uid not in shown(again) and not again._refreshing, timeout=5000)
    assert state_of(ed.retrieve_workitem(uid)) == "CANCELED"
    again.set_filter(Filter.UNCLAIMED)
    qtbot.waitUntil(lambda: len(shown(again)) == 1, timeout=5000)
    replacement = again.model.request_at(0)
    assert replacement.state == "SCHEDULED"
    assert replacement.extras["replaces"] == uid
    new_item = ed.retrieve_workitem(replacement.workitem_uid)
    assert first_value(first_value(new_item, "00741224"), "00081155") == uid  # (0074,1224)
    assert ClaimStore(tmp_path / "claims.json").get(hub.base_url, uid) is None


def test_someone_else_claimed_first_is_said_clearly(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    uid = create_request(ed)
    window = make_window(qtbot, hub.base_url, tmp_path)
    colleague = ClaimStore(tmp_path / "colleague.json")
    claim_request(ed, colleague, uid, "MARTIN^Paul")  # after our list was read
    assert cell(window, uid, Column.STATE) == "Waiting"
    window.select(uid)
    window.claim_selected()
    qtbot.waitUntil(lambda: "first" in window.banner_text(), timeout=5000)
    assert window.banner_text() == "MARTIN Paul claimed this request first."
    qtbot.waitUntil(lambda: cell(window, uid, Column.CLAIMED_BY) == "MARTIN Paul", timeout=5000)
    assert ClaimStore(tmp_path / "claims.json").get(hub.base_url, uid) is None


def test_ed_cancellation_request_reaches_the_reader_through_the_event_channel(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    uid = create_request(ed, site="CH Saint-Dié")
    window = make_window(qtbot, hub.base_url, tmp_path, events=True)
    qtbot.waitUntil(lambda: window.channel_status is ChannelStatus.CONNECTED, timeout=5000)
    window.select(uid)
    window.claim_selected()
    qtbot.waitUntil(lambda: cell(window, uid, Column.CLAIMED_BY) == "You", timeout=5000)
    ed.request_cancellation(uid, "Patient transferred to Nancy", contact_name="Dr Martin")
    qtbot.waitUntil(
        lambda: "Cancellation requested by the ED" in titles(window), timeout=3000
    )  # polling is every minute here: the event channel brought it
    record = window.alerter.history[-1]
    assert record.text == (
        "CH Saint-Dié asks to cancel a request you are reading: Patient transferred to Nancy"
    )
    qtbot.waitUntil(lambda: cell(window, uid, Column.STATE) == "ED asks to cancel", timeout=3000)
    row = window.model.row_of(uid)
    tooltip = window.model.index(row, Column.STATE).data(3)  # Qt.ToolTipRole
    assert "Patient transferred to Nancy" in tooltip and "Dr Martin" in tooltip
    window.refresh()
    qtbot.wait(300)
    assert titles(window).count("Cancellation requested by the ED") == 1
    window.select(uid)
    window.accept_cancellation_selected(reason="Cancelled at the ED's request")
    qtbot.waitUntil(lambda: uid not in shown(window), timeout=5000)
    assert state_of(ed.retrieve_workitem(uid)) == "CANCELED"


def test_filters(qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path) -> None:
    waiting = create_request(ed, site="A")
    mine = create_request(ed, site="B")
    theirs = create_request(ed, site="C")
    withdrawn = create_request(ed, site="D")
    claim_request(ed, ClaimStore(tmp_path / "claims.json"), mine, ME)
    claim_request(ed, ClaimStore(tmp_path / "colleague.json"), theirs, "MARTIN^Paul")
    ed.request_cancellation(withdrawn, "Wrong patient")  # SCHEDULED → CANCELED at once
    window = make_window(qtbot, hub.base_url, tmp_path)
    assert set(shown(window)) == {waiting, mine, theirs}  # "all open" by default
    window.filter_actions[Filter.UNCLAIMED].trigger()
    assert shown(window) == [waiting]
    window.filter_actions[Filter.MINE].trigger()
    assert shown(window) == [mine]
    window.filter_actions[Filter.FINISHED_TODAY].trigger()
    qtbot.waitUntil(lambda: shown(window) == [withdrawn], timeout=5000)
    assert cell(window, withdrawn, Column.STATE) == "Cancelled"
    window.filter_actions[Filter.ALL].trigger()
    assert len(shown(window)) == 3


def test_opening_a_request(qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path) -> None:
    waiting, mine = create_request(ed), create_request(ed)
    claim_request(ed, ClaimStore(tmp_path / "claims.json"), mine, ME)
    window = make_window(qtbot, hub.base_url, tmp_path)
    opened: list[str] = []
    original = window.open_case
    window.open_case = lambda request: (opened.append(request.workitem_uid), original(request))
    window.select(waiting)
    window.open_action.trigger()
    assert opened == [] and "Claim this request first" in window.banner_text()
    window.select(mine)
    window.open_action.trigger()
    assert opened == [mine]
    case = window.cases[mine]  # the case window with the opinion panel
    assert case.window.isVisible() and case.panel.isVisible()
    assert case.session.request.workitem_uid == mine
    window.open_action.trigger()  # opened again: the same window, raised
    assert window.cases == {mine: case}
