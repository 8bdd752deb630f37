"""Issue #14 item 4: the analysis prefills the perfusion / MR sections as suggestions the
radiologist confirms or changes; the SR and the PDF say which (software, version,
confirmed or changed with the software's value)."""

from __future__ import annotations

import copy
import dataclasses
import json
import subprocess
from pathlib import Path
from typing import Any

import pydicom
import pytest

from app.opinion import model as m
from app.opinion import sr as sr_mod
from app.opinion.analysis import AnalysisSummaryError, suggest_from_analysis
from app.opinion.build import OpinionNotReady, build_documents
from app.opinion.render import opinion_from_sr
from app.opinion.schema import (
    OpinionValidationError,
    opinion_from_dict,
    opinion_from_json,
    opinion_to_dict,
    opinion_to_json,
)
from app.opinion.signing import sign
from app.opinion.study import Study
from tests.app.opinion.conftest import RADIOLOGIST, SIGNED_AT
from tests.app.opinion.test_documents import dciodvfy_errors, pdf_text, saved
from tests.conftest import require_program

SUMMARY: dict[str, Any] = {
    "ctp": {
        "core_ml": 14.24,
        "hypoperfusion_ml": 86.0,
        "mismatch_ml": 71.8,
        "mismatch_ratio": 6.0,
        "hir": 0.42,
        "core_definition": "rCBF < 30%",
        "hypoperfusion_definition": "Tmax > 6 s",
        "aif": {"position": [1.0, 2.0, 3.0]},
        "warnings": ["truncated bolus: the venous curve has not returned towards baseline"],
    },
    "mr": {
        "adc_core_ml": 23.5,
        "adc_core_side": "left",
        "adc_units": "10^-6 mm2/s",
        "dwi_flair": {
            "flair_ratio": 1.04,
            "threshold": 1.15,
            "suggestion": "flair-negative",
            "lesion_ml": 22.0,
        },
    },
    "warnings": ["motion: 2 frames excluded"],
    "software": {"name": "StrokeLink", "version": "1.2.3"},
}


def test_prefill_fills_the_empty_fields_as_suggestions() -> None:
    opinion = m.Opinion()
    offer = suggest_from_analysis(opinion, SUMMARY)
    p = opinion.perfusion
    assert p is not None and p.measured is not None
    assert (p.core_ml, p.hypoperfusion_ml, p.hir) == (14.2, 86.0, 0.42)
    assert (p.core_definition, p.hypoperfusion_definition) == ("rCBF < 30%", "Tmax > 6 s")
    assert (p.measured.software, p.measured.version) == ("StrokeLink", "1.2.3")
    assert p.measured.warnings == [
        "truncated bolus: the venous curve has not returned towards baseline",
    ]  # review item d: the study-level warnings are the offer's, neither section's
    assert opinion.mr.measured is not None and opinion.mr.measured.warnings == []
    assert offer.warnings == ["motion: 2 frames excluded"]
    assert opinion.mr.dwi_lesion is m.Finding.PRESENT
    assert opinion.mr.dwi_volume_ml == 23.5
    assert opinion.mr.flair_dwi_mismatch is m.Finding.PRESENT  # FLAIR-negative: mismatch
    flair = opinion.mr.measured.value("flair_dwi_mismatch") if opinion.mr.measured else None
    assert flair is not None and flair.basis == "flair-negative: FLAIR ratio 1.04 (threshold 1.15)"
    assert offer.applied == [
        "perfusion.core_ml", "perfusion.hypoperfusion_ml", "perfusion.hir",
        "mr.dwi_lesion", "mr.dwi_volume_ml", "mr.flair_dwi_mismatch",
    ]  # fmt: skip
    assert m.awaiting_confirmation(p) == ["core_ml", "hypoperfusion_ml", "hir"]
    assert all(
        m.suggestion_status(opinion.mr, v) is m.SuggestionStatus.SUGGESTED
        for v in opinion.mr.measured.values  # type: ignore[union-attr]
    )


