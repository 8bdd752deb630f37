"""The opinion panel's row of key images: a list of thumbnails of the captures."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QListWidget, QWidget

THUMB = 72

__all__ = ["THUMB", "key_image_list", "thumbnail"]


def thumbnail(rgb: np.ndarray) -> QPixmap:
    """A pixmap of an RGB capture, at most THUMB pixels wide or high."""
    pixels = np.ascontiguousarray(rgb, dtype=np.uint8)
    height, width = pixels.shape[:2]
    image = QImage(pixels.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()
    return QPixmap.fromImage(image).scaled(
        THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
    )


def key_image_list(parent: QWidget) -> QListWidget:
    """An empty one-row list of thumbnails, in the order the captures were made."""
    images = QListWidget(parent)
    images.setViewMode(QListWidget.ViewMode.IconMode)
    images.setIconSize(QSize(THUMB, THUMB))
    images.setFlow(QListWidget.Flow.LeftToRight)
    images.setWrapping(False)
    images.setFixedHeight(THUMB + 30)
    images.setMovement(QListWidget.Movement.Static)
    return images
