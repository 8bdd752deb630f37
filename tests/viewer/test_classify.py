"""Series classification from tags only, always with its reason."""

from __future__ import annotations

import pytest
from pydicom.dataset import Dataset

from tests.viewer.dicom_factory import make_series, with_tags
from viewer.assembly import assemble_series
from viewer.classify import SeriesKind, classify_series


def header(modality: str, **tags: object) -> Dataset:
    ds = Dataset()
    ds.Modality = modality
    ds.SOPClassUID = (
        "1.2.840.10008.5.1.4.1.1.2" if modality == "CT" else "1.2.840.10008.5.1.4.1.1.4"
    )
    ds.SOPInstanceUID = "1.2.3"
    ds.Rows = ds.Columns = 64
    ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
    for keyword, value in tags.items():
        setattr(ds, keyword, value)
    return ds


@pytest.mark.parametrize(
    ("ds", "kind", "because"),
    [
        (header("CT", ImageType=["ORIGINAL", "PRIMARY", "LOCALIZER"]), "localizer", "LOCALIZER"),
        (header("CT", SeriesDescription="Topogram 0.6 T20f"), "localizer", "TOPOGRAM"),
        (header("MR", SeriesDescription="3-plane loc"), "localizer", "3-PLANE"),
        (header("CT", SeriesDescription="HEAD 5mm", SliceThickness=5), "ncct", "without contrast"),
        (header("CT", SeriesDescription="CTA Willis 0.625"), "cta", "'CTA'"),
        (header("CT", SeriesDescription="Angioscanner TSA"), "cta", "ANGIOSCANNER"),
        (
            header("CT", ContrastBolusAgent="IOMERON 400", SliceThickness=0.625),
            "cta",
            "contrast agent (0018,0010) and thin slices",
        ),
        (
            header("CT", ContrastBolusAgent="IOMERON 400", SliceThickness=5),
            "other",
            "contrast-enhanced",
        ),
        (header("CT", ContrastBolusAgent="NONE", SliceThickness=0.625), "ncct", "without"),
        (header("CT", SeriesDescription="PERFUSION 4D"), "ctp", "'PERFUSION'"),
        (header("MR", DiffusionBValue=1000, SeriesDescription="ax"), "dwi", "b-value 1000"),
        (
            header("MR", ImageType=["DERIVED", "PRIMARY", "DIFFUSION", "ADC"]),
            "adc",
            "Image Type ADC",
        ),
        (header("MR", SeriesDescription="dADC_ep2d"), "other", "unrecognised"),
        (header("MR", SeriesDescription="ADC map"), "adc", "'ADC'"),
        (header("MR", SeriesDescription="ep2d_diff_3scan_trace"), "dwi", "EP2D_DIFF"),
        (header("MR", SeriesDescription="AX FLAIR"), "flair", "'FLAIR'"),
        (
            header("MR", SeriesDescription="ax IR", InversionTime=2500, RepetitionTime=9000),
            "flair",
            "Inversion Time 2500 ms",
        ),
        (header("MR", SeriesDescription="STIR cor", InversionTime=150), "other", "unrecognised"),
        (header("MR", SeriesDescription="SWI_Images"), "swi", "'SWI_IMAGES'"),
        (header("MR", SeriesDescription="T2* GRE hemo"), "swi", "T2"),
        (header("MR", SeriesDescription="TOF 3D multi-slab"), "tof", "'TOF'"),
        (header("MR", SeriesDescription="x", TimeOfFlightContrast="YES"), "tof", "(0018,9010)"),
        (header("MR", SeriesDescription="T1 MPRAGE sag"), "t1", "'T1'"),
        (header("MR", SeriesDescription="T2 TSE axial"), "t2", "'T2'"),
        (header("MR", SeriesDescription="x", RepetitionTime=500, EchoTime=12), "t1", "short"),
        (header("MR", SeriesDescription="x", RepetitionTime=4000, EchoTime=100), "t2", "long"),
        (header("US"), "other", "modality US"),
    ],
)
def test_kind_and_reason_from_tags(ds: Dataset, kind: str, because: str) -> None:
    result = classify_series([ds])
    assert result.kind == SeriesKind(kind)
    assert because.upper() in result.reason.upper()


def test_four_d_ct_is_perfusion() -> None:
    result = classify_series([header("CT", SeriesDescription="HEAD")], time_points=30)
    assert result.kind is SeriesKind.CTP
    assert "30 time points" in result.reason


def test_three_phase_cta_is_not_a_perfusion() -> None:
    ds = header("CT", SeriesDescription="multiphase CTA", ContrastBolusAgent="IOMERON")
    assert classify_series([ds], time_points=3).kind is SeriesKind.CTA


def test_kinds_are_a_fixed_enumeration_of_strings() -> None:
    assert [str(k) for k in SeriesKind] == [
        "localizer",
        "ncct",
        "cta",
        "ctp",
        "dwi",
        "adc",
        "flair",
        "swi",
        "tof",
        "t1",
        "t2",
        "other",
    ]


def test_assembly_sets_the_volume_kind_and_the_user_can_override_it() -> None:
    datasets = with_tags(make_series(), SeriesDescription="CTA TSA", ContrastBolusAgent="IOMERON")
    volume = assemble_series(datasets).volumes[0]
    assert volume.kind == "cta"
    volume.kind = SeriesKind.NCCT  # the user's correction wins; nothing recomputes it
    assert volume.kind == "ncct"