def test_values_the_radiologist_gave_are_kept_exactly() -> None:
    opinion = m.Opinion()
    opinion.perfusion = m.Perfusion(12.0, 50.0, "rCBF < 34 %", "Tmax > 6 s")
    opinion.mr = m.MrFindings(m.Finding.ABSENT, None, m.Finding.NOT_ASSESSED)
    typed = copy.deepcopy(opinion.perfusion)
    offer = suggest_from_analysis(opinion, SUMMARY)
    assert opinion.perfusion == typed  # not one value replaced, no software record
    assert opinion.mr.dwi_lesion is m.Finding.ABSENT
    assert opinion.mr.dwi_volume_ml is None  # no volume for a lesion said absent
    # nor a DWI/FLAIR mismatch: it is the mismatch of a lesion the radiologist says absent
    assert opinion.mr.flair_dwi_mismatch is m.Finding.NOT_ASSESSED
    assert opinion.mr.measured is None
    assert "perfusion.core_ml: kept as given (12.0); the analysis measured 14.2 mL" in offer.kept
    assert "mr.dwi_lesion: kept as given (absent); the analysis measured present" in offer.kept
    assert "perfusion: already given by the radiologist; kept as given" in offer.notes


def test_an_unconfirmed_suggestion_blocks_sending_until_confirmed() -> None:
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    missing = m.missing_for_sending(opinion)
    assert (
        "perfusion.measured: confirm or change the values the analysis suggested "
        "(core_ml, hypoperfusion_ml, hir)" in missing
    )
    assert any(line.startswith("mr.measured: confirm or change") for line in missing)
    m.confirm_suggestions(opinion.perfusion)
    opinion.mr.dwi_volume_ml = 20.0  # editing one value makes it the radiologist's
    missing = m.missing_for_sending(opinion)
    assert not any(line.startswith("perfusion.measured") for line in missing)
    assert (
        "mr.measured: confirm or change the values the analysis suggested "
        "(dwi_lesion, flair_dwi_mismatch)" in missing
    )
    m.confirm_suggestions(opinion.mr)
    assert not any(".measured" in line for line in m.missing_for_sending(opinion))
    statuses = {
        v.field: m.suggestion_status(opinion.mr, v)
        for v in opinion.mr.measured.values  # type: ignore[union-attr]
    }
    assert statuses["dwi_volume_ml"] is m.SuggestionStatus.CHANGED
    assert statuses["dwi_lesion"] is m.SuggestionStatus.CONFIRMED


def test_a_new_analysis_replaces_unconfirmed_suggestions_only() -> None:
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    second = copy.deepcopy(SUMMARY)
    second["ctp"]["core_ml"] = 20.0
    second["mr"]["adc_core_ml"] = 30.0
    m.confirm_suggestions(opinion.mr)
    suggest_from_analysis(opinion, second)
    assert opinion.perfusion is not None and opinion.perfusion.core_ml == 20.0
    assert opinion.mr.dwi_volume_ml == 23.5  # confirmed: kept


def test_nothing_analysed_and_malformed_summaries() -> None:
    opinion = m.Opinion()
    assert suggest_from_analysis(opinion, {}).notes == ["analysis: nothing analysed"]
    assert opinion == m.Opinion()
    bad = copy.deepcopy(SUMMARY)
    bad["ctp"]["core_ml"] = "12"
    with pytest.raises(AnalysisSummaryError, match=r"ctp\.core_ml: expected a number"):
        suggest_from_analysis(opinion, bad)
    bad = copy.deepcopy(SUMMARY)
    bad["mr"]["dwi_flair"]["suggestion"] = "maybe"
    with pytest.raises(AnalysisSummaryError, match=r"mr\.dwi_flair\.suggestion"):
        suggest_from_analysis(opinion, bad)
    assert opinion == m.Opinion()  # nothing changed
    inverted = copy.deepcopy(SUMMARY)
    inverted["ctp"]["hypoperfusion_ml"] = 5.0
    del inverted["mr"]
    offer = suggest_from_analysis(opinion, inverted)
    assert opinion.perfusion is None and "smaller than its core" in offer.notes[0]


def test_json_round_trip_and_old_drafts_load() -> None:
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    m.confirm_suggestions(opinion.perfusion)
    back = opinion_from_json(opinion_to_json(opinion))
    assert back.perfusion == opinion.perfusion and back.mr == opinion.mr
    old = opinion_to_dict(m.Opinion(perfusion=m.Perfusion(10.0, 40.0)))
    for section in ("perfusion", "mr"):
        del old[section]["measured"]
    del old["perfusion"]["hir"]
    loaded = opinion_from_dict(json.loads(json.dumps(old)))
    assert loaded.perfusion == m.Perfusion(10.0, 40.0) and loaded.mr.measured is None
    wrong = opinion_to_dict(opinion)
    wrong["perfusion"]["measured"]["values"][0]["field"] = "dwi_lesion"
    wrong["mr"]["measured"]["values"][0]["finding"] = None
    with pytest.raises(OpinionValidationError) as raised:
        opinion_from_dict(wrong)
    assert any(
        e.startswith("perfusion.measured.values[0].field: 'dwi_lesion'")
        for e in raised.value.errors
    )
    assert any(
        e.startswith("mr.measured.values[0]: dwi_lesion takes a finding")
        for e in raised.value.errors
    )


