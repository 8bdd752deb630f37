"""The opinion in words, verdict first: shared by the PDF and the ED's opinion view.

Each verdict line has a :class:`Tone` so every rendering marks a positive
finding, a reassuring answer and a question left open the same way.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from app.opinion import model as m


class Tone(StrEnum):
    ALERT = "alert"  # a positive finding or a "no" the ED must act on
    CLEAR = "clear"  # a reassuring answer
    OPEN = "open"  # not assessed or pending


@dataclass(frozen=True)
class Verdict:
    label: str
    text: str
    tone: Tone


HAEMORRHAGE_TYPES = {
    m.HaemorrhageType.INTRAPARENCHYMAL: "intraparenchymal",
    m.HaemorrhageType.SUBARACHNOID: "subarachnoid",
    m.HaemorrhageType.SUBDURAL: "subdural",
    m.HaemorrhageType.EXTRADURAL: "extradural",
    m.HaemorrhageType.INTRAVENTRICULAR: "intraventricular",
    m.HaemorrhageType.HAEMORRHAGIC_TRANSFORMATION: "haemorrhagic transformation",
}
OCCLUSION_SITES = {
    m.OcclusionSite.CERVICAL_ICA: "cervical ICA",
    m.OcclusionSite.CAROTID_T: "carotid T",
    m.OcclusionSite.M1: "M1",
    m.OcclusionSite.M2: "M2",
    m.OcclusionSite.M3_DISTAL: "M3/distal MCA",
    m.OcclusionSite.ACA: "ACA",
    m.OcclusionSite.VERTEBRAL: "vertebral artery",
    m.OcclusionSite.BASILAR: "basilar artery",
    m.OcclusionSite.PCA: "PCA",
}
PC_ASPECTS_REGIONS = {
    m.PcAspectsRegion.LEFT_THALAMUS: "left thalamus",
    m.PcAspectsRegion.RIGHT_THALAMUS: "right thalamus",
    m.PcAspectsRegion.LEFT_CEREBELLUM: "left cerebellum",
    m.PcAspectsRegion.RIGHT_CEREBELLUM: "right cerebellum",
    m.PcAspectsRegion.LEFT_PCA_TERRITORY: "left PCA territory",
    m.PcAspectsRegion.RIGHT_PCA_TERRITORY: "right PCA territory",
    m.PcAspectsRegion.MIDBRAIN: "midbrain",
    m.PcAspectsRegion.PONS: "pons",
}
LIMITATIONS = {
    m.Limitation.MOTION: "motion",
    m.Limitation.INCOMPLETE_COVERAGE: "incomplete coverage",
    m.Limitation.LOSSY_COMPRESSION: "lossy-compressed images",
}
SERIES_KINDS = {
    m.SeriesKind.LOCALIZER: "Localizer",
    m.SeriesKind.NCCT: "NCCT",
    m.SeriesKind.CTA: "CTA",
    m.SeriesKind.CTP: "CT perfusion",
    m.SeriesKind.DWI: "DWI",
    m.SeriesKind.ADC: "ADC",
    m.SeriesKind.FLAIR: "FLAIR",
    m.SeriesKind.SWI: "SWI",
    m.SeriesKind.TOF: "MR angiography (TOF)",
    m.SeriesKind.T1: "T1",
    m.SeriesKind.T2: "T2",
    m.SeriesKind.OTHER: "Other",
}
NOT_ASSESSED = "Not assessed"


def person(name: str) -> str:
    """A DICOM person name for reading: ``DUPONT^Zoé`` → ``DUPONT Zoé``."""
    parts = [p.strip() for p in name.split("=", maxsplit=1)[0].split("^")]
    family = parts[0].upper() if parts else ""
    given = " ".join(p for p in parts[1:3] if p)
    prefix = parts[3] if len(parts) > 3 else ""
    return " ".join(p for p in (prefix, family, given) if p)


def doctor(name: str) -> str:
    """A signer's name with a title: the PN prefix (``MARTIN^Claire^^Pr``) or "Dr"."""
    parts = name.split("=", maxsplit=1)[0].split("^")
    titled = len(parts) > 3 and parts[3].strip()
    return person(name) if titled else f"Dr {person(name)}"


def date(value: str) -> str:
    """``YYYYMMDD`` → ``DD/MM/YYYY`` (as given when it is not a DICOM date)."""
    if len(value) == 8 and value.isdigit():
        return f"{value[6:8]}/{value[4:6]}/{value[0:4]}"
    return value


def moment(when: dt.datetime) -> str:
    """``01/03/2025 14:32 (UTC+01:00)``."""
    offset = when.strftime("%z")
    zone = f"UTC{offset[:3]}:{offset[3:]}" if offset else "local time"
    return f"{when:%d/%m/%Y %H:%M} ({zone})"


def side(value: m.Side | None) -> str:
    return "" if value is None else value.value


