"""DICOM networking (DIMSE, PS3.7/PS3.8) shared by the receiver and the PACS client.

What the emergency side accepts over C-STORE — the storage SOP classes of
stroke imaging (CT, MR, enhanced and legacy-converted variants, secondary
captures) in the common transfer syntaxes — and how a received instance is
written: ``ROOT/<Study Instance UID>/<Series Instance UID>/<SOP Instance
UID>.dcm``, exactly the bytes received (with a File Meta Information header),
atomically. UIDs become folder names only after checking they are UIDs (no
``/`` nor ``..`` can come from the network into a path).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Any

from pydicom import uid
from pynetdicom.presentation import PresentationContext, build_context

from protocol.uids import is_uid

#: Storage SOP classes of stroke imaging (PS3.4 Table B.5-1).
STORAGE_SOP_CLASSES = (
    uid.CTImageStorage,
    uid.EnhancedCTImageStorage,
    uid.LegacyConvertedEnhancedCTImageStorage,
    uid.MRImageStorage,
    uid.EnhancedMRImageStorage,
    uid.EnhancedMRColorImageStorage,
    uid.LegacyConvertedEnhancedMRImageStorage,
    uid.SecondaryCaptureImageStorage,
    uid.MultiFrameGrayscaleByteSecondaryCaptureImageStorage,
    uid.MultiFrameGrayscaleWordSecondaryCaptureImageStorage,
    uid.MultiFrameTrueColorSecondaryCaptureImageStorage,
)
#: Uncompressed, lossless and lossy compressed syntaxes (PS3.5 Section 10, Annex A).
TRANSFER_SYNTAXES = (
    uid.ExplicitVRLittleEndian,
    uid.ImplicitVRLittleEndian,
    uid.DeflatedExplicitVRLittleEndian,
    uid.ExplicitVRBigEndian,
    uid.JPEGLosslessSV1,
    uid.JPEGLossless,
    uid.JPEGLSLossless,
    uid.JPEGLSNearLossless,
    uid.JPEG2000Lossless,
    uid.JPEG2000,
    uid.JPEGBaseline8Bit,
    uid.JPEGExtended12Bit,
    uid.RLELossless,
)
#: (PS3.4 A.4) Verification SOP Class, for C-ECHO.
VERIFICATION = "1.2.840.10008.1.1"
#: C-STORE statuses (PS3.4 Annex B.2.3).
SUCCESS = 0x0000
CANNOT_UNDERSTAND = 0xC000
OUT_OF_RESOURCES = 0xA700


def storage_contexts() -> list[PresentationContext]:
    """One presentation context per storage SOP class, all transfer syntaxes."""
    return [build_context(sop, list(TRANSFER_SYNTAXES)) for sop in STORAGE_SOP_CLASSES]


def instance_path(root: Path, study: str, series: str, sop: str) -> Path:
    """Where an instance goes under ``root``; ValueError if a UID is not one."""
    for value, what in ((study, "Study"), (series, "Series"), (sop, "SOP Instance")):
        if not is_uid(value):
            raise ValueError(f"the instance has no valid {what} Instance UID")
    return root / study / series / f"{sop}.dcm"


def write_received(event: Any, root: Path) -> tuple[str, str, str, Path]:
    """Write the instance of a pynetdicom C-STORE event; returns (study, series, sop, path).

    ValueError when the dataset cannot be read or its UIDs are missing or invalid.
    """
    try:
        dataset = event.dataset
        study = str(dataset.get("StudyInstanceUID", "") or "")
        series = str(dataset.get("SeriesInstanceUID", "") or "")
        sop = str(event.request.AffectedSOPInstanceUID or dataset.get("SOPInstanceUID", ""))
        data = event.encoded_dataset(include_meta=True)
    except ValueError:
        raise
    except Exception as exc:  # a malformed dataset can fail in many ways while decoding
        raise ValueError(f"the dataset cannot be read ({type(exc).__name__})") from exc
    target = instance_path(root, study, series, sop)
    write_atomically(target, data)
    return study, series, sop, target


def write_atomically(target: Path, data: bytes) -> None:
    """A reader sees the whole file or none of it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
