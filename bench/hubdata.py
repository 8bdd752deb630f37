"""Benchmark data: a large CT series per transfer syntax, in a minihub data folder.

Generating 500 slices of 512×512 and encoding them (JPEG-LS, JPEG 2000) takes
minutes on a small machine, so the files and the hub's data folder are kept
under ``/tmp/strokelink-bench/`` (or ``$STROKELINK_BENCH_DIR``), keyed by the
parameters, and reused by later runs. A ``complete`` marker file is written
last: a folder without it is regenerated.

:class:`HubProcess` runs ``python -m minihub.server`` in a child process, so
that the hub does not compete with the measured client for the GIL.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests
from pydicom.uid import ExplicitVRLittleEndian, JPEG2000Lossless, JPEGLSLossless

# Benchmark key → transfer syntax written on the hub (lossless: the pixels compare).
SYNTAXES: dict[str, str] = {
    "uncompressed": ExplicitVRLittleEndian,
    "jpegls": JPEGLSLossless,
    "j2k": JPEG2000Lossless,
}


def bench_root() -> Path:
    return Path(os.environ.get("STROKELINK_BENCH_DIR", "/tmp/strokelink-bench"))


@dataclass(frozen=True)
class BenchSeries:
    """One stored series: where its files are and its UIDs."""

    key: str
    transfer_syntax: str
    folder: Path
    study_uid: str
    series_uid: str
    files: int
    bytes: int


def write_series(key: str, *, slices: int, rows: int, columns: int) -> BenchSeries:
    """The CT series for ``key`` (written once, then reused); seed differs per key."""
    from minihub.synth import write_ct_series

    seed = list(SYNTAXES).index(key)
    folder = bench_root() / f"ct-{slices}x{rows}x{columns}-{key}-seed{seed}"
    marker = folder / "complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        write_ct_series(
            folder / "files",
            slices=slices,
            rows=rows,
            columns=columns,
            seed=seed,
            transfer_syntax=SYNTAXES[key],
        )
        marker.write_text("ok\n")
    return _describe(key, folder / "files")


def _describe(key: str, folder: Path) -> BenchSeries:
    import pydicom

    files = sorted(folder.glob("*.dcm"))
    first = pydicom.dcmread(files[0], stop_before_pixels=True)
    return BenchSeries(
        key=key,
        transfer_syntax=SYNTAXES[key],
        folder=folder,
        study_uid=str(first.StudyInstanceUID),
        series_uid=str(first.SeriesInstanceUID),
        files=len(files),
        bytes=sum(f.stat().st_size for f in files),
    )


def hub_data(series: list[BenchSeries], name: str) -> Path:
    """A minihub data folder holding ``series`` (stored once, then reused)."""
    from minihub.seed import store_file
    from minihub.storage import Archive

    folder = bench_root() / f"minihub-{name}"
    marker = folder / "complete"
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        archive = Archive(folder)
        try:
            for s in series:
                for path in sorted(s.folder.glob("*.dcm")):
                    store_file(archive, path)
        finally:
            archive.close()
        marker.write_text("ok\n")
    return folder


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[bytes]) -> None:
    """Terminate ``process``, killing it when it has not ended within 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class HubProcess:
    """``python -m minihub.server --data DIR`` on 127.0.0.1, in a child process."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}/dicom-web"
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> HubProcess:
        command = [sys.executable, "-m", "minihub.server", "--data", str(self.data_dir)]
        command += ["--host", "127.0.0.1", "--port", str(self.port)]
        self._process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError("minihub exited at start")
            try:
                requests.get(f"{self.base_url}/studies", timeout=1).raise_for_status()
                return self
            except requests.RequestException:
                time.sleep(0.1)
        self.__exit__(None, None, None)
        raise RuntimeError("minihub did not start within 30 s")

    def __exit__(self, *exc_info: object) -> None:
        if self._process is not None:
            stop(self._process)
            self._process = None
