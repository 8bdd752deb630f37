"""``strokelink opinion example`` and ``opinion build``, run as the user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pydicom
import pytest

from app.opinion.schema import opinion_from_json

STROKELINK = Path(sys.executable).parent / "strokelink"


def strokelink(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(STROKELINK), *map(str, args)], capture_output=True, text=True, timeout=120, check=False
    )


def example_for(study_dir: Path, folder: Path) -> Path:
    run = strokelink("opinion", "example", "--study", study_dir)
    assert run.returncode == 0, run.stderr
    path = folder / "opinion.json"
    path.write_text(run.stdout, encoding="utf-8")
    return path


def test_example_is_a_valid_opinion() -> None:
    run = strokelink("opinion", "example")
    assert run.returncode == 0, run.stderr
    opinion = opinion_from_json(run.stdout)
    assert opinion.haemorrhage.status.value == "absent"
    assert json.loads(run.stdout)["ischaemia"]["aspects"]["score"] == 7


def test_build_writes_every_object_and_rebuilds_identically(
    study_dir: Path, tmp_path: Path
) -> None:
    source = example_for(study_dir, tmp_path)
    run = strokelink("opinion", "build", source, "--study", study_dir, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    names = sorted(Path(line.removeprefix("wrote ")).name for line in run.stdout.splitlines())
    assert names == [
        "key-image-01.dcm",
        "key-images-kos.dcm",
        "opinion-pdf.dcm",
        "opinion-signed.json",
        "opinion-sr.dcm",
        "opinion.pdf",
    ]
    signed = tmp_path / "out" / "opinion-signed.json"
    assert opinion_from_json(signed.read_text(encoding="utf-8")).is_signed
    again = strokelink(
        "opinion", "build", signed, "--study", study_dir, "--out", tmp_path / "again"
    )
    assert again.returncode == 0, again.stderr
    for name in ("opinion-sr.dcm", "opinion-pdf.dcm", "key-image-01.dcm", "key-images-kos.dcm"):
        first = pydicom.dcmread(tmp_path / "out" / name)
        second = pydicom.dcmread(tmp_path / "again" / name)
        assert first.SOPInstanceUID == second.SOPInstanceUID, name
    assert (tmp_path / "out" / "opinion.pdf").read_bytes() == (
        tmp_path / "again" / "opinion.pdf"
    ).read_bytes()


def test_invalid_json_says_which_field(study_dir: Path, tmp_path: Path) -> None:
    source = example_for(study_dir, tmp_path)
    data = json.loads(source.read_text(encoding="utf-8"))
    data["occlusion"]["sites"][0]["side"] = "up"
    source.write_text(json.dumps(data), encoding="utf-8")
    run = strokelink("opinion", "build", source, "--study", study_dir, "--out", tmp_path / "out")
    assert run.returncode == 2
    assert "occlusion.sites[0].side: 'up' is not one of 'left', 'right', 'bilateral'" in run.stderr
    assert not (tmp_path / "out").exists()


def test_identity_mismatch_without_override_is_refused(study_dir: Path, tmp_path: Path) -> None:
    source = example_for(study_dir, tmp_path)
    data = json.loads(source.read_text(encoding="utf-8"))
    data["request"]["identity"]["sex"] = "M"
    source.write_text(json.dumps(data), encoding="utf-8")
    run = strokelink("opinion", "build", source, "--study", study_dir, "--out", tmp_path / "out")
    assert run.returncode == 3
    assert "(0010,0040) Patient's Sex differs" in run.stderr
    assert "identity_override" in run.stderr
    data["identity_override"] = {
        "reason": "Sex entered wrongly on the request; checked by phone",
        "by": "MARTIN^Claire",
        "at": "2025-03-01T14:30:00+01:00",
        "differences": [{"field": "sex", "request": "M", "images": "F"}],
    }
    source.write_text(json.dumps(data), encoding="utf-8")
    run = strokelink("opinion", "build", source, "--study", study_dir, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    assert "identity override by MARTIN^Claire (sex)" in run.stdout


def test_final_opinion_missing_fields_is_refused(study_dir: Path, tmp_path: Path) -> None:
    source = example_for(study_dir, tmp_path)
    data = json.loads(source.read_text(encoding="utf-8"))
    data["haemorrhage"]["status"] = "not_assessed"
    data["recommendation"]["thrombectomy"] = "pending"
    source.write_text(json.dumps(data), encoding="utf-8")
    run = strokelink("opinion", "build", source, "--study", study_dir, "--out", tmp_path / "out")
    assert run.returncode == 3
    assert "haemorrhage: state whether there is a haemorrhage" in run.stderr
    assert "recommendation.thrombectomy: a final opinion cannot leave it pending" in run.stderr


@pytest.mark.slow
def test_build_on_a_synthetic_case(synth_root: Path, tmp_path: Path) -> None:
    case = synth_root / "left-mca"
    source = example_for(case, tmp_path)
    run = strokelink("opinion", "build", source, "--study", case, "--out", tmp_path / "out")
    assert run.returncode == 0, run.stderr
    sr = pydicom.dcmread(tmp_path / "out" / "opinion-sr.dcm")
    images = pydicom.dcmread(next((case / "02-ncct").iterdir()), stop_before_pixels=True)
    assert sr.StudyInstanceUID == images.StudyInstanceUID
    assert sr.PatientID == images.PatientID
