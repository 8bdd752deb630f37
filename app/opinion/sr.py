"""The opinion as a DICOM Comprehensive SR following TID 2000 (Basic Diagnostic Imaging Report).

highdicom has no TID 2000 class, so the tree is built from its content items::

    CONTAINER (18748-4, LN, "Diagnostic Imaging Report")      [TID 2000]
      HAS CONCEPT MOD  Language of Content Item and Descendants  [TID 1204]
      HAS OBS CONTEXT  Observer Type = Person, name, organisation [TID 1001/1002]
      CONTAINS CONTAINER Clinical Information (the ED's request, app.opinion.clinical)
      CONTAINS CONTAINER Current Procedure Descriptions  (series read, identity override)
      CONTAINS CONTAINER Findings        (haemorrhage, ischaemia/ASPECTS, occlusion,
                                          perfusion, MR, other findings, limitations)
      CONTAINS CONTAINER Key Images      (caption INFERRED FROM the key images)
      CONTAINS CONTAINER Conclusions     (conclusion, comment, result phoned, amendment)
      CONTAINS CONTAINER Recommendations (IV thrombolysis, thrombectomy, other)

A finding not assessed has no content item (nothing is assumed); the reader
(:mod:`app.opinion.render`) maps an absent item back to NOT_ASSESSED. The
header carries (0040,A491) Completion Flag PARTIAL for a preliminary opinion
and COMPLETE for a final one, (0040,A493) Verification Flag VERIFIED with the
signing radiologist in (0040,A073) Verifying Observer Sequence, (0040,A360)
Predecessor Documents Sequence for the documents it supersedes,
(0040,A375) Current Requested Procedure Evidence Sequence listing every
instance of the series read and the key images, and (0008,1111) Referenced
Performed Procedure Step Sequence naming the UPS workitem (the request) it
answers (:mod:`app.opinion.answers`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

import highdicom as hd
from highdicom.sr import RelationshipTypeValues as Rel
from pydicom.dataset import Dataset

from app.opinion import clinical
from app.opinion import codes as c
from app.opinion import model as m
from app.opinion.answers import set_answered_workitem
from app.opinion.identity import IDENTITY_FIELDS, IdentityOverride
from app.opinion.study import dicom_datetime, reference, set_times

SR_SERIES_NUMBER = 9001
MANUFACTURER = "StrokeLink"
SERIES_KIND_LABELS = {kind: code[2] for kind, code in c.SERIES_KINDS.items()}


def concept(code: c.Code) -> hd.sr.CodedConcept:
    return hd.sr.CodedConcept(value=code[0], scheme_designator=code[1], meaning=code[2])


def _with(item: hd.sr.ContentItem, children: Sequence[hd.sr.ContentItem]) -> hd.sr.ContentItem:
    if children:
        item.ContentSequence = hd.sr.ContentSequence(list(children))
    return item


def text(name: c.Code, value: str, rel: Rel, *children: hd.sr.ContentItem) -> hd.sr.ContentItem:
    return _with(hd.sr.TextContentItem(concept(name), value, relationship_type=rel), children)


def coded(name: c.Code, value: c.Code, rel: Rel, *children: hd.sr.ContentItem) -> hd.sr.ContentItem:
    return _with(
        hd.sr.CodeContentItem(concept(name), concept(value), relationship_type=rel), children
    )


def number(
    name: c.Code, value: float, unit: c.Code, rel: Rel, *children: hd.sr.ContentItem
) -> hd.sr.ContentItem:
    item = hd.sr.NumContentItem(concept(name), value, concept(unit), relationship_type=rel)
    return _with(item, children)


def laterality(side: m.Side | None) -> list[hd.sr.ContentItem]:
    if side is None:
        return []
    return [coded(c.LATERALITY, c.SIDES[side], Rel.HAS_CONCEPT_MOD)]


def section(name: c.Code, items: Sequence[hd.sr.ContentItem]) -> hd.sr.ContentItem | None:
    if not items:
        return None
    container = hd.sr.ContainerContentItem(concept(name), relationship_type=Rel.CONTAINS)
    return _with(container, items)


# --------------------------------------------------------------------------- sections


def procedure_items(opinion: m.Opinion) -> list[hd.sr.ContentItem]:
    """One Procedure Description per series read, with its UID and kind."""
    items = []
    for s in opinion.series_read:
        label = SERIES_KIND_LABELS[s.kind] + (f": {s.description}" if s.description else "")
        items.append(
            text(
                c.PROCEDURE_DESCRIPTION,
                label,
                Rel.CONTAINS,
                hd.sr.UIDRefContentItem(
                    concept(c.SERIES_INSTANCE_UID),
                    s.series_instance_uid,
                    relationship_type=Rel.HAS_PROPERTIES,
                ),
                coded(c.SERIES_KIND, c.SERIES_KINDS[s.kind], Rel.HAS_PROPERTIES),
            )
        )
    if opinion.identity_override is not None:
        items.append(override_item(opinion.identity_override))
    return items


def override_item(override: IdentityOverride) -> hd.sr.ContentItem:
    """The override's reason, with each difference it accepts (field, request's and
    images' values; an empty value has no item)."""
    differences = []
    for d in override.differences:
        values = [
            text(name, value, Rel.HAS_PROPERTIES)
            for name, value in (
                (c.IDENTITY_IN_REQUEST, d.request),
                (c.IDENTITY_IN_IMAGES, d.images),
            )
            if value.strip()
        ]
        what = IDENTITY_FIELDS.get(d.field, d.field)
        differences.append(text(c.IDENTITY_DIFFERENCE, what, Rel.HAS_PROPERTIES, *values))
    return text(c.IDENTITY_OVERRIDE, override.reason, Rel.CONTAINS, *differences)


