"""MPR benchmark: load a 512×512×500 CT from files, then time the views on the CPU.

``python -m bench mpr [--slices 500] [--size 512] [--window 512] [--moves 30]``
prints one JSON line:

* ``crosshair_ms``: crosshair moved to a random point, three 512×512 off-screen
  views re-sliced and redrawn (budget 16 ms);
* ``slab_mip_ms``: scrolling the axial view 1 mm with a 20 mm slab MIP, three
  views redrawn (budget 100 ms); ``slab_mip_crosshair_ms``: a crosshair move
  that re-slabs all three planes; ``slab_mip_oblique_ms``: the same on
  double-oblique planes at full quality (VTK slab resampling instead of
  whole-slice reduction; target 100 ms),
  ``slab_mip_oblique_drag_ms`` with the coarser drawing used during a drag;
* ``mip3d_ms``: one 3-D MIP frame after a 10° turn at full quality, i.e. a still
  frame (first frame separately), also as ``mip3d_still_ms``;
  ``mip3d_rotating_ms``: the same turn during a drag
  (``VolumeView.set_interactive``: the mapper casts fewer rays to keep up,
  target 100 ms) and ``mip3d_rotating_over_still`` their ratio (the still
  frames are the baseline, measured in the same run); ``mip3d_release_ms``:
  the full-quality frame drawn when the mouse is released; ``vr3d_still_ms`` /
  ``vr3d_rotating_ms`` the same for volume rendering;
  ``slab_mip_oblique_drag_over_full``: the oblique slab during a drag over
  the full-quality one;
* ``load_s``: folder → Volume with :mod:`viewer.dicom_folder`; ``sitk_load_s``:
  SimpleITK ``ImageSeriesReader`` on the same files; ``load_ratio`` = ours /
  SimpleITK (target ≤ 0.7);
* ``peak_mem_ratio``: peak RSS above the idle application (its three MPR
  windows and the 3-D window open and drawn once, no case loaded) over the
  volume's bytes, through loading and all the rendering above (target ≤ 2);
  ``load_peak_mem_ratio`` / ``mpr_peak_mem_ratio`` after loading / after the
  MPR timings;
* ``cpu_median`` next to each wall-clock median: process CPU time (all
  threads), less sensitive to other load on the machine (``load_average``).

Each phase runs in a fresh interpreter so memory and timings do not mix.
Files come from ``minihub.synth.write_ct_series`` when available, otherwise
from a small built-in writer.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

TARGETS = {
    "crosshair_ms": 16.0,
    "slab_mip_ms": 100.0,
    "slab_mip_oblique_ms": 100.0,
    "mip3d_rotating_ms": 100.0,
    "load_ratio": 0.7,
    "peak_mem_ratio": 2.0,
}


def run(
    *,
    slices: int = 500,
    size: int = 512,
    window: int = 512,
    moves: int = 30,
    window3d: int = 384,
    writer: str = "synth",
) -> dict[str, Any]:
    """Write the series to a temporary folder, run both phases, return the results."""
    with tempfile.TemporaryDirectory(prefix="bench-mpr-") as tmp:
        folder = Path(tmp) / "ct"
        folder.mkdir()
        t0 = time.perf_counter()
        used = write_series(folder, slices=slices, size=size, writer=writer)
        write_s = time.perf_counter() - t0
        views = _child("viewer", folder, window=window, moves=moves, window3d=window3d)
        sitk = _child("sitk", folder)
    result: dict[str, Any] = {"bench": "mpr", "shape": [slices, size, size], "writer": used}
    result.update(views)
    result["sitk_load_s"] = sitk["sitk_load_s"]
    result["load_ratio"] = round(views["load_s"] / sitk["sitk_load_s"], 3)
    result["load_ratio_target"] = TARGETS["load_ratio"]
    result["write_s"] = round(write_s, 2)
    return result


def write_series(folder: Path, *, slices: int, size: int, writer: str = "synth") -> str:
    """Write the benchmark CT; returns which writer made it."""
    if writer == "synth":
        try:
            from minihub.synth import write_ct_series
        except ImportError:
            writer = "own"
        else:
            write_ct_series(folder, slices=slices, rows=size, columns=size)
            return "minihub.synth"
    _write_own_series(folder, slices=slices, size=size)
    return "own"


def _write_own_series(folder: Path, *, slices: int, size: int) -> None:
    """A plain head-like CT (ellipse, skull, a few vessels), Explicit VR Little Endian."""
    from pydicom.dataset import Dataset, FileMetaDataset
    from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, generate_uid

    pixel_mm, thickness = 240.0 / size, 0.625
    y, x = np.mgrid[:size, :size].astype(np.float32)
    cx = cy = (size - 1) / 2
    study, series, frame = generate_uid(), generate_uid(), generate_uid()
    for k in range(slices):
        z = (k - slices / 2) * thickness
        scale = max(0.0, 1.0 - (z / (slices * thickness * 0.6)) ** 2) ** 0.5
        r = ((x - cx) / (0.38 * size * scale + 1e-3)) ** 2 + (
            (y - cy) / (0.46 * size * scale + 1e-3)
        ) ** 2
        hu = np.where(r < 1.0, 1200.0, -1000.0)
        hu = np.where(r < 0.85, 35.0, hu)
        for vx in (0.4, 0.5, 0.6):
            hu = np.where((x - vx * size) ** 2 + (y - 0.45 * size) ** 2 < 9, 350.0, hu)
        ds = Dataset()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.MediaStorageSOPClassUID = CTImageStorage
        ds.file_meta.MediaStorageSOPInstanceUID = generate_uid()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.SOPClassUID, ds.SOPInstanceUID = CTImageStorage, ds.file_meta.MediaStorageSOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID, ds.FrameOfReferenceUID = study, series, frame
        ds.PatientName, ds.PatientID, ds.Modality = "BENCH^MPR", "BENCH-1", "CT"
        ds.SeriesNumber, ds.InstanceNumber = 1, k + 1
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.ImagePositionPatient = [-120.0, -120.0, z]
        ds.PixelSpacing = [pixel_mm, pixel_mm]
        ds.SliceThickness = thickness
        ds.Rows = ds.Columns = size
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 16, 15, 1
        ds.RescaleIntercept, ds.RescaleSlope = 0, 1
        ds.PixelData = hu.astype(np.int16).tobytes()
        ds.save_as(folder / f"IM{k:04d}.dcm", enforce_file_format=True)


def _child(phase: str, folder: Path, **options: Any) -> dict[str, Any]:
    env = dict(os.environ)
    env.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    done = subprocess.run(
        [sys.executable, "-m", "bench.mpr", phase, str(folder), json.dumps(options)],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        raise RuntimeError(f"bench mpr phase {phase} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def _rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _peak_rss_bytes() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _stats(
    samples: tuple[list[float], list[float]], target: float | None = None
) -> dict[str, float]:
    wall, cpu = samples
    out = {
        "median": round(float(np.median(wall)), 2),
        "p90": round(float(np.percentile(wall, 90)), 2),
        "cpu_median": round(float(np.median(cpu)), 2),
        "n": len(wall),
    }
    if target is not None:
        out["target"] = target
    return out


def _timed(action: Any, count: int) -> tuple[list[float], list[float]]:
    """Wall and process-CPU (all threads) milliseconds of ``action(n)`` for n < count."""
    wall, cpu = [], []
    for n in range(count):
        t, c = time.perf_counter(), time.process_time()
        action(n)
        wall.append((time.perf_counter() - t) * 1000.0)
        cpu.append((time.process_time() - c) * 1000.0)
    return wall, cpu


def _viewer_phase(folder: Path, window: int, moves: int, window3d: int) -> dict[str, Any]:
    from viewer.dicom_folder import read_folder
    from viewer.model import ViewerState
    from viewer.mpr import MprViewer
    from viewer.render3d import VolumeView
    from viewer.volume import Volume

    # The idle application: views open (OpenGL contexts made), no case loaded yet.
    empty = Volume(np.zeros((2, 8, 8), dtype=np.int16), np.eye(4))
    state = ViewerState(window=(80.0, 40.0))
    mpr = MprViewer(empty, state, size=(window, window))
    view3d = VolumeView(empty, state, size=(window3d, window3d), auto_render=False)
    view3d.render()
    idle = _rss_bytes()

    t = time.perf_counter()
    scan = read_folder(folder)
    assembly = scan.series[0].assemble()
    volume = assembly.volumes[0]
    load_s = time.perf_counter() - t
    load_peak = _peak_rss_bytes()
    rng = np.random.default_rng(0)
    centre = volume.centre_lps()
    state.set_crosshair(centre)
    mpr.set_volume(volume)
    points = centre + rng.uniform(-30.0, 30.0, size=(moves, 3))
    crosshair = _timed(lambda n: state.set_crosshair(points[n]), moves)

    state.set_crosshair(centre)
    state.set_slab("mip", 20.0)
    scroll = _timed(lambda n: state.scroll("axial", 1.0 if (n // 5) % 2 == 0 else -1.0), moves)
    slab_cross = _timed(lambda n: state.set_crosshair(points[n]), moves)
    state.rotate("axial", 20.0)
    state.rotate("coronal", 10.0)
    slab_oblique = _timed(lambda n: state.set_crosshair(points[n]), max(3, moves // 5))
    mpr.set_interactive(True)
    slab_oblique_drag = _timed(lambda n: state.set_crosshair(points[n]), max(3, moves // 3))
    mpr.close()
    mpr_peak = _peak_rss_bytes()

    state.reset_rotation()
    state.set_slab("none", 0.0)
    state.set_window(600.0, 200.0, preset="angio")
    t = time.perf_counter()
    view3d.set_volume(volume)
    view3d.render()
    first3d = (time.perf_counter() - t) * 1000.0
    view3d.auto_render = True
    frames = _timed(lambda n: view3d.rotate(azimuth_deg=10.0), 5)
    view3d.set_interactive(True)  # a drag: the mapper may cast fewer rays
    rotating = _timed(lambda n: view3d.rotate(azimuth_deg=10.0), max(5, moves // 3))
    t = time.perf_counter()
    view3d.set_interactive(False)  # mouse up: one full-quality frame
    release_ms = (time.perf_counter() - t) * 1000.0
    view3d.set_mode("vr")  # volume rendering (composite), still then while turning
    vr_still = _timed(lambda n: view3d.rotate(azimuth_deg=10.0), 3)
    view3d.set_interactive(True)
    vr_rotating = _timed(lambda n: view3d.rotate(azimuth_deg=10.0), max(5, moves // 3))
    view3d.set_interactive(False)
    gl = view3d.window.ReportCapabilities() or ""
    renderer = next((ln.split(":", 1)[1].strip() for ln in gl.splitlines()
                     if "renderer string" in ln), "?")  # fmt: skip
    view3d.close()
    peak = _peak_rss_bytes()
    return {
        "crosshair_ms": _stats(crosshair, TARGETS["crosshair_ms"]),
        "slab_mip_ms": _stats(scroll, TARGETS["slab_mip_ms"]),
        "slab_mip_crosshair_ms": _stats(slab_cross),
        "slab_mip_oblique_ms": _stats(slab_oblique, TARGETS["slab_mip_oblique_ms"]),
        "slab_mip_oblique_drag_over_full": round(
            float(np.median(slab_oblique_drag[0])) / max(float(np.median(slab_oblique[0])), 1e-9), 3
        ),
        "slab_mip_oblique_drag_ms": _stats(slab_oblique_drag),
        "mip3d_ms": _stats(frames),
        "mip3d_still_ms": _stats(frames),
        "mip3d_rotating_ms": _stats(rotating, TARGETS["mip3d_rotating_ms"]),
        "mip3d_rotating_over_still": round(
            float(np.median(rotating[0])) / max(float(np.median(frames[0])), 1e-9), 3
        ),
        "mip3d_release_ms": round(release_ms, 1),
        "vr3d_still_ms": _stats(vr_still),
        "vr3d_rotating_ms": _stats(vr_rotating, TARGETS["mip3d_rotating_ms"]),
        "mip3d_first_ms": round(first3d, 1),
        "load_s": round(load_s, 3),
        "volume_mb": round(volume.array.nbytes / 2**20, 1),
        "peak_mem_ratio": round((peak - idle) / volume.array.nbytes, 3),
        "peak_mem_target": TARGETS["peak_mem_ratio"],
        "load_peak_mem_ratio": round((load_peak - idle) / volume.array.nbytes, 3),
        "mpr_peak_mem_ratio": round((mpr_peak - idle) / volume.array.nbytes, 3),
        "window_px": window,
        "gl_renderer": renderer,
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }


def _sitk_phase(folder: Path) -> dict[str, Any]:
    import SimpleITK as sitk

    t = time.perf_counter()
    reader = sitk.ImageSeriesReader()
    reader.SetFileNames(reader.GetGDCMSeriesFileNames(str(folder)))
    image = reader.Execute()
    seconds = time.perf_counter() - t
    return {"sitk_load_s": round(seconds, 3), "sitk_size": list(image.GetSize())}


if __name__ == "__main__":
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    _phase, _folder, _options = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    if _phase == "viewer":
        _out = _viewer_phase(_folder, **_options)
    elif _phase == "sitk":
        _out = _sitk_phase(_folder)
    else:
        raise SystemExit(f"unknown phase {_phase}")
    print(json.dumps(_out))
