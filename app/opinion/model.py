"""The structured stroke opinion: what the radiologist sends back to the ED.

Plain dataclasses, no Qt and no DICOM. Every finding starts as
:attr:`Finding.NOT_ASSESSED` and every advice as ``NOT_ASSESSED``: nothing is
assumed, the radiologist says it. Scores and volumes that follow from other
fields (ASPECTS, pc-ASPECTS, ABC/2, penumbra, mismatch ratio) are computed
properties, never stored, so they cannot disagree with what they come from.

The JSON form and its validation live in :mod:`app.opinion.schema`; the
documents built from an opinion (SR, PDF, key images) in :mod:`app.opinion.sr`,
:mod:`app.opinion.pdf` and :mod:`app.opinion.keyimages`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from app.opinion.identity import IdentityOverride, PatientIdentity
from protocol.request import ClinicalRequest

#: Version of the JSON form (``"schema": 1``), see ``docs/opinion-schema.md``.
SCHEMA_VERSION = 1


class Finding(StrEnum):
    """A finding's state. ``NOT_ASSESSED`` until the radiologist sets it."""

    NOT_ASSESSED = "not_assessed"
    ABSENT = "absent"
    PRESENT = "present"


class Side(StrEnum):
    """The patient's side (never the screen's); MIDLINE for what has none (e.g. a
    haemorrhage of the pons or the third ventricle)."""

    LEFT = "left"
    RIGHT = "right"
    BILATERAL = "bilateral"
    MIDLINE = "midline"


class ReportKind(StrEnum):
    """Preliminary (request stays IN PROGRESS) or final (completes it)."""

    PRELIMINARY = "preliminary"
    FINAL = "final"


class SeriesKind(StrEnum):
    """What a series read was (same values as :class:`viewer.classify.SeriesKind`)."""

    LOCALIZER = "localizer"
    NCCT = "ncct"
    CTA = "cta"
    CTP = "ctp"
    DWI = "dwi"
    ADC = "adc"
    FLAIR = "flair"
    SWI = "swi"
    TOF = "tof"
    T1 = "t1"
    T2 = "t2"
    OTHER = "other"


#: Series kinds that make an angiographic read (occlusion must then be stated).
ANGIO_KINDS = frozenset({SeriesKind.CTA, SeriesKind.TOF})


class HaemorrhageType(StrEnum):
    INTRAPARENCHYMAL = "intraparenchymal"
    SUBARACHNOID = "subarachnoid"
    SUBDURAL = "subdural"
    EXTRADURAL = "extradural"
    INTRAVENTRICULAR = "intraventricular"
    HAEMORRHAGIC_TRANSFORMATION = "haemorrhagic_transformation"


class AspectsRegion(StrEnum):
    """The ten ASPECTS regions of one middle cerebral artery territory."""

    C = "C"  # caudate
    L = "L"  # lentiform nucleus
    IC = "IC"  # internal capsule
    I = "I"  # insular ribbon  # noqa: E741
    M1 = "M1"
    M2 = "M2"
    M3 = "M3"
    M4 = "M4"
    M5 = "M5"
    M6 = "M6"


class PcAspectsRegion(StrEnum):
    """pc-ASPECTS regions (Puetz et al., Stroke 2008;39:2485)."""

    LEFT_THALAMUS = "left_thalamus"
    RIGHT_THALAMUS = "right_thalamus"
    LEFT_CEREBELLUM = "left_cerebellum"
    RIGHT_CEREBELLUM = "right_cerebellum"
    LEFT_PCA_TERRITORY = "left_pca_territory"
    RIGHT_PCA_TERRITORY = "right_pca_territory"
    MIDBRAIN = "midbrain"
    PONS = "pons"


