"""Issue #14 item 4 in the opinion panel: the analysis' summary prefills the perfusion and
MR sections with a "Suggested by the analysis — confirm" marker and a Confirm button;
sending stays refused until each section is confirmed (or its values changed)."""

from __future__ import annotations

import copy

from app.opinion import model as m
from app.opinion.analysis import suggest_from_analysis
from app.ui.opinion.panel import OpinionPanel
from app.ui.opinion.verdict_words import screen_details
from tests.app.opinion.test_analysis_suggestions import SUMMARY
from tests.ui import test_opinion_panel as panel_tests
from tests.ui.test_opinion_panel import Station, fill_by_mouse, open_panel

station = panel_tests.station  # the same fixture: a claimed case on a minihub

MARKER = "Suggested by the analysis — confirm"


def missing_lines(panel: OpinionPanel) -> list[str]:
    return [panel.missing.item(i).text() for i in range(panel.missing.count())]


def test_offer_analysis_marks_the_suggestions_until_confirmed(qtbot, station: Station) -> None:
    panel = open_panel(qtbot, station)
    form = panel.form
    fill_by_mouse(panel, station.case.study)
    assert panel.final_button.isEnabled()
    perfusion, mr = form.suggestions["perfusion"], form.suggestions["mr"]
    assert not perfusion.isVisible() and not mr.isVisible()

    panel.offer_analysis(SUMMARY)
    assert (form.core.value(), form.hypo.value(), form.hir.value()) == (14.2, 86.0, 0.42)
    assert form.choices["mr.dwi_lesion"].value() is m.Finding.PRESENT
    assert form.dwi_volume.value() == 23.5
    for bar in (perfusion, mr):
        assert bar.isVisible() and bar.marker.isVisible() and bar.marker.text() == MARKER
        assert bar.confirm.isVisible()
    assert "truncated bolus" in perfusion.warnings.text() and perfusion.warnings.isVisible()
    assert "Core: 14.2 mL suggested by StrokeLink 1.2.3, not confirmed yet" in (
        perfusion.detail.text()
    )
    assert not panel.final_button.isEnabled() and not panel.preliminary_button.isEnabled()
    lines = missing_lines(panel)
    assert "Perfusion: confirm or change the values the analysis suggested" in lines
    assert "MRI: confirm or change the values the analysis suggested" in lines

    perfusion.confirm.click()
    assert not perfusion.marker.isVisible() and not perfusion.confirm.isVisible()
    assert "Core: 14.2 mL measured by StrokeLink 1.2.3, confirmed by you" in (
        perfusion.detail.text()
    )
    assert mr.marker.isVisible() and not panel.final_button.isEnabled()

    form.dwi_volume.setValue(20.0)  # editing a value makes it the radiologist's
    assert "DWI volume: changed by you (StrokeLink 1.2.3 measured 23.5 mL)" in mr.detail.text()
    assert mr.marker.isVisible()  # the lesion and the mismatch are still to confirm
    mr.confirm.click()
    assert not mr.marker.isVisible()
    assert panel.final_button.isEnabled()
    o = panel.session.opinion
    assert o.perfusion is not None and m.awaiting_confirmation(o.perfusion) == []
    assert o.mr.dwi_volume_ml == 20.0


def test_offer_analysis_keeps_what_the_radiologist_gave(qtbot, station: Station) -> None:
    panel = open_panel(qtbot, station)
    panel.session.drafting.set_perfusion(10.0, 40.0)
    panel.offer_analysis(SUMMARY)
    p = panel.session.opinion.perfusion
    assert p is not None and (p.core_ml, p.hypoperfusion_ml, p.measured) == (10.0, 40.0, None)
    bar = panel.form.suggestions["perfusion"]
    assert bar.isVisible() and not bar.marker.isVisible()
    assert "Core: kept as you gave it (10.0); the analysis measured 14.2 mL" in bar.detail.text()
    bad = copy.deepcopy(SUMMARY)
    bad["ctp"]["hir"] = "high"
    panel.offer_analysis(bad)
    assert panel.error.isVisible() and "ctp.hir" in panel.error.text()


def test_the_ed_screen_says_who_measured_and_what_was_changed(qtbot) -> None:
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    assert opinion.perfusion is not None
    m.confirm_suggestions(opinion.perfusion)
    m.confirm_suggestions(opinion.mr)
    opinion.perfusion.core_ml = 18.0
    rows = dict(screen_details(opinion))
    assert rows["Perfusion"].endswith(
        ", HIR 0.42; measured by StrokeLink 1.2.3; Core changed by the radiologist "
        "(software: 14.2 mL)"
    )
    assert rows["DWI lesion"] == (
        "Present, 23.5 mL; measured by StrokeLink 1.2.3, confirmed by the radiologist"
    )
