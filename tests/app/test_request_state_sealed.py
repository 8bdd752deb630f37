"""The ED's request states: sealed at rest, legacy plain files migrated, old sent ones purged."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
from pathlib import Path

import pytest

from app.ed.request.state import RETENTION, RequestState, RequestStateStore, SeriesState
from app.store.sealed import SealedBox, Unreadable

KEY = secrets.token_bytes(32)
START = dt.datetime(2026, 3, 2, 8, 50, tzinfo=dt.UTC)
HISTORY = "Atrial fibrillation, apixaban stopped by Mrs Quintavalle"
STUDY = "1.2.826.0.1.3680043.8.498.1"


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> dt.datetime:
        return self.now


def state(request_id: str, status: str = "sending") -> RequestState:
    return RequestState(
        request_id=request_id,
        key=f"key-{request_id}",
        hub_url="http://127.0.0.1:1/dicom-web",
        workitem_uid=f"1.2.826.0.1.3680043.8.498.{len(request_id)}7",
        created=START.isoformat(),
        form={"nihss": 17, "glucose": {"value": "6.3", "unit": "mmol/L"}, "history": HISTORY},
        series=[
            SeriesState(
                study_uid=STUDY,
                series_uid=f"{STUDY}.2",
                title="CT head, 2 images",
                kind="ct",
                paths=["/media/cd/IM0001", "/media/cd/IM0002"],
                instances=[["1.2.840.10008.5.1.4.1.1.2", f"{STUDY}.3"]] * 2,
            )
        ],
        status=status,
    )


def store(folder: Path, clock: Clock, key: bytes = KEY) -> RequestStateStore:
    return RequestStateStore(folder, SealedBox(key, "requests"), clock=clock)


def on_disk(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())


def test_saved_state_reveals_no_clinical_value_nor_id(tmp_path: Path) -> None:
    clock = Clock()
    states = store(tmp_path / "requests", clock)
    states.save(state("req-abc"))
    raw = on_disk(tmp_path / "requests")
    for value in (
        b"Quintavalle",
        b"apixaban",
        b"6.3",
        b"mmol",
        b"nihss",
        b"IM0001",
        STUDY.encode(),
    ):
        assert value not in raw
    names = [p.name for p in (tmp_path / "requests").iterdir()]
    assert names and all("req-abc" not in n and not n.endswith(".json") for n in names)
    again = store(tmp_path / "requests", clock).load("req-abc")
    assert again.form["history"] == HISTORY and again.form["nihss"] == 17
    assert again.series[0].paths == ["/media/cd/IM0001", "/media/cd/IM0002"]
    assert [s.request_id for s in states.unfinished()] == ["req-abc"]


def test_legacy_plain_state_is_sealed_on_first_read_and_resumable(tmp_path: Path) -> None:
    folder = tmp_path / "requests"
    folder.mkdir()
    legacy = state("req-old", status="failed").to_json()
    del legacy["updated"]  # written before the field existed
    (folder / "req-old.json").write_text(json.dumps(legacy), encoding="utf-8")
    (folder / "notes.json").write_text("not a state", encoding="utf-8")  # left alone
    clock = Clock()
    clock.now = START + 3 * RETENTION  # old, but not sent: kept
    states = store(folder, clock)
    [pending] = states.unfinished()
    assert pending.request_id == "req-old" and pending.status == "failed"
    assert pending.form["history"] == HISTORY
    assert not (folder / "req-old.json").exists()
    assert (folder / "notes.json").exists()
    assert HISTORY.encode() not in on_disk(folder).replace(b"not a state", b"")
    assert store(folder, clock).load("req-old").workitem_uid == pending.workitem_uid


def test_legacy_plain_state_migrated_by_load(tmp_path: Path) -> None:
    folder = tmp_path / "requests"
    folder.mkdir()
    (folder / "req-x.json").write_text(json.dumps(state("req-x").to_json()), encoding="utf-8")
    states = store(folder, Clock())
    assert states.load("req-x").form["nihss"] == 17
    assert not (folder / "req-x.json").exists()
    assert states.load("req-x").form["nihss"] == 17  # now from the sealed file
    with pytest.raises(KeyError):
        states.load("req-none")


def test_purge_removes_old_sent_requests_only(tmp_path: Path) -> None:
    clock = Clock()
    states = store(tmp_path / "requests", clock)
    for request_id, status in [("a-done", "done"), ("b-fail", "failed"), ("c-send", "sending"),
                               ("d-cancel", "cancelled")]:  # fmt: skip
        states.save(state(request_id, status))
    clock.now = START + dt.timedelta(days=1)
    states.save(state("e-done", "done"))  # sent a day later
    clock.now = START + RETENTION + dt.timedelta(hours=1)
    kept = {s.request_id for s in states.all()}
    assert kept == {"b-fail", "c-send", "d-cancel", "e-done"}
    assert len(list((tmp_path / "requests").glob("*.bin"))) == 4  # the file itself is gone
    assert len(list((tmp_path / "requests").glob("*.sent"))) == 4  # and its marker
    clock.now = START + 10 * RETENTION
    assert {s.request_id for s in states.all()} == {"b-fail", "c-send", "d-cancel"}
    assert {s.request_id for s in states.unfinished()} == {"b-fail", "c-send", "d-cancel"}


def test_tampered_or_foreign_state_is_reported_not_dropped(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    folder = tmp_path / "requests"
    states = store(folder, clock)
    states.save(state("req-1"))
    states.save(state("req-2", "done"))
    target = states.path("req-1")
    data = bytearray(target.read_bytes())
    data[-5] ^= 0x01
    target.write_bytes(bytes(data))
    with pytest.raises(Unreadable, match="cannot be read"):
        states.load("req-1")
    with pytest.raises(ValueError):  # what the resume paths (CLI, ED) already report
        states.load("req-1")
    clock.now = START + 10 * RETENTION
    with caplog.at_level(logging.WARNING, logger="app.ed.request.state"):
        assert [s.request_id for s in states.all()] == []  # req-2 purged, req-1 unreadable
    assert states.unreadable == 1 and "could not be read" in caplog.text
    assert target.exists()  # never removed: it may hold a request not yet sent
    # Another key (e.g. no keyring last time): reported the same way, kept.
    stranger = store(folder, clock, key=secrets.token_bytes(32))
    assert stranger.all() == [] and stranger.unreadable == 1
    with pytest.raises(KeyError):  # names are keyed too: it is not found under its id
        stranger.load("req-1")
    assert target.exists()


def test_a_state_file_moved_to_another_request_is_refused(tmp_path: Path) -> None:
    states = store(tmp_path / "requests", Clock())
    states.save(state("req-1"))
    states.path("req-1").rename(states.path("req-2"))
    with pytest.raises(Unreadable):
        states.load("req-2")
    assert states.all() == [] and states.unreadable == 1


def test_a_sent_request_whose_state_cannot_be_read_is_not_sent_twice(tmp_path: Path) -> None:
    """Without a system keyring the key dies with its process: the next run cannot
    read what was sent, yet must not start the same request again as a second one."""
    from app.ed.request.state import UnreadableState

    clock = Clock()
    first = store(tmp_path, clock)  # the first run's key
    first.save(state("r1"))
    later = store(tmp_path, clock, key=secrets.token_bytes(32))  # a later run, a new key
    with pytest.raises(UnreadableState, match="second request"):
        later.find("key-r1")
    assert later.unreadable == 1
    assert later.find("key-other") is None  # another request is not held up
    assert first.find("key-r1") is not None  # the key that sealed it still reads it
    first.remove("r1")
    assert later.find("key-r1") is None  # removed with its state: nothing left to refuse
    assert b"key-r1" not in on_disk(tmp_path)
