"""Issue #9 under Xvfb: what the emergency physician types in the request form reaches the
request exactly — numbers with a decimal comma or point, in English and in French; a
value out of range refused beside its field, kept there, Send waiting; every field typed
after a single click; times typed directly; the INR with a VKA only, the last dose with
a DOAC or heparin only — and sent, on a real minihub."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, Qt, QTranslator
from PySide6.QtWidgets import QWidget

from app.ed.request.form import FieldProblem, FormError, parse_clinical
from app.hub.client import HttpHub
from app.ui.ed.field_words import field_label, problem_text
from app.ui.ed.window import EdMainWindow
from app.ui.i18n import install_translators
from minihub.server import HubServer
from protocol.request import read_clinical_request
from tests.ui.ed_util import PHYSICIAN, SITE, make_ed_window

#: The ED's clock in these tests: 10:05 local time (the offset is the machine's).
NOW = dt.datetime(2025, 6, 1, 10, 5).astimezone()


@pytest.fixture(scope="module")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:
    """English, then the French translators and locale (removed afterwards)."""
    if request.param == "en":
        yield "en"
        return
    locale = QLocale()
    before = set(qapp.findChildren(QTranslator))
    assert install_translators(qapp, "fr") == "fr"
    QLocale.setDefault(QLocale(QLocale.Language.French))
    assert QLocale().decimalPoint() == ","
    yield "fr"
    for translator in set(qapp.findChildren(QTranslator)) - before:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(locale)


def ed_window(qtbot, hub: HubServer, folder: Path) -> EdMainWindow:
    return make_ed_window(qtbot, hub.base_url, folder, clock=lambda: NOW)


def type_into(qtbot, field: QWidget, text: str) -> None:
    """One click into the field, everything in it selected (Ctrl+A), then the keys."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field, text)


def fill_required(qtbot, window: EdMainWindow) -> None:
    clinical = window.request_tab.clinical
    type_into(qtbot, clinical.site, SITE)
    type_into(qtbot, clinical.physician, PHYSICIAN)
    type_into(qtbot, clinical.phone, "03 29 00 20 02")


def choose(combo, data: str | None) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_numbers_reach_the_request_as_typed(
    qtbot, hub: HubServer, tmp_path: Path, language: str
) -> None:
    window = ed_window(qtbot, hub, tmp_path)
    clinical = window.request_tab.clinical
    fill_required(qtbot, window)
    for typed, value in (("7.4", 7.4), ("3,1", 3.1), ("2.8", 2.8), ("3.1", 3.1), ("12", 12.0)):
        type_into(qtbot, clinical.glucose, typed)
        assert clinical.glucose.text() == typed  # the field keeps the keys
        data = window.draft.to_json()
        assert data["glucose"] == {"value": value, "unit": "mmol/L"}, typed
        form = parse_clinical(data, now=NOW)
        assert (form.glucose, form.glucose_unit) == (value, "mmol/L"), typed
        assert not clinical.problem_labels["glucose"].isVisible()
    choose(clinical.glucose_unit, "mg/dL")
    type_into(qtbot, clinical.glucose, "133,5")
    assert parse_clinical(window.draft.to_json(), now=NOW).glucose == 133.5
    assert window.draft.to_json()["glucose"] == {"value": 133.5, "unit": "mg/dL"}

    type_into(qtbot, clinical.nihss, "17")
    type_into(qtbot, clinical.systolic, "182")
    type_into(qtbot, clinical.diastolic, "96")
    type_into(qtbot, clinical.mrs, "0")
    form = parse_clinical(window.draft.to_json(), now=NOW)
    assert (form.nihss, form.systolic_bp, form.diastolic_bp, form.prestroke_mrs) == (17, 182, 96, 0)
    assert window.request_tab.send_button.isEnabled()


def says(label, english: str, language: str, *numbers: str) -> None:
    """The problem is on screen: in English word for word; in French (once translated)
    with the same numbers, written the French way."""
    assert label.isVisible() and label.text()
    if language == "en":
        assert label.text() == english
    for value in numbers:
        assert value in label.text()


