"""Our own opinion SR read back into an :class:`~app.opinion.model.Opinion`.

The ED side renders an opinion verdict first from the SR alone, without the
JSON: :func:`opinion_from_sr` walks the TID 2000 tree that
:mod:`app.opinion.sr` writes, by concept codes (never by position). A
finding with no content item is NOT_ASSESSED. What the SR does not carry
comes back empty: the request (use :func:`patient_of` for the identity the
SR names), the snapshot file names, and the UIDs of the other objects (the
SR's own are in :func:`document_of`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydicom.dataset import Dataset
from pydicom.multival import MultiValue

from app.opinion import codes as c
from app.opinion import model as m
from app.opinion.identity import IDENTITY_FIELDS, Difference, IdentityOverride, PatientIdentity
from app.opinion.study import parse_dicom_datetime

Key = tuple[str, str]
_FINDINGS_BACK = {c.key(c.PRESENT): m.Finding.PRESENT, c.key(c.ABSENT): m.Finding.ABSENT}
_SIDES_BACK = c.reverse(c.SIDES)


class NotAnOpinion(ValueError):
    """The dataset is not a StrokeLink opinion SR."""


def name_of(item: Dataset) -> Key:
    code = item.ConceptNameCodeSequence[0]
    return str(code.CodeValue), str(code.CodingSchemeDesignator)


def value_of(item: Dataset) -> Key:
    code = item.ConceptCodeSequence[0]
    return str(code.CodeValue), str(code.CodingSchemeDesignator)


def children(item: Dataset) -> list[Dataset]:
    return list(item.get("ContentSequence", []))


def find(item: Dataset, name: c.Code) -> Iterator[Dataset]:
    wanted = c.key(name)
    return (child for child in children(item) if name_of(child) == wanted)


def first(item: Dataset, name: c.Code) -> Dataset | None:
    return next(find(item, name), None)


def number_of(item: Dataset) -> float:
    return float(item.MeasuredValueSequence[0].NumericValue)


def side_of(item: Dataset) -> m.Side | None:
    mod = first(item, c.LATERALITY)
    return None if mod is None else _SIDES_BACK.get(value_of(mod))


def finding_of(item: Dataset | None) -> m.Finding:
    if item is None:
        return m.Finding.NOT_ASSESSED
    value = value_of(item)
    if value == c.key(c.SUSPECTED):
        return m.Finding.PRESENT
    return _FINDINGS_BACK.get(value, m.Finding.NOT_ASSESSED)


def document_of(ds: Dataset) -> m.DocumentRef:
    """The SR itself, as a predecessor or acknowledgement would reference it."""
    return m.DocumentRef(
        str(ds.StudyInstanceUID),
        str(ds.SeriesInstanceUID),
        str(ds.SOPInstanceUID),
        str(ds.SOPClassUID),
    )


def patient_of(ds: Dataset) -> PatientIdentity:
    return PatientIdentity.from_dataset(ds)


def is_opinion(ds: Dataset) -> bool:
    try:
        return name_of(ds) == c.key(c.REPORT_TITLE) and str(ds.Manufacturer) == "StrokeLink"
    except (AttributeError, IndexError):
        return False


# --------------------------------------------------------------------------- sections


def _haemorrhage(findings: Dataset) -> m.Haemorrhage:
    item = first(findings, c.INTRACRANIAL_HAEMORRHAGE)
    if item is None:
        return m.Haemorrhage()
    types_back = c.reverse(c.HAEMORRHAGE_TYPES)
    abc = None
    volume = first(item, c.VOLUME)
    if volume is not None:
        sizes = {
            name: number_of(next(find(volume, code))) for name, code in c.ABC_DIAMETERS.items()
        }
        abc = m.Abc(**sizes)
    return m.Haemorrhage(
        status=finding_of(item),
        types=[types_back[value_of(t)] for t in find(item, c.HAEMORRHAGE_TYPE)],
        side=side_of(item),
        abc=abc,
    )


def _ischaemia(findings: Dataset) -> m.Ischaemia:
    signs = first(findings, c.EARLY_ISCHAEMIC_SIGNS)
    isch = m.Ischaemia(
        early_signs=finding_of(signs),
        side=None if signs is None else side_of(signs),
        hyperdense_artery=finding_of(first(findings, c.HYPERDENSE_ARTERY)),
    )
    aspects = first(findings, c.ASPECTS)
    if aspects is not None:
        regions_back = c.reverse(c.ASPECTS_REGIONS)
        side = side_of(aspects)
        isch.aspects = m.Aspects(
            side=side or m.Side.LEFT,
            affected=[regions_back[value_of(r)] for r in find(aspects, c.AFFECTED_REGION)],
        )
    pc = first(findings, c.PC_ASPECTS)
    if pc is not None:
        back = {
            (c.key(code), side): region for region, (code, side) in c.PC_ASPECTS_REGIONS.items()
        }
        isch.pc_aspects = m.PcAspects(
            affected=[back[(value_of(r), side_of(r))] for r in find(pc, c.AFFECTED_REGION)]
        )
    return isch


def _occlusion(findings: Dataset) -> m.Occlusion:
    item = first(findings, c.OCCLUSION)
    sites_back = c.reverse(c.OCCLUSION_SITES)
    sites = []
    if item is not None:
        sites = [
            m.VesselOcclusion(sites_back[value_of(s)], side_of(s))
            for s in find(item, c.FINDING_SITE)
        ]
    return m.Occlusion(
        status=finding_of(item),
        sites=sites,
        tandem=finding_of(first(findings, c.TANDEM_LESION)),
        dissection=finding_of(first(findings, c.ARTERIAL_DISSECTION)),
        no_angiography=item is not None and value_of(item) == c.key(c.NO_ANGIOGRAPHY),
    )


def _software_value(item: Dataset | None, name: str) -> tuple[str, str, m.SoftwareValue] | None:
    """(software, version, value) when ``item`` says the analysis measured it
    (:func:`app.opinion.sr.provenance`); the value is confirmed (a sent opinion
    holds no unconfirmed suggestion)."""
    if item is None or first(item, c.ALGORITHM_NAME) is None:
        return None
    software = _texts(item, c.ALGORITHM_NAME)
    version, basis = _texts(item, c.ALGORITHM_VERSION), _texts(item, c.ALGORITHM_PARAMETERS)
    source = first(item, c.SOFTWARE_VALUE) or item
    value = m.SoftwareValue(name, basis=basis, confirmed=True)
    if "MeasuredValueSequence" in source:
        value.number = number_of(source)
    else:
        value.finding = finding_of(source)
    return software, version, value


def _removed(findings: Dataset, names: tuple[str, ...]) -> list[tuple[Dataset | None, str]]:
    """The review items "removed by the radiologist" (:func:`app.opinion.sr.removed_items`)
    of the fields ``names``, each with its field."""
    fields = {c.key(code): name for name, code in c.MEASURED_FIELDS.items() if name in names}
    out: list[tuple[Dataset | None, str]] = []
    for item in find(findings, c.MEASUREMENT_REVIEW):
        quantity = first(item, c.MEASURED_QUANTITY)
        if value_of(item) == c.key(c.REMOVED) and quantity is not None:
            name = fields.get(value_of(quantity))
            if name is not None:
                out.append((item, name))
    return out


def _measured(
    items: list[tuple[Dataset | None, str]],
) -> m.SoftwareMeasurement | None:
    found = [v for item, name in items if (v := _software_value(item, name)) is not None]
    if not found:
        return None
    software, version, _ = found[0]
    return m.SoftwareMeasurement(software, version, [v for _, _, v in found])


def _perfusion(findings: Dataset) -> m.Perfusion | None:
    core, hypo = first(findings, c.CORE_VOLUME), first(findings, c.HYPOPERFUSION_VOLUME)
    if core is None or hypo is None:
        return None
    hir = first(findings, c.HIR)

    def definition(item: Dataset) -> str:
        threshold = first(item, c.THRESHOLD)
        return "" if threshold is None else str(threshold.TextValue)

    return m.Perfusion(
        core_ml=number_of(core),
        hypoperfusion_ml=number_of(hypo),
        core_definition=definition(core),
        hypoperfusion_definition=definition(hypo),
        hir=None if hir is None else number_of(hir),
        measured=_measured(
            [
                (core, "core_ml"),
                (hypo, "hypoperfusion_ml"),
                (hir, "hir"),
                *_removed(findings, m.PERFUSION_MEASURED),
            ]
        ),
    )


def _mr(findings: Dataset) -> m.MrFindings:
    dwi = first(findings, c.DWI_LESION)
    volume = None if dwi is None else first(dwi, c.VOLUME)
    flair = first(findings, c.DWI_FLAIR_MISMATCH)
    return m.MrFindings(
        dwi_lesion=finding_of(dwi),
        dwi_volume_ml=None if volume is None else number_of(volume),
        flair_dwi_mismatch=finding_of(flair),
        measured=_measured(
            [
                (dwi, "dwi_lesion"),
                (volume, "dwi_volume_ml"),
                (flair, "flair_dwi_mismatch"),
                *_removed(findings, m.MR_MEASURED),
            ]
        ),
    )


def _texts(item: Dataset | None, name: c.Code) -> str:
    if item is None:
        return ""
    return "\n".join(str(t.TextValue) for t in find(item, name) if t.ValueType == "TEXT")


def _series_read(section: Dataset | None) -> list[m.SeriesRead]:
    if section is None:
        return []
    kinds_back = c.reverse(c.SERIES_KINDS)
    series = []
    for item in find(section, c.PROCEDURE_DESCRIPTION):
        uid = first(item, c.SERIES_INSTANCE_UID)
        kind = first(item, c.SERIES_KIND)
        if uid is None:
            continue
        label = str(item.TextValue)
        description = label.split(": ", 1)[1] if ": " in label else ""
        series.append(
            m.SeriesRead(
                str(uid.UID),
                m.SeriesKind.OTHER if kind is None else kinds_back[value_of(kind)],
                description,
            )
        )
    return series


def _key_images(ds: Dataset, section: Dataset | None) -> list[m.KeyImage]:
    if section is None:
        return []
    series_of: dict[str, str] = {}
    for study in ds.get("CurrentRequestedProcedureEvidenceSequence", []):
        for s in study.ReferencedSeriesSequence:
            for i in s.ReferencedSOPSequence:
                series_of[str(i.ReferencedSOPInstanceUID)] = str(s.SeriesInstanceUID)
    keys = []
    for item in find(section, c.FINDING):
        # the first "Source image" is the key image's own; further ones, the images a
        # reformatted, slab or 3-D key image was made from (app.opinion.sr.key_image_items)
        sources = [_images_of(source) for source in find(item, c.SOURCE_IMAGE)]
        if not sources or not sources[0]:
            continue
        own = sources[0][0]
        derived = [image for images in sources[1:] for image in images]
        uid = own.sop_instance_uid
        keys.append(
            m.KeyImage(
                series_of.get(uid, ""),
                uid,
                own.frame,
                str(item.TextValue),
                derived_from=derived,
            )
        )
    return keys


def _images_of(item: Dataset) -> list[m.SourceImage]:
    """The images an IMAGE content item references: one per frame it lists (or the instance)."""
    ref = item.ReferencedSOPSequence[0]
    uid = str(ref.ReferencedSOPInstanceUID)
    frames = ref.get("ReferencedFrameNumber")
    if frames is None:
        return [m.SourceImage(uid)]
    numbers = list(frames) if isinstance(frames, MultiValue) else [frames]
    return [m.SourceImage(uid, int(n)) for n in numbers]


def _recommendation(section: Dataset | None) -> m.Recommendation:
    r = m.Recommendation()
    if section is None:
        return r
    lysis_back, ectomy_back = c.reverse(c.THROMBOLYSIS_ADVICE), c.reverse(c.THROMBECTOMY_ADVICE)
    for item in find(section, c.RECOMMENDATION):
        if item.ValueType == "TEXT":
            r.other = str(item.TextValue)
        elif value_of(item) in lysis_back:
            r.thrombolysis = lysis_back[value_of(item)]
            reason = first(item, c.REASON)
            r.thrombolysis_reason = "" if reason is None else str(reason.TextValue)
        elif value_of(item) in ectomy_back:
            r.thrombectomy = ectomy_back[value_of(item)]
    return r


def _radiologist(ds: Dataset) -> m.Radiologist | None:
    name = first(ds, ("121008", "DCM", "Person Observer Name"))
    if name is None:
        return None
    org = first(ds, ("121009", "DCM", "Person Observer's Organization Name"))
    login = first(ds, ("128774", "DCM", "Person Observer's Login Name"))
    return m.Radiologist(
        name=str(name.PersonName),
        organisation="" if org is None else str(org.TextValue),
        identifier="" if login is None else str(login.TextValue),
    )


def _signed_at(ds: Dataset) -> Any:
    observers = ds.get("VerifyingObserverSequence", [])
    if not observers:
        return None
    return parse_dicom_datetime(str(observers[0].VerificationDateTime), _zone(ds))


def _zone(ds: Dataset) -> str:
    """(0008,0201) Timezone Offset From UTC: what a DT without its own offset is in."""
    return str(ds.get("TimezoneOffsetFromUTC", "") or "")


def opinion_from_sr(dataset: Dataset) -> m.Opinion:
    """The opinion a StrokeLink opinion SR holds; :class:`NotAnOpinion` for anything else."""
    if not is_opinion(dataset):
        raise NotAnOpinion("this is not a StrokeLink opinion SR (title 18748-4 by StrokeLink)")
    procedure = first(dataset, c.CURRENT_PROCEDURE)
    findings = first(dataset, c.FINDINGS) or Dataset()
    conclusions = first(dataset, c.CONCLUSIONS)
    limitations_back = c.reverse(c.LIMITATIONS)
    phoned = None
    if conclusions is not None:
        call = first(conclusions, c.RESULT_PHONED_TO)
        if call is not None:
            at = first(call, c.RESULT_PHONED_AT)
            if at is not None:
                phoned = m.PhoneCall(
                    str(call.TextValue), parse_dicom_datetime(str(at.DateTime), _zone(dataset))
                )
    signed_at = _signed_at(dataset)
    return m.Opinion(
        kind=m.ReportKind.FINAL
        if dataset.get("CompletionFlag") == "COMPLETE"
        else m.ReportKind.PRELIMINARY,
        study_instance_uid=str(dataset.StudyInstanceUID),
        series_read=_series_read(procedure),
        haemorrhage=_haemorrhage(findings),
        ischaemia=_ischaemia(findings),
        occlusion=_occlusion(findings),
        perfusion=_perfusion(findings),
        mr=_mr(findings),
        other_findings=_texts(findings, c.FINDING),
        limitations=[
            limitations_back[value_of(i)]
            for i in find(findings, c.LIMITATION)
            if i.ValueType == "CODE"
        ],
        limitations_text=_texts(findings, c.LIMITATION),
        conclusion=_texts(conclusions, c.CONCLUSION),
        recommendation=_recommendation(first(dataset, c.RECOMMENDATIONS)),
        free_text=_texts(conclusions, c.COMMENT),
        phoned=phoned,
        key_images=_key_images(dataset, first(dataset, c.KEY_IMAGES)),
        radiologist=_radiologist(dataset),
        signed_at=signed_at,
        predecessors=[
            m.DocumentRef(
                str(study.StudyInstanceUID),
                str(series.SeriesInstanceUID),
                str(i.ReferencedSOPInstanceUID),
                str(i.ReferencedSOPClassUID),
            )
            for study in dataset.get("PredecessorDocumentsSequence", [])
            for series in study.ReferencedSeriesSequence
            for i in series.ReferencedSOPSequence
        ],
        amendment_reason=_texts(conclusions, c.AMENDMENT_REASON),
        identity_override=_override(procedure, signed_at),
    )


def _override(procedure: Dataset | None, signed_at: Any) -> IdentityOverride | None:
    """The identity override (its reason and the differences it accepts), if any."""
    item = None if procedure is None else first(procedure, c.IDENTITY_OVERRIDE)
    if item is None or signed_at is None:
        return None
    fields_back = {words: name for name, words in IDENTITY_FIELDS.items()}
    differences = []
    for d in find(item, c.IDENTITY_DIFFERENCE):
        request, images = first(d, c.IDENTITY_IN_REQUEST), first(d, c.IDENTITY_IN_IMAGES)
        differences.append(
            Difference(
                fields_back.get(str(d.TextValue), str(d.TextValue)),
                "" if request is None else str(request.TextValue),
                "" if images is None else str(images.TextValue),
            )
        )
    return IdentityOverride(str(item.TextValue), "", signed_at, tuple(differences))
