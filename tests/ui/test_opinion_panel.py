"""The opinion panel under Xvfb, on a real minihub over HTTP (issue #5 "Writing it").

Every finding starts "Not assessed"; ASPECTS ticks give the score; sending
stays disabled until the required fields are explicit; the required fields
fill with the keyboard alone through the Tab order; an identity difference
blocks until overridden with a typed reason; a draft comes back exactly in a
new panel. End to end: the ED's request claimed → the panel filled → a
preliminary then the final opinion sent → the workitem COMPLETED with the
documents referenced → the ED reads and acknowledges it. And with the hub
stopped while sending: the outbox panel says the opinion waits and why, the
hub comes back on the same data and port, the opinion is delivered once.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox, QWidget

from app.ed.site_requests import RequestState, acknowledge, acknowledgements_for, site_requests
from app.hub.client import HttpHub
from app.hub.ups import COMPLETED, IN_PROGRESS
from app.opinion import model as m
from app.opinion.study import Study
from app.outbox.store import Backoff, DeliveryState
from app.reading.state import CaseState
from app.ui.opinion.identity import IdentityOverrideDialog
from app.ui.opinion.outbox_panel import OutboxPanel, OutboxRunner, confirm_quit
from app.ui.opinion.panel import OpinionPanel
from app.worklist.model import Request
from minihub.server import HubServer
from tests.app.opinion.conftest import RADIOLOGIST, write_ct_series
from tests.app.opinion_session_util import (
    Desk,
    capture,
    choose,
    claimed_request,
    series_of,
    show_panel,
)
from tests.app.sending_util import FAST, SITE, Case, instances_on_hub, outputs_of, workitem_state


def now() -> dt.datetime:
    return dt.datetime.now().astimezone()


@dataclasses.dataclass
class Station:
    """The radiologist's workstation on one hub: files, the outbox runner, and a case."""

    server: HubServer
    hub: HttpHub
    desk: Desk
    case: Case
    request: Request
    runner: OutboxRunner

    def restart_hub(self) -> None:
        self.server = HubServer(self.server.data_dir, port=self.server.port).start()


@pytest.fixture
def station(tmp_path: Path, qtbot) -> Iterator[Station]:
    server = HubServer(tmp_path / "hub").start()
    hub = HttpHub(server.base_url, retry=FAST)
    desk = Desk(tmp_path / "desk", server.base_url, now, {"backoff": Backoff(first_s=0.5)})
    case, request = claimed_request(hub, tmp_path / "study", desk)
    runner = OutboxRunner(desk.outbox, interval_ms=100)
    made = Station(server, hub, desk, case, request, runner)
    try:
        yield made
    finally:
        runner.stop()
        hub.close()
        made.server.stop()


def open_panel(qtbot, station: Station, request: Request | None = None) -> OpinionPanel:
    session = station.desk.session(request or station.request, station.case.study)
    panel = show_panel(qtbot, OpinionPanel(session, station.runner))
    qtbot.waitExposed(panel)
    panel.activateWindow()
    return panel


def fill_by_mouse(panel: OpinionPanel, study: Study) -> None:
    for box in panel.form.series_checks.values():
        box.click()
    choose(panel, "haemorrhage", m.Finding.ABSENT)
    choose(panel, "occlusion", m.Finding.PRESENT)
    panel.form.site_boxes[m.OcclusionSite.M1].click()
    panel.form.site_sides[m.OcclusionSite.M1].buttons[0].click()  # L
    choose(panel, "recommendation.thrombolysis", m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION)
    choose(panel, "recommendation.thrombectomy", m.ThrombectomyAdvice.CANDIDATE)
    panel.form.conclusion.setPlainText("Left M1 occlusion; no haemorrhage.")


def tab_to(qtbot, panel: OpinionPanel, target: QWidget, limit: int = 120) -> None:
    """Press Tab until ``target`` has the focus (fails if the Tab order never reaches it)."""
    for _ in range(limit):
        focused = QApplication.focusWidget()
        if focused is target:
            return
        qtbot.keyClick(focused or panel, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r}")


def answer_message_box(button: QMessageBox.StandardButton) -> QTimer:
    """Click ``button`` on the next message box shown (a timer that looks every 50 ms)."""
    timer = QTimer()
    timer.setInterval(50)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMessageBox) and widget.isVisible():
                timer.stop()
                widget.button(button).click()

    timer.timeout.connect(look)
    timer.start()
    return timer