def haemorrhage_items(h: m.Haemorrhage) -> list[hd.sr.ContentItem]:
    if h.status is m.Finding.NOT_ASSESSED:
        return []
    children = [
        coded(c.HAEMORRHAGE_TYPE, c.HAEMORRHAGE_TYPES[t], Rel.HAS_PROPERTIES) for t in h.types
    ]
    children += laterality(h.side)
    if h.abc is not None:
        diameters = [
            number(code, getattr(h.abc, name), c.UNIT_MM, Rel.INFERRED_FROM)
            for name, code in c.ABC_DIAMETERS.items()
        ]
        children.append(
            number(
                c.VOLUME,
                h.abc.volume_ml,
                c.UNIT_ML,
                Rel.HAS_PROPERTIES,
                coded(c.DERIVATION, c.ABC2, Rel.HAS_CONCEPT_MOD),
                *diameters,
            )
        )
    return [coded(c.INTRACRANIAL_HAEMORRHAGE, c.FINDING_VALUES[h.status], Rel.CONTAINS, *children)]


def ischaemia_items(isch: m.Ischaemia) -> list[hd.sr.ContentItem]:
    """Early signs, hyperdense artery, and ASPECTS / pc-ASPECTS only once early signs
    are assessed (never a score without them)."""
    items = []
    if isch.early_signs is m.Finding.NOT_ASSESSED:
        isch = m.Ischaemia(hyperdense_artery=isch.hyperdense_artery)
    else:
        items.append(
            coded(
                c.EARLY_ISCHAEMIC_SIGNS,
                c.FINDING_VALUES[isch.early_signs],
                Rel.CONTAINS,
                *laterality(isch.side),
            )
        )
    if isch.hyperdense_artery is not m.Finding.NOT_ASSESSED:
        items.append(
            coded(c.HYPERDENSE_ARTERY, c.FINDING_VALUES[isch.hyperdense_artery], Rel.CONTAINS)
        )
    if isch.aspects is not None:
        regions = [r for r in m.AspectsRegion if r in isch.aspects.affected]
        items.append(
            number(
                c.ASPECTS,
                isch.aspects.score,
                c.UNIT_SCORE,
                Rel.CONTAINS,
                *laterality(isch.aspects.side),
                *(
                    coded(c.AFFECTED_REGION, c.ASPECTS_REGIONS[r], Rel.HAS_PROPERTIES)
                    for r in regions
                ),
            )
        )
    if isch.pc_aspects is not None:
        affected = []
        for region in (r for r in m.PcAspectsRegion if r in isch.pc_aspects.affected):
            structure, side = c.PC_ASPECTS_REGIONS[region]
            affected.append(
                coded(c.AFFECTED_REGION, structure, Rel.HAS_PROPERTIES, *laterality(side))
            )
        items.append(
            number(c.PC_ASPECTS, isch.pc_aspects.score, c.UNIT_SCORE, Rel.CONTAINS, *affected)
        )
    return items


