"""The codes the opinion SR is written with, and the way back from code to model.

Standard codes first: SNOMED CT (``SCT``), LOINC (``LN``), DICOM (``DCM``),
UCUM units; the values were checked against the code tables pydicom ships
from PS3.16. Where no standard code fits (ASPECTS and its regions without a
structure code, stroke treatment advice, perfusion volumes, DWI/FLAIR
mismatch…) the private coding scheme :data:`PRIVATE_SCHEME` is used; it is
declared once in each document's (0008,0110) Coding Scheme Identification
Sequence (:func:`coding_scheme_identification`).
"""

from __future__ import annotations

from typing import TypeVar

from pydicom.dataset import Dataset

from app.opinion import model as m
from protocol.codes import PRIVATE_SCHEME, Code

PRIVATE_SCHEME_NAME = "StrokeLink stroke opinion codes"
PRIVATE_SCHEME_VERSION = "1"
PRIVATE_SCHEME_RESPONSIBLE = "StrokeLink"

K = TypeVar("K")


def private(value: str, meaning: str) -> Code:
    return (value, PRIVATE_SCHEME, meaning)


def coding_scheme_identification() -> Dataset:
    """The (0008,0110) Coding Scheme Identification Sequence item for :data:`PRIVATE_SCHEME`."""
    item = Dataset()
    item.CodingSchemeDesignator = PRIVATE_SCHEME
    item.CodingSchemeName = PRIVATE_SCHEME_NAME
    item.CodingSchemeVersion = PRIVATE_SCHEME_VERSION
    item.CodingSchemeResponsibleOrganization = PRIVATE_SCHEME_RESPONSIBLE
    return item


# ---- document structure (TID 2000, CID 7000 / 7001 / 7002 / 7003)
#: CID 7000 "Diagnostic Imaging Report": one title for CT and MR alike, since
#: one opinion may cover NCCT, CTA, CTP and MR series (the modality-specific
#: titles 24725-4 "CT Head Report" / 24590-2 "MRI Head Report" would not).
REPORT_TITLE: Code = ("18748-4", "LN", "Diagnostic Imaging Report")
CURRENT_PROCEDURE = ("121064", "DCM", "Current Procedure Descriptions")
PROCEDURE_DESCRIPTION = ("121065", "DCM", "Procedure Description")
SERIES_INSTANCE_UID = ("112002", "DCM", "Series Instance UID")
FINDINGS = ("121070", "DCM", "Findings")
FINDING = ("121071", "DCM", "Finding")
KEY_IMAGES = ("121180", "DCM", "Key Images")
BEST_ILLUSTRATION = ("121080", "DCM", "Best illustration of finding")
SOURCE_IMAGE = ("121322", "DCM", "Source image for image processing operation")
CONCLUSIONS = ("121076", "DCM", "Conclusions")
CONCLUSION = ("121077", "DCM", "Conclusion")
COMMENT = ("121106", "DCM", "Comment")
RECOMMENDATIONS = ("121074", "DCM", "Recommendations")
RECOMMENDATION = ("121075", "DCM", "Recommendation")
LANGUAGE_ENGLISH = ("en", "RFC5646", "English")
PERSON = ("121006", "DCM", "Person")
DERIVATION = ("121401", "DCM", "Derivation")
KOS_TITLE = ("113002", "DCM", "For Referring Provider")  # CID 7010

# ---- generic values
PRESENT = ("52101004", "SCT", "Present")
ABSENT = ("272519000", "SCT", "Absent")
SUSPECTED = ("415684004", "SCT", "Suspected")
LATERALITY = ("272741003", "SCT", "Laterality")
FINDING_SITE = ("363698007", "SCT", "Finding Site")
VOLUME = ("118565006", "SCT", "Volume")
SIDES: dict[m.Side, Code] = {
    m.Side.LEFT: ("7771000", "SCT", "Left"),
    m.Side.RIGHT: ("24028007", "SCT", "Right"),
    m.Side.BILATERAL: ("51440002", "SCT", "Bilateral"),
    m.Side.MIDLINE: ("261129000", "SCT", "Midline"),
}
FINDING_VALUES: dict[m.Finding, Code] = {m.Finding.PRESENT: PRESENT, m.Finding.ABSENT: ABSENT}