def _reviewed(signed: m.Opinion) -> m.Opinion:
    """The signed example with the analysis' suggestions: perfusion confirmed as is, the
    core changed to 18 mL, the MR confirmed."""
    draft = dataclasses.replace(signed, signed_at=None, uids=None)
    draft.perfusion, draft.mr = None, m.MrFindings()
    suggest_from_analysis(draft, SUMMARY)
    return draft


@pytest.mark.validator
def test_unconfirmed_suggestions_are_not_sent(signed_opinion: m.Opinion, study: Study) -> None:
    draft = _reviewed(signed_opinion)
    opinion = sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="suggested")
    with pytest.raises(OpinionNotReady, match="confirm or change the values"):
        build_documents(opinion, study)


@pytest.mark.validator
def test_sr_and_pdf_say_measured_by_the_software_confirmed_or_changed(
    signed_opinion: m.Opinion, study: Study, tmp_path: Path
) -> None:
    draft = _reviewed(signed_opinion)
    assert draft.perfusion is not None
    m.confirm_suggestions(draft.perfusion)
    m.confirm_suggestions(draft.mr)
    draft.perfusion.core_ml = 18.0  # the radiologist's own core
    opinion = sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="reviewed")
    documents = build_documents(opinion, study)
    path = saved(documents.sr, tmp_path, "sr.dcm")
    assert dciodvfy_errors(path) == []
    dump = subprocess.run(
        [require_program("dsrdump"), "+Pc", str(path)], capture_output=True, text=True, check=False
    )
    out = dump.stdout
    assert dump.returncode == 0 and "error" not in (out + dump.stderr).lower()
    name = '<has concept mod TEXT:(111001,DCM,"Algorithm Name")="StrokeLink">'
    version = '<has concept mod TEXT:(111003,DCM,"Algorithm Version")="1.2.3">'
    review = '<has concept mod CODE:(SWREVIEW,99STRKLNK,"Review of the software measurement")'
    confirmed = '(SWCONF,99STRKLNK,"Measured by the software, confirmed by the radiologist")>'
    changed = '(SWCHG,99STRKLNK,"Measured by the software, changed by the radiologist")>'
    # core, hypoperfusion, HIR, DWI lesion, DWI volume, DWI/FLAIR mismatch
    assert out.count(name) == 6 and out.count(version) == 6
    assert out.count(f"{review}={confirmed}") == 5 and out.count(f"{review}={changed}") == 1
    core = out[out.index('(CORE,99STRKLNK,"Ischaemic core volume")="18.0"') :]
    core = core[: core.index("(HYPOPERF,")]
    assert changed in core
    assert '<has properties NUM:(SWVALUE,99STRKLNK,"Value measured by the software")="14.2"' in core
    assert '<has concept mod TEXT:(111002,DCM,"Algorithm Parameters")="rCBF < 30%">' in core
    assert '(HIR,99STRKLNK,"Hypoperfusion intensity ratio (Tmax > 10 s / Tmax > 6 s)")="0.42"' in (
        out
    )

    back = opinion_from_sr(pydicom.dcmread(path))
    assert back.perfusion is not None and back.perfusion.measured is not None
    assert back.perfusion.core_ml == 18.0 and back.perfusion.hir == 0.42
    core_value = back.perfusion.measured.value("core_ml")
    assert core_value is not None and core_value.number == 14.2
    assert m.suggestion_status(back.perfusion, core_value) is m.SuggestionStatus.CHANGED
    assert back.mr.measured is not None
    assert [m.suggestion_status(back.mr, v) for v in back.mr.measured.values] == [
        m.SuggestionStatus.CONFIRMED
    ] * 3

    text = " ".join(pdf_text(documents, tmp_path).split())
    assert "measured by StrokeLink 1.2.3; hypoperfusion, HIR confirmed by the radiologist" in text
    assert "core changed by the radiologist (software: 14.2 mL)" in text
    assert "measured by StrokeLink 1.2.3, confirmed by the radiologist" in text  # MR rows
    assert "analysis warnings: truncated bolus" in text


