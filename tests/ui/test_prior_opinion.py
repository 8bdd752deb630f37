"""Opening a case whose study already has a final opinion shows it first (issue #9 item 7).

Two requests for one study on a real minihub: the radiologist claims and opens the
second. With no opinion in the study the panel is there at once; once another
radiologist's final opinion answers the first request, reopening shows who signed it,
when, for which request and its verdicts in place of the panel, until "Write a new
opinion" is chosen.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel

from app.hub.client import HttpHub
from app.opinion import model as m
from app.ui.case_opener import OpenCase
from app.ui.main import MainWindow
from app.worklist.signer import RadiologistStore
from minihub.server import HubServer
from tests.app.answers_util import DURAND, NOW, deliver, request_for, stored_study
from tests.app.opinion.conftest import RADIOLOGIST
from tests.ui.worklist_util import FAST, make_window

SITE = "CH Verdun, Urgences"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("minihub")) as hub:
        yield hub


def open_claimed(qtbot: Any, window: MainWindow, uid: str) -> OpenCase:
    window.refresh()
    qtbot.waitUntil(lambda: window.select(uid), timeout=10_000)
    request = window.selected_request()
    assert request is not None
    case = window.open_case(request)
    qtbot.waitUntil(lambda: case.gate.found is not None, timeout=15_000)
    return case


def close(qtbot: Any, window: MainWindow, case: OpenCase) -> None:
    qtbot.waitUntil(lambda: case.window.result is not None, timeout=30_000)
    case.close()
    qtbot.waitUntil(lambda: case.workitem_uid not in window.cases, timeout=10_000)


def test_a_final_opinion_in_the_study_is_shown_before_writing_another(
    qtbot: Any, server: HubServer, tmp_path: Path
) -> None:
    with HttpHub(server.base_url, retry=FAST) as hub:
        study = stored_study(hub, tmp_path / "study")
        first = request_for(hub, study, SITE, lkw=None, claim=True)
        second = request_for(hub, study, SITE, lkw=None)
    RadiologistStore(tmp_path / "radiologists.json").save("test-hub", RADIOLOGIST)
    window = make_window(qtbot, server.base_url, tmp_path)
    assert window.select(second.workitem_uid)
    window.claim_action.trigger()

    def claimed() -> bool:
        request = window.selected_request() if window.select(second.workitem_uid) else None
        return request is not None and request.state == "IN PROGRESS" and window.is_mine(request)

    qtbot.waitUntil(claimed, timeout=10_000)

    # Nothing in the study yet: the panel is there at once.
    case = open_claimed(qtbot, window, second.workitem_uid)
    assert case.gate.found == 0
    assert case.panel.isVisible() and not case.gate.banner.isVisible()
    close(qtbot, window, case)

    # Dr DURAND answers the other request for the same study.
    signed_at = NOW + dt.timedelta(minutes=20)
    with HttpHub(server.base_url, retry=FAST) as hub:
        deliver(hub, first, DURAND, m.ReportKind.FINAL, at=signed_at)

    case = open_claimed(qtbot, window, second.workitem_uid)
    gate, banner = case.gate, case.gate.banner
    assert gate.found == 1 and gate.waiting_for_choice
    assert banner.isVisible() and not case.panel.isVisible()
    title = banner.findChild(QLabel, "prior-title")
    assert title is not None and title.text() == "A final opinion already exists for this study"
    assert banner.who_text(0) == (
        "Final opinion by DURAND Paul, signed 01/03/2025 14:20 (UTC+01:00) — "
        "for another request of this study"
    )
    assert banner.verdict_texts(0) == [
        "NO HAEMORRHAGE",
        "OCCLUSION: LEFT M1",
        "No imaging contraindication",
        "CANDIDATE: transfer to a thrombectomy centre",
    ]
    assert banner.write_button.isVisible()

    banner.write_button.click()  # read, and chosen: this request gets its own opinion
    assert case.panel.isVisible() and not banner.isVisible() and not gate.waiting_for_choice
    close(qtbot, window, case)
