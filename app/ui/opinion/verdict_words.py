"""The verdict lines in the screen's language (the PDF and SR stay English).

:mod:`app.opinion.wording` words the verdicts for documents, in English.
This module words the same four answers — haemorrhage, vessel occlusion,
IV thrombolysis, thrombectomy — through Qt's translator (context
``Verdict``), keeping the tone the logic chose. Every text is a literal so
``lupdate`` finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.opinion import model as m
from app.opinion.wording import Verdict, verdicts
from app.ui.opinion.words import measured_field, software_value, value_word


def _haemorrhage_types() -> dict[m.HaemorrhageType, str]:
    return {
        m.HaemorrhageType.INTRAPARENCHYMAL: QCoreApplication.translate(
            "Verdict", "intraparenchymal"
        ),
        m.HaemorrhageType.SUBARACHNOID: QCoreApplication.translate("Verdict", "subarachnoid"),
        m.HaemorrhageType.SUBDURAL: QCoreApplication.translate("Verdict", "subdural"),
        m.HaemorrhageType.EXTRADURAL: QCoreApplication.translate("Verdict", "extradural"),
        m.HaemorrhageType.INTRAVENTRICULAR: QCoreApplication.translate(
            "Verdict", "intraventricular"
        ),
        m.HaemorrhageType.HAEMORRHAGIC_TRANSFORMATION: QCoreApplication.translate(
            "Verdict", "haemorrhagic transformation"
        ),
    }


def _occlusion_sites() -> dict[m.OcclusionSite, str]:
    return {
        m.OcclusionSite.CERVICAL_ICA: QCoreApplication.translate("Verdict", "cervical ICA"),
        m.OcclusionSite.CAROTID_T: QCoreApplication.translate("Verdict", "carotid T"),
        m.OcclusionSite.M1: QCoreApplication.translate("Verdict", "M1"),
        m.OcclusionSite.M2: QCoreApplication.translate("Verdict", "M2"),
        m.OcclusionSite.M3_DISTAL: QCoreApplication.translate("Verdict", "M3/distal MCA"),
        m.OcclusionSite.ACA: QCoreApplication.translate("Verdict", "ACA"),
        m.OcclusionSite.VERTEBRAL: QCoreApplication.translate("Verdict", "vertebral artery"),
        m.OcclusionSite.BASILAR: QCoreApplication.translate("Verdict", "basilar artery"),
        m.OcclusionSite.PCA: QCoreApplication.translate("Verdict", "PCA"),
    }


def _side(value: m.Side | None) -> str:
    words = {
        m.Side.LEFT: QCoreApplication.translate("Verdict", "left"),
        m.Side.RIGHT: QCoreApplication.translate("Verdict", "right"),
        m.Side.BILATERAL: QCoreApplication.translate("Verdict", "bilateral"),
        m.Side.MIDLINE: QCoreApplication.translate("Verdict", "midline"),
    }
    return "" if value is None else words[value]


def _sited(site: m.VesselOcclusion) -> str:
    """``left M1`` in English, ``M1 gauche`` in French (the translation orders it)."""
    where = _occlusion_sites()[site.site]
    if site.side is None:
        return where
    if site.site in _SEGMENTS:  # a segment (French: masculine), not an artery (feminine)
        pattern = {
            m.Side.LEFT: QCoreApplication.translate("Verdict", "left %1", "a segment: M1, M2, T"),
            m.Side.RIGHT: QCoreApplication.translate("Verdict", "right %1", "a segment: M1, M2, T"),
            m.Side.BILATERAL: QCoreApplication.translate(
                "Verdict", "bilateral %1", "a segment: M1, M2, T"
            ),
            m.Side.MIDLINE: QCoreApplication.translate(
                "Verdict", "midline %1", "a segment: M1, M2, T"
            ),
        }[site.side]
    else:
        pattern = {
            m.Side.LEFT: QCoreApplication.translate("Verdict", "left %1"),
            m.Side.RIGHT: QCoreApplication.translate("Verdict", "right %1"),
            m.Side.BILATERAL: QCoreApplication.translate("Verdict", "bilateral %1"),
            m.Side.MIDLINE: QCoreApplication.translate("Verdict", "midline %1"),
        }[site.side]
    return pattern.replace("%1", where)


#: Occlusion sites named as a segment of an artery ("M1"), not as an artery ("ICA").
_SEGMENTS = frozenset({m.OcclusionSite.M1, m.OcclusionSite.M2, m.OcclusionSite.CAROTID_T})


def _hemisphere_side(value: m.Side) -> str:
    """The side of "hemisphere" (French: masculine, unlike most findings)."""
    return {
        m.Side.LEFT: QCoreApplication.translate("Verdict", "left", "hemisphere"),
        m.Side.RIGHT: QCoreApplication.translate("Verdict", "right", "hemisphere"),
        m.Side.BILATERAL: QCoreApplication.translate("Verdict", "bilateral", "hemisphere"),
        m.Side.MIDLINE: QCoreApplication.translate("Verdict", "midline", "hemisphere"),
    }[value]


def _not_assessed() -> str:
    return QCoreApplication.translate("Verdict", "Not assessed")


def _pending() -> str:
    return QCoreApplication.translate("Verdict", "Decision pending further imaging")


def _haemorrhage(h: m.Haemorrhage) -> str:
    if h.status is m.Finding.ABSENT:
        return QCoreApplication.translate("Verdict", "NO HAEMORRHAGE")
    if h.status is m.Finding.PRESENT:
        types = _haemorrhage_types()
        details = [", ".join(types[k] for k in h.types), _side(h.side)]
        if h.volume_ml is not None:
            details.append(
                QCoreApplication.translate("Verdict", "%1 mL (ABC/2)").replace(
                    "%1", f"{h.volume_ml:g}"
                )
            )
        rest = ", ".join(d for d in details if d)
        if rest:
            return QCoreApplication.translate("Verdict", "HAEMORRHAGE: %1").replace("%1", rest)
        return QCoreApplication.translate("Verdict", "HAEMORRHAGE")
    return _not_assessed()


def _occlusion(opinion: m.Opinion) -> str:
    o = opinion.occlusion
    if o.status is m.Finding.ABSENT:
        return QCoreApplication.translate("Verdict", "No vessel occlusion")
    if o.status is m.Finding.PRESENT:
        sites = " + ".join(_sited(s) for s in o.sites) or QCoreApplication.translate(
            "Verdict", "site not given"
        )
        if o.tandem is m.Finding.PRESENT:
            text = QCoreApplication.translate("Verdict", "OCCLUSION: %1 (tandem lesion)")
        else:
            text = QCoreApplication.translate("Verdict", "OCCLUSION: %1")
        return text.replace("%1", sites).upper()
    if o.no_angiography:
        return QCoreApplication.translate("Verdict", "Not assessable: no angiography available")
    if opinion.angio_read:
        return _not_assessed()
    return QCoreApplication.translate("Verdict", "Not assessed (no angiography read)")


def _thrombolysis(r: m.Recommendation) -> str:
    match r.thrombolysis:
        case m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION:
            return QCoreApplication.translate("Verdict", "No imaging contraindication")
        case m.ThrombolysisAdvice.CONTRAINDICATED:
            reason = r.thrombolysis_reason.strip()
            if reason:
                return QCoreApplication.translate("Verdict", "CONTRAINDICATED: %1").replace(
                    "%1", reason
                )
            return QCoreApplication.translate("Verdict", "CONTRAINDICATED")
        case m.ThrombolysisAdvice.PENDING:
            return _pending()
    return _not_assessed()


def _thrombectomy(r: m.Recommendation) -> str:
    match r.thrombectomy:
        case m.ThrombectomyAdvice.CANDIDATE:
            return QCoreApplication.translate(
                "Verdict", "CANDIDATE: transfer to a thrombectomy centre"
            )
        case m.ThrombectomyAdvice.NOT_CANDIDATE:
            return QCoreApplication.translate("Verdict", "Not a candidate")
        case m.ThrombectomyAdvice.PENDING:
            return _pending()
    return _not_assessed()


def screen_verdicts(opinion: m.Opinion) -> list[Verdict]:
    """:func:`app.opinion.wording.verdicts` with the texts in the screen's language.

    Same order, labels (English keys the views translate) and tones; only
    ``text`` is translated.
    """
    texts = [
        _haemorrhage(opinion.haemorrhage),
        _occlusion(opinion),
        _thrombolysis(opinion.recommendation),
        _thrombectomy(opinion.recommendation),
    ]
    return [
        Verdict(v.label, text, v.tone) for v, text in zip(verdicts(opinion), texts, strict=True)
    ]


def _finding(value: m.Finding, present: str = "") -> str:
    if value is m.Finding.PRESENT:
        return present or QCoreApplication.translate("Verdict", "Present")
    if value is m.Finding.ABSENT:
        return QCoreApplication.translate("Verdict", "Absent")
    return _not_assessed()


def _finding_sided(value: m.Finding, side: m.Side | None) -> str:
    text = _finding(value)
    if side is None or value is m.Finding.NOT_ASSESSED:
        return text
    return f"{text} ({_side(side)})"


def _affected(text: str, regions: list[str]) -> str:
    if not regions:
        return text
    return (
        text
        + "; "
        + QCoreApplication.translate("Verdict", "affected: %1").replace("%1", ", ".join(regions))
    )


def screen_details(opinion: m.Opinion) -> list[tuple[str, str]]:
    """:func:`app.opinion.wording.details` (the rows after the verdicts) in the screen's
    language; free texts typed by the radiologist stay as typed."""
    translate = QCoreApplication.translate
    isch = opinion.ischaemia
    rows = [
        (
            translate("Verdict", "Early ischaemic signs"),
            _finding_sided(isch.early_signs, isch.side),
        ),
        (translate("Verdict", "Hyperdense artery sign"), _finding(isch.hyperdense_artery)),
    ]
    if not opinion.aspects_shown:  # no score without early signs assessed
        isch = m.Ischaemia(early_signs=isch.early_signs, hyperdense_artery=isch.hyperdense_artery)
    if isch.aspects is not None:
        regions = [r.value for r in m.AspectsRegion if r in isch.aspects.affected]
        score = translate("Verdict", "%1/10 (%2 hemisphere)")
        side = "" if isch.aspects.side is None else _hemisphere_side(isch.aspects.side)
        score = score.replace("%1", str(isch.aspects.score)).replace("%2", side)
        rows.append(("ASPECTS", _affected(score, regions)))
    else:
        rows.append(("ASPECTS", _not_assessed()))
    if isch.pc_aspects is not None:
        pc = [value_word(r) for r in m.PcAspectsRegion if r in isch.pc_aspects.affected]
        rows.append(("pc-ASPECTS", _affected(f"{isch.pc_aspects.score}/10", pc)))
    o = opinion.occlusion
    rows.append((translate("Verdict", "Tandem lesion"), _finding(o.tandem)))
    rows.append(
        (
            translate("Verdict", "Dissection"),
            _finding(o.dissection, translate("Verdict", "Suspected")),
        )
    )
    p = opinion.perfusion
    if p is not None:
        ratio = "∞ (core 0 mL)" if p.mismatch_ratio is None else f"{p.mismatch_ratio:g}"
        text = translate(
            "Verdict",
            "core %1 mL (%2), hypoperfusion %3 mL (%4), penumbra %5 mL, mismatch ratio %6",
        )
        for key, value in (
            ("%1", f"{p.core_ml:g}"), ("%2", p.core_definition), ("%3", f"{p.hypoperfusion_ml:g}"),
            ("%4", p.hypoperfusion_definition), ("%5", f"{p.penumbra_ml:g}"), ("%6", ratio),
        ):  # fmt: skip
            text = text.replace(key, value)
        if p.hir is not None:
            text += translate("Verdict", ", HIR %1").replace("%1", f"{p.hir:g}")
        rows.append((translate("Verdict", "Perfusion"), text + _provenance(p)))
    mr = opinion.mr
    if (
        mr.dwi_lesion is not m.Finding.NOT_ASSESSED
        or mr.flair_dwi_mismatch is not m.Finding.NOT_ASSESSED
    ):
        dwi = _finding(mr.dwi_lesion)
        if mr.dwi_volume_ml is not None:
            dwi += f", {mr.dwi_volume_ml:g} mL"
        dwi += _provenance(mr, ("dwi_lesion", "dwi_volume_ml"))
        rows.append((translate("Verdict", "DWI lesion"), dwi))
        flair = _finding(mr.flair_dwi_mismatch) + _provenance(mr, ("flair_dwi_mismatch",))
        rows.append((translate("Verdict", "DWI/FLAIR mismatch"), flair))
    if opinion.other_findings.strip():
        rows.append((translate("Verdict", "Other findings"), opinion.other_findings.strip()))
    limits = [value_word(lim) for lim in m.Limitation if lim in opinion.limitations]
    if opinion.limitations_text.strip():
        limits.append(opinion.limitations_text.strip())
    rows.append(
        (
            translate("Verdict", "Limitations"),
            "; ".join(limits) or translate("Verdict", "None stated"),
        )
    )
    if opinion.recommendation.other.strip():
        rows.append(
            (translate("Verdict", "Other recommendation"), opinion.recommendation.other.strip())
        )
    if opinion.free_text.strip():
        rows.append((translate("Verdict", "Comment"), opinion.free_text.strip()))
    return rows


def _provenance(section: m.Perfusion | m.MrFindings, fields: tuple[str, ...] = ()) -> str:
    """:func:`app.opinion.wording.provenance` in the screen's language: who measured the
    values, and which the radiologist confirmed or changed (with the software's value)."""
    translate = QCoreApplication.translate
    measured = section.measured
    values = [] if measured is None else [
        v for v in measured.values if not fields or v.field in fields
    ]  # fmt: skip
    if measured is None or not values:
        return ""
    software = f"{measured.software} {measured.version}".strip()
    status = {v.field: m.suggestion_status(section, v) for v in values}
    changed = [v for v in values if status[v.field] is m.SuggestionStatus.CHANGED]
    if not changed and all(s is m.SuggestionStatus.CONFIRMED for s in status.values()):
        return "; " + translate("Verdict", "measured by %1, confirmed by the radiologist").replace(
            "%1", software
        )
    text = "; " + translate("Verdict", "measured by %1").replace("%1", software)
    for v in changed:
        removed = getattr(section, v.field) in (None, m.Finding.NOT_ASSESSED)
        text += "; " + (
            (
                translate("Verdict", "%1 removed by the radiologist (software: %2)")
                if removed
                else translate("Verdict", "%1 changed by the radiologist (software: %2)")
            )
            .replace("%1", measured_field(v.field))
            .replace("%2", software_value(v))
        )
    return text
