"""A small synthetic CT perfusion study (4-D DICOM) with a known lesion, for the study
finder, the DICOM writers and ``strokelink analyze``.

128 × 128 pixels of 1.5 mm, 4 slices of 5 mm, 25 time points 1.5 s apart. A 35 HU head
in a 1000 HU skull; an artery (anterior, right of the midline) carrying a gamma-variate
bolus; a vein (posterior midline) with the same bolus 3 s later; normal tissue
CBF 50 mL/100 g/min, CBV 4 mL/100 g, no delay; in the patient's left hemisphere a
core (CBF 8, CBV 1.2, delay 11 s) inside a penumbra (CBF 22, CBV 3.5, delay 8 s).
Tissue curves are the AIF, delayed, convolved with an exponential residue, scaled so
that CBV = 100 · ∫C/∫AIF (the engine applies no hematocrit nor density factor).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

from tests.dataset_util import set_patient, set_signed_16_bit_pixels

ROWS = COLUMNS = 128
SLICES = 4
PIXEL_MM = 1.5
SLICE_MM = 5.0
PHASES = 25
STEP_S = 1.5
ARTERY_LPS = (-12.0, -45.0)  # x, y (mm) of the artery: anterior, patient's right
VEIN_LPS = (0.0, 80.0)  # posterior midline, inside the skull
LESION_LPS = (30.0, 0.0)  # centre of the lesion, patient's left
CORE_RADIUS_MM = 20.0
PENUMBRA_RADIUS_MM = 40.0
FACTOR = 100.0  # the engine applies no hematocrit or density correction


@dataclass
class CtpTruth:
    core: npt.NDArray[np.bool_]  # (k, j, i)
    hypoperfusion: npt.NDArray[np.bool_]
    voxel_ml: float
    artery_lps: tuple[float, float, float]
    vein_lps: tuple[float, float, float]

    @property
    def core_ml(self) -> float:
        return float(self.core.sum()) * self.voxel_ml

    @property
    def hypoperfusion_ml(self) -> float:
        return float(self.hypoperfusion.sum()) * self.voxel_ml


def _gamma(t: npt.NDArray[np.float64], t0: float, peak: float) -> npt.NDArray[np.float64]:
    s = np.clip((t - t0) / 3.0, 0, None)
    return np.asarray(peak * s**3 * np.exp(3 * (1 - s)), dtype=np.float64)


def _tissue(
    t: npt.NDArray[np.float64], aif_fine: npt.NDArray[np.float64], dt: float, *,
    cbf: float, cbv: float, delay: float,
) -> npt.NDArray[np.float64]:  # fmt: skip
    """Tissue enhancement at times ``t`` from a finely sampled AIF (step ``dt``)."""
    fine = np.arange(aif_fine.size) * dt
    mtt = cbv / cbf * 60.0
    residue = np.exp(-fine / mtt)
    shifted = np.interp(fine - delay, fine, aif_fine, left=0.0)
    curve = np.convolve(shifted, residue)[: fine.size] * dt
    # scale so that ∫C / ∫AIF = cbv / FACTOR
    curve *= (cbv / FACTOR) * aif_fine.sum() / max(curve.sum(), 1e-9)
    return np.asarray(np.interp(t, fine, curve), dtype=np.float64)


def ctp_frames(noise_hu: float = 1.0, seed: int = 0) -> tuple[npt.NDArray[np.float64], CtpTruth]:
    """HU frames (T, K, J, I), their affine's truth; orientation axial, i → +x, j → +y."""
    times = np.arange(PHASES) * STEP_S
    dt = 0.1
    fine = np.arange(0, times[-1] + 20, dt)
    aif_fine = _gamma(fine, 3.0, 350.0)
    x = (np.arange(COLUMNS) - (COLUMNS - 1) / 2) * PIXEL_MM
    y = (np.arange(ROWS) - (ROWS - 1) / 2) * PIXEL_MM
    yy, xx = np.meshgrid(y, x, indexing="ij")
    inside = (xx / 80) ** 2 + (yy / 90) ** 2 <= 1
    brain = (xx / 74) ** 2 + (yy / 84) ** 2 <= 1
    skull = inside & ~brain
    lesion_r = np.hypot(xx - LESION_LPS[0], yy - LESION_LPS[1])
    core2d = brain & (lesion_r <= CORE_RADIUS_MM)
    hypo2d = brain & (lesion_r <= PENUMBRA_RADIUS_MM)
    artery = np.hypot(xx - ARTERY_LPS[0], yy - ARTERY_LPS[1]) <= 4.5
    vein = np.hypot(xx - VEIN_LPS[0], yy - VEIN_LPS[1]) <= 4.5
    base = np.where(inside, 35.0, -1000.0)
    base[skull] = 1000.0
    normal = _tissue(times, aif_fine, dt, cbf=50.0, cbv=4.0, delay=0.0)
    penumbra = _tissue(times, aif_fine, dt, cbf=22.0, cbv=3.5, delay=8.0)
    core = _tissue(times, aif_fine, dt, cbf=8.0, cbv=1.2, delay=11.0)
    aif = np.interp(times, fine, aif_fine)
    vof = np.interp(times - 3.0, fine, aif_fine, left=0.0)
    enh = np.zeros((PHASES, ROWS, COLUMNS))
    enh[:, brain] = normal[:, None]
    enh[:, hypo2d & ~core2d] = penumbra[:, None]
    enh[:, core2d] = core[:, None]
    enh[:, artery] = aif[:, None]
    enh[:, vein] = vof[:, None]
    rng = np.random.default_rng(seed)
    frames = (
        base[None, None] + enh[:, None] + rng.normal(0, noise_hu, (PHASES, SLICES, ROWS, COLUMNS))
    )
    core3 = np.broadcast_to(core2d & ~artery & ~vein, (SLICES, ROWS, COLUMNS)).copy()
    hypo3 = np.broadcast_to(hypo2d & ~artery & ~vein, (SLICES, ROWS, COLUMNS)).copy()
    z_mid = 0.0
    truth = CtpTruth(
        core=core3,
        hypoperfusion=hypo3,
        voxel_ml=PIXEL_MM * PIXEL_MM * SLICE_MM / 1000.0,
        artery_lps=(ARTERY_LPS[0], ARTERY_LPS[1], z_mid),
        vein_lps=(VEIN_LPS[0], VEIN_LPS[1], z_mid),
    )
    return frames, truth


