"""The synthetic stroke cases: who, which series, which planted findings.

Each case writes its series through a :class:`~minihub.synth.study.CaseWriter`
and returns its truth (schema of ``truth.json`` in ``docs/synth.md``).
"""

from __future__ import annotations

from collections.abc import Callable

from minihub.synth.cases_ctp import ctp_left_mca
from minihub.synth.dicomfiles import Patient
from minihub.synth.phantom import Ellipsoid, Tissue
from minihub.synth.render import INTRACRANIAL, Lesion, Scene
from minihub.synth.study import (
    CT_HEAD_CENTRE,
    DEMO_ISSUER,
    MR_HEAD_CENTRE,
    CaseWriter,
    Truth,
    cta_grid,
    measure_adc_core,
    measure_clot,
    measure_lesion,
    mr_grid,
    ncct_grid,
    ncct_series,
    to_patient,
    write_mr,
)
from minihub.synth.vessels import circle_of_willis, occlude


def normal(case: CaseWriter) -> Truth:
    scene = Scene(CT_HEAD_CENTRE)
    case.ct(ncct_series(case, "081512"), ncct_grid(), scene, contrast=False)
    return case.truth(
        scene,
        "A normal non-contrast head CT: no haemorrhage, no early ischaemic sign. "
        "Baseline for viewing, identity and the no-finding opinion.",
        {"haemorrhage": False, "early_ischaemia": False, "occlusion": None},
    )


def left_mca(case: CaseWriter) -> Truth:
    ischaemia = Lesion(
        "ischaemia-early",
        "left",
        Ellipsoid((33.0, -6.0, 0.0), (17.0, 26.0, 20.0)),
        ct_delta={Tissue.GREY: -8.0, Tissue.DEEP_GREY: -7.0, Tissue.WHITE: -4.0},
    )
    arteries, occlusion_point = occlude(circle_of_willis(), "M1-left", at_mm=7.0, clot_mm=10.0)
    scene = Scene(CT_HEAD_CENTRE, (ischaemia,), tuple(arteries))
    ncct, grid = ncct_series(case, "090214"), ncct_grid()
    case.ct(ncct, grid, scene, contrast=False)
    cta = case.series_info(
        3,
        "cta",
        "CTA HEAD 0.625mm",
        time="090431",
        protocol="STROKE HEAD CTA",
        windows=((300.0, 700.0, "ANGIO"), (40.0, 80.0, "BRAIN")),
    )
    case.ct(cta, cta_grid(), scene, contrast=True)
    centroid, volume = measure_lesion(grid, scene, ischaemia)
    case.findings.append(
        {
            "type": "ischaemia-early",
            "side": "left",
            "territory": "MCA",
            "centroid_lps_mm": centroid,
            "volume_ml": volume,
            "visible_on": ["ncct"],
            "hu_change": "grey matter -8, deep grey -7, white matter -4 (subtle)",
        }
    )
    centroid, volume = measure_clot(grid, scene)
    case.findings.append(
        {
            "type": "hyperdense-vessel",
            "side": "left",
            "site": "M1",
            "centroid_lps_mm": centroid,
            "volume_ml": volume,
            "visible_on": ["ncct"],
        }
    )
    point = to_patient(scene, occlusion_point)
    case.findings.append(
        {
            "type": "occlusion",
            "side": "left",
            "site": "M1",
            "centroid_lps_mm": point,
            "occlusion_point_lps_mm": point,
            "volume_ml": None,
            "visible_on": ["cta"],
            "no_contrast_beyond": ["M1-left (distal)", "M2-superior-left", "M2-inferior-left"],
        }
    )
    centrelines = {a.label: [to_patient(scene, p) for p in a.points] for a in circle_of_willis()}
    return case.truth(
        scene,
        "Left MCA stroke within the thrombolysis window: subtle early left MCA-territory "
        "hypodensity and hyperdense left MCA sign on NCCT, left M1 occlusion on CTA "
        "(thrombectomy candidate).",
        {
            "haemorrhage": False,
            "early_ischaemia": "left",
            "occlusion": "M1",
            "occlusion_side": "left",
        },
        arteries_centrelines_lps_mm=centrelines,
    )


