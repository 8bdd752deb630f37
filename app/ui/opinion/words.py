"""The opinion panel's words for the model's values, and what is missing, translated.

Every text goes through ``QCoreApplication.translate("OpinionPanel", …)`` so
that the French file has them (``scripts/i18n.py``). :func:`missing_line`
turns a line of :meth:`app.reading.sending.Sending.problems` (``field:
text``, English) into a sentence for the radiologist and the field to focus.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from app.opinion import model as m
from app.ui.opinion.controls import ALERT, CLEAR, NEUTRAL, OPEN, Option

translate = QCoreApplication.translate  # lupdate reads translate("OpinionPanel", "…")


def finding_options(
    absent: str = "", present: str = "", *, present_tone: str = ALERT
) -> list[Option]:
    """Not assessed / Absent / Present (with the words of the field when given)."""
    return [
        Option(m.Finding.NOT_ASSESSED, translate("OpinionPanel", "Not assessed"), OPEN),
        Option(m.Finding.ABSENT, absent or translate("OpinionPanel", "Absent"), CLEAR),
        Option(m.Finding.PRESENT, present or translate("OpinionPanel", "Present"), present_tone),
    ]


def haemorrhage_options() -> list[Option]:
    return finding_options(translate("OpinionPanel", "None"), translate("OpinionPanel", "Present"))


def occlusion_options() -> list[Option]:
    """Not assessed / None / Present / No angiography available."""
    return [
        *finding_options(translate("OpinionPanel", "None"), translate("OpinionPanel", "Present")),
        Option(
            m.NO_ANGIOGRAPHY,
            translate("OpinionPanel", "No angiography available"),
            NEUTRAL,
            translate(
                "OpinionPanel",
                "No angiographic series in the study: the occlusion cannot be assessed",
            ),
        ),
    ]


def side_options(
    none_text: str = "", *, short: bool = False, midline: bool = False
) -> list[Option]:
    """Not stated (``none_text``; none: no such button) / left / right / both sides
    (/ midline, with ``midline``).

    ``short`` for the occluded vessels' grid.
    """
    left, right = (
        (translate("OpinionPanel", "L"), translate("OpinionPanel", "R"))
        if short
        else (translate("OpinionPanel", "Left"), translate("OpinionPanel", "Right"))
    )
    options = [Option(None, none_text, OPEN)] if none_text else []
    return [
        *options,
        Option(m.Side.LEFT, left, NEUTRAL, translate("OpinionPanel", "Left")),
        Option(m.Side.RIGHT, right, NEUTRAL, translate("OpinionPanel", "Right")),
        Option(
            m.Side.BILATERAL,
            translate("OpinionPanel", "L+R") if short else translate("OpinionPanel", "Both"),
            NEUTRAL,
            translate("OpinionPanel", "Bilateral"),
        ),
        *(
            [Option(m.Side.MIDLINE, translate("OpinionPanel", "Midline"), NEUTRAL)]
            if midline
            else []
        ),
    ]


def _pending(value: m.ThrombolysisAdvice | m.ThrombectomyAdvice) -> Option:
    """The advice awaiting further imaging (a preliminary opinion's)."""
    return Option(
        value,
        translate("OpinionPanel", "Pending (more imaging)"),
        NEUTRAL,
        translate("OpinionPanel", "Decision awaits further imaging (preliminary opinion only)"),
    )


def _advice_options(
    advice: type[m.ThrombolysisAdvice] | type[m.ThrombectomyAdvice], *choices: Option
) -> list[Option]:
    """A treatment advice's options: not assessed, its ``choices``, then pending."""
    return [
        Option(advice.NOT_ASSESSED, translate("OpinionPanel", "Not assessed"), OPEN),
        *choices,
        _pending(advice.PENDING),
    ]


def thrombolysis_options() -> list[Option]:
    a = m.ThrombolysisAdvice
    no_contraindication = translate("OpinionPanel", "No imaging contraindication")
    return _advice_options(
        a,
        Option(a.NO_IMAGING_CONTRAINDICATION, no_contraindication, CLEAR),
        Option(a.CONTRAINDICATED, translate("OpinionPanel", "Contraindicated"), ALERT),
    )


def thrombectomy_options() -> list[Option]:
    a = m.ThrombectomyAdvice
    return _advice_options(
        a,
        Option(
            a.CANDIDATE,
            translate("OpinionPanel", "Candidate → transfer"),
            ALERT,
            translate("OpinionPanel", "Candidate: transfer to a thrombectomy centre"),
        ),
        Option(a.NOT_CANDIDATE, translate("OpinionPanel", "Not a candidate"), CLEAR),
    )


ValueEnum = (
    m.HaemorrhageType
    | m.OcclusionSite
    | m.PcAspectsRegion
    | m.AspectsRegion
    | m.Limitation
    | m.SeriesKind
)


def value_word(value: ValueEnum) -> str:
    """The word for one value of the model's haemorrhage types, occlusion sites,
    (pc-)ASPECTS regions, limitations and series kinds."""
    h, s, pc, a = m.HaemorrhageType, m.OcclusionSite, m.PcAspectsRegion, m.AspectsRegion
    x, k = m.Limitation, m.SeriesKind
    words = (
        (h.INTRAPARENCHYMAL, translate("OpinionPanel", "Intraparenchymal")),
        (h.SUBARACHNOID, translate("OpinionPanel", "Subarachnoid")),
        (h.SUBDURAL, translate("OpinionPanel", "Subdural")),
        (h.EXTRADURAL, translate("OpinionPanel", "Extradural")),
        (h.INTRAVENTRICULAR, translate("OpinionPanel", "Intraventricular")),
        (h.HAEMORRHAGIC_TRANSFORMATION, translate("OpinionPanel", "Haemorrhagic transformation")),
        (s.CERVICAL_ICA, translate("OpinionPanel", "Cervical ICA")),
        (s.CAROTID_T, translate("OpinionPanel", "Carotid T")),
        (s.M1, translate("OpinionPanel", "M1")),
        (s.M2, translate("OpinionPanel", "M2")),
        (s.M3_DISTAL, translate("OpinionPanel", "M3 / distal")),
        (s.ACA, translate("OpinionPanel", "ACA")),
        (s.VERTEBRAL, translate("OpinionPanel", "Vertebral")),
        (s.BASILAR, translate("OpinionPanel", "Basilar")),
        (s.PCA, translate("OpinionPanel", "PCA")),
        (pc.LEFT_THALAMUS, translate("OpinionPanel", "Left thalamus")),
        (pc.RIGHT_THALAMUS, translate("OpinionPanel", "Right thalamus")),
        (pc.LEFT_CEREBELLUM, translate("OpinionPanel", "Left cerebellum")),
        (pc.RIGHT_CEREBELLUM, translate("OpinionPanel", "Right cerebellum")),
        (pc.LEFT_PCA_TERRITORY, translate("OpinionPanel", "Left PCA territory")),
        (pc.RIGHT_PCA_TERRITORY, translate("OpinionPanel", "Right PCA territory")),
        (pc.MIDBRAIN, translate("OpinionPanel", "Midbrain (2)")),
        (pc.PONS, translate("OpinionPanel", "Pons (2)")),
        (a.C, translate("OpinionPanel", "Caudate")),
        (a.L, translate("OpinionPanel", "Lentiform nucleus")),
        (a.IC, translate("OpinionPanel", "Internal capsule")),
        (a.I, translate("OpinionPanel", "Insular ribbon")),
        (a.M1, translate("OpinionPanel", "Anterior MCA cortex (M1)")),
        (a.M2, translate("OpinionPanel", "MCA cortex lateral to the insula (M2)")),
        (a.M3, translate("OpinionPanel", "Posterior MCA cortex (M3)")),
        (a.M4, translate("OpinionPanel", "Anterior MCA territory above M1 (M4)")),
        (a.M5, translate("OpinionPanel", "Lateral MCA territory above M2 (M5)")),
        (a.M6, translate("OpinionPanel", "Posterior MCA territory above M3 (M6)")),
        (x.MOTION, translate("OpinionPanel", "Motion")),
        (x.INCOMPLETE_COVERAGE, translate("OpinionPanel", "Incomplete coverage")),
        (x.LOSSY_COMPRESSION, translate("OpinionPanel", "Lossy-compressed images")),
        (k.LOCALIZER, translate("OpinionPanel", "Localizer")),
        (k.NCCT, translate("OpinionPanel", "NCCT")),
        (k.CTA, translate("OpinionPanel", "CTA")),
        (k.CTP, translate("OpinionPanel", "CT perfusion")),
        (k.DWI, translate("OpinionPanel", "DWI")),
        (k.ADC, translate("OpinionPanel", "ADC")),
        (k.FLAIR, translate("OpinionPanel", "FLAIR")),
        (k.SWI, translate("OpinionPanel", "SWI")),
        (k.TOF, translate("OpinionPanel", "MRA (TOF)")),
        (k.T1, translate("OpinionPanel", "T1")),
        (k.T2, translate("OpinionPanel", "T2")),
        (k.OTHER, translate("OpinionPanel", "Other")),
    )
    for member, word in words:
        if member is value:  # by identity: two enums may share a string value
            return word
    raise KeyError(value)


MR_KINDS = frozenset(
    {
        m.SeriesKind.DWI,
        m.SeriesKind.ADC,
        m.SeriesKind.FLAIR,
        m.SeriesKind.SWI,
        m.SeriesKind.TOF,
        m.SeriesKind.T1,
        m.SeriesKind.T2,
    }
)


def missing_line(problem: str) -> tuple[str, str]:
    """(sentence for the user, field key to focus) for one line of ``problems()``."""
    field, _, text = problem.partition(":")
    field = field.strip()
    base = re.sub(r"\[\d+\]", "", field)
    fixed = {
        "series_read": translate("OpinionPanel", "Series read: tick the series you read"),
        "haemorrhage": translate("OpinionPanel", "Haemorrhage: state whether there is one"),
        "haemorrhage.types": translate("OpinionPanel", "Haemorrhage: give its type"),
        "haemorrhage.side": translate(
            "OpinionPanel", "Haemorrhage: give its side (left, right, both or midline)"
        ),
        "occlusion.sites": translate("OpinionPanel", "Vessel occlusion: tick the occluded vessel"),
        "occlusion.sites.side": translate(
            "OpinionPanel", "Vessel occlusion: give the side of each occluded vessel"
        ),
        "recommendation.thrombolysis_reason": translate(
            "OpinionPanel", "IV thrombolysis: say why it is contraindicated"
        ),
        "radiologist": translate(
            "OpinionPanel", "Signature: your name is missing from the radiologist settings"
        ),
        "radiologist.organisation": translate(
            "OpinionPanel", "Signature: your organisation is missing from the radiologist settings"
        ),
        "identity": translate(
            "OpinionPanel", "Patient identity: the request and the images differ (see above)"
        ),
        "claim": translate("OpinionPanel", "This request is not claimed on this workstation"),
        "images": translate("OpinionPanel", "The case's images are not listed yet"),
        "key_images": translate(
            "OpinionPanel", "A key image can no longer be rebuilt: remove it and capture it again"
        ),
        "state": translate("OpinionPanel", "The final opinion is already signed"),
    }
    if base in ("recommendation.thrombolysis", "recommendation.thrombectomy"):
        what = (
            translate("OpinionPanel", "IV thrombolysis")
            if base.endswith("thrombolysis")
            else translate("OpinionPanel", "Thrombectomy")
        )
        if "pending" in text:
            return translate("OpinionPanel", "%1: a final opinion cannot leave it pending").replace(
                "%1", what
            ), base
        return translate("OpinionPanel", "%1: state the advice").replace("%1", what), base
    if base == "occlusion":
        return _occlusion_line(text), base
    if base == "series_read" and base != field:
        return translate("OpinionPanel", "A series read is not among the study's images"), base
    if base == "study_instance_uid":
        return translate("OpinionPanel", "The opinion is for another study than the images"), base
    if base in fixed:
        return fixed[base], base
    if base.startswith(("ischaemia.aspects", "ischaemia.pc_aspects")):
        return translate(
            "OpinionPanel", "ASPECTS: regions ticked while early ischaemic signs are absent"
        ), base
    if base == "perfusion.measured":
        return translate(
            "OpinionPanel", "Perfusion: confirm or change the values the analysis suggested"
        ), base
    if base == "mr.measured":
        return translate(
            "OpinionPanel", "MRI: confirm or change the values the analysis suggested"
        ), base
    if base in ("mr.dwi_volume_ml", "mr.flair_dwi_mismatch"):
        absent = "lesion is absent" in text
        if base == "mr.dwi_volume_ml":
            line = (
                translate(
                    "OpinionPanel", "MRI: a DWI volume is given while the DWI lesion is absent"
                )
                if absent
                else translate(
                    "OpinionPanel",
                    "MRI: a DWI volume is given while the DWI lesion is not assessed",
                )
            )
            return line + translate("OpinionPanel", "; clear the volume"), base
        line = (
            translate(
                "OpinionPanel", "MRI: a DWI/FLAIR mismatch is given while the DWI lesion is absent"
            )
            if absent
            else translate(
                "OpinionPanel",
                "MRI: a DWI/FLAIR mismatch is given while the DWI lesion is not assessed",
            )
        )
        return line + translate("OpinionPanel", "; set it to not assessed"), base
    if base == "perfusion.hir":
        return translate("OpinionPanel", "Perfusion: the HIR is a ratio between 0 and 1"), base
    if base.startswith(("perfusion.measured", "mr.measured")):
        return problem, base
    if base.startswith("perfusion"):
        return translate(
            "OpinionPanel",
            "Perfusion: the hypoperfused volume includes the core; it cannot be smaller",
        ), base
    return problem, base


def measured_field(name: str) -> str:
    """A field the analysis measures (:data:`app.opinion.model.PERFUSION_MEASURED`,
    :data:`~app.opinion.model.MR_MEASURED`), in words."""
    words = {
        "core_ml": translate("OpinionPanel", "Core"),
        "hypoperfusion_ml": translate("OpinionPanel", "Hypoperfusion"),
        "hir": translate("OpinionPanel", "HIR"),
        "dwi_lesion": translate("OpinionPanel", "DWI lesion"),
        "dwi_volume_ml": translate("OpinionPanel", "DWI volume"),
        "flair_dwi_mismatch": translate("OpinionPanel", "DWI/FLAIR mismatch"),
    }
    return words.get(name, name)


def software_value(value: m.SoftwareValue) -> str:
    """The software's value: "14.2 mL", "0.45", "Present"."""
    if value.finding is m.Finding.PRESENT:
        return translate("OpinionPanel", "Present")
    if value.finding is m.Finding.ABSENT:
        return translate("OpinionPanel", "Absent")
    if value.field == "hir":
        return f"{value.number:.2f}"
    return translate("OpinionPanel", "%1 mL").replace("%1", f"{value.number:g}")


def measured_line(
    software: str, value: m.SoftwareValue, status: m.SuggestionStatus, removed: bool = False
) -> str:
    """One line of a section's suggestion bar: a value, the software's, and its state;
    ``removed``: the radiologist emptied the field (changed to "not given")."""
    if removed and status is m.SuggestionStatus.CHANGED:
        return (
            translate("OpinionPanel", "%1: removed by you (%3 measured %2)")
            .replace("%1", measured_field(value.field))
            .replace("%2", software_value(value))
            .replace("%3", software)
        )
    texts = {
        m.SuggestionStatus.SUGGESTED: translate(
            "OpinionPanel", "%1: %2 suggested by %3, not confirmed yet"
        ),
        m.SuggestionStatus.CONFIRMED: translate(
            "OpinionPanel", "%1: %2 measured by %3, confirmed by you"
        ),
        m.SuggestionStatus.CHANGED: translate(
            "OpinionPanel", "%1: changed by you (%3 measured %2)"
        ),
    }
    return (
        texts[status]
        .replace("%1", measured_field(value.field))
        .replace("%2", software_value(value))
        .replace("%3", software)
    )


_KEPT = re.compile(r"^(\w+)\.(\w+): kept as given \((.*)\); the analysis measured (.*)$")


_INVERTED = re.compile(
    r"^perfusion: not suggested: the analysis' hypoperfused volume \((.*) mL\) is smaller "
    r"than its core \((.*) mL\)$"
)


def offer_line(line: str) -> str:
    """A line of :class:`app.opinion.analysis.Offer` (kept or notes), in words."""
    kept = _KEPT.match(line)
    if kept:
        return (
            translate("OpinionPanel", "%1: kept as you gave it (%2); the analysis measured %3")
            .replace("%1", measured_field(kept.group(2)))
            .replace("%2", kept.group(3))
            .replace("%3", kept.group(4))
        )
    if line == "mr: the earlier analysis' unconfirmed suggestions were withdrawn":
        return translate(
            "OpinionPanel",
            "The earlier analysis' suggestions you had not confirmed were withdrawn",
        )
    if line.endswith("already given by the radiologist; kept as given"):
        return translate(
            "OpinionPanel",
            "Already given by you: kept as you gave it, not replaced by the analysis",
        )
    inverted = _INVERTED.match(line)
    if inverted:
        return (
            translate(
                "OpinionPanel",
                "Not suggested: the analysis' hypoperfused volume (%1 mL) is smaller than its "
                "core (%2 mL)",
            )
            .replace("%1", inverted.group(1))
            .replace("%2", inverted.group(2))
        )
    if line == "perfusion: the analysis gave no core and hypoperfusion volumes":
        return translate("OpinionPanel", "The analysis gave no core and hypoperfusion volumes")
    if line == "mr: the analysis found no DWI lesion to suggest":
        return translate("OpinionPanel", "The analysis found no DWI lesion to suggest")
    return line.partition(": ")[2] or line


def _occlusion_line(text: str) -> str:
    """The occlusion line of ``problems()`` (see :func:`app.opinion.model.missing_for_sending`)."""
    if "does not fit" in text:
        return translate(
            "OpinionPanel",
            "Vessel occlusion: a series looks angiographic, so 'No angiography available' "
            "does not fit; state whether a vessel is occluded",
        )
    if "was read" in text:
        return translate(
            "OpinionPanel",
            "Vessel occlusion: an angiography was read; state whether a vessel is occluded",
        )
    if "angiographic" in text:
        return translate(
            "OpinionPanel",
            "Vessel occlusion: a series looks angiographic; state whether a vessel is occluded",
        )
    return translate(
        "OpinionPanel",
        "Vessel occlusion: state whether a vessel is occluded, or that no angiography is available",
    )
