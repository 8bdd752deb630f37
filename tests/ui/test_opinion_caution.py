"""The opinion panel cautions, without blocking, when "no imaging contraindication to IV
thrombolysis" meets a clinical flag the ED reported (issue #9), on a real minihub.

The request is claimed on the hub; the ED reported a DOAC taken 2 h ago and a
blood pressure of 210/115 mmHg. Choosing "No imaging contraindication" by
the mouse shows the caution naming them with their values; choosing
"Contraindicated" hides it; the final opinion can still be signed and sent.
A request without flags never shows it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.hub.client import HttpHub
from app.opinion import model as m
from app.ui.opinion.panel import OpinionPanel
from app.worklist.model import Request
from minihub.server import HubServer
from protocol.request import ClinicalRequest
from tests.app.opinion_session_util import Desk, choose, claimed_request, show_panel
from tests.app.sending_util import FAST, Case

NOW = dt.datetime(2025, 3, 1, 14, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
FLAGGED = ClinicalRequest(
    site="CH Verdun, Urgences", physician="LEROY^Thomas", question="Thrombolysis?",
    anticoagulation="DOAC", last_dose=NOW - dt.timedelta(hours=2), systolic_bp=210,
    diastolic_bp=115, glucose=6.1,
)  # fmt: skip


@pytest.fixture
def claimed(tmp_path: Path) -> Iterator[tuple[Desk, Case, Request]]:
    with HubServer(tmp_path / "hub") as server, HttpHub(server.base_url, retry=FAST) as hub:
        desk = Desk(tmp_path / "desk", server.base_url, lambda: NOW)
        case, request = claimed_request(hub, tmp_path / "study", desk)
        yield desk, case, request


def open_panel(qtbot, desk: Desk, case: Case, request: Request) -> OpinionPanel:
    return show_panel(qtbot, OpinionPanel(desk.session(request, case.study)))


def test_caution_names_the_flags_and_sending_stays_possible(qtbot, claimed) -> None:
    desk, case, request = claimed
    flagged = dataclasses.replace(request, clinical=FLAGGED)  # what the ED sent
    panel = open_panel(qtbot, desk, case, flagged)
    assert not panel.caution.isVisible()

    choose(panel, "recommendation.thrombolysis", m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION)
    assert panel.caution.isVisible() and panel.caution.objectName() == "banner-warn"
    assert panel.caution.text().startswith(
        "The ED reports: BP 210/115 mmHg; DOAC (last dose 2 h 00 min ago). "
        "No imaging contraindication to IV thrombolysis is chosen"
    )
    choose(panel, "recommendation.thrombolysis", m.ThrombolysisAdvice.CONTRAINDICATED)
    assert not panel.caution.isVisible()
    choose(panel, "recommendation.thrombolysis", m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION)
    assert panel.caution.isVisible()

    # not blocking: nothing missing because of it, the final opinion can be signed
    session = panel.session
    for uid in session.series_uids():
        session.drafting.set_series_read(uid, True)
    choose(panel, "haemorrhage", m.Finding.ABSENT)
    choose(panel, "occlusion", m.Finding.ABSENT)
    choose(panel, "recommendation.thrombectomy", m.ThrombectomyAdvice.NOT_CANDIDATE)
    assert session.sending.problems(m.ReportKind.FINAL) == []
    assert panel.final_button.isEnabled() and panel.caution.isVisible()


def test_no_caution_without_a_flag(qtbot, claimed) -> None:
    desk, case, request = claimed
    calm = dataclasses.replace(
        request,
        clinical=dataclasses.replace(
            FLAGGED, anticoagulation="NONE", last_dose=None, systolic_bp=150, diastolic_bp=85
        ),
    )
    panel = open_panel(qtbot, desk, case, calm)
    choose(panel, "recommendation.thrombolysis", m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION)
    assert not panel.caution.isVisible()
