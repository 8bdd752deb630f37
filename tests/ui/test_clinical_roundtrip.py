"""Issue #9 end to end, as the two people do it, under Xvfb against a real minihub.

The emergency physician drops the synthetic ``normal`` NCCT on the ED window,
clicks into each clinical field and types it (NIHSS 50 first: refused beside
the field, Send disabled, then corrected; glucose with a decimal comma; a DOAC
with its last dose; a blood pressure over 185/110) and sends. The radiologist's
worklist flags the row; the case window's request panel shows every value as
typed; choosing "no imaging contraindication" shows a caution naming the ED's
flags; the signed opinion's SR (read with dsrdump) and PDF (pdftotext) restate
every value, and name the workitem they answer.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from app.ed.site_requests import opinions_for_study
from app.hub.client import HttpHub
from app.opinion import model as m
from app.opinion.answers import answered_workitem
from app.outbox.store import DeliveryState
from app.reading.state import CaseState
from app.ui.ed.requests_tab import pdf_bytes
from app.ui.ed.window import EdMainWindow
from app.ui.worklist.view import Column
from app.worklist.signer import RadiologistStore
from minihub.server import HubServer
from tests.app.opinion.conftest import RADIOLOGIST
from tests.conftest import require_program
from tests.ui.ed_util import PHYSICIAN, SITE, find_workitem, make_ed_window
from tests.ui.test_case_request import open_claimed
from tests.ui.test_ed_roundtrip import drop_folder
from tests.ui.worklist_util import make_window

#: The ED's clock: the minute the test starts (every typed time is relative to it).
_UTC_NOW = dt.datetime.now(dt.UTC).replace(second=0, microsecond=0)
NOW = _UTC_NOW.astimezone()
# Each in the local offset of its own moment (a daylight-saving change may lie between).
LKW = (_UTC_NOW - dt.timedelta(minutes=95)).astimezone()
ONSET = (_UTC_NOW - dt.timedelta(minutes=80)).astimezone()
LAST_DOSE = (_UTC_NOW - dt.timedelta(hours=5, minutes=20)).astimezone()
HISTORY = "Apixaban 5 mg twice daily for atrial fibrillation.\nLives alone; mRS 1."
PHONE = "+33 3 29 00 20 02"
QUESTION = "Thrombolysis? Thrombectomy?"


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    with HubServer(tmp_path / "hub") as server:
        yield server


def type_into(qtbot, field: QWidget, text: str) -> None:
    """One click into the field (no double-click), select what is there, type."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def typed_time(when: dt.datetime) -> str:
    return when.strftime("%d/%m/%Y %H:%M")


def fill_every_field(qtbot, window: EdMainWindow) -> None:
    tab = window.request_tab
    panel = tab.clinical
    type_into(qtbot, panel.site, SITE)
    type_into(qtbot, panel.physician, PHYSICIAN)
    type_into(qtbot, panel.phone, PHONE)
    type_into(qtbot, panel.question.lineEdit(), QUESTION)
    type_into(qtbot, panel.accession, "SLA0077")
    type_into(qtbot, panel.lkw.edit, typed_time(LKW))
    type_into(qtbot, panel.onset.edit, typed_time(ONSET))
    # A tired physician types 50: refused beside the field, kept as typed, nothing sendable.
    type_into(qtbot, panel.nihss, "50")
    problem = panel.problem_labels["nihss"]
    assert panel.nihss.text() == "50"
    assert problem.isVisible() and "0 to 42" in problem.text()
    assert not tab.send_button.isEnabled()
    type_into(qtbot, panel.nihss, "17")
    assert not problem.isVisible()
    panel.anticoagulation.setCurrentIndex(panel.anticoagulation.findData("doac"))
    qtbot.waitUntil(panel.last_dose.edit.isVisible, timeout=2000)
    assert not panel.inr.isVisible()
    type_into(qtbot, panel.last_dose.edit, typed_time(LAST_DOSE))
    type_into(qtbot, panel.glucose, "3,1")  # decimal comma in an English UI
    type_into(qtbot, panel.systolic, "192")
    type_into(qtbot, panel.diastolic, "104")
    type_into(qtbot, panel.mrs, "1")
    qtbot.mouseClick(panel.history, Qt.MouseButton.LeftButton)
    first, second = HISTORY.split("\n")
    qtbot.keyClicks(panel.history, first)
    qtbot.keyClick(panel.history, Qt.Key.Key_Return)
    qtbot.keyClicks(panel.history, second)