#: Points each pc-ASPECTS region takes off 10: one per side for the thalamus,
#: the cerebellar hemisphere and the PCA territory (occipital lobe); two for
#: any part of the midbrain and two for any part of the pons (single midline
#: regions, not per side). 2 × 3 + 2 + 2 = 10.
PC_ASPECTS_WEIGHTS: dict[PcAspectsRegion, int] = {
    PcAspectsRegion.LEFT_THALAMUS: 1,
    PcAspectsRegion.RIGHT_THALAMUS: 1,
    PcAspectsRegion.LEFT_CEREBELLUM: 1,
    PcAspectsRegion.RIGHT_CEREBELLUM: 1,
    PcAspectsRegion.LEFT_PCA_TERRITORY: 1,
    PcAspectsRegion.RIGHT_PCA_TERRITORY: 1,
    PcAspectsRegion.MIDBRAIN: 2,
    PcAspectsRegion.PONS: 2,
}


class OcclusionSite(StrEnum):
    CERVICAL_ICA = "cervical_ica"
    CAROTID_T = "carotid_t"
    M1 = "m1"
    M2 = "m2"
    M3_DISTAL = "m3_distal"
    ACA = "aca"
    VERTEBRAL = "vertebral"
    BASILAR = "basilar"
    PCA = "pca"


#: Occlusion sites on the midline, which take no side.
MIDLINE_SITES = frozenset({OcclusionSite.BASILAR})


class Limitation(StrEnum):
    MOTION = "motion"
    INCOMPLETE_COVERAGE = "incomplete_coverage"
    LOSSY_COMPRESSION = "lossy_compression"


class ThrombolysisAdvice(StrEnum):
    NOT_ASSESSED = "not_assessed"
    NO_IMAGING_CONTRAINDICATION = "no_imaging_contraindication"
    CONTRAINDICATED = "contraindicated"
    PENDING = "pending"  # decision awaits further imaging (preliminary opinions only)


class ThrombectomyAdvice(StrEnum):
    NOT_ASSESSED = "not_assessed"
    CANDIDATE = "candidate"  # → transfer to a thrombectomy centre
    NOT_CANDIDATE = "not_candidate"
    PENDING = "pending"  # decision awaits further imaging (preliminary opinions only)


@dataclass
class Abc:
    """The viewer's ABC/2 measurement of a haemorrhage, in millimetres.

    A: largest diameter on the slice where the haemorrhage is largest; B: the
    largest diameter perpendicular to A on that slice; C: craniocaudal extent.
    """

    a_mm: float
    b_mm: float
    c_mm: float

    @property
    def volume_ml(self) -> float:
        """A × B × C / 2, converted from mm³ to mL, to 0.1 mL."""
        return round(self.a_mm * self.b_mm * self.c_mm / 2000.0, 1)


@dataclass
class Haemorrhage:
    status: Finding = Finding.NOT_ASSESSED
    types: list[HaemorrhageType] = field(default_factory=list)
    side: Side | None = None
    abc: Abc | None = None

    @property
    def volume_ml(self) -> float | None:
        """ABC/2 volume, or None when not measured."""
        return None if self.abc is None else self.abc.volume_ml


@dataclass
class Aspects:
    """ASPECTS scored on the symptomatic hemisphere: 10 minus the affected regions."""

    side: Side
    affected: list[AspectsRegion] = field(default_factory=list)

    @property
    def score(self) -> int:
        return 10 - len(set(self.affected))


@dataclass
class PcAspects:
    """pc-ASPECTS: 10 minus the weights of the affected regions (:data:`PC_ASPECTS_WEIGHTS`)."""

    affected: list[PcAspectsRegion] = field(default_factory=list)

    @property
    def score(self) -> int:
        return 10 - sum(PC_ASPECTS_WEIGHTS[r] for r in set(self.affected))


@dataclass
class Ischaemia:
    """Early ischaemic signs; ``aspects``/``pc_aspects`` are None when not scored."""

    early_signs: Finding = Finding.NOT_ASSESSED
    side: Side | None = None
    hyperdense_artery: Finding = Finding.NOT_ASSESSED
    aspects: Aspects | None = None
    pc_aspects: PcAspects | None = None