def right_ich(case: CaseWriter) -> Truth:
    ich = Lesion(
        "haemorrhage",
        "right",
        Ellipsoid((-27.0, -4.0, 6.0), (15.0, 21.0, 19.0)),
        within=INTRACRANIAL,
        ct_hu=65.0,
        rim_mm=2.5,
        rim_delta_hu=-7.0,
    )
    scene = Scene(CT_HEAD_CENTRE, (ich,))
    grid = ncct_grid()
    case.ct(ncct_series(case, "023807"), grid, scene, contrast=False)
    centroid, volume = measure_lesion(grid, scene, ich)
    case.findings.append(
        {
            "type": "haemorrhage",
            "subtype": "intraparenchymal",
            "side": "right",
            "location": "basal ganglia",
            "centroid_lps_mm": centroid,
            "volume_ml": volume,
            "hu": 65.0,
            "visible_on": ["ncct"],
        }
    )
    return case.truth(
        scene,
        "Unidentified emergency patient (temporary identity) with a right basal-ganglia "
        "intraparenchymal haemorrhage: thrombolysis contraindicated; tests identity "
        "matching with a temporary ID.",
        {"haemorrhage": "right", "early_ischaemia": False, "occlusion": None},
    )


def wake_up_mr(case: CaseWriter) -> Truth:
    lesion = Lesion(
        "dwi-lesion", "right", Ellipsoid((-30.0, -8.0, 22.0), (9.0, 14.0, 11.0)), adc_factor=0.52
    )
    scene = Scene(MR_HEAD_CENTRE, (lesion,))
    grid = mr_grid()
    write_mr(case, scene, grid)
    centroid, volume = measure_lesion(grid, scene, lesion)
    case.findings.append(
        {
            "type": "dwi-lesion",
            "side": "right",
            "territory": "MCA",
            "centroid_lps_mm": centroid,
            "volume_ml": volume,
            "visible_on": ["dwi", "adc"],
            "flair_visible": False,
            "adc_core_ml": measure_adc_core(grid, scene),
            "adc_core_definition": "noise-free ADC < 620 x 10^-6 mm2/s in the parenchyma",
        }
    )
    return case.truth(
        scene,
        "Wake-up stroke on MR: right MCA lesion bright on DWI b1000, dark on ADC, not "
        "visible on FLAIR (DWI/FLAIR mismatch: likely < 4.5 h, thrombolysis possible).",
        {"haemorrhage": False, "dwi_flair_mismatch": True, "occlusion": None},
    )


CASE_BUILDERS: dict[str, tuple[Callable[[CaseWriter], Truth], Patient, tuple[str, str, str]]] = {
    "normal": (
        normal,
        Patient("SYNTH^ALICE", "SL-100001", DEMO_ISSUER, "19720614", "F"),
        ("081200", "CT HEAD STROKE", "SLA0001"),
    ),
    "left-mca": (
        left_mca,
        Patient("SYNTH^BRUNO", "SL-100002", DEMO_ISSUER, "19490203", "M"),
        ("085900", "CT HEAD + CTA STROKE", "SLA0002"),
    ),
    "right-ich": (
        right_ich,
        Patient("UNKNOWN^EMERGENCY", "TMP-0427", "STROKELINK-DEMO-ED-TEMP", "", "M", False),
        ("023500", "CT HEAD STROKE", "SLA0003"),
    ),
    "wake-up-mr": (
        wake_up_mr,
        Patient("SYNTH^CLAIRE", "SL-100004", DEMO_ISSUER, "19580921", "F"),
        ("071000", "MR BRAIN STROKE", "SLA0004"),
    ),
    "ctp-left-mca": (
        ctp_left_mca,
        Patient("SYNTH^DAVID", "SL-100005", DEMO_ISSUER, "19531107", "M"),
        ("101500", "CT HEAD + CT PERFUSION STROKE", "SLA0005"),
    ),
}
