"""Off-screen snapshot of one image of a series that is not a volume.

The logic behind ``strokelink snapshot`` when a series cannot be a volume
(irregular slice positions, single images, secondary captures): the image
nearest the requested LPS point (the middle one in display order when no
point is given or no image has geometry) is shown in its own plane, turned to
the nearest radiological view by flips only (:func:`viewer.image2d.screen_layout`),
with the MPR views' overlays: orientation letters from its own (0020,0037)
Image Orientation (Patient), patient banner, window, scale bar, and the
reason the series is not a volume.
"""

from __future__ import annotations

import os
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt
from pydicom.dataset import Dataset
from pydicom.pixels import apply_color_lut, pixel_array
from vtkmodules.util.numpy_support import numpy_to_vtk
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkCommonExecutionModel import vtkTrivialProducer
from vtkmodules.vtkRenderingCore import vtkRenderer

from viewer import captions
from viewer.assembly import NotAVolume, NotVolumePart
from viewer.frames import FrameHeader, banner_of
from viewer.image2d import (
    BY_NUMBER,
    BY_POSITION,
    OTHER_ORIENTATION,
    ImageKey,
    ScreenLayout,
    arrange,
    nearest_image,
    position_along,
    screen_layout,
)
from viewer.overlays import ViewOverlays
from viewer.planes import position_text
from viewer.presets import default_preset, resolve_window
from viewer.volume import Volume
from viewer.vtkbridge import ImageQuad, grab_rgb, offscreen_window, text_actor

if TYPE_CHECKING:
    from viewer.dicom_folder import Series

_MARGIN = 1.04
_NOTE_COLOUR = (1.0, 0.67, 0.0)


class NoImage(ValueError):
    """The path holds no image to show (the message says why)."""


@dataclass
class ImageChoice:
    """One image of a non-volume series, chosen for a snapshot."""

    dataset: Dataset  # the instance, with its pixel data
    frame: FrameHeader
    part: NotVolumePart
    index: int  # in ``part.frames`` (display order)

    @property
    def layout(self) -> ScreenLayout:
        return screen_layout(self.frame.orientation)

    def caption(self) -> str:
        """Which image, where, and in what order the series' images are."""
        count = len(self.part.frames)
        text = f"image {self.index + 1} / {count}"
        if self.frame.instance_number is not None:
            text += f" (instance {self.frame.instance_number})"
        if self.frame.frame is None and self.frame.number_of_frames > 1:
            text += " frame 1"  # a classic multi-frame instance: its first frame is shown
        place = position_along(self.frame)
        if place is not None:
            text += f"  {position_text(*place)}"
        if self.part.label:
            text += f"  {self.part.label}"
        if count == 1:
            return text
        keys = [ImageKey(f, frame=f.frame or 0) for f in self.part.frames]
        order = {
            BY_POSITION: "by position",
            OTHER_ORIENTATION: "after the main orientation, by position along its normal",
            BY_NUMBER: "by Instance Number",
        }[arrange(keys).how[self.index]]
        return f"{text}\nordered {order}"


def choose_image(
    path: str | os.PathLike[str],
    *,
    series_uid: str | None = None,
    at: tuple[float, float, float] | None = None,
) -> ImageChoice:
    """The image to show from a folder or file whose series are not volumes.

    Among the series (or series ``series_uid``), the group of images with the
    most images; within it, the image nearest ``at`` (LPS mm), else the
    middle one in display order. Raises :class:`NoImage`.
    """
    from viewer.dicom_folder import read_dicom, read_folder

    root = Path(path)
    scan = read_folder(root)
    candidates = [
        s for s in scan.series if series_uid is None or s.series_instance_uid == series_uid
    ]
    best: tuple[int, NotVolumePart, Series] | None = None
    for series in candidates:
        try:
            parts = series.plan().not_volumes
        except NotAVolume as refusal:
            parts = refusal.parts
        except Exception:  # unreadable headers: nothing to show from this series
            continue
        for part in parts:
            if best is None or part.images > best[0]:
                best = (part.images, part, series)
    if best is None:
        raise NoImage(f"no image to show under {root}")
    _, part, chosen = best
    index = None if at is None else nearest_image(part.frames, at)
    if index is None:
        index = len(part.frames) // 2
    frame = part.frames[index]
    dataset = read_dicom(chosen.paths[frame.dataset_index])
    return ImageChoice(dataset, frame, part, index)