@dataclass
class VesselOcclusion:
    """One occluded vessel segment; ``side`` is None only on the midline (basilar)."""

    site: OcclusionSite
    side: Side | None = None


#: The occlusion statement "no angiography available" (:attr:`Occlusion.statement`).
NO_ANGIOGRAPHY = "no_angiography"


@dataclass
class Occlusion:
    """Vessel occlusion on the angiographic series; ``dissection`` PRESENT means suspected.

    ``no_angiography``: the radiologist states that no angiography is
    available (``status`` then stays NOT_ASSESSED); it answers the occlusion
    question only when no series of the study looks angiographic
    (:func:`missing_for_sending`).
    """

    status: Finding = Finding.NOT_ASSESSED
    sites: list[VesselOcclusion] = field(default_factory=list)
    tandem: Finding = Finding.NOT_ASSESSED
    dissection: Finding = Finding.NOT_ASSESSED
    no_angiography: bool = False

    @property
    def statement(self) -> str:
        """What the radiologist said, as one value: a :class:`Finding` value or
        :data:`NO_ANGIOGRAPHY`."""
        return NO_ANGIOGRAPHY if self.no_angiography else self.status.value


class SuggestionStatus(StrEnum):
    """Where a value the analysis measured stands (:func:`suggestion_status`).

    SUGGESTED: prefilled, not yet confirmed: it blocks sending. CONFIRMED: the
    radiologist confirmed the software's value. CHANGED: the radiologist's value
    differs from the software's (both are kept and both are sent).
    """

    SUGGESTED = "suggested"
    CONFIRMED = "confirmed"
    CHANGED = "changed"


@dataclass
class SoftwareValue:
    """One value the analysis measured for ``field`` of its section.

    ``number`` for a volume or a ratio, ``finding`` for a finding (one of the
    two); ``basis``: the definition or threshold it follows ("rCBF < 30%",
    "FLAIR ratio 1.05 < 1.15"); ``confirmed``: the radiologist confirmed the
    section (:func:`confirm_suggestions`).
    """

    field: str
    number: float | None = None
    finding: Finding | None = None
    basis: str = ""
    confirmed: bool = False