def test_every_finding_starts_not_assessed(qtbot, station: Station) -> None:
    panel = open_panel(qtbot, station)
    form = panel.form
    visible = {k: c for k, c in form.choices.items() if c.isVisibleTo(panel)}
    assert set(visible) >= {
        "haemorrhage", "ischaemia", "ischaemia.hyperdense_artery", "occlusion",
        "occlusion.tandem", "occlusion.dissection", "recommendation.thrombolysis",
        "recommendation.thrombectomy",
    }  # fmt: skip
    for key, choice in visible.items():
        assert choice.text() == "Not assessed", key
        assert choice.buttons[0].isChecked() and not any(b.isChecked() for b in choice.buttons[1:])
    assert form.aspects_side.text() == "Not scored" and not form.aspects_grid.isVisibleTo(panel)
    assert form.pc_scored.text() == "Not scored" and form.perfusion_read.text() == "Not read"
    assert not any(box.isChecked() for box in form.series_checks.values())
    assert not any(box.isChecked() for box in form.limit_boxes.values())
    assert not panel.final_button.isEnabled() and not panel.preliminary_button.isEnabled()
    missing = [panel.missing.item(i).text() for i in range(panel.missing.count())]
    assert "Haemorrhage: state whether there is one" in missing
    assert "IV thrombolysis: state the advice" in missing
    assert panel.identity.objectName() == "banner-ok"
    assert panel.form.minimumSizeHint().width() <= panel.form_area.viewport().width()


def test_aspects_ticks_give_the_score(qtbot, station: Station) -> None:
    panel = open_panel(qtbot, station)
    form = panel.form
    choose(panel, "ischaemia", m.Finding.PRESENT)
    form.aspects_side.setFocus()
    qtbot.keyClick(form.aspects_side, Qt.Key.Key_L)  # the letter of "Left"
    assert form.aspects_side.value() is m.Side.LEFT and form.aspects_grid.isVisible()
    assert form.aspects_score.text() == "ASPECTS 10"
    for region in (m.AspectsRegion.C, m.AspectsRegion.I, m.AspectsRegion.M5):
        form.aspects_boxes[region].click()
    assert form.aspects_score.text() == "ASPECTS 7"
    form.aspects_boxes[m.AspectsRegion.C].click()
    assert form.aspects_score.text() == "ASPECTS 8"
    aspects = panel.session.opinion.ischaemia.aspects
    assert aspects is not None and aspects.side is m.Side.LEFT
    assert aspects.affected == [m.AspectsRegion.I, m.AspectsRegion.M5]
    form.pc_scored.buttons[1].click()
    form.pc_boxes[m.PcAspectsRegion.PONS].click()
    form.pc_boxes[m.PcAspectsRegion.LEFT_THALAMUS].click()
    assert form.pc_score.text() == "pc-ASPECTS 7"


