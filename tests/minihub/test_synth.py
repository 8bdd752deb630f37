"""The synthetic stroke studies: DICOM validity, geometry, planted findings, determinism.

Every check on pixels reads the files back with pydicom and maps LPS points to
voxels with (0020,0032) Image Position (Patient), (0020,0037) Image
Orientation (Patient) and (0028,0030) Pixel Spacing — never with the
generator's own grid code.
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pydicom
import pytest
from pydicom.uid import JPEGBaseline8Bit, JPEGLSLossless

from minihub.synth import CASES, write_cases, write_ct_series
from tests.conftest import require, require_program

CT_IMAGE = "1.2.840.10008.5.1.4.1.1.2"
MR_IMAGE = "1.2.840.10008.5.1.4.1.1.4"


# --- reading back, independent of the generator ------------------------------------------------


@dataclass
class Stack:
    """Slices of one series sorted along the normal, in modality units, with the LPS affine."""

    datasets: list[pydicom.Dataset]
    values: np.ndarray  # [k, j, i]
    affine: np.ndarray  # (i, j, k, 1) -> LPS

    def index_of(self, point: list[float]) -> tuple[int, int, int]:
        """Nearest voxel (k, j, i) of an LPS point."""
        i, j, k = np.linalg.solve(self.affine, [*point, 1.0])[:3]
        return round(k), round(j), round(i)

    def mean_around(self, point: list[float], half_x_mm: float, half_y_mm: float) -> float:
        """Mean over a box centred on the point, in the nearest slice."""
        k, j, i = self.index_of(point)
        dx = float(np.linalg.norm(self.affine[:3, 0]))
        dy = float(np.linalg.norm(self.affine[:3, 1]))
        hi, hj = round(half_x_mm / dx), round(half_y_mm / dy)
        return float(self.values[k, j - hj : j + hj + 1, i - hi : i + hi + 1].mean())

    def max_around(self, point: list[float], voxels: int = 1) -> float:
        k, j, i = self.index_of(point)
        v = voxels
        return float(self.values[k - v : k + v + 1, j - v : j + v + 1, i - v : i + v + 1].max())


def load_stack(datasets: list[pydicom.Dataset]) -> Stack:
    iop = np.asarray(datasets[0].ImageOrientationPatient, dtype=float)
    row, col = iop[:3], iop[3:]
    normal = np.cross(row, col)
    ordered = sorted(datasets, key=lambda d: float(np.dot(normal, d.ImagePositionPatient)))
    first = np.asarray(ordered[0].ImagePositionPatient, dtype=float)
    last = np.asarray(ordered[-1].ImagePositionPatient, dtype=float)
    step = (last - first) / max(1, len(ordered) - 1)
    row_spacing, col_spacing = (float(v) for v in ordered[0].PixelSpacing)
    affine = np.eye(4)
    affine[:3, 0] = row * col_spacing
    affine[:3, 1] = col * row_spacing
    affine[:3, 2] = step
    affine[:3, 3] = first
    values = np.stack(
        [
            d.pixel_array * float(getattr(d, "RescaleSlope", 1))
            + float(getattr(d, "RescaleIntercept", 0))
            for d in ordered
        ]
    )
    return Stack(ordered, values, affine)


def read_series(folder: Path) -> list[pydicom.Dataset]:
    return [pydicom.dcmread(f) for f in sorted(folder.glob("*.dcm"))]


def truth_of(root: Path, case: str) -> dict[str, Any]:
    return json.loads((root / case / "truth.json").read_text())


def series_folder(root: Path, case: str, kind: str) -> Path:
    truth = truth_of(root, case)
    (entry,) = [s for s in truth["series"] if s["kind"] == kind]
    return root / case / entry["folder"]


def finding(truth: dict[str, Any], kind: str) -> dict[str, Any]:
    (found,) = [f for f in truth["findings"] if f["type"] == kind]
    return found


def mirrored(point: list[float], midline_x: float) -> list[float]:
    return [2 * midline_x - point[0], point[1], point[2]]


@pytest.fixture(scope="module")
def stacks(synth_root: Path) -> dict[tuple[str, str], Stack]:
    """Every series of every case, read back once."""
    out: dict[tuple[str, str], Stack] = {}
    for case in CASES:
        for entry in truth_of(synth_root, case)["series"]:
            if entry["kind"] == "ctp":
                continue  # 4-D: tests/minihub/test_synth_ctp.py
            datasets = read_series(synth_root / case / entry["folder"])
            if entry["kind"] == "dwi":
                for b in (0, 1000):
                    picked = [d for d in datasets if float(d.DiffusionBValue) == b]
                    out[(case, f"dwi-b{b}")] = load_stack(picked)
            else:
                out[(case, entry["kind"])] = load_stack(datasets)
    return out


# --- the tree, the API -------------------------------------------------------------------------


def test_every_case_is_a_complete_study(synth_root: Path) -> None:
    assert {"normal", "left-mca", "right-ich", "wake-up-mr"} <= set(CASES)
    for case in CASES:
        truth = truth_of(synth_root, case)
        assert truth["case"] == case and truth["purpose"]
        assert truth["series"], case
        study_uids = set()
        for entry in truth["series"]:
            files = sorted((synth_root / case / entry["folder"]).glob("*.dcm"))
            assert len(files) == entry["instances"] > 0
            ds = pydicom.dcmread(files[0], stop_before_pixels=True)
            assert ds.SeriesInstanceUID == entry["series_instance_uid"]
            assert ds.FrameOfReferenceUID == entry["frame_of_reference_uid"]
            study_uids.add(ds.StudyInstanceUID)
        assert study_uids == {truth["study"]["study_instance_uid"]}
        for found in truth["findings"]:
            assert found["side"] in {"left", "right"}
            assert len(found["centroid_lps_mm"]) == 3
            assert found["series_instance_uids"]


def test_unknown_case_lists_the_valid_names(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="left-mca") as info:
        write_cases(tmp_path, ["left-mca", "no-such-case"])
    assert "no-such-case" in str(info.value)


@pytest.mark.validator
@pytest.mark.parametrize("case", CASES)
def test_dciodvfy_finds_no_error(synth_root: Path, case: str) -> None:
    dciodvfy = require_program("dciodvfy")
    for entry in truth_of(synth_root, case)["series"]:
        files = sorted((synth_root / case / entry["folder"]).glob("*.dcm"))
        for f in {files[0], files[len(files) // 2], files[-1]}:
            run = subprocess.run([dciodvfy, str(f)], capture_output=True, text=True, check=False)
            errors = [ln for ln in (run.stdout + run.stderr).splitlines() if ln.startswith("Error")]
            assert not errors, f"{f}: {errors}"


# --- geometry and attributes -------------------------------------------------------------------


def test_geometry_attributes(synth_root: Path) -> None:
    for case in CASES:
        truth = truth_of(synth_root, case)
        for entry in truth["series"]:
            datasets = read_series(synth_root / case / entry["folder"])
            for ds in datasets:
                assert ds.PatientPosition == "HFS"
                assert [float(v) for v in ds.ImageOrientationPatient] == [1, 0, 0, 0, 1, 0]
                assert float(ds.SliceLocation) == pytest.approx(float(ds.ImagePositionPatient[2]))
                assert ds.SOPClassUID == (CT_IMAGE if ds.Modality == "CT" else MR_IMAGE)
            ds = datasets[0]
            spacing = float(ds.PixelSpacing[0])
            if entry["kind"] == "ctp":  # a perfusion: coarser matrix, 4-D
                assert (ds.Rows, ds.Columns) == (256, 256) and 0.9 <= spacing <= 1.0
                assert ds.RescaleIntercept == -1024 and ds.RescaleSlope == 1
            elif ds.Modality == "CT":
                assert (ds.Rows, ds.Columns) == (512, 512)
                assert 0.4 <= spacing <= 0.5
                assert ds.RescaleIntercept == -1024 and ds.RescaleSlope == 1
            else:
                assert (ds.Rows, ds.Columns) == (256, 256) and 0.8 <= spacing <= 1.0
            thickness = float(ds.SliceThickness)
            if entry["kind"] == "cta":
                assert thickness <= 1.0 and 160 <= len(datasets) <= 250
            else:
                assert 1.0 <= thickness <= 5.0
            z = sorted(float(d.ImagePositionPatient[2]) for d in datasets)
            gaps = {round(b - a, 3) for a, b in itertools.pairwise(z) if b != a}
            assert gaps == {round(thickness, 3)}, "contiguous slices"
    # NCCT and CTA of one acquisition share the frame of reference.
    series = truth_of(synth_root, "left-mca")["series"]
    assert len({s["frame_of_reference_uid"] for s in series}) == 1


def test_column_index_grows_toward_the_patients_left(
    synth_root: Path, stacks: dict[tuple[str, str], Stack]
) -> None:
    left = finding(truth_of(synth_root, "left-mca"), "ischaemia-early")
    right = finding(truth_of(synth_root, "right-ich"), "haemorrhage")
    assert left["centroid_lps_mm"][0] > 0 > right["centroid_lps_mm"][0]
    _, _, i_left = stacks[("left-mca", "ncct")].index_of(left["centroid_lps_mm"])
    _, _, i_right = stacks[("right-ich", "ncct")].index_of(right["centroid_lps_mm"])
    assert i_left > 256 > i_right


# --- tissues -----------------------------------------------------------------------------------


def test_tissue_hu_on_the_normal_ncct(
    synth_root: Path, stacks: dict[tuple[str, str], Stack]
) -> None:
    ct = stacks[("normal", "ncct")]
    marks = truth_of(synth_root, "normal")["landmarks_lps_mm"]

    def hu(name: str) -> float:
        return ct.mean_around(marks[name], 1.0, 2.0)

    assert hu("air") == pytest.approx(-1000, abs=15)
    for name in (
        "csf-lateral-ventricle-left",
        "csf-lateral-ventricle-right",
        "csf-third-ventricle",
    ):
        assert 0 <= hu(name) <= 10, name
    for name in ("white-matter-left", "white-matter-right"):
        assert 25 <= hu(name) <= 30, name
    for name in ("grey-matter-insula-left", "grey-matter-insula-right"):
        assert 35 <= hu(name) <= 40, name
    assert 32 <= hu("deep-grey-lentiform-left") <= 40
    assert 32 <= hu("deep-grey-thalamus-right") <= 40
    k, j, i = ct.index_of(marks["white-matter-left"])
    noise = float(ct.values[k, j - 4 : j + 5, i - 4 : i + 5].std())
    assert 3 <= noise <= 5
    # Skull: bone above 700 HU on a row through the ventricles, air outside.
    k, j, _ = ct.index_of(marks["csf-lateral-ventricle-left"])
    row = ct.values[k, j]
    assert row.max() > 1000 and row[:5].mean() < -950 and row[-5:].mean() < -950


def test_mr_contrasts(synth_root: Path, stacks: dict[tuple[str, str], Stack]) -> None:
    marks = truth_of(synth_root, "wake-up-mr")["landmarks_lps_mm"]
    csf, wm, gm = (
        marks["csf-lateral-ventricle-left"],
        marks["white-matter-left"],
        marks["grey-matter-insula-left"],
    )

    def at(kind: str, point: list[float]) -> float:
        return stacks[("wake-up-mr", kind)].mean_around(point, 1.0, 2.0)

    assert at("dwi-b1000", csf) < 0.5 * at("dwi-b1000", wm)  # CSF dark at b1000
    assert at("dwi-b0", csf) > at("dwi-b0", wm)
    assert at("adc", csf) > 2500  # CSF bright on ADC
    assert 500 < at("adc", wm) < 1000
    assert at("flair", csf) < 0.3 * at("flair", wm) < at("flair", gm)  # CSF dark, GM > WM


# --- planted findings --------------------------------------------------------------------------


def test_left_mca_early_hypodensity(synth_root: Path, stacks: dict[tuple[str, str], Stack]) -> None:
    truth = truth_of(synth_root, "left-mca")
    lesion = finding(truth, "ischaemia-early")
    centre = lesion["centroid_lps_mm"]
    assert lesion["side"] == "left" and centre[0] > truth["midline_x_mm"]
    assert 10 <= lesion["volume_ml"] <= 80
    ct = stacks[("left-mca", "ncct")]
    here = ct.mean_around(centre, 5.0, 5.0)
    there = ct.mean_around(mirrored(centre, truth["midline_x_mm"]), 5.0, 5.0)
    assert 2.0 <= there - here <= 10.0, "subtle: a few HU lower than the mirrored side"
    # The normal case has no such asymmetry.
    normal = stacks[("normal", "ncct")]
    assert abs(normal.mean_around(centre, 5.0, 5.0) - normal.mean_around(
        mirrored(centre, truth["midline_x_mm"]), 5.0, 5.0
    )) < 1.0  # fmt: skip


def test_hyperdense_left_mca_sign(synth_root: Path, stacks: dict[tuple[str, str], Stack]) -> None:
    truth = truth_of(synth_root, "left-mca")
    clot = finding(truth, "hyperdense-vessel")
    assert clot["side"] == "left" and clot["site"] == "M1" and clot["centroid_lps_mm"][0] > 0
    ct = stacks[("left-mca", "ncct")]
    here = ct.mean_around(clot["centroid_lps_mm"], 0.5, 0.5)
    there = ct.mean_around(mirrored(clot["centroid_lps_mm"], truth["midline_x_mm"]), 0.5, 0.5)
    # A 3 mm artery in a 5 mm slice: the clot's ~85 HU is diluted by partial volume.
    assert here > 45 and here - there > 15


def test_cta_left_m1_occlusion(synth_root: Path, stacks: dict[tuple[str, str], Stack]) -> None:
    truth = truth_of(synth_root, "left-mca")
    occlusion = finding(truth, "occlusion")
    assert (occlusion["side"], occlusion["site"]) == ("left", "M1")
    cta = stacks[("left-mca", "cta")]
    assert float(cta.datasets[0].SliceThickness) <= 1.0
    left = np.asarray(truth["arteries_centrelines_lps_mm"]["M1-left"])
    right = np.asarray(truth["arteries_centrelines_lps_mm"]["M1-right"])
    cut = np.asarray(occlusion["occlusion_point_lps_mm"])
    start, end = left[0], left[-1]
    length = float(np.linalg.norm(end - start))
    to_cut = float(np.linalg.norm(cut - start))
    assert 0 < to_cut < length and cut[0] > 0
    for t in np.linspace(0.1, 0.9, 9):
        point_right = right[0] + t * (right[-1] - right[0])
        assert cta.max_around(list(point_right)) > 250, "right M1 opacified"
        point_left = start + t * (end - start)
        along = t * length
        if along < to_cut - 2.0:
            assert cta.max_around(list(point_left)) > 250, "left M1 stump opacified"
        elif along > to_cut + 2.0:
            assert cta.max_around(list(point_left)) < 150, "no contrast beyond the occlusion"
    # Opacified arteries sit in the 250–450 HU range.
    basilar = np.asarray(truth["arteries_centrelines_lps_mm"]["BA"])
    assert 250 <= cta.max_around(list(basilar.mean(axis=0))) <= 470


def test_right_intraparenchymal_haemorrhage(
    synth_root: Path, stacks: dict[tuple[str, str], Stack]
) -> None:
    truth = truth_of(synth_root, "right-ich")
    ich = finding(truth, "haemorrhage")
    assert ich["side"] == "right" and ich["centroid_lps_mm"][0] < truth["midline_x_mm"]
    assert 20 <= ich["volume_ml"] <= 30
    ct = stacks[("right-ich", "ncct")]
    assert 50 <= ct.mean_around(ich["centroid_lps_mm"], 3.0, 3.0) <= 90
    assert ct.mean_around(mirrored(ich["centroid_lps_mm"], 0.0), 3.0, 3.0) < 45
    # The voxels of 50–90 HU around the centroid add up to the stated volume.
    k, j, i = ct.index_of(ich["centroid_lps_mm"])
    dx, dy, dz = (float(np.linalg.norm(ct.affine[:3, a])) for a in range(3))
    r, rz = round(30 / dx), round(25 / dz)
    box = ct.values[k - rz : k + rz + 1, j - r : j + r + 1, i - r : i + r + 1]
    volume = ((box > 50) & (box < 90)).sum() * dx * dy * dz / 1000
    assert volume == pytest.approx(ich["volume_ml"], rel=0.2)


def test_wake_up_dwi_flair_mismatch(synth_root: Path, stacks: dict[tuple[str, str], Stack]) -> None:
    truth = truth_of(synth_root, "wake-up-mr")
    lesion = finding(truth, "dwi-lesion")
    centre = lesion["centroid_lps_mm"]
    other = mirrored(centre, truth["midline_x_mm"])
    assert lesion["side"] == "right" and centre[0] < 0 and lesion["volume_ml"] > 1

    def ratio(kind: str) -> float:
        s = stacks[("wake-up-mr", kind)]
        return s.mean_around(centre, 2.0, 2.0) / s.mean_around(other, 2.0, 2.0)

    assert ratio("dwi-b1000") > 1.3
    assert ratio("adc") < 0.75
    assert 0.93 < ratio("flair") < 1.07
    assert 0.93 < ratio("dwi-b0") < 1.07


def test_dwi_b_values_in_one_series(synth_root: Path) -> None:
    datasets = read_series(series_folder(synth_root, "wake-up-mr", "dwi"))
    assert len({d.SeriesInstanceUID for d in datasets}) == 1
    standard = sorted({float(d.DiffusionBValue) for d in datasets})
    assert standard == [0.0, 1000.0]
    for d in datasets:
        block = d.private_block(0x0019, "SIEMENS MR HEADER")
        assert float(block[0x0C].value) == float(d.DiffusionBValue)
    positions = {tuple(map(float, d.ImagePositionPatient)) for d in datasets}
    assert len(positions) == len(datasets) // 2, "b0 and b1000 at the same positions"
    adc = read_series(series_folder(synth_root, "wake-up-mr", "adc"))
    flair = read_series(series_folder(synth_root, "wake-up-mr", "flair"))
    assert {d.FrameOfReferenceUID for d in datasets + adc + flair} == {
        datasets[0].FrameOfReferenceUID
    }


# --- identity ----------------------------------------------------------------------------------


def test_identity(synth_root: Path) -> None:
    unidentified = []
    for case in CASES:
        truth = truth_of(synth_root, case)
        ds = pydicom.dcmread(
            next((synth_root / case / truth["series"][0]["folder"]).glob("*.dcm")),
            stop_before_pixels=True,
        )
        patient = truth["patient"]
        assert str(ds.PatientName) == patient["name"] and ds.PatientID == patient["patient_id"]
        assert ds.IssuerOfPatientID == patient["issuer_of_patient_id"] != ""
        assert ds.PatientSex in {"M", "F", "O"}
        assert ds.AccessionNumber and ds.StudyID and ds.StudyDate and ds.StudyTime
        if patient["identified"]:
            assert ds.PatientName.family_name.startswith("SYNTH")
            assert len(ds.PatientBirthDate) == 8 and ds.PatientAge.endswith("Y")
        else:
            unidentified.append(case)
            assert str(ds.PatientName).startswith("UNKNOWN^")
            assert ds.PatientID.startswith("TMP") and ds.PatientBirthDate == ""
    assert unidentified == ["right-ich"]


# --- determinism, the CLI, the benchmark series ------------------------------------------------


def test_same_seed_same_bytes_other_seed_other_noise(synth_root: Path, tmp_path: Path) -> None:
    (again,) = write_cases(tmp_path / "again", ["normal"], seed=0)
    (other,) = write_cases(tmp_path / "other", ["normal"], seed=1)
    reference = sorted((synth_root / "normal").rglob("*.dcm"))
    assert [f.read_bytes() for f in reference] == [
        (again / f.relative_to(synth_root / "normal")).read_bytes() for f in reference
    ]
    first = pydicom.dcmread(reference[15])
    changed = pydicom.dcmread(other / reference[15].relative_to(synth_root / "normal"))
    assert first.SOPInstanceUID != changed.SOPInstanceUID
    assert first.StudyInstanceUID != changed.StudyInstanceUID
    diff = first.pixel_array.astype(int) - changed.pixel_array.astype(int)
    assert 3 <= diff.std() <= 8  # only the noise differs (√2 × 4 HU)
    assert truth_of(tmp_path / "other", "normal")["findings"] == truth_of(
        synth_root, "normal"
    )["findings"]  # fmt: skip


def test_cli_writes_the_tree(tmp_path: Path) -> None:
    exe = Path(sys.executable).with_name("strokelink")
    require(exe.exists(), "the strokelink console script in the venv")
    run = subprocess.run(
        [str(exe), "synth", str(tmp_path), "--case", "wake-up-mr", "--seed", "3"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines()[0].startswith("wake-up-mr: dwi×60, adc×30, flair×30")
    truth = truth_of(tmp_path, "wake-up-mr")
    assert truth["seed"] == 3
    assert sum(1 for _ in (tmp_path / "wake-up-mr").rglob("*.dcm")) == 120
    bad = subprocess.run(
        [str(exe), "synth", str(tmp_path), "--case", "nope"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 2 and "wake-up-mr" in bad.stderr


def test_write_ct_series_small_and_lossless(tmp_path: Path) -> None:
    raw = write_ct_series(tmp_path / "raw", slices=6, rows=128, columns=128, slice_thickness_mm=1)
    files = sorted(raw.glob("*.dcm"))
    assert len(files) == 6
    stack = load_stack([pydicom.dcmread(f) for f in files])
    assert stack.values.shape == (6, 128, 128)
    assert np.allclose(np.linalg.norm(stack.affine[:3, :3], axis=0), [240 / 128, 240 / 128, 1])
    with pytest.raises(ValueError, match="writable"):
        write_ct_series(tmp_path / "jpeg", slices=1, transfer_syntax=JPEGBaseline8Bit)
    try:
        jls = write_ct_series(
            tmp_path / "jls",
            slices=6,
            rows=128,
            columns=128,
            slice_thickness_mm=1,
            transfer_syntax=JPEGLSLossless,
        )
    except ValueError as exc:
        require(False, f"a JPEG-LS encoder ({exc})")
        return
    for f in files:
        a, b = pydicom.dcmread(f), pydicom.dcmread(jls / f.name)
        assert b.file_meta.TransferSyntaxUID == JPEGLSLossless
        assert a.SOPInstanceUID == b.SOPInstanceUID
        assert np.array_equal(a.pixel_array, b.pixel_array)
