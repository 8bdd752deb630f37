"""8-bit pixels (numpy) to a ``QImage``: the one conversion of the series browser's
thumbnails, the 2-D viewer and the ED's previews."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtGui import QImage


def to_qimage(pixels: npt.NDArray[np.generic]) -> QImage:
    """A deep-copied ``QImage`` (it owns its memory) of 8-bit grey (H×W) or RGB (H×W×3) pixels."""
    data = np.ascontiguousarray(pixels, dtype=np.uint8)
    height, width = data.shape[:2]
    if data.ndim == 3:
        image = QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888)
    else:
        image = QImage(data.data, width, height, width, QImage.Format.Format_Grayscale8)
    return image.copy()
