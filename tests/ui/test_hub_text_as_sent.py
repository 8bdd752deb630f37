"""The radiologist's screens show the hub's words as sent (issue #9), on a real minihub.

Text from the network is never read as HTML: the name of an item the
application does not know, the site and question in the worklist's tooltips,
an earlier opinion's conclusion. An INR or a last dose sent without the
treatment (by another sender than StrokeLink's form) is shown all the same.
Names keep their title first: "Pr MARTIN Claire" claimed the request, and is
reading it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from pydicom.dataset import Dataset
from pydicom.uid import generate_uid
from PySide6 import QtGui
from PySide6.QtCore import QEvent, QModelIndex, Qt
from PySide6.QtGui import QHelpEvent, QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QTableView, QToolTip

from app.ed.site_requests import ReceivedOpinion
from app.hub.client import HttpHub
from app.opinion import model as m
from app.ui.opinion.prior_opinion import PriorOpinionBanner
from app.ui.plain_text import tooltip
from app.ui.worklist import clinical_words as words
from app.ui.worklist.request_panel import RequestPanel
from app.ui.worklist.view import Column
from app.worklist.claims import ClaimStore, claim_request
from app.worklist.model import Request, read_request
from minihub.server import HubServer
from protocol.request import ClinicalRequest
from tests.ui.clinical_util import NOW, workitem
from tests.ui.worklist_util import cell, make_window

MARKUP = "<b>x</b>"


@pytest.fixture(scope="module")
def hub(module_hub: HubServer) -> HubServer:
    """One minihub for this module's tests."""
    return module_hub


def through_the_hub(ed: HttpHub, body: dict) -> Request:
    return read_request(ed.retrieve_workitem(ed.create_workitem(body)))


def shown_tooltip(table: QTableView, index: QModelIndex) -> str:
    """The tooltip the table shows with the pointer resting on the cell."""
    table.scrollTo(index)
    place = table.visualRect(index).center()
    event = QHelpEvent(QEvent.Type.ToolTip, place, table.viewport().mapToGlobal(place))
    QApplication.sendEvent(table.viewport(), event)
    return QToolTip.text()


def as_read(text: str) -> str:
    """What a tooltip's text reads as on screen (Qt takes what looks like HTML as HTML)."""
    if not QtGui.Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


def with_unknown_item(body: dict, meaning: str, value: str) -> dict:
    """The workitem with a text item of a concept the application does not know."""
    concept = Dataset()
    concept.CodeValue, concept.CodingSchemeDesignator = "X-1", "99LOCAL"
    concept.CodeMeaning = meaning
    item = Dataset()
    item.ValueType = "TEXT"
    item.ConceptNameCodeSequence = [concept]
    item.TextValue = value
    ds = Dataset.from_json(body)
    ds.ScheduledProcessingParametersSequence.append(item)
    return dict(ds.to_json_dict())


def test_an_unknown_items_name_and_value_show_literally(qtbot, ed: HttpHub) -> None:
    body = with_unknown_item(workitem(ClinicalRequest(site="CH Toul")), MARKUP, "<i>y</i>")
    request = through_the_hub(ed, body)
    assert request.clinical.other == ((MARKUP, "<i>y</i>"),)
    panel = RequestPanel(request, lambda: NOW)
    qtbot.addWidget(panel)
    panel.show()
    names = [label for label in panel.findChildren(QLabel) if label.text() == MARKUP]
    assert len(names) == 1 and names[0].isVisible()
    assert names[0].textFormat() == Qt.TextFormat.PlainText  # shows "<b>x</b>", not a bold x
    value = panel.values["other.0"]
    assert value.text() == "<i>y</i>" and value.textFormat() == Qt.TextFormat.PlainText


def test_inr_and_last_dose_without_the_treatment_are_shown(qtbot, ed: HttpHub) -> None:
    dose = NOW - dt.timedelta(hours=2)
    sent = ClinicalRequest(site="CH Toul", inr=2.6, last_dose=dose)
    request = through_the_hub(ed, workitem(sent))
    assert request.clinical.anticoagulation is None
    assert (request.clinical.inr, request.clinical.last_dose) == (2.6, dose)
    panel = RequestPanel(request, lambda: NOW)
    qtbot.addWidget(panel)
    panel.show()
    local = dose.astimezone().strftime("%H:%M")
    assert panel.value_text("anticoagulation") == (
        f"Treatment not given — INR 2.6 — last dose {local} (2 h 00 min ago)"
    )
    assert panel.values["anticoagulation"].objectName() == ""  # shown, not flagged
    assert words.anticoagulation_short(request.clinical) == "INR 2.6"
    assert (
        words.anticoagulation_short(request.clinical, NOW) == "INR 2.6 (last dose 2 h 00 min ago)"
    )
    nothing = ClinicalRequest(site="CH Toul")
    assert words.anticoagulation_long(nothing, NOW) == ""  # "not given" on the panel


def test_worklist_tooltips_and_names_with_a_title(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    study = generate_uid()
    sent = ClinicalRequest(site="<i>CH</i> Toul", question=f"Thrombectomy? {MARKUP}")
    uid = ed.create_workitem(workitem(sent, study=study))
    other = ed.create_workitem(workitem(ClinicalRequest(site="CH Nancy"), study=study))
    claim_request(ed, ClaimStore(tmp_path / "colleague.json"), uid, "MARTIN^Claire^^Pr")
    window = make_window(qtbot, hub.base_url, tmp_path)

    # the claimed-by column and the banner: the title first
    assert cell(window, uid, Column.CLAIMED_BY) == "Pr MARTIN Claire"
    assert window.select(uid)
    window.open_selected()
    assert window.banner_text() == "Pr MARTIN Claire is reading this request."

    # the question's tooltip: the model gives it as sent, the view shows it literally
    question = window.model.index(window.model.row_of(uid), Column.QUESTION)
    assert question.data(Qt.ItemDataRole.ToolTipRole) == f"Thrombectomy? {MARKUP}"
    shown = shown_tooltip(window.table, question)
    assert shown == tooltip(f"Thrombectomy? {MARKUP}") and MARKUP not in shown
    assert as_read(shown) == f"Thrombectomy? {MARKUP}"

    # the other request for the study names the site in the flags' tooltip: as sent
    flags = window.model.index(window.model.row_of(other), Column.FLAGS)
    assert "<i>CH</i> Toul" in flags.data(Qt.ItemDataRole.ToolTipRole)
    assert "Another request for the same study: <i>CH</i> Toul," in as_read(
        shown_tooltip(window.table, flags)
    )
    assert tooltip("CH Toul\nline two") == "CH Toul\nline two"  # plain text stays as it is
    QToolTip.hideText()


def test_an_earlier_opinions_words_show_literally(qtbot) -> None:
    opinion = m.Opinion(
        kind=m.ReportKind.FINAL,
        conclusion=f"{MARKUP} no bleed",
        radiologist=m.Radiologist("DURAND^Paul^^Pr", "CHU Reims"),
        signed_at=NOW,
    )
    ref = m.DocumentRef("1.2.3", "1.2.3.4", "1.2.3.4.5")
    banner = PriorOpinionBanner()
    qtbot.addWidget(banner)
    banner.show_opinions([ReceivedOpinion(ref, opinion, workitem_uid="2.25.1")], "2.25.2")
    banner.show()
    assert banner.who_text(0).startswith("Final opinion by Pr DURAND Paul, signed ")
    labels = {label.text(): label for label in banner.findChildren(QLabel)}
    conclusion = labels[f"{MARKUP} no bleed"]
    assert conclusion.textFormat() == Qt.TextFormat.PlainText and conclusion.isVisible()