def sited(site: m.VesselOcclusion) -> str:
    where = OCCLUSION_SITES[site.site]
    return f"{site.side.value} {where}" if site.side is not None else where


def haemorrhage_verdict(h: m.Haemorrhage) -> Verdict:
    label = "Haemorrhage"
    if h.status is m.Finding.ABSENT:
        return Verdict(label, "NO HAEMORRHAGE", Tone.CLEAR)
    if h.status is m.Finding.PRESENT:
        details = [", ".join(HAEMORRHAGE_TYPES[t] for t in h.types), side(h.side)]
        if h.volume_ml is not None:
            details.append(f"{h.volume_ml:g} mL (ABC/2)")
        rest = ", ".join(d for d in details if d)
        return Verdict(label, "HAEMORRHAGE" + (f": {rest}" if rest else ""), Tone.ALERT)
    return Verdict(label, NOT_ASSESSED, Tone.OPEN)


def occlusion_verdict(opinion: m.Opinion) -> Verdict:
    o = opinion.occlusion
    label = "Vessel occlusion"
    if o.status is m.Finding.ABSENT:
        return Verdict(label, "No vessel occlusion", Tone.CLEAR)
    if o.status is m.Finding.PRESENT:
        sites = " + ".join(sited(s) for s in o.sites) or "site not given"
        extra = " (tandem lesion)" if o.tandem is m.Finding.PRESENT else ""
        return Verdict(label, f"OCCLUSION: {sites}{extra}".upper(), Tone.ALERT)
    if o.no_angiography:
        return Verdict(label, "Not assessable: no angiography available", Tone.OPEN)
    why = "" if opinion.angio_read else " (no angiography read)"
    return Verdict(label, NOT_ASSESSED + why, Tone.OPEN)


def thrombolysis_verdict(r: m.Recommendation) -> Verdict:
    label = "IV thrombolysis"
    match r.thrombolysis:
        case m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION:
            return Verdict(label, "No imaging contraindication", Tone.CLEAR)
        case m.ThrombolysisAdvice.CONTRAINDICATED:
            reason = f": {r.thrombolysis_reason.strip()}" if r.thrombolysis_reason.strip() else ""
            return Verdict(label, f"CONTRAINDICATED{reason}", Tone.ALERT)
        case m.ThrombolysisAdvice.PENDING:
            return Verdict(label, "Decision pending further imaging", Tone.OPEN)
    return Verdict(label, NOT_ASSESSED, Tone.OPEN)


def thrombectomy_verdict(r: m.Recommendation) -> Verdict:
    label = "Thrombectomy"
    match r.thrombectomy:
        case m.ThrombectomyAdvice.CANDIDATE:
            return Verdict(label, "CANDIDATE: transfer to a thrombectomy centre", Tone.ALERT)
        case m.ThrombectomyAdvice.NOT_CANDIDATE:
            return Verdict(label, "Not a candidate", Tone.CLEAR)
        case m.ThrombectomyAdvice.PENDING:
            return Verdict(label, "Decision pending further imaging", Tone.OPEN)
    return Verdict(label, NOT_ASSESSED, Tone.OPEN)


def verdicts(opinion: m.Opinion) -> list[Verdict]:
    """Haemorrhage, occlusion, then the two treatment answers: what the ED reads first."""
    return [
        haemorrhage_verdict(opinion.haemorrhage),
        occlusion_verdict(opinion),
        thrombolysis_verdict(opinion.recommendation),
        thrombectomy_verdict(opinion.recommendation),
    ]


def finding(value: m.Finding, present: str = "Present", absent: str = "Absent") -> str:
    return {m.Finding.PRESENT: present, m.Finding.ABSENT: absent}.get(value, NOT_ASSESSED)