def occlusion_items(o: m.Occlusion) -> list[hd.sr.ContentItem]:
    items = []
    if o.no_angiography and o.status is m.Finding.NOT_ASSESSED:
        items.append(coded(c.OCCLUSION, c.NO_ANGIOGRAPHY, Rel.CONTAINS))
    if o.status is not m.Finding.NOT_ASSESSED:
        sites = [
            coded(
                c.FINDING_SITE, c.OCCLUSION_SITES[s.site], Rel.HAS_PROPERTIES, *laterality(s.side)
            )
            for s in o.sites
        ]
        items.append(coded(c.OCCLUSION, c.FINDING_VALUES[o.status], Rel.CONTAINS, *sites))
    if o.tandem is not m.Finding.NOT_ASSESSED:
        items.append(coded(c.TANDEM_LESION, c.FINDING_VALUES[o.tandem], Rel.CONTAINS))
    if o.dissection is not m.Finding.NOT_ASSESSED:
        value = c.SUSPECTED if o.dissection is m.Finding.PRESENT else c.ABSENT
        items.append(coded(c.ARTERIAL_DISSECTION, value, Rel.CONTAINS))
    return items


def provenance(
    section: m.Perfusion | m.MrFindings, name: str, unit: c.Code = c.UNIT_ML
) -> list[hd.sr.ContentItem]:
    """Children of the item of ``section.name`` when the analysis measured it: the
    software (TID 4019 Algorithm Name, Version, Parameters) and the radiologist's review
    (confirmed, or changed with the software's own value)."""
    measured = section.measured
    value = None if measured is None else measured.value(name)
    if measured is None or value is None:
        return []
    items = [text(c.ALGORITHM_NAME, measured.software, Rel.HAS_CONCEPT_MOD)]
    if measured.version:
        items.append(text(c.ALGORITHM_VERSION, measured.version, Rel.HAS_CONCEPT_MOD))
    if value.basis:
        items.append(text(c.ALGORITHM_PARAMETERS, value.basis, Rel.HAS_CONCEPT_MOD))
    status = m.suggestion_status(section, value)
    if status in c.REVIEWS:
        items.append(coded(c.MEASUREMENT_REVIEW, c.REVIEWS[status], Rel.HAS_CONCEPT_MOD))
    if status is m.SuggestionStatus.CHANGED:
        if value.finding is not None:
            items.append(
                coded(c.SOFTWARE_VALUE, c.FINDING_VALUES[value.finding], Rel.HAS_PROPERTIES)
            )
        elif value.number is not None:
            items.append(number(c.SOFTWARE_VALUE, value.number, unit, Rel.HAS_PROPERTIES))
    return items


def removed_items(
    section: m.Perfusion | m.MrFindings, written: set[str]
) -> list[hd.sr.ContentItem]:
    """One review item "removed by the radiologist" for each value the analysis measured
    whose own item is not written (``written``: the fields that are): the radiologist
    cleared it (an HIR left empty, a DWI volume cleared, a finding set back to not
    assessed). It names the measurement and holds the software's value, so that what the
    software measured is never lost from the record."""
    measured = section.measured
    if measured is None:
        return []
    items = []
    for value in measured.values:
        if value.field in written:
            continue
        unit = c.UNIT_RATIO if value.field == "hir" else c.UNIT_ML
        children = [
            coded(c.MEASURED_QUANTITY, c.MEASURED_FIELDS[value.field], Rel.HAS_CONCEPT_MOD),
            text(c.ALGORITHM_NAME, measured.software, Rel.HAS_CONCEPT_MOD),
        ]
        if measured.version:
            children.append(text(c.ALGORITHM_VERSION, measured.version, Rel.HAS_CONCEPT_MOD))
        if value.basis:
            children.append(text(c.ALGORITHM_PARAMETERS, value.basis, Rel.HAS_CONCEPT_MOD))
        if value.finding is not None:
            children.append(
                coded(c.SOFTWARE_VALUE, c.FINDING_VALUES[value.finding], Rel.HAS_PROPERTIES)
            )
        elif value.number is not None:
            children.append(number(c.SOFTWARE_VALUE, value.number, unit, Rel.HAS_PROPERTIES))
        items.append(coded(c.MEASUREMENT_REVIEW, c.REMOVED, Rel.CONTAINS, *children))
    return items


