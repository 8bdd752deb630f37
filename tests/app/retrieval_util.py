"""Small synthetic series and a misbehaving DICOMweb server for retrieval tests.

:func:`ct_series` writes a few slices with known pixels (any transfer syntax
pydicom can encode here). :class:`FaultyHub` is a real HTTP server on
127.0.0.1 that serves WADO-RS metadata, single instances and whole series
from such datasets, and misbehaves on request: truncated or corrupt
instances, a non-DICOM part, a malformed multipart body, error statuses,
a refused transcoding — like pynetdicom's ``parrot.py``, routed by path.
"""

from __future__ import annotations

import io
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import numpy as np
from pydicom.dataset import Dataset, FileMetaDataset
from pydicom.uid import CTImageStorage, ExplicitVRLittleEndian, MRImageStorage, generate_uid

PATIENT_NAME = "SECRET^PATIENTNAME"


def ct_series(
    *,
    study_uid: str | None = None,
    series_uid: str | None = None,
    slices: int = 20,
    size: int = 64,
    syntax: str = ExplicitVRLittleEndian,
    number: int = 2,
    description: str = "HEAD NCCT",
    contrast: bool = False,
    thickness: float = 5.0,
    modality: str = "CT",
    seed: int = 0,
) -> list[Dataset]:
    """``slices`` axial images of ``size``² with random HU, in ``syntax``."""
    rng = np.random.default_rng(seed)
    study_uid = study_uid or generate_uid()
    series_uid = series_uid or generate_uid()
    frame_of_reference = generate_uid()
    out = []
    for k in range(slices):
        ds = Dataset()
        ds.file_meta = FileMetaDataset()
        ds.file_meta.TransferSyntaxUID = ExplicitVRLittleEndian
        ds.SOPClassUID = CTImageStorage if modality == "CT" else MRImageStorage
        ds.SOPInstanceUID = generate_uid()
        ds.file_meta.MediaStorageSOPClassUID = ds.SOPClassUID
        ds.file_meta.MediaStorageSOPInstanceUID = ds.SOPInstanceUID
        ds.StudyInstanceUID, ds.SeriesInstanceUID = study_uid, series_uid
        ds.FrameOfReferenceUID = frame_of_reference
        ds.PatientName, ds.PatientID = PATIENT_NAME, "SECRET-ID-42"
        ds.Modality, ds.SeriesNumber, ds.InstanceNumber = modality, number, k + 1
        ds.SeriesDescription = description
        ds.ImageType = ["ORIGINAL", "PRIMARY", "AXIAL"]
        if contrast:
            ds.ContrastBolusAgent = "IODINE"
        ds.SliceThickness = thickness
        ds.ImageOrientationPatient = [1, 0, 0, 0, 1, 0]
        ds.ImagePositionPatient = [-100.0, -100.0, 10.0 + k * thickness]
        ds.PixelSpacing = [0.5, 0.5]
        ds.Rows = ds.Columns = size
        ds.SamplesPerPixel, ds.PhotometricInterpretation = 1, "MONOCHROME2"
        ds.BitsAllocated, ds.BitsStored, ds.HighBit, ds.PixelRepresentation = 16, 12, 11, 0
        ds.RescaleIntercept, ds.RescaleSlope = -1024, 1
        ds.WindowCenter, ds.WindowWidth = 40, 80
        stored = rng.integers(0, 4096, size=(size, size), dtype=np.uint16)
        ds.PixelData = stored.tobytes()
        if syntax != ExplicitVRLittleEndian:
            ds.compress(syntax, encoding_plugin="")
        out.append(ds)
    return out


def part10(ds: Dataset) -> bytes:
    buffer = io.BytesIO()
    ds.save_as(buffer, enforce_file_format=True)
    return buffer.getvalue()


def hu_volume(datasets: list[Dataset]) -> np.ndarray:
    """The expected int16 volume: slices by position, HU (stored − 1024)."""
    ordered = sorted(datasets, key=lambda d: float(d.ImagePositionPatient[2]))
    return np.stack([d.pixel_array.astype(np.int32) - 1024 for d in ordered]).astype(np.int16)


def metadata_json(ds: Dataset) -> dict:
    """WADO-RS metadata of one instance: its header, pixel data as a bulk data URI."""
    header = Dataset()
    header.update({e.tag: e for e in ds if e.tag != 0x7FE00010})
    item = header.to_json_dict()
    item["7FE00010"] = {"vr": "OW", "BulkDataURI": f"http://127.0.0.1/bulk/{ds.SOPInstanceUID}"}
    return item


# -- a misbehaving hub --------------------------------------------------------------------

Fault = Callable[[bytes], bytes]


