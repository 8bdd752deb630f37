"""Alert and escalation rules, with an injected (hub) clock: no hub, no display."""

from __future__ import annotations

import datetime as dt

import pytest

from app.worklist.alerts import Alert, AlertKind, AlertPolicy
from app.worklist.model import Request, WorklistChanges
from app.worklist.settings import (
    LkwBand,
    LkwThresholds,
    SettingsStore,
    WorklistSettings,
    lkw_band,
)

T0 = dt.datetime(2025, 6, 1, 10, 0, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def request(uid: str, state: str = "SCHEDULED", sent: dt.datetime | None = T0, **extras) -> Request:
    return Request(uid, state, "HIGH", scheduled=sent, performer="", extras=extras)


def nobody(_: Request) -> bool:
    return False


def everyone(_: Request) -> bool:
    return True


def kinds(alerts: list[Alert]) -> list[tuple[AlertKind, str, bool]]:
    return [(a.kind, a.request.workitem_uid, a.loud) for a in alerts]


def test_new_request_alerts_then_escalates_after_n_minutes_and_repeats() -> None:
    policy = AlertPolicy(escalate_after=10 * MINUTE, repeat_escalation=5 * MINUTE)
    new = request("1.1")
    assert kinds(policy.on_changes(WorklistChanges(new=[new]), T0 + MINUTE, nobody)) == [
        (AlertKind.NEW, "1.1", False)
    ]
    assert policy.due([new], T0 + 9 * MINUTE) == []
    assert kinds(policy.due([new], T0 + 10 * MINUTE)) == [(AlertKind.ESCALATION, "1.1", True)]
    assert policy.due([new], T0 + 11 * MINUTE) == []  # once per period
    assert kinds(policy.due([new], T0 + 15 * MINUTE)) == [(AlertKind.ESCALATION, "1.1", True)]
    claimed = request("1.1", state="IN PROGRESS")
    assert policy.due([claimed], T0 + 30 * MINUTE) == []  # claimed: the escalation stops


def test_escalation_once_when_not_repeated() -> None:
    policy = AlertPolicy(escalate_after=10 * MINUTE, repeat_escalation=None)
    new = request("1.2")
    assert len(policy.due([new], T0 + 10 * MINUTE)) == 1
    assert policy.due([new], T0 + 60 * MINUTE) == []


def test_request_already_overdue_at_start_escalates_instead_of_a_plain_alert() -> None:
    policy = AlertPolicy(escalate_after=10 * MINUTE)
    old = request("1.3", sent=T0 - 20 * MINUTE)
    alerts = policy.on_changes(WorklistChanges(new=[old]), T0, nobody)
    assert kinds(alerts) == [(AlertKind.ESCALATION, "1.3", True)]


def test_backup_radiologist_is_alerted_only_by_escalations() -> None:
    policy = AlertPolicy(escalate_after=10 * MINUTE, backup=True)
    new = request("1.4")
    assert policy.on_changes(WorklistChanges(new=[new]), T0, nobody) == []
    assert kinds(policy.due([new], T0 + 10 * MINUTE)) == [(AlertKind.ESCALATION, "1.4", True)]


def test_request_without_start_time_waits_from_when_it_was_first_seen() -> None:
    policy = AlertPolicy(escalate_after=10 * MINUTE)
    new = request("1.5", sent=None)
    assert len(policy.on_changes(WorklistChanges(new=[new]), T0, nobody)) == 1
    assert policy.due([new], T0 + 9 * MINUTE) == []
    assert len(policy.due([new], T0 + 10 * MINUTE)) == 1
    policy.on_changes(WorklistChanges(gone=[new]), T0 + 11 * MINUTE, nobody)
    assert "1.5" not in policy.first_seen


def test_cancel_request_alerts_the_reader_once() -> None:
    policy = AlertPolicy()
    before = request("1.6", state="IN PROGRESS")
    after = request("1.6", state="IN PROGRESS", cancel_requested=True, cancel_reason="transfer")
    changes = WorklistChanges(changed=[(before, after)])
    assert policy.on_changes(changes, T0, nobody) == []  # not mine: no alert
    assert kinds(policy.on_changes(changes, T0, everyone)) == [
        (AlertKind.CANCEL_REQUESTED, "1.6", False)
    ]
    assert policy.cancel_requested(after, everyone) == []  # the event after the poll: once
    other = request("1.7", state="IN PROGRESS")
    assert len(policy.cancel_requested(other, everyone)) == 1


def test_lkw_bands_follow_the_guideline_windows() -> None:
    defaults = LkwThresholds()
    hours = dt.timedelta(hours=1)
    assert lkw_band(None, defaults) is None
    assert lkw_band(4 * hours, defaults) is LkwBand.THROMBOLYSIS
    assert lkw_band(4.5 * hours, defaults) is LkwBand.THROMBECTOMY
    assert lkw_band(7 * hours, defaults) is LkwBand.EXTENDED
    assert lkw_band(24 * hours, defaults) is LkwBand.BEYOND
    network = LkwThresholds(thrombolysis_h=9, thrombectomy_h=9, extended_h=24)
    assert lkw_band(7 * hours, network) is LkwBand.THROMBOLYSIS
    with pytest.raises(ValueError):
        LkwThresholds(thrombolysis_h=7, thrombectomy_h=6)


def test_settings_per_network_round_trip(tmp_path) -> None:
    store = SettingsStore(tmp_path / "worklist.json")
    assert store.load("lorraine") == WorklistSettings()
    mine = WorklistSettings(escalate_after_min=5, duty="backup", lkw=LkwThresholds(4, 6, 16))
    store.save("lorraine", mine)
    assert store.load("lorraine") == mine
    assert store.load("alsace") == WorklistSettings()
    assert store.set_muted("lorraine", True).muted
    assert store.load("lorraine").muted and store.load("lorraine").duty == "backup"
    with pytest.raises(ValueError):
        WorklistSettings(duty="on holiday")  # type: ignore[arg-type]
