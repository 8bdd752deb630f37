"""Shared helpers of the worklist window tests: a real minihub, requests, a window."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydicom.uid import generate_uid

from app.hub.client import HttpHub
from app.store.keys import MasterKey
from app.ui.case_opener import OpenCase
from app.ui.case_services import CaseServices
from app.ui.main import MainWindow
from app.worklist.claims import ClaimStore
from app.worklist.settings import SettingsStore, WorklistSettings
from app.worklist.signer import RadiologistStore
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.hub_util import FAST

CT = "1.2.840.10008.5.1.4.1.1.2"
ME = "DUPONT^Anne"


class RecordingSound:
    """Stands in for the loudspeaker: remembers which sound files were played."""

    def __init__(self) -> None:
        self.played: list[str] = []

    def play(self, path: Path) -> str:
        self.played.append(path.name)
        return "recorded"


class FakeClock:
    """The laptop's clock, standing still until the test moves it (``shift``).

    The hub's offset stays as measured at the window's last refresh, so the
    times on screen move by ``shift`` only, never by how long the test took
    (a slow machine cannot turn "9 min" into "10 min").
    """

    def __init__(self) -> None:
        self.start = dt.datetime.now(dt.UTC)
        self.shift = dt.timedelta(0)

    def __call__(self) -> dt.datetime:
        return self.start + self.shift


def create_request(
    hub: HttpHub,
    *,
    site: str = "CH Verdun, Urgences",
    priority: str = "HIGH",
    minutes_ago: float = 0,
    nihss: int = 17,
    name: str = "SYNTH^ALERT",
) -> str:
    """POST /workitems as an ED would; returns the workitem UID."""
    now = dt.datetime.now(dt.UTC)
    study = generate_uid()
    inputs = [InputSeries(study, generate_uid(), [(CT, generate_uid())], "")]
    body = build_request_workitem(
        ClinicalRequest(
            site=site,
            physician="LEROY^Thomas",
            question="Thrombectomy?",
            nihss=nihss,
            last_known_well=now - dt.timedelta(minutes=minutes_ago + 70),
        ),
        patient={"PatientName": name, "PatientID": "SYN-A1", "IssuerOfPatientID": "SYNTH"},
        inputs=inputs,
        scheduled=now - dt.timedelta(minutes=minutes_ago),
        priority=priority,
    )
    return hub.create_workitem(body)


def services_in(folder: Path, hub: HttpHub, **options: Any) -> CaseServices:
    """Case services whose files (drafts, outbox, audit, cache) live in ``folder``."""
    options.setdefault("decoder_workers", 0)
    return CaseServices(
        hub,
        user="danne",
        network="test-hub",
        data_dir=folder / "data",
        cache_dir=folder / "cache",
        key=MasterKey(bytes(range(32)), persistent=True),
        radiologists=RadiologistStore(folder / "radiologists.json"),
        **options,
    )


def make_window(
    qtbot: Any,
    base_url: str,
    folder: Path,
    *,
    settings: WorklistSettings | None = None,
    clock: Callable[[], dt.datetime] | None = None,
    **options: Any,
) -> MainWindow:
    """A shown main window on ``base_url`` whose files live in ``folder``."""
    options.setdefault("poll_interval_ms", 60_000)
    options.setdefault("events", False)
    hub = HttpHub(base_url, retry=FAST, read_timeout_s=5)
    if "services" not in options:
        options["services"] = services_in(folder, hub)
    window = MainWindow(
        hub,
        user=ME,
        claims=ClaimStore(folder / "claims.json"),
        settings=settings,
        settings_store=SettingsStore(folder / "worklist.json"),
        sound=RecordingSound(),
        use_tray=False,
        clock=clock,
        **options,
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window._last_ok is not None, timeout=10_000)
    return window


def titles(window: MainWindow) -> list[str]:
    return [record.title for record in window.alerter.history]


def row_of(window: MainWindow, uid: str) -> int:
    return window.model.row_of(uid)


def cell(window: MainWindow, uid: str, column: int) -> str:
    return str(window.model.index(window.model.row_of(uid), column).data())


def claim_and_open(qtbot: Any, window: MainWindow, uid: str) -> OpenCase:
    """Claim the selected request ``uid`` from the window, open it and wait for its images."""
    window.claim_action.trigger()

    def claimed() -> bool:
        request = window.selected_request() if window.select(uid) else None
        return request is not None and request.state == "IN PROGRESS" and window.is_mine(request)

    qtbot.waitUntil(claimed, timeout=10_000)
    window.open_action.trigger()
    case = window.cases[uid]
    qtbot.waitUntil(lambda: case.window.result is not None, timeout=60_000)
    assert case.window.result.complete, case.window.result.errors
    return case
