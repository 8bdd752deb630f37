"""The opinion model: nothing assumed, scores computed, what sending requires."""

from __future__ import annotations

import dataclasses

import pytest

from app.opinion import model as m
from app.opinion.model import missing_for_sending


def complete() -> m.Opinion:
    return m.Opinion(
        series_read=[m.SeriesRead("1.2.3", m.SeriesKind.NCCT)],
        haemorrhage=m.Haemorrhage(status=m.Finding.ABSENT),
        occlusion=m.Occlusion(no_angiography=True),
        recommendation=m.Recommendation(
            thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
            thrombectomy=m.ThrombectomyAdvice.PENDING,
        ),
        radiologist=m.Radiologist("MARTIN^Claire", "CHRU Nancy"),
    )


def test_every_finding_starts_not_assessed() -> None:
    o = m.Opinion()
    assert o.haemorrhage.status is m.Finding.NOT_ASSESSED
    assert o.ischaemia.early_signs is m.Finding.NOT_ASSESSED
    assert o.ischaemia.hyperdense_artery is m.Finding.NOT_ASSESSED
    assert o.ischaemia.aspects is None and o.ischaemia.pc_aspects is None
    assert o.occlusion.status is m.Finding.NOT_ASSESSED
    assert o.occlusion.tandem is m.Finding.NOT_ASSESSED
    assert o.occlusion.dissection is m.Finding.NOT_ASSESSED
    assert o.perfusion is None
    assert o.mr.dwi_lesion is m.Finding.NOT_ASSESSED
    assert o.mr.flair_dwi_mismatch is m.Finding.NOT_ASSESSED
    assert o.recommendation.thrombolysis is m.ThrombolysisAdvice.NOT_ASSESSED
    assert o.recommendation.thrombectomy is m.ThrombectomyAdvice.NOT_ASSESSED
    assert o.kind is m.ReportKind.PRELIMINARY
    assert not o.is_signed


def test_default_lists_are_not_shared() -> None:
    a, b = m.Opinion(), m.Opinion()
    a.limitations.append(m.Limitation.MOTION)
    assert b.limitations == []


@pytest.mark.parametrize(
    ("affected", "score"),
    [
        ([], 10),
        ([m.AspectsRegion.M2], 9),
        ([m.AspectsRegion.L, m.AspectsRegion.I, m.AspectsRegion.M2], 7),
        (list(m.AspectsRegion), 0),
        ([m.AspectsRegion.C, m.AspectsRegion.C], 9),  # a region counts once
    ],
)
def test_aspects_is_ten_minus_affected_regions(affected: list[m.AspectsRegion], score: int) -> None:
    assert m.Aspects(side=m.Side.LEFT, affected=affected).score == score


def test_pc_aspects_weights_follow_puetz() -> None:
    weights = m.PC_ASPECTS_WEIGHTS
    assert sum(weights.values()) == 10
    assert weights[m.PcAspectsRegion.MIDBRAIN] == weights[m.PcAspectsRegion.PONS] == 2
    for sided in ("THALAMUS", "CEREBELLUM", "PCA_TERRITORY"):
        assert weights[m.PcAspectsRegion[f"LEFT_{sided}"]] == 1
        assert weights[m.PcAspectsRegion[f"RIGHT_{sided}"]] == 1
    assert m.PcAspects().score == 10
    assert m.PcAspects([m.PcAspectsRegion.PONS, m.PcAspectsRegion.LEFT_THALAMUS]).score == 7
    assert m.PcAspects(list(m.PcAspectsRegion)).score == 0


def test_abc_over_two_in_millilitres() -> None:
    # 40 × 30 × 20 mm / 2 = 12 000 mm³ = 12 mL
    h = m.Haemorrhage(status=m.Finding.PRESENT, abc=m.Abc(40, 30, 20))
    assert h.volume_ml == 12.0
    assert m.Haemorrhage().volume_ml is None


def test_perfusion_penumbra_and_mismatch() -> None:
    p = m.Perfusion(core_ml=12, hypoperfusion_ml=86)
    assert p.penumbra_ml == 74
    assert p.mismatch_ratio == pytest.approx(7.2)
    assert m.Perfusion(core_ml=0, hypoperfusion_ml=40).mismatch_ratio is None


