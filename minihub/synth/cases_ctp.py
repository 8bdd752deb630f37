"""The CT perfusion case: NCCT plus one 4-D CT perfusion series with a left MCA mismatch.

The perfusion model is in :mod:`minihub.synth.perfusion`; the truth's
``perfusion`` block (schema in ``docs/synth.md``) gives the core, penumbra and
hypoperfusion volumes measured on the CTP grid and every planted parameter.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from minihub.synth.dicomfiles import Instance, PixelFormat
from minihub.synth.perfusion import (
    AIF_ALPHA,
    AIF_BETA_S,
    AIF_PEAK_HU,
    AIF_T0_S,
    CTP_NOISE_HU,
    NORMAL,
    TIMES_S,
    VOF_DELAY_S,
    VOF_DISPERSION_S,
    CtpModel,
    PerfusionRegion,
    arterial_curve,
    ctp_grid,
    ctp_model,
    iter_ctp_frames,
    planted_cbf,
    region_masks,
    venous_curve,
)
from minihub.synth.phantom import Ellipsoid, Tissue
from minihub.synth.render import Grid, Scene, series_key
from minihub.synth.study import (
    CT_ACQUISITION,
    CT_HEAD_CENTRE,
    STUDY_DATE,
    CaseWriter,
    Truth,
    measure_clot,
    ncct_grid,
    ncct_series,
    to_patient,
)
from minihub.synth.vessels import circle_of_willis, occlude

CTP_PIXELS = PixelFormat(bits_stored=16, signed=True, rescale_intercept=-1024.0)
CTP_START = "102040"  # (0008,0032) of the first phase
# Left MCA: an infarct core inside a larger hypoperfused, still viable penumbra.
CORE = PerfusionRegion(
    "core", "left", Ellipsoid((32.0, -4.0, 8.0), (15.0, 20.0, 14.0)), 0.12, 0.3, 11.0
)
PENUMBRA = PerfusionRegion(
    "penumbra", "left", Ellipsoid((36.0, -2.0, 8.0), (24.0, 40.0, 24.0)), 0.65, 1.1, 8.0
)
REGIONS = (PENUMBRA, CORE)  # the core overrides the penumbra where they overlap
CONVENTION = (
    "C(t) = CBF/6000 * (Ca(t - delay) (*) exp(-t/MTT)), MTT = 60 * CBV / CBF; CBF in "
    "mL/100 mL/min, CBV in mL/100 mL (reported as mL/100 g: no brain density factor "
    "1.04 g/mL, no haematocrit correction), times in s. Exactly: CBV = 100 * area(tissue) "
    "/ area(AIF), CBF = CBV / MTT * 60, Tmax = delay (exponential residue). Ca is the "
    "full-volume arterial curve; the VOF has the same area as Ca."
)
TISSUE_NAMES = {
    Tissue.GREY: "grey",
    Tissue.DEEP_GREY: "deep_grey",
    Tissue.WHITE: "white",
    Tissue.BRAINSTEM: "brainstem",
}


def _clock(seconds_after_start: float) -> str:
    """(0008,0032) TM of a phase, ``seconds_after_start`` after :data:`CTP_START`."""
    h, m, s = int(CTP_START[:2]), int(CTP_START[2:4]), int(CTP_START[4:6])
    total = h * 3600 + m * 60 + s + seconds_after_start
    hh, rest = divmod(total, 3600.0)
    mm, ss = divmod(rest, 60.0)
    return f"{int(hh):02d}{int(mm):02d}{ss:09.6f}"


def _write_ctp(case: CaseWriter, scene: Scene, grid: Grid, model: CtpModel) -> None:
    series = case.series_info(
        3,
        "ctp",
        "CT PERFUSION HEAD 5mm",
        time=CTP_START,
        protocol="STROKE HEAD CTP",
        windows=((40.0, 80.0, "BRAIN"), (300.0, 700.0, "ANGIO")),
    )
    n, phases = len(grid.z_mm), len(TIMES_S)
    extra: dict[str, Any] = dict(CT_ACQUISITION) | {
        "KVP": "80",
        "XRayTubeCurrent": 150,
        "Exposure": 150,
        "ContrastBolusAgent": "Iodinated contrast 350 mg I/mL",
        "ContrastBolusRoute": "IV",
        "ContrastBolusVolume": "40",
        "TemporalPositionIdentifier": 1,
        "NumberOfTemporalPositions": phases,
        "AcquisitionDateTime": STUDY_DATE + _clock(0.0),
    }
    key = series_key(f"{case.name}/ctp")

    def instances() -> Iterator[Instance]:
        frames = iter_ctp_frames(model, TIMES_S, noise_sd=CTP_NOISE_HU, seed=case.seed, key=key)
        for phase, volume in frames:
            clock = _clock(TIMES_S[phase])
            for k in range(n):
                yield Instance(
                    k,
                    phase * n + k + 1,
                    CTP_PIXELS.store(volume[k]),
                    {
                        "TemporalPositionIdentifier": phase + 1,
                        "AcquisitionNumber": phase + 1,
                        "AcquisitionTime": clock,
                        "ContentTime": clock,
                        "AcquisitionDateTime": STUDY_DATE + clock,
                    },
                )

    case.write(series, grid, CTP_PIXELS, extra, instances())
    case.series[-1] |= {"temporal_positions": phases, "times_s": list(TIMES_S)}


def _region_truth(scene: Scene, region: PerfusionRegion) -> dict[str, Any]:
    return {
        "side": region.side,
        "centre_lps_mm": to_patient(scene, region.shape.centre),
        "semi_axes_mm": list(region.shape.semi_axes),
        "cbf_factor": region.cbf_factor,
        "cbv_factor": region.cbv_factor,
        "delay_s": region.delay_s,
        "tissues": {TISSUE_NAMES[t]: region.of(t).as_dict() for t in NORMAL},
    }


def _best_voxel(grid: Grid, fraction: np.ndarray, where: np.ndarray) -> tuple[list[float], float]:
    """LPS centre and fraction of the voxel with the highest ``fraction`` where ``where``."""
    masked = np.where(where, fraction, -1.0)
    k, j, i = np.unravel_index(int(np.argmax(masked)), masked.shape)
    point = [float(grid.x_mm[i]), float(grid.y_mm[j]), float(grid.z_mm[k])]
    return [round(v, 3) for v in point], round(float(fraction[k, j, i]), 3)


def _perfusion_truth(scene: Scene, grid: Grid, model: CtpModel) -> dict[str, Any]:
    labels, where = region_masks(scene, grid, REGIONS)
    core = where == REGIONS.index(CORE) + 1
    hypo = where > 0
    core_ml = round(int(core.sum()) * grid.voxel_ml, 3)
    hypo_ml = round(int(hypo.sum()) * grid.voxel_ml, 3)
    penumbra_ml = round(hypo_ml - core_ml, 3)
    x_head = np.asarray(grid.x_mm) - scene.head_centre[0]
    right = np.broadcast_to((x_head < 0)[None, None, :], labels.shape)
    cbf = planted_cbf(labels, where, REGIONS)
    contralateral = float(cbf[right & (cbf > 0)].mean())
    times = np.asarray(TIMES_S)
    aif_at, aif_pv = _best_voxel(grid, model.artery, right)
    vof_at, vof_pv = _best_voxel(grid, model.vein, np.ones_like(right))
    fine = np.arange(0.0, 120.0, 0.01)
    aif_fine, vof_fine = arterial_curve(fine), venous_curve(fine)
    return {
        "core_ml": core_ml,
        "penumbra_ml": penumbra_ml,
        "hypoperfusion_ml": hypo_ml,
        "mismatch_ml": penumbra_ml,
        "mismatch_ratio": round(hypo_ml / core_ml, 4),
        "hir": round(core_ml / hypo_ml, 4),
        "core_definition": "rCBF < 30 %",
        "hypoperfusion_definition": "Tmax > 6 s",
        "hir_definition": "volume(Tmax > 10 s) / volume(Tmax > 6 s): the core (Tmax 11 s) "
        "over the hypoperfusion",
        "volumes_measured": "voxels of the CTP grid whose centre lies in the planted region "
        "and in brain parenchyma (grey, deep grey, white matter, brainstem; CSF excluded)",
        "contralateral_mean_cbf": round(contralateral, 3),
        "convention": CONVENTION,
        "units": {"cbf": "mL/100 g/min", "cbv": "mL/100 g", "mtt": "s", "tmax": "s"},
        "times_s": list(TIMES_S),
        "temporal_positions": len(TIMES_S),
        "noise_hu": CTP_NOISE_HU,
        "tissues": {TISSUE_NAMES[t]: p.as_dict() for t, p in NORMAL.items()},
        "regions": {r.name: _region_truth(scene, r) for r in REGIONS},
        "aif": {
            "lps_mm": aif_at,
            "vessel": "ICA-right",
            "partial_volume": aif_pv,
            "model": "gamma variate A * u^alpha * exp(alpha * (1 - u)), "
            "u = (t - t0) / (alpha * beta)",
            "peak_hu": AIF_PEAK_HU,
            "t0_s": AIF_T0_S,
            "alpha": AIF_ALPHA,
            "beta_s": AIF_BETA_S,
            "peak_time_s": round(AIF_T0_S + AIF_ALPHA * AIF_BETA_S, 3),
            "area_hu_s": round(float(aif_fine.sum() * 0.01), 2),
            "curve_hu": [round(float(v), 2) for v in arterial_curve(times)],
        },
        "vof": {
            "lps_mm": vof_at,
            "vessel": "superior sagittal sinus",
            "partial_volume": vof_pv,
            "model": "the arterial curve delayed by delay_s and convolved with a unit-area "
            "exp(-t / dispersion_s) / dispersion_s: same area as the AIF",
            "delay_s": VOF_DELAY_S,
            "dispersion_s": VOF_DISPERSION_S,
            "peak_hu": round(float(vof_fine.max()), 2),
            "peak_time_s": round(float(fine[int(np.argmax(vof_fine))]), 2),
            "area_hu_s": round(float(vof_fine.sum() * 0.01), 2),
            "curve_hu": [round(float(v), 2) for v in venous_curve(times)],
        },
    }


def ctp_left_mca(case: CaseWriter) -> Truth:
    arteries, occlusion_point = occlude(circle_of_willis(), "M1-left", at_mm=7.0, clot_mm=10.0)
    scene = Scene(CT_HEAD_CENTRE, (), tuple(arteries))
    nct_grid = ncct_grid()
    case.ct(ncct_series(case, "101712"), nct_grid, scene, contrast=False)
    grid = ctp_grid()
    model = ctp_model(scene, grid, REGIONS)
    _write_ctp(case, scene, grid, model)
    perfusion = _perfusion_truth(scene, grid, model)
    _, where = region_masks(scene, grid, REGIONS)
    for name, mask, volume in (
        ("perfusion-core", where == REGIONS.index(CORE) + 1, perfusion["core_ml"]),
        ("hypoperfusion", where > 0, perfusion["hypoperfusion_ml"]),
    ):
        k, j, i = np.nonzero(mask)
        centroid = [
            round(float(v), 2)
            for v in (grid.x_mm[i].mean(), grid.y_mm[j].mean(), np.asarray(grid.z_mm)[k].mean())
        ]
        case.findings.append(
            {
                "type": name,
                "side": "left",
                "territory": "MCA",
                "centroid_lps_mm": centroid,
                "volume_ml": volume,
                "visible_on": ["ctp"],
            }
        )
    centroid, volume = measure_clot(nct_grid, scene)
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
    return case.truth(
        scene,
        "Left MCA stroke on CT perfusion: left M1 occlusion (hyperdense M1 on NCCT, no "
        "contrast beyond it on the perfusion frames) with a small core (rCBF < 30 %) inside "
        "a larger hypoperfused penumbra (Tmax > 6 s): a mismatch, thrombectomy candidate. "
        "Known core, penumbra and hypoperfusion volumes for the perfusion analysis.",
        {
            "haemorrhage": False,
            "early_ischaemia": False,
            "occlusion": "M1",
            "occlusion_side": "left",
            "perfusion_mismatch": True,
        },
        occlusion_point_lps_mm=to_patient(scene, occlusion_point),
        arteries_centrelines_lps_mm={
            a.label: [to_patient(scene, p) for p in a.points] for a in circle_of_willis()
        },
        perfusion=perfusion,
    )
