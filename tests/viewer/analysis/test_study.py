"""Finding what applies in a study and loading it (viewer.analysis.study): nothing to
analyse, incomplete or corrupt CT perfusion series (errors naming what is missing),
4-D and one-series-per-phase CT perfusion, the MR case's ADC core against its truth."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pydicom
import pytest

from tests.viewer.analysis.study_factory import (
    CORE_RADIUS_MM,
    PENUMBRA_RADIUS_MM,
    PHASES,
    PIXEL_MM,
    SLICES,
    write_ctp,
)
from tests.viewer.dicom_factory import make_series, write_series
from viewer.analysis.study import AnalysisInputError, analyse_study, time_step_problem


def test_ncct_only_is_nothing_to_analyse(tmp_path: Path) -> None:
    write_series(make_series(shape=(6, 32, 32)), tmp_path / "ncct")
    analysis = analyse_study(tmp_path)
    assert analysis.nothing_to_analyse
    assert analysis.perfusion is analysis.adc is analysis.dwi_flair is None
    assert analysis.warnings[0].startswith("nothing to analyse: NCCT series 'HEAD' (6 images)")
    assert set(analysis.summary()) == {"warnings", "software"}


def test_empty_folder_is_nothing_to_analyse(tmp_path: Path) -> None:
    analysis = analyse_study(tmp_path)
    assert analysis.nothing_to_analyse
    assert analysis.warnings == ["nothing to analyse: no DICOM series"]


@pytest.mark.parametrize("slice_index", [1, SLICES - 1])  # a gap, then the last slice
def test_missing_slice_of_a_time_point_is_named(tmp_path: Path, slice_index: int) -> None:
    paths, _ = write_ctp(tmp_path)
    paths[11][slice_index].unlink()
    with pytest.raises(AnalysisInputError) as caught:
        analyse_study(tmp_path)
    message = caught.value.args[0]
    assert "(CT PERFUSION)" in message
    assert f"time point(s) 12: {SLICES - 1} of {SLICES} slices" in message
    assert caught.value.args[0].code == "analysis_failed"


def test_missing_image_without_temporal_positions_is_named(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path, temporal_positions=False)
    paths[3][2].unlink()
    with pytest.raises(AnalysisInputError, match=r"unequal numbers of images "
                       rf"\(1 position\(s\) with {PHASES - 1}, {SLICES - 1} position\(s\) "
                       rf"with {PHASES}\): images are missing"):  # fmt: skip
        analyse_study(tmp_path)


def test_truncated_file_is_named(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path)
    paths[5][2].write_bytes(paths[5][2].read_bytes()[:2000])
    with pytest.raises(AnalysisInputError) as caught:
        analyse_study(tmp_path)
    message = caught.value.args[0]
    assert "could not be read (time point/slice): 6/3" in message
    assert paths[5][2].name in message


def test_phases_without_times_cannot_be_ordered(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path, per_phase=True)
    for phase in paths:
        for path in phase:
            ds = pydicom.dcmread(path)
            del ds.AcquisitionTime, ds.ContentTime
            ds.save_as(path)
    with pytest.raises(AnalysisInputError, match="no acquisition time nor temporal position"):
        analyse_study(tmp_path)


def test_phase_series_on_different_geometries_refused(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path, per_phase=True)
    for path in paths[7]:
        ds = pydicom.dcmread(path)
        ds.ImagePositionPatient = [float(v) + 3.0 for v in ds.ImagePositionPatient]
        ds.save_as(path)
    with pytest.raises(AnalysisInputError, match="do not share one geometry"):
        analyse_study(tmp_path)


def test_wake_up_mr_adc_core_near_truth(synth_root: Path) -> None:
    case = synth_root / "wake-up-mr"
    truth = json.loads((case / "truth.json").read_text())
    lesion = next(f for f in truth["findings"] if "adc_core_ml" in f)
    stages: list[str] = []
    analysis = analyse_study(case, progress=lambda stage, _fraction: stages.append(stage))
    assert analysis.perfusion is None
    assert analysis.adc is not None
    # the synthetic case's core is noise-free ground truth; the issue asks for 10 %
    assert analysis.adc.core_ml == pytest.approx(lesion["adc_core_ml"], rel=0.10)
    assert analysis.adc.side == lesion["side"]
    assert len(analysis.adc_sources) == analysis.adc.grid.shape[0]
    mr = analysis.summary()["mr"]
    assert mr["adc_units"].startswith("ADC units 10^-6")
    assert mr["dwi_flair"]["suggestion"] == (
        "flair-positive" if lesion["flair_visible"] else "flair-negative"
    )
    assert "ctp" not in analysis.summary()
    assert stages[-1] == "done"


def test_mr_without_flair_reports_it(synth_root: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(synth_root / "wake-up-mr", case)
    shutil.rmtree(case / "07-flair")
    analysis = analyse_study(case)
    assert analysis.adc is not None and analysis.dwi_flair is None
    assert "no FLAIR series: the DWI–FLAIR mismatch is not assessed" in analysis.warnings
    assert "dwi_flair" not in analysis.summary()["mr"]


# --- with the perfusion engine -----------------------------------------------------


@pytest.fixture(scope="module")
def ctp_case(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("ctp")
    _, truth = write_ctp(root)
    return root, truth


def _check_volumes(analysis: object, truth: object) -> None:
    from tests.viewer.analysis.study_factory import CtpTruth
    from viewer.analysis.study import StudyAnalysis

    assert isinstance(analysis, StudyAnalysis) and isinstance(truth, CtpTruth)
    result = analysis.perfusion
    assert result is not None
    # The engine denoises by 2 × 2 binning and a Gaussian of σ = 2 pixels, so a band
    # about w = 2 pixels (3 mm) wide along each boundary mixes the curves of both sides
    # and may fall either way: an annulus of 2w/r of the area of a disc of radius r,
    # 30 % for the core (r 20 mm), 15 % for the hypoperfusion (r 40 mm). Beyond that
    # band the volumes must agree.
    band = 2 * 2 * PIXEL_MM
    assert result.core_ml == pytest.approx(truth.core_ml, rel=band / CORE_RADIUS_MM)
    assert result.hypoperfusion_ml == pytest.approx(
        truth.hypoperfusion_ml, rel=band / PENUMBRA_RADIUS_MM
    )
    overlap = np.count_nonzero(result.core & truth.core) / np.count_nonzero(truth.core)
    assert overlap > 0.7
    # nothing hypoperfused beyond the true region and its boundary band
    from scipy import ndimage

    band_px = round(band / PIXEL_MM)
    near = ndimage.binary_dilation(truth.hypoperfusion, np.ones((1, 3, 3), bool), band_px)
    assert np.count_nonzero(result.hypoperfusion & ~near) == 0
    # and it lies in the patient's left hemisphere (x > 0)
    k, j, i = np.argwhere(result.hypoperfusion).mean(axis=0)
    assert result.grid.index_to_lps([i, j, k])[0] > 20.0


def test_4d_ctp_analysed(ctp_case: tuple[Path, object]) -> None:
    root, truth = ctp_case
    analysis = analyse_study(root)
    _check_volumes(analysis, truth)
    assert analysis.perfusion is not None
    assert len(analysis.ctp_sources) == SLICES
    assert analysis.perfusion.aif.chosen_by == "automatic"
    summary = analysis.summary()
    assert set(summary) == {"ctp", "warnings", "software", "study_instance_uid"}
    assert (
        summary["study_instance_uid"] == pydicom.dcmread(next(root.glob("*.dcm"))).StudyInstanceUID
    )
    assert "vof" not in summary["ctp"] or summary["ctp"]["vof"] is not None


def test_one_series_per_phase_ordered_by_time(tmp_path: Path) -> None:
    _, truth = write_ctp(tmp_path, per_phase=True)
    analysis = analyse_study(tmp_path)
    _check_volumes(analysis, truth)


def test_aif_override_recorded(ctp_case: tuple[Path, object]) -> None:
    from tests.viewer.analysis.study_factory import CtpTruth

    root, truth = ctp_case
    assert isinstance(truth, CtpTruth)
    analysis = analyse_study(root, aif_lps=truth.artery_lps, vof_lps=truth.vein_lps)
    assert analysis.perfusion is not None
    aif = analysis.summary()["ctp"]["aif"]
    assert aif["chosen_by"] == "user"
    assert np.linalg.norm(np.subtract(aif["position_lps_mm"], truth.artery_lps)) < 10.0


# --- incomplete or mixed input (review of issue #14, items 1, 4, e, j) -------------


def test_missing_temporal_position_is_named(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path)
    for path in paths[8]:  # every slice of time point 9
        path.unlink()
    with pytest.raises(AnalysisInputError) as caught:
        analyse_study(tmp_path)
    assert "(CT PERFUSION): temporal position(s) 9 missing" in caught.value.args[0]


def test_fewer_time_points_than_declared_is_named(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path)
    for phase in paths[PHASES - 10 :]:
        for path in phase:
            path.unlink()
    with pytest.raises(AnalysisInputError) as caught:
        analyse_study(tmp_path)
    message = caught.value.args[0]
    assert f"{PHASES - 10} of {PHASES} time points (0020,0105 Number of Temporal Positions)" in (
        message
    )


def test_missing_time_point_without_temporal_positions_is_named(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path, temporal_positions=False)
    for path in paths[8]:
        path.unlink()
    gap = r"a gap of 3\.0 s after time point 8 \(neighbouring steps about 1\.5 s\)"
    with pytest.raises(AnalysisInputError, match=gap + ": time points are missing"):
        analyse_study(tmp_path)


def test_missing_phase_series_is_named(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path, per_phase=True)
    for path in paths[8]:
        path.unlink()
    with pytest.raises(AnalysisInputError, match=r"a gap of 3\.0 s after time point 8"):
        analyse_study(tmp_path)


def test_time_steps() -> None:
    uniform = [1.5 * n for n in range(25)]
    assert time_step_problem(uniform) is None
    # a protocol slowing down after the bolus is not a gap
    two_rates = [float(n) for n in range(15)] + [14.0 + 3.0 * n for n in range(1, 9)]
    assert time_step_problem(two_rates) is None
    # one phase missing in the slow part is
    gapped = two_rates[:18] + two_rates[19:]
    problem = time_step_problem(gapped)
    assert problem is not None and problem.startswith("a gap of 6.0 s after time point 18")
    assert (
        time_step_problem([0.0, 1.0, 1.0, 2.0])
        == "time points 2 and 3 have the same acquisition time"
    )


def test_phase_series_of_two_descriptions_refused(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path, per_phase=True)
    for phase in paths[12:]:
        for path in phase:
            ds = pydicom.dcmread(path)
            ds.SeriesDescription = "CT PERFUSION DERIVED"
            ds.save_as(path)
    with pytest.raises(AnalysisInputError) as caught:
        analyse_study(tmp_path)
    assert caught.value.args[0] == (
        "the single-phase CT perfusion series are not one acquisition: descriptions "
        "'CT PERFUSION', 'CT PERFUSION DERIVED'"
    )


def test_phase_series_with_repeated_acquisition_numbers_refused(tmp_path: Path) -> None:
    paths, _ = write_ctp(tmp_path, per_phase=True)
    for t, phase in enumerate(paths):
        for path in phase:
            ds = pydicom.dcmread(path)
            ds.AcquisitionNumber = t % 12 + 1
            ds.save_as(path)
    with pytest.raises(AnalysisInputError, match=r"acquisition number\(s\) 1, 2, 3, .* repeated"):
        analyse_study(tmp_path)


def test_two_studies_refused_naming_them(tmp_path: Path) -> None:
    write_ctp(tmp_path / "a")
    paths, _ = write_ctp(tmp_path / "b")
    for phase in paths:
        for path in phase:
            ds = pydicom.dcmread(path)
            ds.StudyDate = "20240105"
            ds.save_as(path)
    with pytest.raises(AnalysisInputError) as caught:
        analyse_study(tmp_path)
    message = caught.value.args[0]
    assert message.startswith("the folder holds several studies: ")
    assert message.count("patient ID SYN-CTP, study 'STROKE' of ") == 2
    assert "of 20240102" in message and "of 20240105" in message
    assert "TEST^PERFUSION" not in message


def test_aif_without_perfusion_warns(tmp_path: Path) -> None:
    write_series(make_series(shape=(6, 32, 32)), tmp_path / "ncct")
    analysis = analyse_study(tmp_path, aif_lps=(-12.0, -45.0, 0.0))
    assert "--aif given but no CT perfusion was analysed: not used" in analysis.warnings
    assert analysis.summary()["warnings"][-1] == (
        "--aif given but no CT perfusion was analysed: not used"
    )


def test_incomplete_adc_refused(synth_root: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(synth_root / "wake-up-mr", case)
    adc_files = sorted((case / "05-adc").glob("*.dcm"))
    middle = adc_files[len(adc_files) // 2]
    middle.unlink()
    with pytest.raises(AnalysisInputError) as caught:
        analyse_study(case)
    message = caught.value.args[0]
    assert message.startswith("ADC series ")
    assert "is incomplete: slice(s) " in message and f"of {len(adc_files)} not loaded" in message


def test_incomplete_flair_only_blocks_the_mismatch(synth_root: Path, tmp_path: Path) -> None:
    case = tmp_path / "case"
    shutil.copytree(synth_root / "wake-up-mr", case)
    flair_files = sorted((case / "07-flair").glob("*.dcm"))
    flair_files[len(flair_files) // 2].unlink()
    analysis = analyse_study(case)
    assert analysis.adc is not None and analysis.dwi_flair is None
    [warning] = [w for w in analysis.warnings if "DWI–FLAIR" in w]
    assert warning.startswith("FLAIR series ")
    assert f"of {len(flair_files)} not loaded: the DWI–FLAIR mismatch is not assessed" in warning
    assert "dwi_flair" not in analysis.summary()["mr"]