# ---- units (UCUM)
UNIT_ML = ("mL", "UCUM", "milliliter")
UNIT_MM = ("mm", "UCUM", "millimeter")
UNIT_SCORE = ("{score}", "UCUM", "score")
UNIT_RATIO = ("{ratio}", "UCUM", "ratio")

# ---- series read
SERIES_KIND = private("SERKIND", "Kind of series read")
SERIES_KINDS: dict[m.SeriesKind, Code] = {
    kind: private(f"SER-{kind.value.upper()}", meaning)
    for kind, meaning in {
        m.SeriesKind.LOCALIZER: "Localizer",
        m.SeriesKind.NCCT: "Non-contrast CT",
        m.SeriesKind.CTA: "CT angiography",
        m.SeriesKind.CTP: "CT perfusion",
        m.SeriesKind.DWI: "Diffusion-weighted MR",
        m.SeriesKind.ADC: "ADC map",
        m.SeriesKind.FLAIR: "FLAIR MR",
        m.SeriesKind.SWI: "Susceptibility-weighted MR",
        m.SeriesKind.TOF: "Time-of-flight MR angiography",
        m.SeriesKind.T1: "T1-weighted MR",
        m.SeriesKind.T2: "T2-weighted MR",
        m.SeriesKind.OTHER: "Other series",
    }.items()
}
IDENTITY_OVERRIDE = private("IDOVR", "Identity check overridden, reason")
#: One difference the override accepts (value: the field, e.g. "(0010,0010) Patient's Name"),
#: with the request's and the images' values as its children.
IDENTITY_DIFFERENCE = private("IDDIFF", "Identity difference accepted")
IDENTITY_IN_REQUEST = private("IDREQ", "Value in the request")
IDENTITY_IN_IMAGES = private("IDIMG", "Value in the images")
AMENDMENT_REASON = private("AMENDRSN", "Reason for amendment")

# ---- haemorrhage
INTRACRANIAL_HAEMORRHAGE = ("1386000", "SCT", "Intracranial hemorrhage")
HAEMORRHAGE_TYPE = private("ICHTYPE", "Type of intracranial haemorrhage")
HAEMORRHAGE_TYPES: dict[m.HaemorrhageType, Code] = {
    m.HaemorrhageType.INTRAPARENCHYMAL: private("ICH-IP", "Intraparenchymal haemorrhage"),
    m.HaemorrhageType.SUBARACHNOID: private("ICH-SA", "Subarachnoid haemorrhage"),
    m.HaemorrhageType.SUBDURAL: private("ICH-SD", "Subdural haemorrhage"),
    m.HaemorrhageType.EXTRADURAL: private("ICH-ED", "Extradural haemorrhage"),
    m.HaemorrhageType.INTRAVENTRICULAR: private("ICH-IV", "Intraventricular haemorrhage"),
    m.HaemorrhageType.HAEMORRHAGIC_TRANSFORMATION: private(
        "ICH-HT", "Haemorrhagic transformation of an infarct"
    ),
}
ABC2 = private("ABC2", "ABC/2 ellipsoid approximation")
ABC_DIAMETERS = {
    "a_mm": private("ABC-A", "ABC/2 diameter A (largest axial diameter)"),
    "b_mm": private("ABC-B", "ABC/2 diameter B (perpendicular to A)"),
    "c_mm": private("ABC-C", "ABC/2 extent C (craniocaudal)"),
}