def truncate(data: bytes) -> bytes:
    """Cut the pixel data short (the file still parses)."""
    return data[: len(data) - len(data) // 3]


def corrupt(data: bytes) -> bytes:
    """Keep the preamble and meta header, scramble the rest."""
    rng = np.random.default_rng(1)
    return data[:200] + rng.integers(0, 256, len(data) - 200, dtype=np.uint8).tobytes()


@dataclass
class FaultyHub:
    """WADO-RS over real HTTP on 127.0.0.1 for ``datasets``, with faults.

    ``faults[sop]`` is a list of byte transformations, one per time the
    instance is sent (then sent intact): ``[truncate]`` fails once,
    ``[corrupt, corrupt]`` twice. ``not_dicom_after`` puts a text part after
    that many parts of a streamed series; ``malformed_after`` ends the stream
    with garbage instead of a delimiter after that many parts. ``status``
    answers every request of a path matching a regex with that status;
    ``delay_s`` delays every answer; ``refuse_transcoding`` answers 406 to a
    named transfer syntax; ``metadata_fault`` rewrites the metadata sent.
    Every request's path is in ``paths``.
    """

    datasets: list[Dataset]
    faults: dict[str, list[Fault]] = field(default_factory=dict)
    not_dicom_after: int | None = None
    malformed_after: int | None = None
    status: dict[str, int] = field(default_factory=dict)
    delay_s: float = 0.0
    refuse_transcoding: bool = True
    metadata_fault: Callable[[list[dict]], list[dict]] | None = None
    paths: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.by_sop = {str(d.SOPInstanceUID): d for d in self.datasets}
        self.lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                return

            def do_GET(self) -> None:
                owner.handle(self)

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                return  # a client that gave up (timeout tests): nothing to report

        self.server = Server(("127.0.0.1", 0), Handler)
        self.base_url = f"http://127.0.0.1:{self.server.server_address[1]}/dicom-web"
        self.thread = threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True)

    def __enter__(self) -> FaultyHub:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _send(self, data: bytes) -> bytes:
        ds = self.by_sop.get(self._sop_of(data), None)
        if ds is None:
            return data
        with self.lock:
            pending = self.faults.get(str(ds.SOPInstanceUID))
            fault = pending.pop(0) if pending else None
        return fault(data) if fault else data

    @staticmethod
    def _sop_of(data: bytes) -> str:
        import pydicom

        return str(pydicom.dcmread(io.BytesIO(data), stop_before_pixels=True).SOPInstanceUID)

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        path = urlsplit(request.path).path
        with self.lock:
            self.paths.append(path)
        if self.delay_s:
            time.sleep(self.delay_s)
        for pattern, code in self.status.items():
            if re.search(pattern, path):
                return self._reply(request, code, b'{"error": "scripted"}', "application/json")
        accept = request.headers.get("Accept", "")
        syntax = re.search(r"transfer-syntax=([0-9.*]+)", accept)
        if syntax and syntax.group(1) != "*" and self.refuse_transcoding:
            return self._reply(request, 406, b"", "text/plain")
        rest = path.split("/dicom-web", 1)[1]
        match = re.fullmatch(r"/studies/([0-9.]+)/series(?:/([0-9.]+))?(/.*)?", rest)
        if match is None:
            return self._reply(request, 404, b"", "text/plain")
        series_uid, tail = match.group(2), match.group(3) or ""
        if series_uid is None:
            return self._json(request, self._series_list())
        members = [d for d in self.datasets if str(d.SeriesInstanceUID) == series_uid]
        if not members:
            return self._reply(request, 404, b"", "text/plain")
        if tail == "/metadata":
            metadata = [metadata_json(d) for d in members]
            if self.metadata_fault is not None:
                metadata = self.metadata_fault(metadata)
            return self._json(request, metadata)
        instance = re.fullmatch(r"/instances/([0-9.]+)", tail)
        if instance:
            ds = self.by_sop.get(instance.group(1))
            if ds is None:
                return self._reply(request, 404, b"", "text/plain")
            return self._multipart(request, [self._send(part10(ds))])
        return self._multipart(request, [self._send(part10(d)) for d in members])

    def _series_list(self) -> list[dict]:
        seen: dict[str, dict] = {}
        for d in self.datasets:
            item = Dataset()
            item.SeriesInstanceUID, item.Modality = d.SeriesInstanceUID, d.Modality
            item.SeriesNumber = d.SeriesNumber
            seen.setdefault(str(d.SeriesInstanceUID), item.to_json_dict())
        return list(seen.values())

    def _json(self, request: BaseHTTPRequestHandler, value: object) -> None:
        import json

        self._reply(request, 200, json.dumps(value).encode(), "application/dicom+json")

    def _multipart(self, request: BaseHTTPRequestHandler, bodies: list[bytes]) -> None:
        boundary = "faulty-boundary"
        chunks = []
        for index, body in enumerate(bodies):
            if self.malformed_after is not None and index == self.malformed_after:
                chunks.append(b"garbage without any delimiter")
                break
            if self.not_dicom_after is not None and index == self.not_dicom_after:
                chunks.append(
                    f"--{boundary}\r\nContent-Type: text/plain\r\n\r\n".encode()
                    + b"not an image\r\n"
                )
            chunks.append(
                f"--{boundary}\r\nContent-Type: application/dicom\r\n\r\n".encode() + body + b"\r\n"
            )
        else:
            chunks.append(f"--{boundary}--\r\n".encode())
        ctype = f'multipart/related; type="application/dicom"; boundary={boundary}'
        self._reply(request, 200, b"".join(chunks), ctype)

    @staticmethod
    def _reply(request: BaseHTTPRequestHandler, code: int, body: bytes, ctype: str) -> None:
        request.send_response(code)
        request.send_header("Content-Type", ctype)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        request.wfile.write(body)
