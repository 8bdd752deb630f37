"""Small previews of DICOM images for the ED: series thumbnails and key images.

:func:`preview_pixels` (no Qt, runs in a worker) turns one image into 8-bit
pixels: the modality LUT of pydicom (``apply_modality_lut``: (0028,1052)
Rescale Intercept, (0028,1053) Rescale Slope), then the image's own window —
(0028,1050) Window Center / (0028,1051) Window Width — or the 1st–99th
percentiles when it has none; (0028,0004) MONOCHROME1 is inverted, RGB kept.
(:func:`app.ui.qimage.to_qimage`) makes the ``QImage`` on the GUI thread. Previews only: the
diagnostic display is the viewer's.
"""

from __future__ import annotations

import io
import os
from typing import Any

import numpy as np
import pydicom
from pydicom.dataset import Dataset
from pydicom.pixels import apply_modality_lut
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap

from app.ui.qimage import to_qimage

#: Largest side of the pixels kept (previews are shown at 64–240 px).
MAX_SIDE = 256


def read_image(source: str | os.PathLike[str] | bytes) -> Dataset:
    """A DICOM image from a path or from the bytes of a WADO-RS instance."""
    if isinstance(source, bytes):
        return pydicom.dcmread(io.BytesIO(source))
    return pydicom.dcmread(source)


def _first(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, list | tuple | pydicom.multival.MultiValue):
        value = value[0] if len(value) else None
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _shrink(pixels: np.ndarray) -> np.ndarray:
    step = max(1, -(-max(pixels.shape[:2]) // MAX_SIDE))
    return np.ascontiguousarray(pixels[::step, ::step])


def preview_pixels(ds: Dataset) -> np.ndarray:
    """8-bit pixels of the image (the middle frame of a multi-frame one): H×W or H×W×3."""
    pixels = ds.pixel_array
    frames = int(ds.get("NumberOfFrames", 1) or 1)
    samples = int(ds.get("SamplesPerPixel", 1) or 1)
    if frames > 1:
        pixels = pixels[frames // 2]
    if samples == 3:
        if pixels.dtype != np.uint8:
            top = float(pixels.max()) or 1.0
            pixels = (pixels.astype(np.float32) * (255.0 / top)).astype(np.uint8)
        return _shrink(pixels)
    values = _shrink(np.asarray(apply_modality_lut(pixels, ds))).astype(np.float32)
    centre, width = _first(ds.get("WindowCenter")), _first(ds.get("WindowWidth"))
    if centre is None or width is None or width <= 0:
        low, high = np.percentile(values, (1, 99)) if values.size else (0.0, 1.0)
    else:
        low, high = centre - width / 2, centre + width / 2
    span = float(high - low) or 1.0
    out = np.clip((values - low) * (255.0 / span), 0, 255).astype(np.uint8)
    if str(ds.get("PhotometricInterpretation", "")) == "MONOCHROME1":
        out = 255 - out
    return np.ascontiguousarray(out)


def to_pixmap(pixels: np.ndarray, side: int) -> QPixmap:
    """A pixmap fitting in ``side``×``side`` (aspect kept, smooth)."""
    image = to_qimage(pixels).scaled(
        side,
        side,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return QPixmap.fromImage(image)