def test_out_of_range_and_not_a_number_are_refused_beside_the_field(
    qtbot, hub: HubServer, tmp_path: Path, language: str
) -> None:
    window = ed_window(qtbot, hub, tmp_path)
    tab = window.request_tab
    clinical = tab.clinical
    fill_required(qtbot, window)
    nihss = clinical.problem_labels["nihss"]
    type_into(qtbot, clinical.nihss, "50")
    assert clinical.nihss.text() == "50"  # kept, never clamped to 42 nor cut to 5
    says(nihss, "NIHSS must be a whole number from 0 to 42.", language, "0", "42")
    assert "border" in clinical.nihss.styleSheet()
    assert not tab.send_button.isEnabled()
    with HttpHub(hub.base_url) as client:
        before = len(client.search_workitems({}))
    tab.send()  # what Ctrl+Enter does: refused as well
    assert tab.state == "idle" and tab.status.text()
    with HttpHub(hub.base_url) as client:
        assert len(client.search_workitems({})) == before

    type_into(qtbot, clinical.nihss, "17.5")
    says(nihss, "NIHSS is a whole number: no decimals.", language)
    type_into(qtbot, clinical.systolic, "18,2")
    pressure = clinical.problem_labels["blood_pressure"]
    says(pressure, "Systolic pressure is a whole number: no decimals.", language)
    type_into(qtbot, clinical.glucose, "7..4")
    glucose = clinical.problem_labels["glucose"]
    says(glucose, "Glucose: type a number (decimal comma or point).", language)
    type_into(qtbot, clinical.glucose, "75")
    half = "0,5" if language == "fr" else "0.5"
    says(glucose, "Glucose must be from 0.5 to 60 mmol/L.", language, half, "60 mmol/L")
    choose(clinical.glucose_unit, "mg/dL")  # the same 75, now in mg/dL: fine
    assert not glucose.isVisible() and window.draft.to_json()["glucose"]["value"] == 75.0
    for shown in (nihss, pressure):
        assert "_" not in shown.text() and "nihss" not in shown.text()  # no JSON keys
    assert not tab.send_button.isEnabled()

    type_into(qtbot, clinical.nihss, "17")
    type_into(qtbot, clinical.systolic, "182")
    assert not nihss.isVisible() and not pressure.isVisible()
    assert tab.send_button.isEnabled()
    assert clinical.nihss.styleSheet() == ""


