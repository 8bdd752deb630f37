"""Synthetic acute-stroke studies: DICOM files with known findings.

They feed the demo hub, the tests and the benchmarks. Everything is computed
from a parametric head (:mod:`minihub.synth.phantom`) with numpy and written
with pydicom; a seed fixes the noise and every UID, so the same seed gives
byte-identical files.

* :data:`CASES` — the clinical cases, each a complete study in
  ``OUTDIR/<case>/<NN-kind>/IM<NNNN>.dcm`` plus ``OUTDIR/<case>/truth.json``
  (schema in ``docs/synth.md``): ``normal`` (NCCT), ``left-mca`` (NCCT with
  early left MCA ischaemia and a hyperdense left M1, CTA with a left M1
  occlusion), ``right-ich`` (NCCT, right intraparenchymal haemorrhage; the
  unidentified emergency patient), ``wake-up-mr`` (DWI b0/b1000, ADC,
  FLAIR with a DWI/FLAIR mismatch), ``ctp-left-mca`` (NCCT and a 4-D CT
  perfusion series with a left MCA core/penumbra mismatch of known volumes).
* :func:`write_ct_series` — one large thin-slice head CT for the benchmarks.

Geometry: head first supine, (0020,0037) Image Orientation (Patient)
[1,0,0,0,1,0], so the column index grows toward the patient's left (+x in
LPS); the head's midline is x = 0.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from pydicom.uid import ExplicitVRLittleEndian

from minihub.synth.cases import CASE_BUILDERS
from minihub.synth.dicomfiles import (
    Instance,
    Patient,
    Series,
    Study,
    check_encoder,
    make_uid,
    series_template,
    write_instances,
)
from minihub.synth.render import Scene, axial_grid, iter_ct_slices, series_key
from minihub.synth.study import (
    CT_ACQUISITION,
    CT_HEAD_CENTRE,
    CT_NOISE_HU,
    NCCT_PIXELS,
    STUDY_DATE,
    CaseWriter,
)

__all__ = ["CASES", "write_cases", "write_ct_series"]

CASES: tuple[str, ...] = tuple(CASE_BUILDERS)


def write_cases(outdir: Path, cases: Sequence[str] | None = None, *, seed: int = 0) -> list[Path]:
    """Write each case (all of :data:`CASES` by default) under ``outdir``; return their folders.

    Raises ValueError for an unknown case name.
    """
    names = list(CASES) if cases is None else list(cases)
    unknown = [n for n in names if n not in CASE_BUILDERS]
    if unknown:
        raise ValueError(f"unknown case(s) {', '.join(unknown)}; valid: {', '.join(CASES)}")
    folders = []
    for number, name in enumerate(CASES, start=1):
        if name not in names:
            continue
        build, patient, (study_time, description, accession) = CASE_BUILDERS[name]
        folder = Path(outdir) / name
        study = Study(
            uid=make_uid(seed, name, "study"),
            date=STUDY_DATE,
            time=study_time,
            accession_number=accession,
            study_id=f"{1000 + number}",
            description=description,
        )
        case = CaseWriter(name, folder, seed, patient, study)
        truth = build(case)
        (folder / "truth.json").write_text(json.dumps(truth, indent=2) + "\n")
        folders.append(folder)
    return folders


def write_ct_series(
    outdir: Path,
    *,
    slices: int = 500,
    rows: int = 512,
    columns: int = 512,
    slice_thickness_mm: float = 0.625,
    seed: int = 0,
    transfer_syntax: str = ExplicitVRLittleEndian,
) -> Path:
    """One contiguous head CT series (normal head, no contrast) in ``outdir``; return it.

    The stack is centred on the head; beyond the head the slices hold air.
    ``transfer_syntax`` may be Explicit/Implicit VR Little Endian or, when
    pydicom has an encoder installed for it, a lossless compressed one (JPEG-LS
    Lossless, JPEG 2000 Lossless, RLE Lossless); otherwise ValueError.
    """
    check_encoder(transfer_syntax)

    height = slices * slice_thickness_mm
    grid = axial_grid(
        rows=rows,
        columns=columns,
        pixel_mm=240.0 / max(rows, columns),
        slices=slices,
        thickness_mm=slice_thickness_mm,
        first_z_mm=CT_HEAD_CENTRE[2] - 10.0 - height / 2 + slice_thickness_mm / 2,
    )
    patient = Patient("SYNTH^BENCHMARK", "SL-900001", "STROKELINK-DEMO", "19600101", "O")
    study = Study(
        make_uid(seed, "bench", "study"),
        STUDY_DATE,
        "120000",
        "SLB0001",
        "9001",
        "CT HEAD BENCHMARK",
    )
    series = Series(
        uid=make_uid(seed, "bench", "series"),
        number=2,
        description=f"CT HEAD {slice_thickness_mm:g}mm",
        kind="ct",
        modality="CT",
        frame_of_reference_uid=make_uid(seed, "bench", "frame-of-reference"),
        time="120130",
        protocol="HEAD",
        image_type=("ORIGINAL", "PRIMARY", "AXIAL"),
        windows=((40.0, 80.0, "BRAIN"), (500.0, 2000.0, "BONE")),
    )
    template = series_template(
        patient,
        study,
        series,
        grid,
        pixels=NCCT_PIXELS,
        transfer_syntax=transfer_syntax,
        extra=CT_ACQUISITION,
    )
    key = series_key("bench/ct")
    scene = Scene(CT_HEAD_CENTRE)
    instances = (
        Instance(k, k + 1, NCCT_PIXELS.store(hu), {})
        for k, hu in iter_ct_slices(
            scene, grid, contrast=False, noise_sd=CT_NOISE_HU, seed=seed, key=key
        )
    )
    folder = Path(outdir)
    write_instances(
        template, grid, instances, folder, lambda n: make_uid(seed, "bench", "instance", str(n))
    )
    return folder