def perfusion_items(p: m.Perfusion | None) -> list[hd.sr.ContentItem]:
    if p is None:
        return []
    items = [
        number(
            c.CORE_VOLUME,
            p.core_ml,
            c.UNIT_ML,
            Rel.CONTAINS,
            text(c.THRESHOLD, p.core_definition, Rel.HAS_CONCEPT_MOD),
            *provenance(p, "core_ml"),
        ),
        number(
            c.HYPOPERFUSION_VOLUME,
            p.hypoperfusion_ml,
            c.UNIT_ML,
            Rel.CONTAINS,
            text(c.THRESHOLD, p.hypoperfusion_definition, Rel.HAS_CONCEPT_MOD),
            *provenance(p, "hypoperfusion_ml"),
        ),
        number(c.PENUMBRA_VOLUME, p.penumbra_ml, c.UNIT_ML, Rel.CONTAINS),
    ]
    if p.mismatch_ratio is not None:
        items.append(number(c.MISMATCH_RATIO, p.mismatch_ratio, c.UNIT_RATIO, Rel.CONTAINS))
    if p.hir is not None:
        items.append(
            number(c.HIR, p.hir, c.UNIT_RATIO, Rel.CONTAINS, *provenance(p, "hir", c.UNIT_RATIO))
        )
    written = {"core_ml", "hypoperfusion_ml"} | ({"hir"} if p.hir is not None else set())
    return items + removed_items(p, written)


def mr_items(mr: m.MrFindings) -> list[hd.sr.ContentItem]:
    items = []
    if mr.dwi_lesion is not m.Finding.NOT_ASSESSED:
        volume = []
        if mr.dwi_volume_ml is not None:
            volume = [
                number(
                    c.VOLUME,
                    mr.dwi_volume_ml,
                    c.UNIT_ML,
                    Rel.HAS_PROPERTIES,
                    *provenance(mr, "dwi_volume_ml"),
                )
            ]
        items.append(
            coded(
                c.DWI_LESION,
                c.FINDING_VALUES[mr.dwi_lesion],
                Rel.CONTAINS,
                *provenance(mr, "dwi_lesion"),
                *volume,
            )
        )
    if mr.flair_dwi_mismatch is not m.Finding.NOT_ASSESSED:
        items.append(
            coded(
                c.DWI_FLAIR_MISMATCH,
                c.FINDING_VALUES[mr.flair_dwi_mismatch],
                Rel.CONTAINS,
                *provenance(mr, "flair_dwi_mismatch"),
            )
        )
    written = set()
    if mr.dwi_lesion is not m.Finding.NOT_ASSESSED:
        written.add("dwi_lesion")
        if mr.dwi_volume_ml is not None:
            written.add("dwi_volume_ml")
    if mr.flair_dwi_mismatch is not m.Finding.NOT_ASSESSED:
        written.add("flair_dwi_mismatch")
    return items + removed_items(mr, written)


def findings_items(opinion: m.Opinion) -> list[hd.sr.ContentItem]:
    items = [
        *haemorrhage_items(opinion.haemorrhage),
        *ischaemia_items(opinion.ischaemia),
        *occlusion_items(opinion.occlusion),
        *perfusion_items(opinion.perfusion),
        *mr_items(opinion.mr),
    ]
    if opinion.other_findings.strip():
        items.append(text(c.FINDING, opinion.other_findings.strip(), Rel.CONTAINS))
    for limitation in (lim for lim in m.Limitation if lim in opinion.limitations):
        items.append(coded(c.LIMITATION, c.LIMITATIONS[limitation], Rel.CONTAINS))
    if opinion.limitations_text.strip():
        items.append(text(c.LIMITATION, opinion.limitations_text.strip(), Rel.CONTAINS))
    return items


def image_item(
    name: c.Code, ds: Dataset, frames: int | Sequence[int] | None = None
) -> hd.sr.ContentItem:
    return hd.sr.ImageContentItem(
        concept(name),
        referenced_sop_class_uid=ds.SOPClassUID,
        referenced_sop_instance_uid=ds.SOPInstanceUID,
        referenced_frame_numbers=list(frames) if isinstance(frames, Sequence) else frames,
        relationship_type=Rel.INFERRED_FROM,
    )


def key_image_caption(opinion: m.Opinion, index: int) -> str:
    caption = opinion.key_images[index].caption.strip()
    return caption or f"Key image {index + 1}"


