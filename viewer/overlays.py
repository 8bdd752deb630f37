"""What is drawn over an MPR image: letters, banner, texts, scale bar, crosshair.

:class:`ViewOverlays` owns the VTK actors and puts them in a renderer; the
:class:`~viewer.slice_view.SliceView` tells it what to show. Texts come from
:mod:`viewer.captions` and :mod:`viewer.planes` (pure functions).
"""

from __future__ import annotations

import numpy as np
from vtkmodules.vtkCommonCore import vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
from vtkmodules.vtkFiltersSources import vtkLineSource
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkActor2D,
    vtkPolyDataMapper,
    vtkPolyDataMapper2D,
    vtkRenderer,
    vtkTextActor,
)

from viewer import captions
from viewer.text_fit import TextFit
from viewer.volume import PatientBanner
from viewer.vtkbridge import text_actor

LABEL_COLOUR = (1.0, 0.85, 0.2)


def font_size(width_px: int, height_px: int) -> int:
    """The corner texts' font for a view: by its height, and its width in a narrow view."""
    return int(np.clip(round(min(height_px / 34.0, width_px / 30.0)), 9, 22))


class ViewOverlays:
    """Orientation letters, banner, position / window texts, scale bar, crosshair, "not loaded"."""

    def __init__(self, renderer: vtkRenderer) -> None:
        self.renderer = renderer
        self.labels: dict[str, vtkTextActor] = {
            "left": text_actor("", x=0.01, y=0.5, halign="left", valign="centre", bold=True),
            "right": text_actor("", x=0.99, y=0.5, halign="right", valign="centre", bold=True),
            "top": text_actor("", x=0.5, y=0.99, halign="centre", valign="top", bold=True),
            "bottom": text_actor("", x=0.5, y=0.01, halign="centre", valign="bottom", bold=True),
        }
        for actor in self.labels.values():
            actor.GetTextProperty().SetColor(*LABEL_COLOUR)
        self.patient_text = text_actor("", x=0.01, y=0.99, valign="top")
        self.study_text = text_actor("", x=0.99, y=0.99, halign="right", valign="top")
        self.position_text = text_actor("", x=0.01, y=0.01)
        self.window_text = text_actor("", x=0.99, y=0.01, halign="right")
        self.not_loaded_text = text_actor(
            captions.words().not_loaded, x=0.5, y=0.5, halign="centre", valign="centre", bold=True,
            colour=(1.0, 0.67, 0.0),
        )  # fmt: skip
        self.not_loaded_text.GetPositionCoordinate().SetCoordinateSystemToWorld()
        self.not_loaded_text.GetTextProperty().SetBackgroundColor(0.0, 0.0, 0.0)
        self.not_loaded_text.GetTextProperty().SetBackgroundOpacity(0.85)
        self.not_loaded_text.VisibilityOff()
        self.scale_text = text_actor("", x=0.5, y=0.1, halign="centre", valign="bottom")
        self._scale_points = vtkPoints()
        self._scale_points.SetNumberOfPoints(4)
        bar = vtkPolyData()
        bar.SetPoints(self._scale_points)
        lines = vtkCellArray()
        lines.InsertNextCell(4, [0, 1, 2, 3])
        bar.SetLines(lines)
        bar_mapper = vtkPolyDataMapper2D()
        bar_mapper.SetInputData(bar)
        self.scale_bar = vtkActor2D()
        self.scale_bar.SetMapper(bar_mapper)
        self.scale_bar.GetProperty().SetColor(1.0, 1.0, 1.0)
        self.scale_bar.GetProperty().SetLineWidth(2.0)
        self._scale_polydata = bar

        self.crosshair_lines = {"horizontal": vtkLineSource(), "vertical": vtkLineSource()}
        self.crosshair_actors: dict[str, vtkActor] = {}
        for key, source in self.crosshair_lines.items():
            mapper = vtkPolyDataMapper()
            mapper.SetInputConnection(source.GetOutputPort())
            line = vtkActor()
            line.SetMapper(mapper)
            line.SetPosition(0.0, 0.0, 0.2)
            line.GetProperty().SetLineWidth(1.0)
            line.GetProperty().LightingOff()
            self.crosshair_actors[key] = line
            renderer.AddViewProp(line)
        overlay: vtkActor2D
        for overlay in (
            *self.labels.values(), self.patient_text, self.study_text, self.position_text,
            self.window_text, self.not_loaded_text, self.scale_text, self.scale_bar,
        ):  # fmt: skip
            renderer.AddViewProp(overlay)
        self._font_for_size: tuple[int, int] = (-1, -1)
        # the patient's identity is never cut; the least important text is shortened first
        self.fitter = TextFit(
            kept=[self.patient_text],
            shortened=[self.position_text, self.window_text, self.study_text],
            labels=self.labels,
        )

    def set_labels(self, labels: dict[str, str]) -> None:
        """Orientation letters per edge (left, right, top, bottom)."""
        for edge, actor in self.labels.items():
            actor.SetInput(labels[edge])

    def set_banner(self, banner: PatientBanner, label: str = "") -> None:
        """Patient identity top-left, study top-right (with the sub-volume's label)."""
        self.patient_text.SetInput("\n".join(captions.patient_lines(banner)))
        self.study_text.SetInput("\n".join([*captions.study_lines(banner), label]).strip())

    def set_crosshair(
        self,
        centre: tuple[float, float],
        x_range: tuple[float, float],
        y_range: tuple[float, float],
        colours: tuple[tuple[float, float, float], tuple[float, float, float]],
    ) -> None:
        """Lines through ``centre`` (view mm) across the image; colours (horizontal, vertical)."""
        xc, yc = centre
        self.crosshair_lines["horizontal"].SetPoint1(x_range[0], yc, 0.0)
        self.crosshair_lines["horizontal"].SetPoint2(x_range[1], yc, 0.0)
        self.crosshair_lines["vertical"].SetPoint1(xc, y_range[0], 0.0)
        self.crosshair_lines["vertical"].SetPoint2(xc, y_range[1], 0.0)
        self.crosshair_actors["horizontal"].GetProperty().SetColor(*colours[0])
        self.crosshair_actors["vertical"].GetProperty().SetColor(*colours[1])

    def set_crosshair_visible(self, visible: bool) -> None:
        for actor in self.crosshair_actors.values():
            actor.SetVisibility(visible)

    def show_not_loaded(self, where: tuple[float, float] | None) -> None:
        """Put the "not loaded" text at view point ``where`` (mm), or hide it."""
        if where is None:
            self.not_loaded_text.VisibilityOff()
            return
        self.not_loaded_text.SetInput(captions.words().not_loaded)
        self.not_loaded_text.GetPositionCoordinate().SetValue(where[0], where[1], 0.3)
        self.not_loaded_text.VisibilityOn()

    def layout(self, width_px: int, height_px: int, mm_per_px: float) -> None:
        """Before each render: font sizes for the viewport (corner texts fitted so that
        none overlaps another or a label: :mod:`viewer.text_fit`), scale bar for the zoom."""
        size = font_size(width_px, height_px)
        if (width_px, height_px) != self._font_for_size:
            self._font_for_size = (width_px, height_px)
            self.scale_text.GetTextProperty().SetFontSize(size)
            self.not_loaded_text.GetTextProperty().SetFontSize(int(size * 1.3))
        self.fitter.fit(self.renderer, size, int(size * 1.3))
        length_mm = captions.scale_bar_mm(mm_per_px, width_px / 4.0)
        length_px = length_mm / mm_per_px
        x0 = width_px / 2.0 - length_px / 2.0
        y0 = 0.08 * height_px
        tick = max(3.0, 0.012 * height_px)
        corners = ((x0, y0 + tick), (x0, y0), (x0 + length_px, y0), (x0 + length_px, y0 + tick))
        for n, (x, y) in enumerate(corners):
            self._scale_points.SetPoint(n, x, y, 0.0)
        self._scale_points.Modified()
        self.scale_text.GetPositionCoordinate().SetValue(0.5, (y0 + tick) / height_px + 0.005)
        self.scale_text.SetInput(f"{length_mm:g} mm")