def details(opinion: m.Opinion) -> list[tuple[str, str]]:
    """The findings after the verdict, as (label, text) rows; not-assessed ones included."""
    isch = opinion.ischaemia
    rows = [("Early ischaemic signs", _with_side(finding(isch.early_signs), isch.side))]
    rows.append(("Hyperdense artery sign", finding(isch.hyperdense_artery)))
    if not opinion.aspects_shown:  # no score without early signs assessed
        isch = m.Ischaemia(early_signs=isch.early_signs, hyperdense_artery=isch.hyperdense_artery)
    if isch.aspects is not None:
        regions = ", ".join(r.value for r in m.AspectsRegion if r in isch.aspects.affected)
        rows.append(
            (
                "ASPECTS",
                f"{isch.aspects.score}/10 ({isch.aspects.side.value} hemisphere)"
                + (f"; affected: {regions}" if regions else ""),
            )
        )
    else:
        rows.append(("ASPECTS", NOT_ASSESSED))
    if isch.pc_aspects is not None:
        regions = ", ".join(
            PC_ASPECTS_REGIONS[r] for r in m.PcAspectsRegion if r in isch.pc_aspects.affected
        )
        rows.append(
            (
                "pc-ASPECTS",
                f"{isch.pc_aspects.score}/10" + (f"; affected: {regions}" if regions else ""),
            )
        )
    o = opinion.occlusion
    rows.append(("Tandem lesion", finding(o.tandem)))
    rows.append(("Dissection", finding(o.dissection, present="Suspected")))
    p = opinion.perfusion
    if p is not None:
        ratio = "∞ (core 0 mL)" if p.mismatch_ratio is None else f"{p.mismatch_ratio:g}"
        rows.append(
            (
                "Perfusion",
                f"core {p.core_ml:g} mL ({p.core_definition}), "
                f"hypoperfusion {p.hypoperfusion_ml:g} mL ({p.hypoperfusion_definition}), "
                f"penumbra {p.penumbra_ml:g} mL, mismatch ratio {ratio}"
                + ("" if p.hir is None else f", HIR {p.hir:g}")
                + provenance(p),
            )
        )
    mr = opinion.mr
    if (
        mr.dwi_lesion is not m.Finding.NOT_ASSESSED
        or mr.flair_dwi_mismatch is not m.Finding.NOT_ASSESSED
    ):
        dwi = finding(mr.dwi_lesion)
        if mr.dwi_volume_ml is not None:
            dwi += f", {mr.dwi_volume_ml:g} mL"
        rows.append(("DWI lesion", dwi + provenance(mr, ("dwi_lesion", "dwi_volume_ml"))))
        rows.append(
            (
                "DWI/FLAIR mismatch",
                finding(mr.flair_dwi_mismatch) + provenance(mr, ("flair_dwi_mismatch",)),
            )
        )
    if opinion.other_findings.strip():
        rows.append(("Other findings", opinion.other_findings.strip()))
    limits = [LIMITATIONS[lim] for lim in m.Limitation if lim in opinion.limitations]
    if opinion.limitations_text.strip():
        limits.append(opinion.limitations_text.strip())
    rows.append(("Limitations", "; ".join(limits) if limits else "None stated"))
    if opinion.recommendation.other.strip():
        rows.append(("Other recommendation", opinion.recommendation.other.strip()))
    if opinion.free_text.strip():
        rows.append(("Comment", opinion.free_text.strip()))
    return rows


#: The measured fields, as :func:`provenance` names them.
MEASURED_NAMES = {
    "core_ml": "core",
    "hypoperfusion_ml": "hypoperfusion",
    "hir": "HIR",
    "dwi_lesion": "DWI lesion",
    "dwi_volume_ml": "DWI volume",
    "flair_dwi_mismatch": "DWI/FLAIR mismatch",
}


def software_value(value: m.SoftwareValue) -> str:
    """The software's value in words: "14.2 mL", "0.45", "Present"."""
    if value.finding is not None:
        return finding(value.finding)
    unit = "" if value.field == "hir" else " mL"
    return f"{value.number:g}{unit}"


def _removed(section: m.Perfusion | m.MrFindings, value: m.SoftwareValue) -> bool:
    """The radiologist emptied the field the software measured (None, not assessed)."""
    return getattr(section, value.field) in (None, m.Finding.NOT_ASSESSED)


def provenance(section: m.Perfusion | m.MrFindings, fields: tuple[str, ...] = ()) -> str:
    """ "; measured by StrokeLink 1.0, confirmed by the radiologist" (or "core changed by
    the radiologist (software: 14.2 mL)") for the values of ``fields`` (all when empty) the
    analysis measured; "" when none."""
    measured = section.measured
    if measured is None:
        return ""
    values = [v for v in measured.values if not fields or v.field in fields]
    if not values:
        return ""
    software = f"{measured.software} {measured.version}".strip()
    status = {v.field: m.suggestion_status(section, v) for v in values}
    changed = [
        f"{MEASURED_NAMES[v.field]} {'removed' if _removed(section, v) else 'changed'} "
        f"by the radiologist (software: {software_value(v)})"
        for v in values
        if status[v.field] is m.SuggestionStatus.CHANGED
    ]
    waiting = [v for v in values if status[v.field] is m.SuggestionStatus.SUGGESTED]
    confirmed = [v for v in values if status[v.field] is m.SuggestionStatus.CONFIRMED]
    if confirmed and not changed and not waiting:
        text = f"; measured by {software}, confirmed by the radiologist"
    else:
        parts = [f"measured by {software}"]
        if confirmed:
            names = ", ".join(MEASURED_NAMES[v.field] for v in confirmed)
            parts.append(f"{names} confirmed by the radiologist")
        parts += changed
        if waiting:
            parts.append(", ".join(MEASURED_NAMES[v.field] for v in waiting) + " not confirmed yet")
        text = "".join(f"; {part}" for part in parts)
    if measured.warnings:
        text += "; analysis warnings: " + "; ".join(measured.warnings)
    return text


def _with_side(text: str, value: m.Side | None) -> str:
    return f"{text} ({value.value})" if value is not None and text != NOT_ASSESSED else text