@dataclass
class SoftwareMeasurement:
    """What the analysis (``software`` ``version``) measured for a section, next to
    the radiologist's values; ``warnings``: the analysis' warnings (motion, truncated
    bolus…), shown with the suggestion."""

    software: str
    version: str = ""
    values: list[SoftwareValue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def value(self, name: str) -> SoftwareValue | None:
        return next((v for v in self.values if v.field == name), None)


#: The fields of :class:`Perfusion` and of :class:`MrFindings` the analysis may measure.
PERFUSION_MEASURED = ("core_ml", "hypoperfusion_ml", "hir")
MR_MEASURED = ("dwi_lesion", "dwi_volume_ml", "flair_dwi_mismatch")


def matches_software(current: object, value: SoftwareValue) -> bool:
    """The section's value ``current`` is the software's (volumes to 0.005)."""
    if value.finding is not None:
        return current is value.finding
    if value.number is None or current is None or isinstance(current, Finding):
        return current is None and value.number is None
    return abs(float(current) - value.number) < 0.005  # type: ignore[arg-type]


def suggestion_status(section: Perfusion | MrFindings, value: SoftwareValue) -> SuggestionStatus:
    """CHANGED when the section's value differs from the software's (whoever edits a
    suggested value reads it: editing counts as confirming it, changed); otherwise
    CONFIRMED once the section is confirmed, SUGGESTED before."""
    if not matches_software(getattr(section, value.field), value):
        return SuggestionStatus.CHANGED
    return SuggestionStatus.CONFIRMED if value.confirmed else SuggestionStatus.SUGGESTED


def awaiting_confirmation(section: Perfusion | MrFindings | None) -> list[str]:
    """The fields of ``section`` still holding an unconfirmed software suggestion."""
    if section is None or section.measured is None:
        return []
    return [
        v.field
        for v in section.measured.values
        if suggestion_status(section, v) is SuggestionStatus.SUGGESTED
    ]


def confirm_suggestions(section: Perfusion | MrFindings | None) -> None:
    """The radiologist confirms every value the analysis suggested for ``section``."""
    if section is not None and section.measured is not None:
        for v in section.measured.values:
            v.confirmed = True


@dataclass
class Perfusion:
    """Perfusion volumes as read (CTP or MR perfusion), in mL.

    ``hypoperfusion_ml`` is the whole critically hypoperfused volume (e.g.
    Tmax > 6 s), core included; the penumbra is what is left once the core
    is taken out, and the mismatch ratio is hypoperfusion ÷ core. ``hir``: the
    hypoperfusion intensity ratio (Tmax > 10 s ÷ Tmax > 6 s), None when not
    given. ``measured``: what the analysis measured, when it prefilled the section.
    """

    core_ml: float
    hypoperfusion_ml: float
    core_definition: str = "rCBF < 30 %"
    hypoperfusion_definition: str = "Tmax > 6 s"
    hir: float | None = None
    measured: SoftwareMeasurement | None = None

    @property
    def penumbra_ml(self) -> float:
        return round(self.hypoperfusion_ml - self.core_ml, 1)

    @property
    def mismatch_ratio(self) -> float | None:
        """Hypoperfusion ÷ core, to 0.1; None when the core is 0 mL (ratio infinite)."""
        if self.core_ml <= 0:
            return None
        return round(self.hypoperfusion_ml / self.core_ml, 1)


@dataclass
class MrFindings:
    dwi_lesion: Finding = Finding.NOT_ASSESSED
    dwi_volume_ml: float | None = None
    flair_dwi_mismatch: Finding = Finding.NOT_ASSESSED
    measured: SoftwareMeasurement | None = None  # what the analysis measured, if it prefilled


@dataclass
class Recommendation:
    thrombolysis: ThrombolysisAdvice = ThrombolysisAdvice.NOT_ASSESSED
    thrombolysis_reason: str = ""  # required when contraindicated
    thrombectomy: ThrombectomyAdvice = ThrombectomyAdvice.NOT_ASSESSED
    other: str = ""


@dataclass
class PhoneCall:
    """ "Result phoned to Dr … at …"."""

    to: str
    at: dt.datetime


@dataclass
class Radiologist:
    """The signing radiologist, from the hub profile.

    ``name`` is a DICOM person name (``FAMILY^Given``); ``identifier`` the
    hub login.
    """

    name: str
    organisation: str
    identifier: str = ""


@dataclass
class RequestInfo:
    """What the ED's request said (the UPS workitem); ``identity`` is checked against the images.

    ``clinical`` is every clinical fact of the request (:mod:`protocol.request`),
    copied when the opinion is created, so that the SR and the PDF restate what
    the ED said; None in opinions written before it was kept.
    """

    identity: PatientIdentity | None = None
    workitem_uid: str = ""
    accession_number: str = ""
    requesting_site: str = ""
    requesting_physician: str = ""
    question: str = ""
    clinical: ClinicalRequest | None = None


@dataclass
class SeriesRead:
    series_instance_uid: str
    kind: SeriesKind = SeriesKind.OTHER
    description: str = ""


@dataclass
class SourceImage:
    """One acquired image: an instance and, in a multi-frame instance, its frame (from 1)."""

    sop_instance_uid: str
    frame: int | None = None


@dataclass
class KeyImage:
    """A key image: the source image and, optionally, the viewer's annotated snapshot.

    ``snapshot`` is the path of an RGB PNG (relative to the opinion JSON);
    without one, the source image itself is rendered.

    ``derived_from`` empty: the capture shows ``sop_instance_uid`` (``frame``)
    as acquired (an axial slice of an axial series, say). Otherwise the
    capture is a reformat, slab or 3-D view: the snapshot is the key image,
    made from every image listed (the displayed sub-volume's images the
    plane or slab intersects, all of them for a 3-D view, in the series of
    ``series_instance_uid``), ``sop_instance_uid`` (``frame``), the image
    nearest the crosshair, among them (:mod:`viewer.shown_images`).
    """

    series_instance_uid: str
    sop_instance_uid: str
    frame: int | None = None
    caption: str = ""
    snapshot: str | None = None
    derived_from: list[SourceImage] = field(default_factory=list)

    @property
    def derived(self) -> bool:
        return bool(self.derived_from)


@dataclass
class DocumentRef:
    """A document already sent: the preliminary opinion, or one being amended."""

    study_instance_uid: str
    series_instance_uid: str
    sop_instance_uid: str
    sop_class_uid: str = "1.2.840.10008.5.1.4.1.1.88.33"


@dataclass
class DocumentUids:
    """Every UID of the objects an opinion is sent as, fixed once when it is signed.

    The outbox resends with these, so a retry stores the same instances
    again instead of duplicates.
    """

    sr_series: str
    sr_instance: str
    pdf_series: str
    pdf_instance: str
    key_image_series: str
    key_image_instances: list[str]
    kos_series: str
    kos_instance: str


@dataclass
class Opinion:
    kind: ReportKind = ReportKind.PRELIMINARY
    request: RequestInfo = field(default_factory=RequestInfo)
    study_instance_uid: str = ""
    series_read: list[SeriesRead] = field(default_factory=list)
    haemorrhage: Haemorrhage = field(default_factory=Haemorrhage)
    ischaemia: Ischaemia = field(default_factory=Ischaemia)
    occlusion: Occlusion = field(default_factory=Occlusion)
    perfusion: Perfusion | None = None
    mr: MrFindings = field(default_factory=MrFindings)
    other_findings: str = ""
    limitations: list[Limitation] = field(default_factory=list)
    limitations_text: str = ""
    conclusion: str = ""
    recommendation: Recommendation = field(default_factory=Recommendation)
    free_text: str = ""
    phoned: PhoneCall | None = None
    key_images: list[KeyImage] = field(default_factory=list)
    radiologist: Radiologist | None = None
    signed_at: dt.datetime | None = None
    predecessors: list[DocumentRef] = field(default_factory=list)
    amendment_reason: str = ""
    identity_override: IdentityOverride | None = None
    uids: DocumentUids | None = None

    @property
    def angio_read(self) -> bool:
        """True when an angiographic series (CTA, MR TOF) is among the series read."""
        return any(s.kind in ANGIO_KINDS for s in self.series_read)

    @property
    def aspects_shown(self) -> bool:
        """ASPECTS and pc-ASPECTS belong to the opinion only once early ischaemic signs
        are assessed (absent or present); the documents leave them out otherwise."""
        return self.ischaemia.early_signs is not Finding.NOT_ASSESSED

    @property
    def is_signed(self) -> bool:
        return self.signed_at is not None and self.uids is not None

    @property
    def is_amendment(self) -> bool:
        return bool(self.amendment_reason)


def missing_for_sending(opinion: Opinion, *, angiographic: Sequence[str] = ()) -> list[str]:
    """What must still be stated before the opinion can be sent, one line each.

    ``angiographic`` names the series of the study that look angiographic
    (by header or by content, :func:`viewer.classify.looks_angiographic`).
    Sending requires the haemorrhage (with its side when present), the
    occlusion and the recommendation set explicitly. The occlusion is
    absent or present when a series looks angiographic or an angiographic
    series was read; otherwise "no angiography available" answers it too. A
    contraindication needs its reason, and a final opinion cannot leave a
    decision pending. An empty list means the opinion can be signed and sent.
    """
    missing: list[str] = []
    if not opinion.series_read:
        missing.append("series_read: list the series that were read")
    h = opinion.haemorrhage
    if h.status is Finding.NOT_ASSESSED:
        missing.append("haemorrhage: state whether there is a haemorrhage")
    elif h.status is Finding.PRESENT:
        if not h.types:
            missing.append("haemorrhage.types: give the type of haemorrhage")
        if h.side is None:
            missing.append(
                "haemorrhage.side: give the side of the haemorrhage "
                "(left, right, bilateral or midline)"
            )
    missing += _occlusion_missing(opinion, list(angiographic))
    r = opinion.recommendation
    if r.thrombolysis is ThrombolysisAdvice.NOT_ASSESSED:
        missing.append("recommendation.thrombolysis: state the IV thrombolysis advice")
    if r.thrombolysis is ThrombolysisAdvice.CONTRAINDICATED and not r.thrombolysis_reason.strip():
        missing.append(
            "recommendation.thrombolysis_reason: say why thrombolysis is contraindicated"
        )
    if r.thrombectomy is ThrombectomyAdvice.NOT_ASSESSED:
        missing.append("recommendation.thrombectomy: state the thrombectomy advice")
    if opinion.kind is ReportKind.FINAL:
        if r.thrombolysis is ThrombolysisAdvice.PENDING:
            missing.append("recommendation.thrombolysis: a final opinion cannot leave it pending")
        if r.thrombectomy is ThrombectomyAdvice.PENDING:
            missing.append("recommendation.thrombectomy: a final opinion cannot leave it pending")
    missing += _mr_contradictions(opinion.mr)
    for name, section in (("perfusion", opinion.perfusion), ("mr", opinion.mr)):
        waiting = awaiting_confirmation(section)
        if waiting:
            missing.append(
                f"{name}.measured: confirm or change the values the analysis suggested "
                f"({', '.join(waiting)})"
            )
    if opinion.radiologist is None or not opinion.radiologist.name.strip():
        missing.append("radiologist: the signing radiologist is unknown (hub profile)")
    elif not opinion.radiologist.organisation.strip():
        missing.append("radiologist.organisation: the radiologist's organisation is unknown")
    return missing


def _mr_contradictions(mr: MrFindings) -> list[str]:
    """A DWI volume or a DWI/FLAIR mismatch with no DWI lesion (absent or not assessed)
    contradicts itself: it is never sent, whoever gave it (one Confirm click confirms
    every suggested value, issue #14 review item 5)."""
    if mr.dwi_lesion is Finding.PRESENT:
        return []
    lesion = "absent" if mr.dwi_lesion is Finding.ABSENT else "not assessed"
    missing = []
    if mr.dwi_volume_ml is not None:
        missing.append(
            f"mr.dwi_volume_ml: DWI volume given while the lesion is {lesion}; clear the volume"
        )
    software = None if mr.measured is None else mr.measured.value("flair_dwi_mismatch")
    if mr.flair_dwi_mismatch is Finding.PRESENT or (
        software is not None
        and mr.flair_dwi_mismatch is not Finding.NOT_ASSESSED
        and matches_software(mr.flair_dwi_mismatch, software)
    ):
        missing.append(
            f"mr.flair_dwi_mismatch: DWI/FLAIR mismatch given while the DWI lesion is {lesion}; "
            "set it to not assessed"
        )
    return missing


def _occlusion_missing(opinion: Opinion, angiographic: list[str]) -> list[str]:
    o = opinion.occlusion
    if o.status is Finding.PRESENT and not o.sites:
        return ["occlusion.sites: give the occluded vessel"]
    if o.status is not Finding.NOT_ASSESSED:
        return []
    if angiographic or opinion.angio_read:
        what = (
            f"{', '.join(angiographic)} look{'s' if len(angiographic) == 1 else ''} angiographic"
            if angiographic
            else "an angiographic series was read"
        )
        if o.no_angiography:
            return [
                f"occlusion: 'no angiography available' does not fit: {what}; "
                "state whether a vessel is occluded"
            ]
        return [f"occlusion: {what}; state whether a vessel is occluded"]
    if o.no_angiography:
        return []
    return ["occlusion: state whether a vessel is occluded, or that no angiography is available"]