def test_send_disabled_until_explicit_then_keyboard_only_fill_and_send(
    qtbot, station: Station
) -> None:
    panel = open_panel(qtbot, station)
    form = panel.form
    checks = list(form.series_checks.values())
    checks[0].setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is checks[0], timeout=3000)
    for box in checks:  # Space ticks, Tab moves on
        tab_to(qtbot, panel, box)
        qtbot.keyClick(box, Qt.Key.Key_Space)
    assert all(box.isChecked() for box in checks)
    steps = [
        ("haemorrhage", "2", m.Finding.ABSENT),
        ("occlusion", "2", m.Finding.ABSENT),  # a CTA was read: required
        ("recommendation.thrombolysis", "2", m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION),
        ("recommendation.thrombectomy", "3", m.ThrombectomyAdvice.NOT_CANDIDATE),
    ]
    for number, (field, key, value) in enumerate(steps):
        assert not panel.final_button.isEnabled(), field
        choice = form.choices[field]
        tab_to(qtbot, panel, choice)
        qtbot.keyClicks(choice, key)
        assert choice.value() == value
        if number == 0:  # the mnemonic reaches it too: Alt+H
            qtbot.keyClick(panel, Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
            assert QApplication.focusWidget() is choice
    assert panel.final_button.isEnabled() and panel.preliminary_button.isEnabled()
    qtbot.keyClick(
        QApplication.focusWidget(), Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    qtbot.waitUntil(lambda: panel.session.state is CaseState.SENT, timeout=15_000)
    qtbot.waitUntil(
        lambda: workitem_state(station.hub, station.case.workitem_uid) == COMPLETED,
        timeout=15_000,
    )
    assert not form.isEnabled() and not panel.final_button.isEnabled()


def test_identity_mismatch_blocks_and_an_override_with_a_reason_enables(
    qtbot, station: Station
) -> None:
    other = dataclasses.replace(station.request, patient_id="NAN-0043")
    panel = open_panel(qtbot, station, other)
    fill_by_mouse(panel, station.case.study)
    assert panel.identity.objectName() == "banner-error"
    assert "Patient ID: request NAN-0043, images NAN-0042" in panel.identity.text()
    assert not panel.final_button.isEnabled() and panel.override_button.isVisible()

    dialog = IdentityOverrideDialog(panel.session.identity.uncovered(), panel)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason, "   ")
    assert not ok.isEnabled()
    qtbot.keyClicks(dialog.reason, "ED typo; same patient, checked by phone")
    assert ok.isEnabled()

    assert not panel.override_identity("  ")  # a blank reason is refused, and said
    assert panel.error.isVisible() and not panel.final_button.isEnabled()
    assert panel.override_identity("ED typo; same patient, checked by phone")
    assert panel.identity.objectName() == "banner-warn"
    assert panel.final_button.isEnabled() and not panel.override_button.isVisible()
    records = station.desk.audit.path.read_text()
    assert '"what":"identity-override"' in records and "ED typo" not in records


def test_a_draft_comes_back_exactly_in_a_new_panel(qtbot, station: Station) -> None:
    panel = open_panel(qtbot, station)
    study = station.case.study
    fill_by_mouse(panel, study)
    choose(panel, "ischaemia", m.Finding.PRESENT)
    panel.form.aspects_side.buttons[2].click()  # right
    panel.form.aspects_boxes[m.AspectsRegion.M4].click()
    panel.form.limit_boxes[m.Limitation.MOTION].click()
    qtbot.keyClicks(panel.form.phoned_to, "Dr LEROY")
    cta = series_of(study, "CTA head neck")
    sop = str(study.series(cta)[0].SOPInstanceUID)
    assert panel.add_key_image(capture(5), cta, sop, caption="M1") == 0
    qtbot.waitUntil(lambda: not panel.session.unsaved, timeout=3000)  # the autosave
    written = panel.session.opinion
    panel.close()  # ... or killed: the draft on disk is the last one saved

    again = open_panel(qtbot, station)
    assert again.session.restored and again.session.opinion == written
    assert again.form.choices["haemorrhage"].value() is m.Finding.ABSENT
    assert again.form.aspects_score.text() == "ASPECTS 9"
    assert again.form.limit_boxes[m.Limitation.MOTION].isChecked()
    assert again.form.phoned_to.text() == "Dr LEROY"
    assert again.key_images.count() == 1
    snapshot = again.session.drafting.snapshot(0)
    assert snapshot is not None and np.array_equal(snapshot, capture(5))
    assert "(restored)" in again.saved.text()


def test_end_to_end_preliminary_then_final_then_the_ed_acknowledges(
    qtbot, station: Station, tmp_path: Path
) -> None:
    outbox_panel = OutboxPanel(station.runner)
    qtbot.addWidget(outbox_panel)
    panel = open_panel(qtbot, station)
    study = station.case.study
    ncct, cta = series_of(study, "NCCT head"), series_of(study, "CTA head neck")
    panel.form.series_checks[ncct].click()
    choose(panel, "haemorrhage", m.Finding.ABSENT)
    choose(panel, "recommendation.thrombolysis", m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION)
    choose(panel, "recommendation.thrombectomy", m.ThrombectomyAdvice.PENDING)
    # The study holds a CTA: the occlusion must be stated, even in a preliminary opinion.
    assert not panel.preliminary_button.isEnabled()
    panel.form.series_checks[cta].click()
    choose(panel, "occlusion", m.Finding.PRESENT)
    panel.form.site_boxes[m.OcclusionSite.M1].click()
    panel.form.site_sides[m.OcclusionSite.M1].buttons[0].click()
    assert panel.preliminary_button.isEnabled() and not panel.final_button.isEnabled()
    panel.preliminary_button.click()
    qtbot.waitUntil(
        lambda: panel.session.sending.preliminary_sent and not panel.sending, timeout=15_000
    )
    qtbot.waitUntil(
        lambda: [s.state for s in station.desk.outbox.items()] == [DeliveryState.DELIVERED],
        timeout=15_000,
    )
    qtbot.waitUntil(lambda: "Preliminary opinion: delivered" in panel.case_outbox.text())
    assert workitem_state(station.hub, station.case.workitem_uid) == IN_PROGRESS
    assert "Preliminary opinion sent" in panel.signed_banner.text()

    choose(panel, "recommendation.thrombectomy", m.ThrombectomyAdvice.CANDIDATE)
    panel.form.conclusion.setPlainText("Left M1 occlusion. Transfer for thrombectomy.")
    panel.add_key_image(capture(7), cta, str(study.series(cta)[1].SOPInstanceUID), caption="M1")
    panel.final_button.click()
    qtbot.waitUntil(lambda: panel.session.state is CaseState.SENT, timeout=15_000)
    qtbot.waitUntil(
        lambda: workitem_state(station.hub, station.case.workitem_uid) == COMPLETED,
        timeout=20_000,
    )
    qtbot.waitUntil(lambda: "every opinion delivered" in outbox_panel.summary.text(), timeout=5000)
    preliminary, final = station.desk.outbox.items()
    outputs = outputs_of(station.hub, station.case.workitem_uid)
    assert {preliminary.sr_instance_uid, final.sr_instance_uid} <= outputs
    assert len(outputs) == 6  # preliminary: SR, PDF; final: SR, PDF, key image, KOS
    assert max(Counter(instances_on_hub(station.hub, study.study_instance_uid)).values()) == 1
    assert station.desk.drafts().load(station.case.workitem_uid) is None  # delivered
    late_dir = tmp_path / "late"
    write_ct_series(
        late_dir, study_uid=study.study_instance_uid, number=5, description="CT perfusion",
        slices=1,
    )  # fmt: skip
    panel.session.add_series(Study.from_folder(late_dir).headers)  # as the study watch does
    assert panel.late.isVisible() and "CT perfusion" in panel.late.text()
    panel.session.drafting.mark_series_read(
        panel.session.late_series[0]
    )  # the viewer shows it: no error
    assert not panel.error.isVisible()

    # The ED: the request is answered with the final opinion, verdict first; acknowledged.
    requests = site_requests(station.hub, SITE, since=now() - dt.timedelta(hours=1))
    [answered] = [r for r in requests if r.study_uid == study.study_instance_uid]
    assert answered.state is RequestState.ANSWERED
    opinion = answered.latest
    assert opinion is not None and opinion.kind is m.ReportKind.FINAL
    assert [v.text for v in opinion.verdicts][:2] == ["NO HAEMORRHAGE", "OCCLUSION: LEFT M1"]
    assert opinion.radiologist == RADIOLOGIST.name
    ack = acknowledge(station.hub, opinion, by="LEROY^Thomas", site=SITE, at=now())
    assert acknowledgements_for(station.hub, study.study_instance_uid) == [ack]


def test_hub_stopped_while_sending_waits_then_delivers_once(
    qtbot, station: Station, tmp_path: Path
) -> None:
    outbox_panel = OutboxPanel(station.runner)
    qtbot.addWidget(outbox_panel)
    outbox_panel.show()
    panel = open_panel(qtbot, station)
    fill_by_mouse(panel, station.case.study)
    station.server.stop()
    try:
        panel.final_button.click()
        qtbot.waitUntil(lambda: panel.session.state is CaseState.SENT, timeout=15_000)
        [item] = station.desk.outbox.items()
        qtbot.waitUntil(lambda: station.desk.outbox.status(item.id).attempts >= 1, timeout=15_000)
        qtbot.waitUntil(lambda: "cannot reach the hub" in outbox_panel.summary.text(), timeout=5000)
        assert "Final opinion: waiting — cannot reach the hub" in outbox_panel.summary.text()
        assert "Final opinion: waiting — cannot reach the hub" in panel.case_outbox.text()
        assert outbox_panel.list.count() == 1
        answers: list[bool] = []
        closer = answer_message_box(QMessageBox.StandardButton.No)
        answers.append(confirm_quit(panel, station.desk.outbox))
        closer.stop()
        assert answers == [False]  # asked, and the user stays
        outbox_panel.list.setCurrentRow(0)
        assert outbox_panel.export_button.isEnabled()
        written = outbox_panel.export_selected(tmp_path / "export")  # the fallback: carry it
        assert {p.name for p in written} >= {"opinion-sr.dcm", "opinion-pdf.dcm", "opinion.pdf"}
    finally:
        station.restart_hub()
    outbox_panel.list.setCurrentRow(0)
    outbox_panel.retry_button.click()
    qtbot.waitUntil(
        lambda: station.desk.outbox.status(item.id).state is DeliveryState.DELIVERED,
        timeout=20_000,
    )
    qtbot.waitUntil(lambda: "every opinion delivered" in outbox_panel.summary.text(), timeout=5000)
    study = station.case.study
    with HttpHub(station.server.base_url, retry=FAST) as hub:
        assert workitem_state(hub, station.case.workitem_uid) == COMPLETED
        on_hub = Counter(instances_on_hub(hub, study.study_instance_uid))
        assert max(on_hub.values()) == 1
        assert {item.sr_instance_uid} <= set(on_hub)
    assert confirm_quit(panel, station.desk.outbox)  # nothing undelivered: no question