def test_every_field_takes_keys_after_one_click(qtbot, hub: HubServer, tmp_path: Path) -> None:
    window = make_ed_window(qtbot, hub.base_url, tmp_path, site="", clock=lambda: NOW)
    clinical = window.request_tab.clinical
    draft = window.draft
    choose(clinical.anticoagulation, "vka")
    typed = {  # field name: (where it is typed, what)
        "site": (clinical.site, SITE),
        "physician": (clinical.physician, PHYSICIAN),
        "callback_phone": (clinical.phone, "03 29 00 20 02"),
        "accession": (clinical.accession, "SLA0009"),
        "nihss": (clinical.nihss, "9"),
        "inr": (clinical.inr, "1,7"),
        "glucose": (clinical.glucose, "6,2"),
        "systolic_bp": (clinical.systolic, "150"),
        "diastolic_bp": (clinical.diastolic, "85"),
        "prestroke_mrs": (clinical.mrs, "2"),
        "last_known_well": (clinical.lkw.edit, "08:50"),
        "symptom_onset": (clinical.onset.edit, "9h05"),
        "history": (clinical.history, "Aphasia."),
    }
    for field, text in typed.values():
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)  # once, no double-click
        qtbot.keyClicks(field, text)
    expected = {
        "site": SITE, "physician": PHYSICIAN, "callback_phone": "03 29 00 20 02",
        "accession": "SLA0009", "nihss": 9, "inr": 1.7, "glucose": 6.2, "systolic_bp": 150,
        "diastolic_bp": 85, "prestroke_mrs": 2, "history": "Aphasia.",
        "last_known_well": NOW.replace(hour=8, minute=50),
        "symptom_onset": NOW.replace(hour=9, minute=5),
    }  # fmt: skip
    assert {name: draft.get(name) for name in expected} == expected
    question = clinical.question.lineEdit()
    qtbot.mouseClick(question, Qt.MouseButton.LeftButton)
    qtbot.keyClick(question, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(question, "Thrombolysis?")
    assert draft.get("question") == "Thrombolysis?"
    form = parse_clinical(draft.to_json(), now=NOW)
    assert (form.inr, form.glucose, form.symptom_onset) == (1.7, 6.2, expected["symptom_onset"])


def test_times_are_typed_directly_with_the_local_offset(
    qtbot, hub: HubServer, tmp_path: Path
) -> None:
    window = ed_window(qtbot, hub, tmp_path)
    clinical = window.request_tab.clinical
    lkw = clinical.lkw
    problem = clinical.problem_labels["last_known_well"]
    offset = NOW.strftime("%z")
    assert lkw.offset.text() == f"UTC{offset[:3]}:{offset[3:]}"
    assert "HH:MM" in lkw.edit.toolTip() and "DD/MM HH:MM" in lkw.edit.toolTip()
    readings = {
        "08:50": NOW.replace(hour=8, minute=50),
        "8h50": NOW.replace(hour=8, minute=50),
        "0850": NOW.replace(hour=8, minute=50),
        "31/05 23:10": NOW.replace(day=31, month=5, hour=23, minute=10),
        "30/05/2025 07:00": NOW.replace(day=30, month=5, hour=7, minute=0),
    }
    for text, value in readings.items():
        type_into(qtbot, lkw.edit, text)
        assert window.draft.get("last_known_well") == value, text
        assert window.draft.get("last_known_well").utcoffset() == value.utcoffset()
        assert lkw.edit.text() == text and not problem.isVisible()
        assert lkw.day.text().endswith(value.strftime("%d/%m/%Y %H:%M"))
    data = window.draft.to_json()
    assert data["last_known_well"] == readings["30/05/2025 07:00"].isoformat()
    assert parse_clinical({**data, "site": "S", "physician": "P", "callback_phone": "0329",
                           "question": "Q"}, now=NOW).last_known_well == readings[
        "30/05/2025 07:00"]  # fmt: skip

    type_into(qtbot, lkw.edit, "25:10")
    assert lkw.edit.text() == "25:10" and problem.isVisible()
    assert (
        problem.text() == "Last known well: type HH:MM for today, or DD/MM HH:MM for another day."
    )
    assert not window.request_tab.send_button.isEnabled()
    type_into(qtbot, lkw.edit, "11:00")  # 55 minutes from now
    assert problem.text() == "Last known well is in the future."
    type_into(qtbot, clinical.onset.edit, "10:07")  # within the clocks' 5 minutes
    assert window.draft.get("symptom_onset") == NOW.replace(minute=7)
    assert not clinical.problem_labels["symptom_onset"].isVisible()
    lkw.edit.clear()  # the clear button's way
    assert window.draft.get("last_known_well") is None and not problem.isVisible()
    assert window.request_tab.send_button.isEnabled()


def test_inr_with_a_vka_and_last_dose_with_a_doac_only(
    qtbot, hub: HubServer, tmp_path: Path
) -> None:
    window = ed_window(qtbot, hub, tmp_path)
    clinical, draft = window.request_tab.clinical, window.draft
    inr_row, dose_row = clinical.field_widgets["inr"], clinical.field_widgets["last_dose"]
    assert not inr_row.isVisible() and not dose_row.isVisible()

    choose(clinical.anticoagulation, "vka")
    assert inr_row.isVisible() and not dose_row.isVisible()
    type_into(qtbot, clinical.inr, "25")
    assert clinical.problem_labels["inr"].text() == "INR must be from 0.5 to 20."
    assert not window.request_tab.send_button.isEnabled()
    type_into(qtbot, clinical.inr, "2,8")
    assert draft.to_json()["inr"] == 2.8 and window.request_tab.send_button.isEnabled()

    for treatment in ("doac", "heparin"):
        choose(clinical.anticoagulation, treatment)
        assert dose_row.isVisible() and not inr_row.isVisible()
        assert "inr" not in draft.to_json()  # hidden: not sent (the text stays for VKA)
    type_into(qtbot, clinical.last_dose.edit, "07:30")
    data = draft.to_json()
    assert data["last_dose"] == NOW.replace(hour=7, minute=30).isoformat()
    assert data["anticoagulation"] == "heparin"
    type_into(qtbot, clinical.last_dose.edit, "12:00")
    assert clinical.problem_labels["last_dose"].text() == "Last dose is in the future."
    choose(clinical.anticoagulation, "none")  # hidden: neither sent nor blocking
    assert not dose_row.isVisible() and not inr_row.isVisible()
    data = draft.to_json()
    assert "last_dose" not in data and "inr" not in data
    assert window.request_tab.send_button.isEnabled()
    choose(clinical.anticoagulation, "vka")
    assert clinical.inr.text() == "2,8" and draft.to_json()["inr"] == 2.8


def send_without_images(qtbot, window: EdMainWindow, patient_id: str) -> str:
    tab = window.request_tab
    edits = tab.images_panel.manual_edits
    type_into(qtbot, edits["patient_name"], "SYNTH^ENTRY")
    type_into(qtbot, edits["patient_id"], patient_id)
    tab.ask = lambda *args: True
    tab.send_button.click()
    qtbot.waitUntil(lambda: tab.state != "sending", timeout=10_000)
    assert tab.state == "sent", (tab.status.text(), window.draft.field_problems)
    return tab.last_result.workitem_uid


def test_anticoagulation_details_reach_the_hub(qtbot, hub: HubServer, tmp_path: Path) -> None:
    window = ed_window(qtbot, hub, tmp_path)
    clinical = window.request_tab.clinical
    fill_required(qtbot, window)
    choose(clinical.anticoagulation, "vka")
    type_into(qtbot, clinical.inr, "2,8")
    type_into(qtbot, clinical.glucose, "3,1")
    type_into(qtbot, clinical.nihss, "12")
    vka = send_without_images(qtbot, window, "SL-ENTRY-1")

    window.request_tab.new_button.click()
    choose(clinical.anticoagulation, "doac")
    type_into(qtbot, clinical.last_dose.edit, "31/05 21:00")
    choose(clinical.glucose_unit, "mg/dL")
    type_into(qtbot, clinical.glucose, "52")
    doac = send_without_images(qtbot, window, "SL-ENTRY-2")

    with HttpHub(hub.base_url) as client:
        first = read_clinical_request(client.retrieve_workitem(vka))
        second = read_clinical_request(client.retrieve_workitem(doac))
    assert (first.anticoagulation, first.inr, first.last_dose) == ("VKA", 2.8, None)
    assert (first.glucose, first.glucose_unit, first.nihss) == (3.1, "mmol/L", 12)
    assert (second.anticoagulation, second.inr) == ("DOAC", None)
    assert second.last_dose == NOW.replace(day=31, month=5, hour=21, minute=0)
    assert (second.glucose, second.glucose_unit) == (52.0, "mg/dL")


def _problems(**data) -> list:
    base = {"site": "S", "physician": "P", "callback_phone": "0329", "question": "Q"}
    try:
        parse_clinical({**base, **data}, now=NOW)
    except FormError as exc:
        return exc.problems
    raise AssertionError(f"accepted: {data}")


def test_every_rule_of_the_form_is_worded_with_the_fields_label(qapp) -> None:
    """What parse_clinical says (``blood_pressure.systolic: must be …``) reaches the screen
    with the label the physician sees, never the schema's keys."""
    past = (NOW - dt.timedelta(hours=2)).isoformat()
    cases = [
        _problems(site="", physician="", callback_phone="", question=""),
        _problems(site="x" * 65, physician="A\nB", callback_phone="abc"),
        _problems(nihss=50, prestroke_mrs=2.5, accession=7),
        _problems(glucose="x"),
        _problems(glucose=100),
        _problems(glucose={"value": 5, "unit": "g/L"}),
        _problems(blood_pressure={"systolic": 400, "diastolic": 10}),
        _problems(blood_pressure={"systolic": 100, "diastolic": 120}),
        _problems(blood_pressure=5),
        _problems(blood_pressure={"systolic": 100, "diastolic": 60, "unit": "kPa"}),
        _problems(last_known_well="yesterday", symptom_onset="2025-06-01T08:00"),
        _problems(last_known_well=(NOW + dt.timedelta(hours=1)).isoformat()),
        _problems(last_known_well=(NOW - dt.timedelta(days=40)).isoformat()),
        _problems(last_known_well="wake-up", symptom_onset=past),
        _problems(last_known_well=past, symptom_onset=(NOW - dt.timedelta(hours=3)).isoformat()),
        _problems(last_known_well="unknown", wake_up=True),
        _problems(wake_up="yes"),
        _problems(anticoagulation="vka", inr=30),
        _problems(anticoagulation="doac", inr=2),
        _problems(anticoagulation="vka", last_dose=past),
        _problems(anticoagulation="aspirin", priority="STAT"),
        _problems(patient={"birth_date": "1949", "sex": "X"}),
        _problems(patient={"id": "x", "birth_date": "19490231"}),
    ]
    keys = re.compile(r"[a-z]+(_[a-z]+|\.[a-z_]+)")  # blood_pressure, patient.birth_date
    for problems in cases:
        for problem in problems:
            text = problem_text(problem)
            assert text != f"{field_label(problem.field)}: {problem.rule}", text  # worded
            assert not keys.search(text), (problem, text)
            assert text.endswith("."), text
    [systolic] = _problems(blood_pressure={"systolic": 400, "diastolic": 90})
    assert problem_text(systolic) == "Systolic pressure must be a whole number from 50 to 300 mmHg."
    unknown = FieldProblem("nihss", "a rule worded later")
    assert problem_text(unknown) == "NIHSS: a rule worded later"  # shown, never lost
