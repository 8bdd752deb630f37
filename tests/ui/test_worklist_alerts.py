"""A new request raises an alert — by polling and by the UPS event channel — and escalates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from app.hub.client import HttpHub
from app.hub.events import ChannelStatus
from app.ui.worklist.view import Column
from app.worklist.settings import SettingsStore, WorklistSettings
from minihub.server import HubServer
from tests.ui.worklist_util import FakeClock, create_request, make_window, titles


def test_new_request_alerts_within_the_polling_interval(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    window = make_window(qtbot, hub.base_url, tmp_path, poll_interval_ms=1000)
    assert window.alerter.history == []  # an empty worklist alerts nobody
    assert "Polling every 1 s" in window.channel_label.text()
    assert window.timer.interval() == 1000
    uid = create_request(ed, site="CH Verdun, Urgences")
    qtbot.waitUntil(lambda: bool(window.alerter.history), timeout=5000)  # found by a poll
    record = window.alerter.history[0]
    assert record.title == "1 new stroke request"
    assert "CH Verdun, Urgences — Thrombectomy? — NIHSS 17" in record.text
    assert "SYNTH" not in record.text  # no patient identity in notifications
    assert (record.sound, record.loud, record.attention) == ("alert.wav", False, True)
    assert record.banner and not record.tray  # no system tray under Xvfb: the banner
    assert "new stroke request" in window.banner_text()
    assert window.alerter.sound.played == ["alert.wav"]  # type: ignore[attr-defined]
    assert window.model.request_at(0).workitem_uid == uid
    window.refresh()
    qtbot.wait(300)
    assert len(window.alerter.history) == 1  # seen once, alerted once


def test_new_request_alerts_through_the_event_channel(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    window = make_window(qtbot, hub.base_url, tmp_path, events=True, poll_interval_ms=60_000)
    qtbot.waitUntil(lambda: window.channel_status is ChannelStatus.CONNECTED, timeout=5000)
    assert window.channel_label.text() == "Live updates (event channel)"
    assert window.timer.interval() == 60_000
    uid = create_request(ed)
    # Alerted well within the 60 s poll interval: only the event channel can have done it.
    qtbot.waitUntil(lambda: bool(window.alerter.history), timeout=3000)
    assert titles(window) == ["1 new stroke request"]
    assert window.model.row_of(uid) == 0


def test_requests_waiting_at_start_alert_once_grouped_and_sound_can_be_muted(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    create_request(ed, site="CH Épinal")
    create_request(ed, site="CH Neufchâteau")
    window = make_window(qtbot, hub.base_url, tmp_path)
    assert titles(window) == ["2 new stroke requests"]
    window.mute_action.trigger()
    assert window.alerter.muted
    assert SettingsStore(tmp_path / "worklist.json").load(hub.base_url).muted  # persisted
    create_request(ed, site="CH Remiremont")
    window.refresh()
    qtbot.waitUntil(lambda: len(window.alerter.history) == 2, timeout=5000)
    record = window.alerter.history[1]
    assert record.sound == "" and record.attention  # muted: no sound, still shown
    assert window.alerter.sound.played == ["alert.wav"]  # type: ignore[attr-defined]


def test_unclaimed_request_escalates_after_n_minutes(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    clock = FakeClock()
    settings = WorklistSettings(escalate_after_min=10, repeat_escalation_min=0)
    uid = create_request(ed)
    window = make_window(qtbot, hub.base_url, tmp_path, settings=settings, clock=clock, tick_ms=50)
    assert titles(window) == ["1 new stroke request"]
    clock.shift += dt.timedelta(minutes=9, seconds=30)  # not on a minute's edge: see below
    qtbot.wait(200)
    assert len(window.alerter.history) == 1
    # hub clock moved on (its offset is measured to the second, hence the half minute above)
    assert window.model.index(0, Column.WAITING).data() == "9 min"
    clock.shift += dt.timedelta(seconds=40)
    qtbot.waitUntil(lambda: len(window.alerter.history) == 2, timeout=2000)
    record = window.alerter.history[1]
    assert record.title == "1 request still unclaimed after 10 min"
    assert (record.loud, record.sound) == (True, "escalation.wav")
    assert "background:#b71c1c" in window.banner.styleSheet()
    qtbot.wait(200)
    assert len(window.alerter.history) == 2  # not repeated (repeat 0)
    assert window.model.request_at(0).workitem_uid == uid


def test_backup_radiologist_is_alerted_by_escalations_only(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    clock = FakeClock()
    settings = WorklistSettings(escalate_after_min=5, duty="backup")
    create_request(ed)
    window = make_window(qtbot, hub.base_url, tmp_path, settings=settings, clock=clock, tick_ms=50)
    assert window.alerter.history == []
    assert window.model.rowCount() == 1  # listed, silently
    clock.shift += dt.timedelta(minutes=6)
    qtbot.waitUntil(lambda: bool(window.alerter.history), timeout=2000)
    assert window.alerter.history[0].loud