# ---- ischaemia
EARLY_ISCHAEMIC_SIGNS = private("EIS", "Early ischaemic signs")
HYPERDENSE_ARTERY = private("HDAS", "Hyperdense artery sign")
ASPECTS = private("ASPECTS", "ASPECTS (Alberta Stroke Program Early CT Score)")
PC_ASPECTS = private("PCASPECTS", "pc-ASPECTS (posterior circulation ASPECTS)")
AFFECTED_REGION = private("ASPAFF", "Region with early ischaemic change")
ASPECTS_REGIONS: dict[m.AspectsRegion, Code] = {
    m.AspectsRegion.C: ("11000004", "SCT", "Caudate Nucleus"),
    m.AspectsRegion.L: private("ASP-L", "Lentiform nucleus (ASPECTS L)"),
    m.AspectsRegion.IC: ("85637007", "SCT", "Internal capsule"),
    m.AspectsRegion.I: ("36169008", "SCT", "Insula"),
    **{
        r: private(f"ASP-{r.value}", f"MCA cortex, ASPECTS region {r.value}")
        for r in (
            m.AspectsRegion.M1,
            m.AspectsRegion.M2,
            m.AspectsRegion.M3,
            m.AspectsRegion.M4,
            m.AspectsRegion.M5,
            m.AspectsRegion.M6,
        )
    },
}
THALAMUS = ("42695009", "SCT", "Thalamus")
CEREBELLUM = ("113305005", "SCT", "Cerebellum")
OCCIPITAL_LOBE = ("31065004", "SCT", "Occipital lobe")  # the PCA territory of pc-ASPECTS
#: pc-ASPECTS region → (structure code, side or None).
PC_ASPECTS_REGIONS: dict[m.PcAspectsRegion, tuple[Code, m.Side | None]] = {
    m.PcAspectsRegion.LEFT_THALAMUS: (THALAMUS, m.Side.LEFT),
    m.PcAspectsRegion.RIGHT_THALAMUS: (THALAMUS, m.Side.RIGHT),
    m.PcAspectsRegion.LEFT_CEREBELLUM: (CEREBELLUM, m.Side.LEFT),
    m.PcAspectsRegion.RIGHT_CEREBELLUM: (CEREBELLUM, m.Side.RIGHT),
    m.PcAspectsRegion.LEFT_PCA_TERRITORY: (OCCIPITAL_LOBE, m.Side.LEFT),
    m.PcAspectsRegion.RIGHT_PCA_TERRITORY: (OCCIPITAL_LOBE, m.Side.RIGHT),
    m.PcAspectsRegion.MIDBRAIN: (("61962009", "SCT", "Midbrain"), None),
    m.PcAspectsRegion.PONS: (private("PONS", "Pons"), None),
}

# ---- vessels
OCCLUSION = ("26036001", "SCT", "Occlusion")
#: The value of Occlusion when the radiologist states that no angiography is available.
NO_ANGIOGRAPHY = private("NOANGIO", "Not assessable: no angiography available")
TANDEM_LESION = private("TANDEM", "Tandem lesion (extracranial and intracranial occlusion)")
ARTERIAL_DISSECTION = ("710864009", "SCT", "Arterial dissection")
OCCLUSION_SITES: dict[m.OcclusionSite, Code] = {
    m.OcclusionSite.CERVICAL_ICA: private("CICA", "Cervical internal carotid artery"),
    m.OcclusionSite.CAROTID_T: ("415646005", "SCT", "Terminal internal carotid artery"),
    m.OcclusionSite.M1: ("414722000", "SCT", "Middle Cerebral Artery M1 Segment"),
    m.OcclusionSite.M2: ("414723005", "SCT", "Middle Cerebral Artery M2 Segment"),
    m.OcclusionSite.M3_DISTAL: private("MCAD", "Middle cerebral artery, M3 or more distal"),
    m.OcclusionSite.ACA: ("60176003", "SCT", "Anterior Cerebral Artery"),
    m.OcclusionSite.VERTEBRAL: ("85234005", "SCT", "Vertebral artery"),
    m.OcclusionSite.BASILAR: ("59011009", "SCT", "Basilar artery"),
    m.OcclusionSite.PCA: ("70382005", "SCT", "Posterior Cerebral Artery"),
}

# ---- perfusion and MR
CORE_VOLUME = private("CORE", "Ischaemic core volume")
HYPOPERFUSION_VOLUME = private("HYPOPERF", "Critically hypoperfused volume")
PENUMBRA_VOLUME = private("PENUMBRA", "Penumbra volume")
MISMATCH_RATIO = private("MISMATCH", "Perfusion mismatch ratio")
THRESHOLD = private("THRESH", "Threshold definition")
DWI_LESION = private("DWILES", "Diffusion restriction (DWI lesion)")
DWI_FLAIR_MISMATCH = private("DWIFLAIR", "DWI/FLAIR mismatch")
HIR = private("HIR", "Hypoperfusion intensity ratio (Tmax > 10 s / Tmax > 6 s)")

