"""The case's request panel shows every fact the ED sent, as sent (issue #9), via a real minihub.

A workitem with every clinical field is POSTed to the hub, read back as the
radiologist's list reads it, and shown: each value is on screen (the labels'
text) in the ED's units, times in local time with their age from the
injected clock, the flags on top with their values, the call-back phone
selectable, a ``tel:`` link and copyable; a field the ED left empty says "not
given", an item the application does not know is shown as sent, one that
cannot be read is named in red.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from app.hub.client import HttpHub
from app.ui.worklist.request_panel import RequestPanel, tel_link
from app.worklist.model import Request, read_request
from minihub.server import HubServer
from tests.ui.clinical_util import (
    DOAC,
    HISTORY,
    NOW,
    VKA,
    doac_request,
    inputs_for,
    vka_request,
    workitem,
)


@pytest.fixture(scope="module")
def hub(module_hub: HubServer) -> HubServer:
    """One minihub for this module's tests."""
    return module_hub


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> dt.datetime:
        return self.now


def through_the_hub(ed: HttpHub, body: dict) -> Request:
    """POST the workitem, then read it back as the radiologist's worklist does."""
    return read_request(ed.retrieve_workitem(ed.create_workitem(body)))


def local(when: dt.datetime) -> str:
    return when.astimezone().strftime("%H:%M")


def screen_texts(panel: RequestPanel) -> list[str]:
    return [label.text() for label in panel.findChildren(QLabel) if label.isVisible()]


def test_every_field_is_on_the_panel(qtbot, ed: HttpHub) -> None:
    request = through_the_hub(ed, doac_request())
    clock = Clock()
    panel = RequestPanel(request, clock)
    qtbot.addWidget(panel)
    panel.resize(420, 900)
    panel.show()

    lkw, onset, dose = DOAC.last_known_well, DOAC.symptom_onset, DOAC.last_dose
    assert lkw and onset and dose
    expected = {
        "site": "CH Verdun, Urgences",
        "physician": "LEROY Thomas",
        "callback_phone": "+33 3 29 86 00 00",
        "question": "Thrombolysis? Thrombectomy?",
        "accession": "ACC-2025-0042",
        "last_known_well": f"{local(lkw)} (2 h 10 min ago)",
        "symptom_onset": f"{local(onset)} (1 h 55 min ago)",
        "onset_timing": "Wake-up stroke (symptoms present on waking)",
        "nihss": "14",
        "anticoagulation": f"Direct oral anticoagulant (DOAC) — last dose {local(dose)} "
        "(2 h 00 min ago)",
        "glucose": "25.3 mmol/L",
        "blood_pressure": "210/115 mmHg",
        "prestroke_mrs": "2",
        "history": HISTORY,
        "other.0": request.clinical.other[0][1],
    }
    shown = screen_texts(panel)
    for key, text in expected.items():
        assert panel.value_text(key) == text, key
        if key != "callback_phone":
            assert panel.values[key].text() == text and text in shown, key
    assert request.clinical.other[0] == ("Oxygen saturation", "94 %")
    assert "Oxygen saturation" in shown  # the item's own name is its row's title
    assert panel.values["history"].textFormat() == Qt.TextFormat.PlainText  # "<treated>" as typed

    # flags first, with their values; their fields highlighted
    assert panel.flags_label.isVisible()
    assert panel.flags_label.text() == (
        "The ED reports:\n• BP 210/115 mmHg\n• High glucose 25.3 mmol/L\n"
        "• DOAC (last dose 2 h 00 min ago)"
    )
    flagged = {k for k, label in panel.values.items() if label.objectName() == "flagged"}
    assert flagged == {"anticoagulation", "glucose", "blood_pressure"}
    assert not panel.incomplete_label.isVisible()

    # the call-back phone: selectable, a tel: link, copied as typed
    phone = panel.values["callback_phone"]
    assert 'href="tel:+33329860000"' in phone.text() and "+33 3 29 86 00 00" in phone.text()
    assert phone.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    assert phone.openExternalLinks()
    assert panel.copy_button.isVisible()
    qtbot.mouseClick(panel.copy_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "+33 3 29 86 00 00"

    # the ages move on with the (hub's) clock
    clock.now = NOW + dt.timedelta(minutes=30)
    panel.refresh()
    assert panel.value_text("last_known_well") == f"{local(lkw)} (2 h 40 min ago)"
    assert "DOAC (last dose 2 h 30 min ago)" in panel.flags_label.text()


def test_absent_unknown_and_unreadable_fields(qtbot, ed: HttpHub) -> None:
    request = through_the_hub(ed, vka_request())
    panel = RequestPanel(request, Clock())
    qtbot.addWidget(panel)
    panel.show()

    assert panel.value_text("anticoagulation") == "Vitamin K antagonist (VKA) — INR 2.6"
    assert panel.value_text("glucose") == "40 mg/dL (2.2 mmol/L)"  # as typed, then mmol/L
    for key in ("callback_phone", "accession", "symptom_onset", "blood_pressure", "history"):
        assert panel.value_text(key) == "not given", key
        assert panel.values[key].objectName() == "absent", key
    assert not panel.copy_button.isVisible()
    unreadable = panel.values["unreadable"]
    assert unreadable.text() == "could not be read: Stroke onset timing"
    assert unreadable.objectName() == "unreadable" and unreadable.isVisible()
    assert panel.flags_label.text() == (
        "The ED reports:\n• Low glucose 40 mg/dL (2.2 mmol/L)\n• VKA INR 2.6"
    )


def test_images_incomplete_on_the_panel(qtbot, ed: HttpHub) -> None:
    body = workitem(VKA, inputs=inputs_for("2.25.77", listed=50, expected=200),
                    readiness="INCOMPLETE", images_expected=200)  # fmt: skip
    panel = RequestPanel(through_the_hub(ed, body), Clock())
    qtbot.addWidget(panel)
    panel.show()
    assert panel.incomplete_label.isVisible()
    assert panel.incomplete_label.text() == "Images incomplete: 50 of 200 on the hub"


def test_tel_link_keeps_digits_and_the_leading_plus() -> None:
    assert tel_link("+33 (0)3 29-86.00.00") == "tel:+330329860000"
    assert tel_link("03 29 86 00 00") == "tel:0329860000"