def local(when: dt.datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def shown_time(text: str) -> str:
    """The clock time of ``08:10 (2 h ago)`` or, on another day, ``7 Dec 22:46 (…)``."""
    return text.split(" (", maxsplit=1)[0].rsplit(" ", maxsplit=1)[-1]


def test_every_typed_fact_reaches_the_radiologist_the_sr_and_the_pdf(
    qtbot, hub: HubServer, synth_root: Path, tmp_path: Path
) -> None:
    # -- the emergency physician --------------------------------------------------------
    ed = make_ed_window(qtbot, hub.base_url, tmp_path / "ed", site="", clock=lambda: NOW)
    drop_folder(ed, synth_root / "normal")
    qtbot.waitUntil(lambda: ed.draft.images is not None, timeout=20_000)
    fill_every_field(qtbot, ed)
    tab = ed.request_tab
    tab.images_panel.confirm_box.click()
    assert tab.send_button.isEnabled(), tab.status.text()
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.state != "sending", timeout=30_000)
    assert tab.state == "sent", tab.status.text()

    with HttpHub(hub.base_url) as client:
        uid = str(
            Dataset.from_json(find_workitem(client, ed.draft.images.study_uid)).SOPInstanceUID
        )

    # -- the radiologist's worklist: the row is flagged -------------------------------
    RadiologistStore(tmp_path / "rad" / "radiologists.json").save("test-hub", RADIOLOGIST)
    window = make_window(qtbot, hub.base_url, tmp_path / "rad")
    window.refresh()
    qtbot.waitUntil(lambda: window.model.row_of(uid) >= 0, timeout=10_000)
    row = window.model.row_of(uid)
    assert window.model.index(row, Column.NIHSS).data() == "17"
    assert "DOAC" in window.model.index(row, Column.ANTICOAGULATION).data()
    flags = window.model.index(row, Column.FLAGS).data(Qt.ItemDataRole.ToolTipRole) or ""
    flags += " " + str(window.model.index(row, Column.FLAGS).data() or "")
    assert "192/104" in flags and "DOAC" in flags

    # -- the case: every value on the request panel ----------------------------------
    with HttpHub(hub.base_url) as client:
        case = open_claimed(qtbot, window, client, tmp_path / "rad", uid)
    panel = case.window.request_panel
    assert panel is not None
    expected = {
        "site": SITE,
        "physician": "LEROY Thomas",
        "callback_phone": PHONE,
        "question": QUESTION,
        "accession": "SLA0077",
        "nihss": "17",
        "glucose": "3.1 mmol/L",
        "blood_pressure": "192/104 mmHg",
        "prestroke_mrs": "1",
        "history": HISTORY,
    }
    for key, text in expected.items():
        assert panel.value_text(key) == text, key
    assert shown_time(panel.value_text("last_known_well")) == local(LKW)
    assert shown_time(panel.value_text("symptom_onset")) == local(ONSET)
    anticoagulation = panel.value_text("anticoagulation")
    assert "DOAC" in anticoagulation
    assert shown_time(anticoagulation.split("last dose ")[1]) == local(LAST_DOSE)
    assert "192/104 mmHg" in panel.flags_label.text() and "DOAC" in panel.flags_label.text()

    # -- the opinion: "no imaging contraindication" with a DOAC on board -> a caution ---
    session, opinion_panel = case.session, case.panel
    for series_uid in session.series_uids():
        session.drafting.set_series_read(series_uid, True)
    session.edit(lambda o: setattr(o.haemorrhage, "status", m.Finding.ABSENT))
    session.edit(lambda o: setattr(o.ischaemia, "early_signs", m.Finding.ABSENT))
    session.edit(lambda o: setattr(o, "recommendation", m.Recommendation(
        thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
        thrombectomy=m.ThrombectomyAdvice.NOT_CANDIDATE,
    )))  # fmt: skip
    session.drafting.set_occlusion_statement(m.NO_ANGIOGRAPHY)  # an NCCT alone
    opinion_panel.refresh()
    caution = opinion_panel.caution
    qtbot.waitUntil(caution.isVisible, timeout=2000)
    assert "DOAC" in caution.text() and "192/104" in caution.text()
    assert opinion_panel.final_button.isEnabled(), session.sending.problems()  # a caution, no block
    opinion_panel.final_button.click()
    qtbot.waitUntil(lambda: session.state is CaseState.SENT, timeout=15_000)
    outbox = window.services.outbox
    qtbot.waitUntil(
        lambda: [s.state for s in outbox.items()] == [DeliveryState.DELIVERED], timeout=20_000
    )

    # -- what the ED receives: the SR and the PDF restate every fact --------------------
    with HttpHub(hub.base_url) as client:
        (received,) = opinions_for_study(client, ed.draft.images.study_uid)
        assert received.sr is not None and received.pdf is not None
        assert answered_workitem(received.sr) == uid
        sr_path = tmp_path / "opinion-sr.dcm"
        received.sr.save_as(sr_path, enforce_file_format=True)
        ref = received.pdf
        pdf = pdf_bytes(client.retrieve_instance(
            ref.study_instance_uid, ref.series_instance_uid, ref.sop_instance_uid
        ))  # fmt: skip
    dump = subprocess.run(
        [require_program("dsrdump"), "+Pl", str(sr_path)], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    sr_text = " ".join(dump.split())
    for value in (SITE, "LEROY^Thomas", PHONE, QUESTION, '"17"', '"3.1"', "mmol/L", '"192"',
                  '"104"', "Direct oral anticoagulant", LAST_DOSE.strftime("%Y%m%d%H%M"),
                  "Apixaban 5 mg twice daily"):  # fmt: skip
        assert value in sr_text, value
    pdf_path = tmp_path / "opinion.pdf"
    pdf_path.write_bytes(pdf)
    text = subprocess.run(
        [require_program("pdftotext"), str(pdf_path), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    pdf_text = " ".join(text.split())
    for value in (PHONE, "17", "3.1 mmol/L", "192/104 mmHg", "DOAC", local(LAST_DOSE),
                  local(LKW), "Apixaban 5 mg twice daily"):  # fmt: skip
        assert value in pdf_text, value
    assert "Clinical flags: ED reports DOAC" in pdf_text