def test_complete_opinion_misses_nothing() -> None:
    assert missing_for_sending(complete(), angiographic=()) == []


def test_haemorrhage_and_recommendation_must_be_stated() -> None:
    missing = missing_for_sending(m.Opinion(), angiographic=())
    fields = [line.split(":")[0] for line in missing]
    assert fields == [
        "series_read",
        "haemorrhage",
        "occlusion",
        "recommendation.thrombolysis",
        "recommendation.thrombectomy",
        "radiologist",
    ]


def test_occlusion_no_angiography_answers_only_without_angiography() -> None:
    o = complete()
    assert missing_for_sending(o, angiographic=()) == []
    [line] = missing_for_sending(o, angiographic=["series 3 CTA"])
    assert line.startswith("occlusion: 'no angiography available' does not fit: series 3 CTA")
    o.series_read.append(m.SeriesRead("1.2.4", m.SeriesKind.CTA))  # an angiogram marked read
    assert [x.split(":")[0] for x in missing_for_sending(o)] == ["occlusion"]
    for stated in (m.Finding.ABSENT, m.Finding.PRESENT):
        o.occlusion = m.Occlusion(status=stated, sites=[m.VesselOcclusion(m.OcclusionSite.M1)])
        assert missing_for_sending(o, angiographic=["series 3 CTA"]) == []


def test_occlusion_must_always_be_stated() -> None:
    o = complete()
    o.occlusion = m.Occlusion()
    [line] = missing_for_sending(o)
    assert line == (
        "occlusion: state whether a vessel is occluded, or that no angiography is available"
    )
    [line] = missing_for_sending(o, angiographic=["series 3 HEAD 0.625"])
    assert (
        line
        == "occlusion: series 3 HEAD 0.625 looks angiographic; state whether a vessel is occluded"
    )
    assert o.occlusion.statement == "not_assessed"
    o.occlusion.no_angiography = True
    assert o.occlusion.statement == m.NO_ANGIOGRAPHY


def test_angio_read_follows_the_series_read() -> None:
    o = complete()
    assert not o.angio_read
    o.series_read.append(m.SeriesRead("1.2.4", m.SeriesKind.CTA))
    assert o.angio_read


def test_positive_findings_need_their_details() -> None:
    o = complete()
    o.haemorrhage.status = m.Finding.PRESENT
    o.occlusion = m.Occlusion(status=m.Finding.PRESENT)
    fields = [x.split(":")[0] for x in missing_for_sending(o, angiographic=["series 3 CTA"])]
    assert fields == ["haemorrhage.types", "haemorrhage.side", "occlusion.sites"]


@pytest.mark.parametrize("side", list(m.Side))
def test_a_present_haemorrhage_needs_a_side_midline_or_bilateral_included(side: m.Side) -> None:
    o = complete()
    o.haemorrhage = m.Haemorrhage(m.Finding.PRESENT, [m.HaemorrhageType.INTRAVENTRICULAR])
    [line] = missing_for_sending(o)
    assert line == (
        "haemorrhage.side: give the side of the haemorrhage (left, right, bilateral or midline)"
    )
    o.haemorrhage.side = side
    assert missing_for_sending(o) == []


def test_contraindication_needs_a_reason() -> None:
    o = complete()
    o.recommendation.thrombolysis = m.ThrombolysisAdvice.CONTRAINDICATED
    assert [x.split(":")[0] for x in missing_for_sending(o, angiographic=())] == [
        "recommendation.thrombolysis_reason"
    ]
    o.recommendation.thrombolysis_reason = "Haemorrhage"
    assert missing_for_sending(o, angiographic=()) == []


def test_a_final_opinion_leaves_nothing_pending() -> None:
    o = dataclasses.replace(complete(), kind=m.ReportKind.FINAL)
    assert [x.split(":")[0] for x in missing_for_sending(o, angiographic=())] == [
        "recommendation.thrombectomy"
    ]


def test_the_signing_radiologist_and_organisation_are_required() -> None:
    o = complete()
    o.radiologist = m.Radiologist("MARTIN^Claire", "")
    assert [x.split(":")[0] for x in missing_for_sending(o, angiographic=())] == [
        "radiologist.organisation"
    ]