def _dataset(study: str, series: str, frame_of_reference: str) -> Dataset:
    ds = Dataset()
    ds.file_meta = FileMetaDataset()
    ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
    ds.SOPClassUID = CTImageStorage
    ds.file_meta.MediaStorageSOPClassUID = CTImageStorage
    set_patient(ds, "TEST^PERFUSION", "SYN-CTP", "STROKELINK-TEST", "19500101")
    ds.StudyInstanceUID = study
    ds.SeriesInstanceUID = series
    ds.FrameOfReferenceUID = frame_of_reference
    ds.StudyDate = "20240102"
    ds.StudyTime = "101500"
    ds.StudyID = "1"
    ds.AccessionNumber = "A1"
    ds.ReferringPhysicianName = ""
    ds.StudyDescription = "STROKE"
    ds.SeriesDescription = "CT PERFUSION"
    ds.SeriesNumber = 5
    ds.Modality = "CT"
    ds.Manufacturer = "TEST"
    ds.KVP = "80"
    ds.PatientPosition = "HFS"
    ds.ContrastBolusAgent = "IODINE"
    set_signed_16_bit_pixels(ds)
    return ds


def write_ctp(
    folder: Path,
    *,
    noise_hu: float = 1.0,
    per_phase: bool = False,
    temporal_positions: bool = True,
) -> tuple[list[list[Path]], CtpTruth]:
    """Write the 4-D series (or one series per phase) under ``folder``; returns the
    files per time point and the truth."""
    frames, truth = ctp_frames(noise_hu)
    study, reference = generate_uid(), generate_uid()
    series = generate_uid()
    x0 = -(COLUMNS - 1) / 2 * PIXEL_MM
    y0 = -(ROWS - 1) / 2 * PIXEL_MM
    paths: list[list[Path]] = []
    folder.mkdir(parents=True, exist_ok=True)
    for t in range(PHASES):
        if per_phase:
            series = generate_uid()
        seconds = 36000 + 900 + t * STEP_S
        clock = f"{int(seconds // 3600):02d}{int(seconds % 3600 // 60):02d}{seconds % 60:09.6f}"
        phase_paths = []
        for k in range(SLICES):
            ds = _dataset(study, series, reference)
            if per_phase:
                ds.SeriesNumber = 100 + t
            ds.SOPInstanceUID = generate_uid()
            ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
            ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
            ds.InstanceNumber = t * SLICES + k + 1
            z = (k - (SLICES - 1) / 2) * SLICE_MM
            ds.ImagePositionPatient = [f"{x0:.4f}", f"{y0:.4f}", f"{z:.4f}"]
            ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
            ds.PixelSpacing = [f"{PIXEL_MM:g}", f"{PIXEL_MM:g}"]
            ds.SliceThickness = f"{SLICE_MM:g}"
            ds.Rows, ds.Columns = ROWS, COLUMNS
            ds.RescaleSlope, ds.RescaleIntercept = "1", "-1024"
            ds.AcquisitionDate = ds.ContentDate = "20240102"
            ds.AcquisitionTime = ds.ContentTime = clock
            if temporal_positions and not per_phase:
                ds.TemporalPositionIdentifier = t + 1
                ds.NumberOfTemporalPositions = PHASES
            ds.WindowCenter, ds.WindowWidth = 40, 80
            stored = np.clip(np.rint(frames[t, k] + 1024), -32768, 32767).astype(np.int16)
            ds.PixelData = stored.tobytes()
            path = folder / f"ctp_{t:02d}_{k:02d}.dcm"
            ds.save_as(path, enforce_file_format=True)
            phase_paths.append(path)
        paths.append(phase_paths)
    return paths, truth