def test_confirm_with_the_dwi_lesion_absent_cannot_send_its_volume_nor_mismatch() -> None:
    """Review item 5: after the prefill the radiologist says the DWI lesion is absent, then
    clicks Confirm: the software's volume and mismatch are not sent as confirmed."""
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    opinion.mr.dwi_lesion = m.Finding.ABSENT
    m.confirm_suggestions(opinion.mr)
    missing = [line for line in m.missing_for_sending(opinion) if line.startswith("mr.")]
    assert missing == [
        "mr.dwi_volume_ml: DWI volume given while the lesion is absent; clear the volume",
        "mr.flair_dwi_mismatch: DWI/FLAIR mismatch given while the DWI lesion is absent; "
        "set it to not assessed",
    ]
    opinion.mr.dwi_lesion = m.Finding.NOT_ASSESSED
    lines = [line for line in m.missing_for_sending(opinion) if line.startswith("mr.")]
    assert len(lines) == 2 and all("not assessed;" in line for line in lines)
    opinion.mr.dwi_lesion = m.Finding.ABSENT
    opinion.mr.dwi_volume_ml = None
    opinion.mr.flair_dwi_mismatch = m.Finding.NOT_ASSESSED
    assert not any(line.startswith("mr.") for line in m.missing_for_sending(opinion))
    # typed by the radiologist, without the software, the contradiction is refused too
    typed = m.MrFindings(m.Finding.ABSENT, 4.0, m.Finding.PRESENT)
    assert [line.split(":")[0] for line in m._mr_contradictions(typed)] == [
        "mr.dwi_volume_ml",
        "mr.flair_dwi_mismatch",
    ]
    # no lesion and no mismatch, the radiologist's own statement, is consistent
    assert m._mr_contradictions(m.MrFindings(m.Finding.ABSENT, None, m.Finding.ABSENT)) == []


def test_a_rerun_without_a_lesion_clears_the_unconfirmed_mr_suggestions_only() -> None:
    """Review item h."""
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    rerun = copy.deepcopy(SUMMARY)
    rerun["mr"]["adc_core_ml"] = 0.0
    rerun["mr"]["dwi_flair"] = {"suggestion": "not-assessable"}
    offer = suggest_from_analysis(opinion, rerun)
    assert opinion.mr == m.MrFindings()  # nothing of the first run is left
    assert offer.cleared == ["mr.dwi_lesion", "mr.dwi_volume_ml", "mr.flair_dwi_mismatch"]
    assert not any(line.startswith("mr.") for line in m.missing_for_sending(opinion))

    # a confirmed lesion, a volume the radiologist typed: kept; the stale mismatch goes
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    m.confirm_suggestions(opinion.mr)
    suggest_from_analysis(opinion, SUMMARY)  # (a second, identical run changes nothing)
    opinion.mr.measured.value("flair_dwi_mismatch").confirmed = False  # type: ignore[union-attr]
    opinion.mr.dwi_volume_ml = 30.0
    offer = suggest_from_analysis(opinion, rerun)
    assert opinion.mr.dwi_lesion is m.Finding.PRESENT
    assert opinion.mr.dwi_volume_ml == 30.0
    assert opinion.mr.flair_dwi_mismatch is m.Finding.NOT_ASSESSED
    assert offer.cleared == ["mr.flair_dwi_mismatch"]
    assert opinion.mr.measured is not None
    assert [v.field for v in opinion.mr.measured.values] == ["dwi_lesion", "dwi_volume_ml"]


