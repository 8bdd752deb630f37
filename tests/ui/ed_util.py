"""Shared by the ED window tests: a shown ED window on a real minihub, and a radiologist
who claims a request and delivers an opinion through the real outbox."""

from __future__ import annotations

import datetime as dt
import secrets
from pathlib import Path
from typing import Any

from pydicom.dataset import Dataset

from app.ed.request.state import RequestStateStore
from app.hub.client import HttpHub
from app.hub.protocol import JsonDataset
from app.opinion import model as m
from app.opinion.build import build_documents, example_opinion
from app.opinion.identity import PatientIdentity
from app.opinion.signing import sign
from app.opinion.study import Study
from app.outbox.store import DeliveryState
from app.ui.ed.ed_settings import EdSettingsStore
from app.ui.ed.requests_tab import RequestsTab
from app.ui.ed.window import EdMainWindow
from app.worklist.claims import ClaimStore, claim_request
from app.worklist.model import request_from_workitem
from tests.app.opinion.conftest import RADIOLOGIST
from tests.app.sending_util import Clock, make_outbox
from tests.ui.worklist_util import FAST, RecordingSound

SITE = "CH Verdun, Urgences"
PHYSICIAN = "LEROY^Thomas"


def refreshed(qtbot: Any, tab: RequestsTab) -> None:
    """Refresh the ED's list of requests and wait until it is loaded."""
    with qtbot.waitSignal(tab.loaded, timeout=15_000):
        tab.refresh()


class OpenedFiles:
    """Stands in for the desktop's file opener: remembers what it was asked to open."""

    def __init__(self) -> None:
        self.paths: list[Path] = []

    def __call__(self, path: Path) -> bool:
        self.paths.append(path)
        return True


def make_ed_window(
    qtbot: Any, base_url: str, folder: Path, *, hub: HttpHub | None = None, **options: Any
) -> EdMainWindow:
    """A shown ED window whose files (settings, send states) live in ``folder``; closing
    it never asks (tests of that question set ``window.ask_close`` themselves)."""
    options.setdefault("site", SITE)
    options.setdefault("poll_interval_ms", 60_000)
    window = EdMainWindow(
        hub or HttpHub(base_url, retry=FAST, read_timeout_s=10),
        settings_store=EdSettingsStore(folder / "ed.json"),
        state_store=RequestStateStore(folder / "requests"),
        sound=RecordingSound(),
        use_tray=False,
        open_file=OpenedFiles(),
        **options,
    )
    window.ask_close = lambda kind: "discard"  # closes without a modal question
    qtbot.addWidget(window)
    window.show()
    return window


def find_workitem(hub: HttpHub, study_uid: str) -> JsonDataset:
    [item] = hub.search_workitems({"StudyInstanceUID": study_uid})
    return item


def deliver_opinion(
    base_url: str,
    folder: Path,
    images: Path,
    workitem_uid: str,
    *,
    kind: m.ReportKind = m.ReportKind.FINAL,
) -> str:
    """Claim the request as Dr MARTIN, write a left-M1 opinion on ``images`` and send it
    through the outbox; returns the SR's SOP Instance UID."""
    with HttpHub(base_url, retry=FAST) as hub:
        item = hub.retrieve_workitem(workitem_uid)
        claims = ClaimStore(folder / "claims.json")
        transaction = claims.get(base_url, workitem_uid) or claim_request(
            hub, claims, workitem_uid, RADIOLOGIST.name
        )
    study = Study.from_folder(images)
    request = request_from_workitem(item)
    draft = example_opinion(study)
    draft.kind = kind
    draft.phoned = None
    draft.request = m.RequestInfo(
        identity=PatientIdentity.from_dataset(Dataset.from_json(item)),
        workitem_uid=workitem_uid,
        requesting_site=request.requesting_site,
        requesting_physician=request.requesting_physician,
        question=request.question,
    )
    if kind is m.ReportKind.PRELIMINARY:
        draft.recommendation.thrombectomy = m.ThrombectomyAdvice.PENDING
    clock = Clock(dt.datetime.now().astimezone().replace(microsecond=0))
    signed = sign(draft, RADIOLOGIST, at=clock(), seed=secrets.token_hex(8))
    documents = build_documents(signed, study)
    outbox = make_outbox(folder / "outbox", base_url, clock)
    outbox.submit(signed, documents, workitem_uid=workitem_uid, transaction_uid=transaction)
    [status] = outbox.process_once()
    assert status.state is DeliveryState.DELIVERED, status.reason
    assert signed.uids is not None
    return signed.uids.sr_instance