def source_references(
    key: m.KeyImage, source: Dataset, derived: Sequence[Dataset] = ()
) -> list[tuple[Dataset, list[int]]]:
    """The images key image ``key`` was made from: (header, frames) per instance, in order.

    ``source`` is the header of ``key.sop_instance_uid``; ``derived`` those of
    ``key.derived_from`` (same order). Frames are (0008,1160) Referenced Frame
    Numbers (empty: a single-frame instance). A native key image: its source alone.
    """
    if not key.derived_from:
        return [(source, [] if key.frame is None else [key.frame])]
    if len(derived) != len(key.derived_from):
        raise ValueError("one header per image the key image was made from")
    grouped: dict[str, tuple[Dataset, list[int]]] = {}
    for image, ds in zip(key.derived_from, derived, strict=True):
        if str(ds.SOPInstanceUID) != image.sop_instance_uid:
            raise ValueError("the headers are not those of the images the key image lists")
        _, frames = grouped.setdefault(image.sop_instance_uid, (ds, []))
        if image.frame is not None and image.frame not in frames:
            frames.append(image.frame)
    return list(grouped.values())


def key_image_items(
    opinion: m.Opinion,
    snapshots: Sequence[Dataset],
    sources: Sequence[Dataset],
    derived: Sequence[Sequence[Dataset]] = (),
) -> list[hd.sr.ContentItem]:
    """Each key image: its caption, INFERRED FROM the snapshot (SC) and its source image.

    A reformatted, slab or 3-D key image (``derived_from``) then lists every image
    it was made from, one "Source image" per instance with its frames: the first
    "Source image" is always ``sop_instance_uid`` (``frame``), further ones are
    ``derived_from`` (:mod:`app.opinion.render` reads them back so).
    """
    items = []
    for index, (snapshot, source) in enumerate(zip(snapshots, sources, strict=True)):
        key = opinion.key_images[index]
        images = [
            image_item(c.BEST_ILLUSTRATION, snapshot),
            image_item(c.SOURCE_IMAGE, source, key.frame),
        ]
        if key.derived:
            made_from = derived[index] if index < len(derived) else ()
            images += [
                image_item(c.SOURCE_IMAGE, ds, frames or None)
                for ds, frames in source_references(key, source, made_from)
            ]
        items.append(text(c.FINDING, key_image_caption(opinion, index), Rel.CONTAINS, *images))
    return items


def conclusion_items(opinion: m.Opinion) -> list[hd.sr.ContentItem]:
    items = []
    if opinion.conclusion.strip():
        items.append(text(c.CONCLUSION, opinion.conclusion.strip(), Rel.CONTAINS))
    if opinion.free_text.strip():
        items.append(text(c.COMMENT, opinion.free_text.strip(), Rel.CONTAINS))
    if opinion.phoned is not None:
        at = hd.sr.DateTimeContentItem(
            concept(c.RESULT_PHONED_AT),
            dicom_datetime(opinion.phoned.at, opinion.signed_at),
            relationship_type=Rel.HAS_PROPERTIES,
        )
        items.append(text(c.RESULT_PHONED_TO, opinion.phoned.to, Rel.CONTAINS, at))
    if opinion.amendment_reason.strip():
        items.append(text(c.AMENDMENT_REASON, opinion.amendment_reason.strip(), Rel.CONTAINS))
    return items


def recommendation_items(r: m.Recommendation) -> list[hd.sr.ContentItem]:
    items = []
    if r.thrombolysis is not m.ThrombolysisAdvice.NOT_ASSESSED:
        reason = []
        if r.thrombolysis_reason.strip():
            reason = [text(c.REASON, r.thrombolysis_reason.strip(), Rel.HAS_PROPERTIES)]
        items.append(
            coded(c.RECOMMENDATION, c.THROMBOLYSIS_ADVICE[r.thrombolysis], Rel.CONTAINS, *reason)
        )
    if r.thrombectomy is not m.ThrombectomyAdvice.NOT_ASSESSED:
        items.append(coded(c.RECOMMENDATION, c.THROMBECTOMY_ADVICE[r.thrombectomy], Rel.CONTAINS))
    if r.other.strip():
        items.append(text(c.RECOMMENDATION, r.other.strip(), Rel.CONTAINS))
    return items


def template_items(template: object) -> list[hd.sr.ContentItem]:
    """The content items of a highdicom template (a list subclass its stubs do not say is one)."""
    return list(cast("Iterable[hd.sr.ContentItem]", template))


def observer_context(radiologist: m.Radiologist) -> list[hd.sr.ContentItem]:
    """TID 1002 person observer: the signing radiologist."""
    return template_items(
        hd.sr.ObserverContext(
            observer_type=concept(c.PERSON),
            observer_identifying_attributes=hd.sr.PersonObserverIdentifyingAttributes(
                name=radiologist.name,
                login_name=radiologist.identifier or None,
                organization_name=radiologist.organisation,
            ),
        )
    )