@pytest.mark.validator
def test_removed_values_keep_the_software_value_in_the_sr_and_pdf(
    signed_opinion: m.Opinion, study: Study, tmp_path: Path
) -> None:
    """Review items 5 and 6: the HIR cleared, the DWI lesion set absent (its volume and
    mismatch cleared as asked): each software value is in the SR as "removed by the
    radiologist" and comes back from it."""
    draft = _reviewed(signed_opinion)
    assert draft.perfusion is not None
    m.confirm_suggestions(draft.perfusion)
    draft.perfusion.hir = None
    draft.mr.dwi_lesion = m.Finding.ABSENT
    m.confirm_suggestions(draft.mr)
    opinion = sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="removed")
    with pytest.raises(OpinionNotReady, match="DWI volume given while the lesion is absent"):
        build_documents(opinion, study)
    draft.mr.dwi_volume_ml = None
    draft.mr.flair_dwi_mismatch = m.Finding.NOT_ASSESSED
    opinion = sign(draft, RADIOLOGIST, at=SIGNED_AT, seed="removed")
    documents = build_documents(opinion, study)
    path = saved(documents.sr, tmp_path, "sr.dcm")
    assert dciodvfy_errors(path) == []
    out = subprocess.run(
        [require_program("dsrdump"), "+Pc", str(path)], capture_output=True, text=True, check=True
    ).stdout
    removed = (
        '<contains CODE:(SWREVIEW,99STRKLNK,"Review of the software measurement")='
        '(SWREM,99STRKLNK,"Measured by the software, removed by the radiologist")>'
    )
    assert out.count(removed) == 3
    assert '(SWQTY,99STRKLNK,"Software measurement reviewed")=(HIR,99STRKLNK,' in out
    assert '<has properties NUM:(SWVALUE,99STRKLNK,"Value measured by the software")="0.42"' in (
        out
    )
    assert '<has properties NUM:(SWVALUE,99STRKLNK,"Value measured by the software")="23.5"' in (
        out
    )
    assert "DWI/FLAIR mismatch" in out and 'confirmed by the radiologist")>' in out

    back = opinion_from_sr(pydicom.dcmread(path))
    assert back.perfusion is not None and back.perfusion.hir is None
    assert back.perfusion.measured is not None
    hir = back.perfusion.measured.value("hir")
    assert hir is not None and hir.number == 0.42
    assert m.suggestion_status(back.perfusion, hir) is m.SuggestionStatus.CHANGED
    assert (back.mr.dwi_lesion, back.mr.dwi_volume_ml) == (m.Finding.ABSENT, None)
    assert back.mr.measured is not None
    assert {v.field: (v.number, v.finding) for v in back.mr.measured.values} == {
        "dwi_lesion": (None, m.Finding.PRESENT),
        "dwi_volume_ml": (23.5, None),
        "flair_dwi_mismatch": (None, m.Finding.PRESENT),
    }
    assert all(
        m.suggestion_status(back.mr, v) is m.SuggestionStatus.CHANGED
        for v in back.mr.measured.values
    )
    # sent again (e.g. amended): the same removed items, nothing lost
    assert sr_mod.findings_items(back) and len(sr_mod.removed_items(back.mr, {"dwi_lesion"})) == 2

    text = " ".join(pdf_text(documents, tmp_path).split())
    assert "HIR removed by the radiologist (software: 0.42)" in text
    assert "DWI volume removed by the radiologist (software: 23.5 mL)" in text
    assert "DWI/FLAIR mismatch removed by the radiologist (software: Present)" in text
    assert "DWI lesion changed by the radiologist (software: Present)" in text
    assert "motion" not in text  # study-level warnings are not in the PDF rows (item d)


def test_a_software_hir_of_0_is_a_value() -> None:
    """Review item 6: an HIR of 0 is given (0.00), not "not given"."""
    summary = copy.deepcopy(SUMMARY)
    summary["ctp"]["hir"] = 0.0
    opinion = m.Opinion()
    suggest_from_analysis(opinion, summary)
    assert opinion.perfusion is not None and opinion.perfusion.hir == 0.0
    m.confirm_suggestions(opinion.perfusion)
    hir = opinion.perfusion.measured.value("hir")  # type: ignore[union-attr]
    assert hir is not None
    assert m.suggestion_status(opinion.perfusion, hir) is m.SuggestionStatus.CONFIRMED
    opinion.perfusion.hir = None
    assert m.suggestion_status(opinion.perfusion, hir) is m.SuggestionStatus.CHANGED


def test_a_rerun_after_the_lesion_was_said_absent_withdraws_its_volume_and_mismatch() -> None:
    opinion = m.Opinion()
    suggest_from_analysis(opinion, SUMMARY)
    opinion.mr.dwi_lesion = m.Finding.ABSENT  # the radiologist disagrees, confirms nothing
    offer = suggest_from_analysis(opinion, SUMMARY)
    assert opinion.mr.dwi_lesion is m.Finding.ABSENT
    assert (opinion.mr.dwi_volume_ml, opinion.mr.flair_dwi_mismatch) == (
        None,
        m.Finding.NOT_ASSESSED,
    )
    assert offer.cleared == ["mr.dwi_volume_ml", "mr.flair_dwi_mismatch"]
    assert not any(line.startswith("mr.") for line in m.missing_for_sending(opinion))
