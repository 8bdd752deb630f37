"""Issue #14 item 4 in the opinion panel: the analysis' summary prefills the perfusion and
MR sections with a "Suggested by the analysis — confirm" marker and a Confirm button;
sending stays refused until each section is confirmed (or its values changed)."""

from __future__ import annotations

import copy
from types import SimpleNamespace

from PySide6.QtCore import Qt

from app.opinion import model as m
from app.opinion.analysis import suggest_from_analysis
from app.ui.opinion.panel import OpinionPanel
from app.ui.opinion.suggestion import section_warnings
from app.ui.opinion.verdict_words import screen_details
from tests.app.opinion.test_analysis_suggestions import SUMMARY
from tests.app.opinion_session_util import choose
from tests.ui import test_opinion_panel as panel_tests
from tests.ui.test_opinion_panel import Station, fill_by_mouse, open_panel
from viewer.notes import note

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


def test_hir_not_given_is_not_0(qtbot, station: Station) -> None:
    """Review item 6: a software HIR of 0 reads 0.00; clearing it is "removed by you"; the
    radiologist can type 0 (either decimal mark)."""
    panel = open_panel(qtbot, station)
    form = panel.form
    summary = copy.deepcopy(SUMMARY)
    summary["ctp"]["hir"] = 0.0
    panel.offer_analysis(summary)
    p = panel.session.opinion.perfusion
    assert p is not None and p.hir == 0.0
    assert form.hir.text() == "0.00" and form.hir.value() == 0.0
    bar = form.suggestions["perfusion"]
    assert "HIR: 0.00 suggested by StrokeLink 1.2.3, not confirmed yet" in bar.detail.text()
    bar.confirm.click()
    assert panel.session.opinion.perfusion.hir == 0.0  # type: ignore[union-attr]

    form.hir.setFocus()
    form.hir.selectAll()
    qtbot.keyClick(form.hir, Qt.Key.Key_Delete)
    p = panel.session.opinion.perfusion
    assert p is not None and p.hir is None
    assert form.hir.text() == "" and form.hir.placeholderText() == "not given"
    assert "HIR: removed by you (StrokeLink 1.2.3 measured 0.00)" in bar.detail.text()
    assert not bar.marker.isVisible()

    qtbot.keyClicks(form.hir, "0")
    assert panel.session.opinion.perfusion.hir == 0.0  # type: ignore[union-attr]
    qtbot.keyClicks(form.hir, ",35")
    assert panel.session.opinion.perfusion.hir == 0.35  # type: ignore[union-attr]
    assert form.hir.text() == "0,35"  # not rewritten while typing
    qtbot.keyClicks(form.hir, "9")  # a third decimal: refused by the field
    assert form.hir.text() == "0,35"
    form.hir.clear()
    qtbot.keyClicks(form.hir, "1.5")  # above 1: refused
    assert form.hir.text() == "1."


def test_absent_dwi_lesion_then_confirm_is_refused_with_a_clear_line(
    qtbot, station: Station
) -> None:
    """Review item 5 in the panel."""
    panel = open_panel(qtbot, station)
    fill_by_mouse(panel, station.case.study)
    panel.offer_analysis(SUMMARY)
    panel.form.suggestions["perfusion"].confirm.click()
    choose(panel, "mr.dwi_lesion", m.Finding.ABSENT)
    panel.form.suggestions["mr"].confirm.click()
    lines = missing_lines(panel)
    assert "MRI: a DWI volume is given while the DWI lesion is absent; clear the volume" in lines
    assert (
        "MRI: a DWI/FLAIR mismatch is given while the DWI lesion is absent; set it to not assessed"
    ) in lines
    assert not panel.final_button.isEnabled()
    panel.form.dwi_volume.setValue(0.0)
    choose(panel, "mr.flair_dwi_mismatch", m.Finding.NOT_ASSESSED)
    assert panel.final_button.isEnabled()
    detail = panel.form.suggestions["mr"].detail.text()
    assert "DWI volume: removed by you (StrokeLink 1.2.3 measured 23.5 mL)" in detail


def test_warnings_go_to_their_section_in_the_users_words(qtbot, station: Station) -> None:
    """Review item d: each bar shows its section's warnings; with the caller's worded
    warnings they are shown as given (the user's language)."""
    panel = open_panel(qtbot, station)
    perfusion, mr = panel.form.suggestions["perfusion"], panel.form.suggestions["mr"]
    panel.offer_analysis(SUMMARY)  # no worded warnings: the summary's (English)
    assert "truncated bolus" in perfusion.warnings.text()
    assert "motion: 2 frames excluded" in perfusion.warnings.text()  # study-level: both
    assert "truncated bolus" not in mr.warnings.text()
    assert "motion: 2 frames excluded" in mr.warnings.text()
    panel.offer_analysis(SUMMARY, {"perfusion": ["bolus tronqué"], "mr": ["pas de série FLAIR"]})
    assert perfusion.warnings.text().endswith(": bolus tronqué")
    assert mr.warnings.text().endswith(": pas de série FLAIR")
    assert "truncated" not in perfusion.warnings.text()


def test_section_warnings_sort_the_notes_and_word_them() -> None:
    perfusion = SimpleNamespace(warnings=[note("analysis_failed", what="AIF", why="noisy")])
    adc = SimpleNamespace(warnings=["adc-own"])
    result = SimpleNamespace(
        perfusion=perfusion,
        adc=adc,
        dwi_flair=None,
        warnings=[
            note("analysis_no_flair"),
            note("analysis_single_phase", series="series 5"),
            note("analysis_several", kind="ADC", chosen="series 7", others="series 8"),
            note("analysis_skipped_files", files="x.dcm"),
        ],
    )
    out = section_warnings(result, lambda w: f"<{getattr(w, 'code', 'text')}>")  # type: ignore[arg-type]
    assert out == {
        "perfusion": ["<analysis_failed>", "<analysis_single_phase>", "<analysis_skipped_files>"],
        "mr": ["<text>", "<analysis_no_flair>", "<analysis_several>", "<analysis_skipped_files>"],
    }


def test_the_ed_screen_says_what_the_radiologist_removed(qtbot) -> None:
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    assert opinion.perfusion is not None
    m.confirm_suggestions(opinion.perfusion)
    opinion.perfusion.hir = None
    rows = dict(screen_details(opinion))
    assert rows["Perfusion"].endswith(
        "; measured by StrokeLink 1.2.3; HIR removed by the radiologist (software: 0.42)"
    )
