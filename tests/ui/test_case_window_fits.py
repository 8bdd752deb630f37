"""Issue #13 follow-up: the case window fits the screen, in French and in English.

The wake-up MR case (three panes, the request docked on the left, the opinion panel on
the right) is claimed and opened from the worklist with a long French "last known well"
badge; at a 1366x768 screen the window is no wider than the screen's available width,
every button of the opinion panel lies inside the window, nothing needs a horizontal
scroll bar, and the badge never covers the patient's name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pydicom
import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QRect, QTranslator
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget

from app.hub.client import HttpHub
from app.ui.i18n import install_translators
from app.ui.opinion.panel import OpinionPanel
from app.ui.viewer.case_window import CaseWindow
from protocol.request import ClinicalRequest, InputSeries, build_request_workitem
from tests.ui.worklist_util import claim_and_open, make_window

SCREENS = ((1366, 768), (1600, 1000))


@pytest.fixture(params=["fr", "en"])
def lang(request: Any, qapp: QApplication) -> Iterator[str]:
    """The language of one run; the French translators are removed afterwards."""
    locale = QLocale()
    before = set(qapp.findChildren(QTranslator))
    if request.param == "fr":
        assert install_translators(qapp, "fr") == "fr"
    yield request.param
    for translator in set(qapp.findChildren(QTranslator)) - before:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(locale)


def mr_request(ed: HttpHub, synth_root: Path) -> str:
    """The wake-up MR on the hub with the ED's request (last known well 9 h ago)."""
    datasets = [pydicom.dcmread(p) for p in sorted((synth_root / "wake-up-mr").rglob("*.dcm"))]
    assert not ed.store_instances(datasets).failed
    by_series: dict[str, list[pydicom.Dataset]] = {}
    for ds in datasets:
        by_series.setdefault(str(ds.SeriesInstanceUID), []).append(ds)
    first = datasets[0]
    inputs = [
        InputSeries(
            str(first.StudyInstanceUID),
            uid,
            [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in series],
            f"{ed.base_url}/studies/{first.StudyInstanceUID}",
        )
        for uid, series in by_series.items()
    ]
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    now = dt.datetime.now(dt.UTC)
    body = build_request_workitem(
        ClinicalRequest(
            site="CH Épinal, Urgences",
            physician="BERNARD^Luc",
            question="Thrombolysis? Wake-up stroke: DWI/FLAIR mismatch?",
            accession="SLA0004",
            callback_phone="+33 3 29 00 40 04",
            last_known_well=now - dt.timedelta(hours=9, minutes=1),
            onset_timing="WAKE-UP",
            nihss=8,
        ),
        patient={k: str(first.get(k, "")) for k in keywords},
        inputs=inputs,
        scheduled=now,
    )
    return ed.create_workitem(body)


def inside(widget: QWidget, window: QWidget, *, across_only: bool = False) -> bool:
    """Whether ``widget`` lies inside ``window`` (its rectangle mapped there); ``across_only``:
    from left to right only (a field of a form that scrolls up and down)."""
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if across_only:
        return rect.left() >= 0 and rect.right() <= window.rect().right()
    return window.rect().contains(rect)


def test_the_case_window_fits_the_screen(
    qtbot: Any, lang: str, ed: HttpHub, synth_root: Path, tmp_path: Path
) -> None:
    uid = mr_request(ed, synth_root)
    window = make_window(qtbot, ed.base_url, tmp_path)
    assert window.select(uid)
    case = claim_and_open(qtbot, window, uid)
    case_window: CaseWindow = case.window
    panel: OpinionPanel = case.panel
    available = case_window.screen().availableGeometry()
    assert case_window.width() <= available.width()
    assert case_window.height() <= available.height()
    for width, height in SCREENS:
        case_window.resize(width, height)
        qtbot.waitUntil(lambda w=width: case_window.width() <= w, timeout=5_000)
        QApplication.processEvents()
        assert case_window.width() <= width, (lang, width, case_window.width())
        assert case_window.height() <= height, (lang, height, case_window.height())
        buttons = [b for b in panel.findChildren(QAbstractButton) if b.isVisible()]
        assert buttons
        form = panel.form
        out = [
            b.text() or b.objectName()
            for b in buttons
            if not inside(b, case_window, across_only=form.isAncestorOf(b))
        ]
        assert not out, (lang, width, out)
        scrolled = [
            a.objectName() or type(a).__name__
            for a in case_window.findChildren(QAbstractScrollArea)
            if a.isVisible() and a.horizontalScrollBar().isVisible()
        ]
        assert not scrolled, (lang, width, scrolled)
        request = case_window.request_panel
        assert request is not None and inside(request, case_window)
    name, badge = panel.patient, panel.lkw
    assert badge.isVisible() and badge.text()
    name_rect = QRect(name.mapTo(panel, QPoint(0, 0)), name.size())
    badge_rect = QRect(badge.mapTo(panel, QPoint(0, 0)), badge.size())
    assert not name_rect.intersects(badge_rect), (lang, name_rect, badge_rect)
    case.close()