# ---- provenance of a value the analysis measured (app.opinion.analysis)
#: TID 4019 "Algorithm Identification" (HAS CONCEPT MOD of the measurement, as TID 1419
#: includes it): the software's name, version and parameters (the definition it followed).
ALGORITHM_NAME = ("111001", "DCM", "Algorithm Name")
ALGORITHM_VERSION = ("111003", "DCM", "Algorithm Version")
ALGORITHM_PARAMETERS = ("111002", "DCM", "Algorithm Parameters")
#: No standard code says whether a radiologist confirmed or changed a software measurement.
MEASUREMENT_REVIEW = private("SWREVIEW", "Review of the software measurement")
REVIEWS: dict[m.SuggestionStatus, Code] = {
    m.SuggestionStatus.CONFIRMED: private(
        "SWCONF", "Measured by the software, confirmed by the radiologist"
    ),
    m.SuggestionStatus.CHANGED: private(
        "SWCHG", "Measured by the software, changed by the radiologist"
    ),
}
SOFTWARE_VALUE = private("SWVALUE", "Value measured by the software")
#: A value the software measured that the radiologist removed (the field left empty, or
#: the finding not assessed): a MEASUREMENT_REVIEW item of the findings with this value,
#: naming the measurement (MEASURED_QUANTITY) and holding the SOFTWARE_VALUE.
REMOVED = private("SWREM", "Measured by the software, removed by the radiologist")
MEASURED_QUANTITY = private("SWQTY", "Software measurement reviewed")
#: The measured fields (app.opinion.model PERFUSION_MEASURED, MR_MEASURED) as codes.
MEASURED_FIELDS: dict[str, Code] = {
    "core_ml": CORE_VOLUME,
    "hypoperfusion_ml": HYPOPERFUSION_VOLUME,
    "hir": HIR,
    "dwi_lesion": DWI_LESION,
    "dwi_volume_ml": private("DWIVOL", "DWI lesion volume"),
    "flair_dwi_mismatch": DWI_FLAIR_MISMATCH,
}

# ---- other findings, limitations
LIMITATION = private("LIMIT", "Limitation of the examination")
LIMITATIONS: dict[m.Limitation, Code] = {
    m.Limitation.MOTION: ("128553", "DCM", "Patient motion"),
    m.Limitation.INCOMPLETE_COVERAGE: ("130576", "DCM", "Anatomy coverage incomplete"),
    m.Limitation.LOSSY_COMPRESSION: ("121325", "DCM", "Lossy compressed image"),
}

# ---- recommendation and communication
THROMBOLYSIS_ADVICE: dict[m.ThrombolysisAdvice, Code] = {
    m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION: private(
        "IVT-OK", "No imaging contraindication to IV thrombolysis"
    ),
    m.ThrombolysisAdvice.CONTRAINDICATED: private("IVT-CI", "IV thrombolysis contraindicated"),
    m.ThrombolysisAdvice.PENDING: private(
        "IVT-PEND", "IV thrombolysis decision pending further imaging"
    ),
}
THROMBECTOMY_ADVICE: dict[m.ThrombectomyAdvice, Code] = {
    m.ThrombectomyAdvice.CANDIDATE: private(
        "EVT-TRANSFER", "Thrombectomy candidate: transfer to a thrombectomy centre"
    ),
    m.ThrombectomyAdvice.NOT_CANDIDATE: private("EVT-NO", "Not a thrombectomy candidate"),
    m.ThrombectomyAdvice.PENDING: private(
        "EVT-PEND", "Thrombectomy decision pending further imaging"
    ),
}
REASON = private("REASON", "Reason")
RESULT_PHONED_TO = private("PHONED", "Result communicated by telephone to")
RESULT_PHONED_AT = private("PHONEDAT", "Time the result was communicated")

# ---- ED acknowledgement (app.opinion.ack)
ACK_TITLE = private("ACK", "Acknowledgement of an imaging opinion")
ACKNOWLEDGED_OPINION = private("ACKDOC", "Opinion acknowledged")
ACKNOWLEDGED_BY = private("ACKBY", "Acknowledged by")
ACKNOWLEDGED_AT = private("ACKAT", "Time of acknowledgement")
ACKNOWLEDGING_SITE = private("ACKSITE", "Acknowledging emergency department")


def key(code: Code) -> tuple[str, str]:
    """(value, scheme): what identifies a code (the meaning is only its label)."""
    return code[0], code[1]


def reverse(table: dict[K, Code]) -> dict[tuple[str, str], K]:
    """From (value, scheme) back to the model value."""
    return {key(code): model_value for model_value, code in table.items()}