def image_values(choice: ImageChoice) -> npt.NDArray[np.generic]:
    """Modality values ((0028,1052)/(0028,1053) applied, float32) or RGB uint8 of the image.

    A classic multi-frame instance without per-frame geometry shows its first frame;
    (0028,0004) PALETTE COLOR goes through its palette (pydicom ``apply_color_lut``).
    """
    frame = choice.frame
    index = frame.frame if frame.frame is not None or frame.number_of_frames <= 1 else 0
    pixels = pixel_array(choice.dataset, index=index)
    if frame.photometric.startswith("PALETTE"):
        rgb = apply_color_lut(pixels, choice.dataset)
        top = float(rgb.max()) if rgb.size else 0.0
        return np.asarray(rgb / 257.0 if top > 255 else rgb, dtype=np.uint8)
    if frame.samples_per_pixel > 1:
        return np.asarray(pixels, dtype=np.uint8)
    values = pixels.astype(np.float32)
    if frame.rescale is not None:
        slope, intercept = frame.rescale
        values = values * np.float32(slope) + np.float32(intercept)
    return values


def render_image_snapshot(
    choice: ImageChoice, *, preset: str | None = None, size: int = 512
) -> npt.NDArray[np.uint8]:
    """Render the chosen image off screen; ``(size, size, 3)`` uint8, top row first."""
    values = image_values(choice)
    layout = choice.layout
    shown = layout.show(values)
    if shown.ndim == 3:
        pixels, window_caption = np.ascontiguousarray(shown, dtype=np.uint8), "colour image"
    else:
        holder = _one_image_volume(choice, shown)
        name = preset or default_preset(holder)
        width, centre = resolve_window(name, holder)
        low = centre - width / 2.0
        scaled = (np.asarray(shown, dtype=np.float32) - np.float32(low)) * np.float32(
            255.0 / max(width, 1e-6)
        )
        pixels = np.clip(scaled, 0, 255).astype(np.uint8)
        window_caption = captions.window_text(width, centre, name)
    rows, columns = pixels.shape[:2]
    dx, dy = layout.pixel_size(choice.frame.pixel_spacing)
    flipped = np.ascontiguousarray(pixels[::-1])  # VTK's row 0 is at the bottom
    image = _vtk_image(flipped)
    producer = vtkTrivialProducer()
    producer.SetOutput(image)
    quad = ImageQuad(producer.GetOutputPort())
    quad.place((0.0, 0.0), (dx, dy), (columns, rows))

    window = offscreen_window((size, size))
    renderer = vtkRenderer()
    renderer.SetBackground(0.0, 0.0, 0.0)
    window.AddRenderer(renderer)
    renderer.AddViewProp(quad.actor)
    overlays = ViewOverlays(renderer)
    overlays.set_crosshair_visible(False)
    overlays.set_labels(layout.labels)
    overlays.set_banner(banner_of(choice.dataset), choice.part.label)
    overlays.position_text.SetInput(choice.caption())
    overlays.window_text.SetInput(window_caption)
    font = max(10, round(size / 40))
    note = text_actor(
        "\n".join(textwrap.wrap(f"not a volume: {choice.part.reason}", max(20, size // font * 2))),
        x=0.5, y=0.16, halign="centre", size=font, colour=_NOTE_COLOUR,
    )  # fmt: skip
    renderer.AddViewProp(note)
    width_mm, height_mm = (columns - 1) * dx + dx, (rows - 1) * dy + dy
    camera = renderer.GetActiveCamera()
    camera.ParallelProjectionOn()
    cx, cy = (columns - 1) * dx / 2.0, (rows - 1) * dy / 2.0
    camera.SetFocalPoint(cx, cy, 0.0)
    camera.SetPosition(cx, cy, 1000.0)
    camera.SetViewUp(0.0, 1.0, 0.0)
    scale = max(height_mm, width_mm) / 2.0 * _MARGIN
    camera.SetParallelScale(scale)
    camera.SetClippingRange(990.0, 1010.0)
    overlays.layout(size, size, 2.0 * scale / size)
    try:
        window.Render()
        return grab_rgb(window)
    finally:
        window.RemoveRenderer(renderer)
        window.Finalize()


def _one_image_volume(choice: ImageChoice, values: npt.NDArray[np.generic]) -> Volume:
    """The image as a one-slice volume, only for the window presets."""
    modality = str(choice.dataset.get("Modality", ""))
    return Volume(
        array=np.ascontiguousarray(values, dtype=np.float32)[None],
        affine=np.eye(4),
        modality=modality,
        kind=choice.part.kind,
        default_window=choice.frame.window,
    )


def _vtk_image(pixels: npt.NDArray[np.uint8]) -> vtkImageData:
    """A grey (H, W) or colour (H, W, 3) uint8 array (row 0 at the bottom) as a 2-D image."""
    rows, columns = pixels.shape[:2]
    components = 1 if pixels.ndim == 2 else pixels.shape[2]
    image = vtkImageData()
    image.SetDimensions(columns, rows, 1)
    scalars = numpy_to_vtk(pixels.reshape(-1, components), deep=True)
    image.GetPointData().SetScalars(scalars)
    return image