def report_content(
    opinion: m.Opinion,
    snapshots: Sequence[Dataset],
    sources: Sequence[Dataset],
    derived: Sequence[Sequence[Dataset]] = (),
) -> hd.sr.ContainerContentItem:
    """The TID 2000 root container with its sections (empty sections are left out)."""
    assert opinion.radiologist is not None
    root = hd.sr.ContainerContentItem(concept(c.REPORT_TITLE), template_id="2000")
    children = template_items(
        hd.sr.LanguageOfContentItemAndDescendants(language=concept(c.LANGUAGE_ENGLISH))
    )
    children += observer_context(opinion.radiologist)
    sections = [
        clinical.sr_section(opinion.request.clinical, opinion.signed_at),
        section(c.CURRENT_PROCEDURE, procedure_items(opinion)),
        section(c.FINDINGS, findings_items(opinion)),
        section(c.KEY_IMAGES, key_image_items(opinion, snapshots, sources, derived)),
        section(c.CONCLUSIONS, conclusion_items(opinion)),
        section(c.RECOMMENDATIONS, recommendation_items(opinion.recommendation)),
    ]
    children += [s for s in sections if s is not None]
    root.ContentSequence = hd.sr.ContentSequence(children)
    return root


# --------------------------------------------------------------------------- document


def predecessor_dataset(ref: m.DocumentRef) -> Dataset:
    ds = Dataset()
    ds.StudyInstanceUID = ref.study_instance_uid
    ds.SeriesInstanceUID = ref.series_instance_uid
    ds.SOPInstanceUID = ref.sop_instance_uid
    ds.SOPClassUID = ref.sop_class_uid
    return ds


def build_sr(
    opinion: m.Opinion,
    *,
    source: Dataset,
    read_instances: Sequence[Dataset],
    snapshots: Sequence[Dataset] = (),
    snapshot_sources: Sequence[Dataset] = (),
    derived_sources: Sequence[Sequence[Dataset]] = (),
) -> hd.sr.ComprehensiveSR:
    """The signed opinion as a Comprehensive SR in the study of ``source``.

    ``source`` is an image header of the study (Patient and General Study
    modules are copied from it); ``read_instances`` the headers of every
    instance of the series read; ``snapshots`` the key images' Secondary
    Capture objects and ``snapshot_sources`` the image each was taken from,
    in the order of ``opinion.key_images``; ``derived_sources`` the headers of
    each key image's ``derived_from`` (a reformatted, slab or 3-D view).
    Raises ValueError when the opinion is not signed.
    """
    if opinion.uids is None or opinion.signed_at is None or opinion.radiologist is None:
        raise ValueError("sign the opinion before building its documents")
    if len(snapshots) != len(opinion.key_images) or len(snapshot_sources) != len(snapshots):
        raise ValueError("one snapshot and one source image per key image")
    uids = opinion.uids
    final = opinion.kind is m.ReportKind.FINAL
    evidence = [source]
    made_from = [ds for images in derived_sources for ds in images]
    evidence += [
        reference(ds) for ds in (*read_instances, *snapshots, *snapshot_sources, *made_from)
    ]
    sr = hd.sr.ComprehensiveSR(
        evidence=evidence,
        content=report_content(opinion, snapshots, snapshot_sources, derived_sources),
        series_instance_uid=uids.sr_series,
        series_number=SR_SERIES_NUMBER,
        sop_instance_uid=uids.sr_instance,
        instance_number=1,
        manufacturer=MANUFACTURER,
        is_complete=final,
        is_final=final,
        is_verified=True,
        institution_name=opinion.radiologist.organisation,
        verifying_observer_name=opinion.radiologist.name,
        verifying_organization=opinion.radiologist.organisation,
        previous_versions=[predecessor_dataset(p) for p in opinion.predecessors] or None,
        specific_character_set="ISO_IR 192",
    )
    sr.SeriesDescription = f"Stroke opinion ({opinion.kind.value})"
    sr.CodingSchemeIdentificationSequence = [c.coding_scheme_identification()]
    set_answered_workitem(sr, opinion.request.workitem_uid)
    set_times(sr, opinion.signed_at)
    sr.VerifyingObserverSequence[0].VerificationDateTime = dicom_datetime(opinion.signed_at)
    return sr
