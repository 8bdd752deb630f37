"""The opinion panel and issue #10's rules, under Xvfb on a real minihub, with an injected
clock: "No angiography available" among the occlusion answers (refused while a series is a
CTA), a present haemorrhage asks for its side (midline included), ASPECTS hidden while early
signs are not assessed, "phoned at" typed after midnight dated yesterday, and the identity
dialog saying that an override of an earlier version no longer applies."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from app.hub.client import HttpHub
from app.opinion import drafts as drafts_module
from app.opinion import model as m
from app.opinion.schema import opinion_to_dict
from app.ui.opinion.identity import IdentityOverrideDialog, legacy_override_text
from app.ui.opinion.outbox_panel import OutboxRunner
from app.ui.opinion.panel import OpinionPanel
from app.ui.opinion.verdict_words import screen_verdicts
from app.worklist.model import Request
from minihub.server import HubServer
from tests.app.opinion_session_util import Desk, choose, claimed_request, show_panel
from tests.app.sending_util import FAST, PARIS, Case, Clock

#: Ten past midnight on 2 March: a call at 23:50 was yesterday's.
AFTER_MIDNIGHT = dt.datetime(2025, 3, 2, 0, 10, tzinfo=PARIS)


@dataclasses.dataclass
class Desktop:
    hub: HttpHub
    desk: Desk
    case: Case
    request: Request
    runner: OutboxRunner


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[Desktop]:
    server = HubServer(tmp_path / "hub").start()
    hub = HttpHub(server.base_url, retry=FAST)
    desk = Desk(tmp_path / "desk", server.base_url, Clock(AFTER_MIDNIGHT))
    case, request = claimed_request(hub, tmp_path / "study", desk)
    runner = OutboxRunner(desk.outbox, interval_ms=100)
    try:
        yield Desktop(hub, desk, case, request, runner)
    finally:
        runner.stop()
        hub.close()
        server.stop()


def open_panel(qtbot, desktop: Desktop, request: Request | None = None) -> OpinionPanel:
    session = desktop.desk.session(request or desktop.request, desktop.case.study)
    panel = show_panel(qtbot, OpinionPanel(session, desktop.runner))
    qtbot.waitExposed(panel)
    return panel


def missing(panel: OpinionPanel) -> list[str]:
    return [panel.missing.item(i).text() for i in range(panel.missing.count())]


def test_no_angiography_is_an_answer_refused_while_a_series_is_a_cta(
    qtbot, desktop: Desktop
) -> None:
    panel = open_panel(qtbot, desktop)
    occlusion = panel.form.choices["occlusion"]
    assert [o.text for o in occlusion.options] == [
        "Not assessed", "None", "Present", "No angiography available",
    ]  # fmt: skip
    assert any("Vessel occlusion: a series looks angiographic" in t for t in missing(panel))
    choose(panel, "occlusion", m.NO_ANGIOGRAPHY)
    assert panel.session.opinion.occlusion.no_angiography
    assert occlusion.value() == m.NO_ANGIOGRAPHY  # shown back from the model
    assert any("'No angiography available' does not fit" in t for t in missing(panel))
    choose(panel, "occlusion", m.Finding.ABSENT)
    o = panel.session.opinion.occlusion
    assert o.status is m.Finding.ABSENT and not o.no_angiography
    assert not any(t.startswith("Vessel occlusion") for t in missing(panel))


def test_a_present_haemorrhage_asks_for_its_side_midline_included(qtbot, desktop: Desktop) -> None:
    panel = open_panel(qtbot, desktop)
    choose(panel, "haemorrhage", m.Finding.PRESENT)
    side = panel.form.choices["haemorrhage.side"]
    assert side.isVisible()
    assert [o.value for o in side.options] == [None, *m.Side]
    assert "Haemorrhage: give its side (left, right, both or midline)" in missing(panel)
    choose(panel, "haemorrhage.side", m.Side.MIDLINE)
    assert panel.session.opinion.haemorrhage.side is m.Side.MIDLINE
    assert "Haemorrhage: give its side (left, right, both or midline)" not in missing(panel)


def test_aspects_shows_only_once_early_signs_are_assessed(qtbot, desktop: Desktop) -> None:
    panel = open_panel(qtbot, desktop)
    form = panel.form
    assert not form.aspects_side.isVisible() and not form.pc_scored.isVisible()
    choose(panel, "ischaemia", m.Finding.PRESENT)
    assert form.aspects_side.isVisible() and form.pc_scored.isVisible()
    form.aspects_side.buttons[1].click()  # left hemisphere
    form.aspects_boxes[m.AspectsRegion.M2].click()
    assert form.aspects_score.text() == "ASPECTS 9"
    choose(panel, "ischaemia", m.Finding.NOT_ASSESSED)  # back to not assessed
    assert not form.aspects_side.isVisible() and not form.aspects_grid.isVisible()
    assert form.aspects_score.text() == ""
    signed = panel.session.sending._candidate(m.ReportKind.FINAL)
    assert signed.ischaemia.aspects is None  # what would be signed carries no score
    choose(panel, "ischaemia", m.Finding.ABSENT)
    assert form.aspects_side.isVisible() and form.aspects_grid.isVisible()


def test_phoned_at_typed_after_midnight_is_dated_yesterday(qtbot, desktop: Desktop) -> None:
    panel = open_panel(qtbot, desktop)
    form = panel.form
    qtbot.keyClicks(form.phoned_to, "Dr PETIT")
    call = panel.session.opinion.phoned
    assert call is not None and call.at == AFTER_MIDNIGHT and form.phoned_day.text() == ""
    form.phoned_at.setTime(QTime(23, 50))  # the time as the radiologist types it
    call = panel.session.opinion.phoned
    assert call is not None and call.at == dt.datetime(2025, 3, 1, 23, 50, tzinfo=PARIS)
    assert form.phoned_day.text() == "yesterday"
    form.phoned_at.setTime(QTime(0, 5))
    call = panel.session.opinion.phoned
    assert call is not None and call.at == dt.datetime(2025, 3, 2, 0, 5, tzinfo=PARIS)
    assert form.phoned_day.text() == ""


def test_the_identity_dialog_says_an_old_override_no_longer_applies(
    qtbot, desktop: Desktop, monkeypatch: pytest.MonkeyPatch
) -> None:
    request = dataclasses.replace(desktop.request, patient_id="NAN-0043")
    session = desktop.desk.session(request, desktop.case.study)

    def old_form(opinion: m.Opinion) -> dict[str, Any]:
        data = opinion_to_dict(opinion)
        data["identity_override"] = {
            "reason": "ED typo", "by": "cmartin", "at": AFTER_MIDNIGHT.isoformat(),
            "fields": ["patient_id"],
        }  # fmt: skip
        return data

    monkeypatch.setattr(drafts_module, "opinion_to_dict", old_form)
    session.drafts.save(session.case, session.opinion)  # saved by an earlier version
    monkeypatch.undo()

    panel = open_panel(qtbot, desktop, request)
    assert panel.session.legacy_override and panel.session.opinion.identity_override is None
    assert panel.identity.objectName() == "banner-error"
    assert legacy_override_text() in panel.identity.text()
    seen: list[str] = []

    def inspect() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, IdentityOverrideDialog)
        seen.append(dialog.legacy_note.text() if dialog.legacy_note.isVisible() else "")
        seen.append(dialog.text.text())
        dialog.reject()

    QTimer.singleShot(0, inspect)
    assert not panel.override_identity()  # the dialog, cancelled
    assert seen[0] == legacy_override_text()
    assert "Patient ID: request NAN-0043, images NAN-0042" in seen[1]
    assert "covers exactly these values" in seen[1]

    plain = IdentityOverrideDialog(panel.session.identity.uncovered(), panel)
    qtbot.addWidget(plain)
    assert plain.legacy_note.isHidden()
    assert panel.override_identity("Checked again: same patient")
    assert panel.identity.objectName() == "banner-warn"
    assert isinstance(plain, QDialog)


def test_the_ed_reads_no_angiography_and_a_midline_haemorrhage(qtbot) -> None:
    opinion = m.Opinion(
        haemorrhage=m.Haemorrhage(
            m.Finding.PRESENT, [m.HaemorrhageType.INTRAVENTRICULAR], m.Side.MIDLINE
        ),
        occlusion=m.Occlusion(no_angiography=True),
    )
    haemorrhage, occlusion, *_ = screen_verdicts(opinion)
    assert haemorrhage.text == "HAEMORRHAGE: intraventricular, midline"
    assert occlusion.text == "Not assessable: no angiography available"
