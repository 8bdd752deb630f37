"""The analysis' results (``summary.json``, issue #14) offered to the opinion as suggestions.

:func:`suggest_from_analysis` fills the perfusion and MR fields the radiologist
has left empty with what the software measured, and records the software's
values next to them (:class:`~app.opinion.model.SoftwareMeasurement`). It never
overwrites a value the radiologist gave: such a value is kept exactly and the
difference is said in :attr:`Offer.kept`.

The confirmation rule (:func:`app.opinion.model.suggestion_status`): a prefilled
value is SUGGESTED until the radiologist confirms its section
(:func:`app.opinion.model.confirm_suggestions`, the "Confirm" button) or edits
the value (a value that differs from the software's is the radiologist's own:
CHANGED, the software's value is kept next to it). While a value is SUGGESTED,
:func:`app.opinion.model.missing_for_sending` refuses sending.

What is suggested:

* perfusion (``ctp``): core, hypoperfusion (both needed) and HIR, with the
  analysis' definitions; only when the section is not read yet, or still holds
  the previous analysis' unconfirmed suggestion (a new analysis, e.g. after
  the AIF was moved, replaces it).
* MR (``mr``): the ADC core volume as the DWI lesion volume and, when it is
  above 0 mL, a DWI lesion present (0 mL suggests nothing: lesions smaller
  than the analysis' island size are not ruled out); the DWI–FLAIR helper's
  "flair-negative" as a DWI/FLAIR mismatch present, "flair-positive" as
  absent, "not-assessable" as nothing. Field by field: each empty field (or
  one still holding an unconfirmed suggestion) is filled, the others are kept;
  no volume nor mismatch is suggested for a DWI lesion the radiologist says is
  absent. A field still holding an earlier analysis' unconfirmed suggestion that
  this analysis no longer makes (no lesion found, not assessable) is emptied
  (:attr:`Offer.cleared`); a confirmed or typed value is never touched.

Warnings: each section's measurements record that section's own warnings
(``ctp.warnings``; ``mr.warnings`` and ``mr.dwi_flair.warnings``); the summary's
study-level ``warnings`` are :attr:`Offer.warnings`, shown to the radiologist but
recorded with neither (they are not in the SR nor the PDF).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.opinion import model as m

DEFAULT_SOFTWARE = "StrokeLink"


class AnalysisSummaryError(ValueError):
    """The summary is not in the form of ``summary.json``; the message names the key."""


@dataclass
class Offer:
    """What :func:`suggest_from_analysis` did.

    ``applied``: the fields filled (``perfusion.core_ml``…); ``kept``: one line for
    each field the radiologist had given, kept as given, with the software's value;
    ``notes``: what was not suggested and why; ``cleared``: the fields emptied because
    they held an earlier analysis' unconfirmed suggestion this analysis no longer makes;
    ``warnings``: the summary's study-level warnings (shown to the radiologist, not
    recorded with either section's measurements).
    """

    applied: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    cleared: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _number(section: Mapping[str, Any], key: str, where: str) -> float | None:
    value = section.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AnalysisSummaryError(f"{where}.{key}: expected a number or null, got {value!r}")
    if value < 0:
        raise AnalysisSummaryError(f"{where}.{key}: {value!r} is negative")
    return float(value)


def _section(summary: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    value = summary.get(key)
    if value is None:
        return None
    if not isinstance(value, Mapping):
        raise AnalysisSummaryError(f"{key}: expected an object, got {value!r}")
    return value


def _strings(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise AnalysisSummaryError(f"{where}: expected a list of strings, got {value!r}")
    return list(value)


def _software(summary: Mapping[str, Any]) -> tuple[str, str]:
    software = _section(summary, "software") or {}
    name, version = software.get("name", DEFAULT_SOFTWARE), software.get("version", "")
    if not isinstance(name, str) or not isinstance(version, str):
        raise AnalysisSummaryError(f"software: expected a name and a version, got {software!r}")
    return name or DEFAULT_SOFTWARE, version


def _unique(lines: list[str]) -> list[str]:
    return list(dict.fromkeys(line for line in lines if line.strip()))


def _open_field(section: m.Perfusion | m.MrFindings, name: str, empty: object) -> bool:
    """The field may take a suggestion: empty, or still the unconfirmed suggestion of an
    earlier analysis."""
    if getattr(section, name) == empty:
        return True
    return name in m.awaiting_confirmation(section)


def _described(value: m.SoftwareValue) -> str:
    if value.finding is not None:
        return value.finding.value
    return f"{value.number:g}" + ("" if value.field == "hir" else " mL")


def _kept(section: str, current: object, value: m.SoftwareValue) -> str:
    shown = current.value if isinstance(current, m.Finding) else current
    return (
        f"{section}.{value.field}: kept as given ({shown}); "
        f"the analysis measured {_described(value)}"
    )


def suggest_from_analysis(opinion: m.Opinion, summary: Mapping[str, Any]) -> Offer:
    """Prefill ``opinion`` (changed in place) from ``summary``; see the module docstring.

    Raises :class:`AnalysisSummaryError` when the summary is malformed (nothing is
    changed then).
    """
    if not isinstance(summary, Mapping):
        raise AnalysisSummaryError(f"(summary): expected an object, got {type(summary).__name__}")
    software, version = _software(summary)
    common = _strings(summary.get("warnings"), "warnings")
    ctp, mr = _section(summary, "ctp"), _section(summary, "mr")
    perfusion = None if ctp is None else _perfusion_values(ctp)
    mr_values = None if mr is None else _mr_values(mr)
    offer = Offer(warnings=_unique(common))
    if ctp is None and mr is None:
        offer.notes.append("analysis: nothing analysed")
    if perfusion is not None:
        values, warnings = perfusion
        measured = m.SoftwareMeasurement(software, version, values, _unique(warnings))
        _offer_perfusion(opinion, measured, offer)
    if mr_values is not None:
        values, warnings = mr_values
        measured = m.SoftwareMeasurement(software, version, values, _unique(warnings))
        _offer_mr(opinion, measured, offer)
    return offer


def _perfusion_values(ctp: Mapping[str, Any]) -> tuple[list[m.SoftwareValue], list[str]]:
    core = _number(ctp, "core_ml", "ctp")
    hypo = _number(ctp, "hypoperfusion_ml", "ctp")
    hir = _number(ctp, "hir", "ctp")
    if hir is not None and hir > 1:
        raise AnalysisSummaryError(f"ctp.hir: {hir!r} is above 1")
    core_def = ctp.get("core_definition") or "rCBF < 30%"
    hypo_def = ctp.get("hypoperfusion_definition") or "Tmax > 6 s"
    if not isinstance(core_def, str) or not isinstance(hypo_def, str):
        raise AnalysisSummaryError("ctp: the core and hypoperfusion definitions are text")
    values = []
    if core is not None and hypo is not None:
        values = [
            m.SoftwareValue("core_ml", number=round(core, 1), basis=core_def),
            m.SoftwareValue("hypoperfusion_ml", number=round(hypo, 1), basis=hypo_def),
        ]
        if hir is not None:
            values.append(
                m.SoftwareValue("hir", number=round(hir, 2), basis="Tmax > 10 s / Tmax > 6 s")
            )
    return values, _strings(ctp.get("warnings"), "ctp.warnings")


def _offer_perfusion(opinion: m.Opinion, measured: m.SoftwareMeasurement, offer: Offer) -> None:
    if not measured.values:
        offer.notes.append("perfusion: the analysis gave no core and hypoperfusion volumes")
        return
    core, hypo = measured.values[0].number, measured.values[1].number
    assert core is not None and hypo is not None
    if hypo < core:
        offer.notes.append(
            f"perfusion: not suggested: the analysis' hypoperfused volume ({hypo:g} mL) is "
            f"smaller than its core ({core:g} mL)"
        )
        return
    p = opinion.perfusion
    fresh = p is None or (
        p.measured is not None
        and set(m.awaiting_confirmation(p)) == {v.field for v in p.measured.values}
    )
    if p is not None and not fresh:
        for value in measured.values:
            current = getattr(p, value.field)
            if current is not None and not m.matches_software(current, value):
                offer.kept.append(_kept("perfusion", current, value))
        offer.notes.append("perfusion: already given by the radiologist; kept as given")
        return
    hir = measured.value("hir")
    opinion.perfusion = m.Perfusion(
        core_ml=core,
        hypoperfusion_ml=hypo,
        core_definition=measured.values[0].basis,
        hypoperfusion_definition=measured.values[1].basis,
        hir=None if hir is None else hir.number,
        measured=measured,
    )
    offer.applied += [f"perfusion.{v.field}" for v in measured.values]


def _mr_values(mr: Mapping[str, Any]) -> tuple[list[m.SoftwareValue], list[str]]:
    values: list[m.SoftwareValue] = []
    warnings = _strings(mr.get("warnings"), "mr.warnings")
    core = _number(mr, "adc_core_ml", "mr")
    if core is not None and core > 0:
        basis = "ADC < 620 × 10⁻⁶ mm²/s"
        values.append(m.SoftwareValue("dwi_lesion", finding=m.Finding.PRESENT, basis=basis))
        values.append(m.SoftwareValue("dwi_volume_ml", number=round(core, 1), basis=basis))
    flair = mr.get("dwi_flair")
    if flair is not None:
        if not isinstance(flair, Mapping):
            raise AnalysisSummaryError(f"mr.dwi_flair: expected an object, got {flair!r}")
        warnings += _strings(flair.get("warnings"), "mr.dwi_flair.warnings")
        suggestion = flair.get("suggestion")
        findings = {"flair-negative": m.Finding.PRESENT, "flair-positive": m.Finding.ABSENT}
        if suggestion not in (*findings, "not-assessable", None):
            raise AnalysisSummaryError(
                f"mr.dwi_flair.suggestion: {suggestion!r} is not one of "
                "'flair-negative', 'flair-positive', 'not-assessable'"
            )
        if suggestion in findings:
            ratio = _number(flair, "flair_ratio", "mr.dwi_flair")
            threshold = _number(flair, "threshold", "mr.dwi_flair")
            basis = f"{suggestion}: FLAIR ratio " + (
                f"{ratio:g} (threshold {threshold:g})"
                if ratio is not None and threshold is not None
                else "not given"
            )
            values.append(
                m.SoftwareValue("flair_dwi_mismatch", finding=findings[suggestion], basis=basis)
            )
    return values, warnings


_MR_EMPTY: dict[str, object] = {
    "dwi_lesion": m.Finding.NOT_ASSESSED,
    "dwi_volume_ml": None,
    "flair_dwi_mismatch": m.Finding.NOT_ASSESSED,
}


def _clear_stale_mr(mr: m.MrFindings, fresh: set[str], offer: Offer) -> None:
    """Empty the fields that still hold an earlier analysis' unconfirmed suggestion
    this analysis does not make again (no lesion found any more, not assessable): a
    confirmed value, or one the radiologist gave or changed, is never touched."""
    if mr.measured is None:
        return
    stale = [f for f in m.awaiting_confirmation(mr) if f not in fresh]
    for name in stale:
        setattr(mr, name, _MR_EMPTY[name])
        offer.cleared.append(f"mr.{name}")
    if stale:
        offer.notes.append("mr: the earlier analysis' unconfirmed suggestions were withdrawn")
    mr.measured.values = [v for v in mr.measured.values if v.field not in stale]
    if not mr.measured.values:
        mr.measured = None


def _offer_mr(opinion: m.Opinion, measured: m.SoftwareMeasurement, offer: Offer) -> None:
    mr = opinion.mr
    fresh = {v.field for v in measured.values}
    if mr.dwi_lesion is m.Finding.ABSENT:  # nothing but the lesion holds for an absent one
        fresh &= {"dwi_lesion"}
    _clear_stale_mr(mr, fresh, offer)
    if not measured.values:
        offer.notes.append("mr: the analysis found no DWI lesion to suggest")
        return
    empty = _MR_EMPTY
    taken: list[m.SoftwareValue] = []
    for value in measured.values:
        if value.field != "dwi_lesion" and mr.dwi_lesion is m.Finding.ABSENT:
            current = getattr(mr, value.field)
            if current != empty[value.field]:
                offer.kept.append(_kept("mr", current, value))
            continue  # no volume nor mismatch for a lesion the radiologist says is absent
        if _open_field(mr, value.field, empty[value.field]):
            setattr(mr, value.field, value.finding if value.finding is not None else value.number)
            taken.append(value)
            offer.applied.append(f"mr.{value.field}")
        elif not m.matches_software(getattr(mr, value.field), value):
            offer.kept.append(_kept("mr", getattr(mr, value.field), value))
    if not taken:
        offer.notes.append("mr: already given by the radiologist; kept as given")
        return
    # Values the radiologist gave are not the software's: only what was filled is recorded.
    earlier = [] if mr.measured is None else mr.measured.values
    kept_earlier = [v for v in earlier if v.field not in {t.field for t in taken}]
    measured.values = [*kept_earlier, *taken]
    mr.measured = measured
