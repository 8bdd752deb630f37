"""The worklist watcher against a real minihub: a new request raises an alert."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.hub.client import HttpHub
from app.worklist.model import Request, Worklist, WorklistWatcher
from tests.hub_util import minihub_client, ready_workitem


def workitem(label: str) -> dict:
    return ready_workitem(label, "SYNTH^WATCH", "SL-W-1")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HttpHub]:
    yield from minihub_client(tmp_path / "hub")


def test_new_changed_and_gone_requests(hub: HttpHub):
    worklist = Worklist()
    new: list[Request] = []
    changed: list[tuple[Request, Request]] = []
    gone: list[Request] = []
    watcher = WorklistWatcher(
        hub,
        worklist=worklist,
        on_new_request=new.append,
        on_changed_request=lambda before, now: changed.append((before, now)),
        on_gone_request=gone.append,
    )
    assert not watcher.poll_once()
    assert new == []

    uid = hub.create_workitem(workitem("NCCT + CTA, thrombectomy?"))  # POST /workitems
    changes = watcher.poll_once()
    assert [r.workitem_uid for r in changes.new] == [uid]
    assert [r.workitem_uid for r in new] == [uid]
    assert new[0].state == "SCHEDULED" and new[0].priority == "HIGH"
    assert [r.workitem_uid for r in worklist.requests] == [uid]

    assert not watcher.poll_once()  # nothing new: no second alert
    assert len(new) == 1

    transaction = hub.claim(uid)
    watcher.poll_once()
    assert [(b.state, n.state) for b, n in changed] == [("SCHEDULED", "IN PROGRESS")]

    hub.cancel(uid, transaction, "handed back")
    watcher.poll_once()
    assert [r.workitem_uid for r in gone] == [uid]
    assert worklist.requests == []


def test_requests_waiting_at_start_are_alerted(hub: HttpHub):
    uid = hub.create_workitem(workitem("waiting"))
    seen: list[str] = []
    WorklistWatcher(hub, on_new_request=lambda r: seen.append(r.workitem_uid)).poll_once()
    assert seen == [uid]
