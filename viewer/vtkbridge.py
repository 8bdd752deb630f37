"""Small bridges between numpy and VTK used by the views (no Qt).

Arrays are wrapped without copying where VTK allows it; the caller keeps the
numpy array alive for as long as VTK uses it (the views hold a reference).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import numpy.typing as npt
import vtkmodules.vtkInteractionStyle
import vtkmodules.vtkRenderingFreeType
import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (OpenGL render window factory)
from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkFloatArray, vtkPoints
from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkImageData, vtkPolyData
from vtkmodules.vtkCommonExecutionModel import vtkAlgorithmOutput
from vtkmodules.vtkCommonMath import vtkMatrix4x4
from vtkmodules.vtkIOImage import vtkPNGWriter
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkPolyDataMapper,
    vtkRenderWindow,
    vtkTextActor,
    vtkTexture,
    vtkWindowToImageFilter,
)


def image_from_array(
    array: npt.NDArray[np.generic],
    *,
    origin: tuple[float, float, float] = (0.0, 0.0, 0.0),
) -> vtkImageData:
    """Wrap a C-contiguous ``[k, j, i]`` array as vtkImageData, without copying.

    The image lives in **index space** (spacing 1, identity direction): the
    patient geometry, gantry-tilt shear included, is applied by the reslice
    axes, which a spacing + direction matrix could not express.
    """
    if array.ndim != 3:
        raise ValueError("expected a 3-D array")
    a = np.ascontiguousarray(array)
    if a is not array and not np.shares_memory(a, array):
        raise ValueError("array must be C-contiguous to be wrapped without a copy")
    k, j, i = a.shape
    image = vtkImageData()
    image.SetDimensions(i, j, k)
    image.SetOrigin(*origin)
    image.SetSpacing(1.0, 1.0, 1.0)
    scalars = numpy_to_vtk(a.reshape(-1), deep=False)
    scalars.SetName("values")
    image.GetPointData().SetScalars(scalars)
    return image


def rgba_image(
    rgba: npt.NDArray[np.uint8],
    origin: tuple[float, float, float],
    spacing: tuple[float, float, float],
) -> vtkImageData:
    """Wrap an ``(rows, columns, 4)`` uint8 array (row 0 at the bottom) as a 2-D RGBA image."""
    rows, cols, comps = rgba.shape
    image = vtkImageData()
    image.SetDimensions(cols, rows, 1)
    image.SetOrigin(*origin)
    image.SetSpacing(*spacing)
    scalars = numpy_to_vtk(rgba.reshape(-1, comps), deep=False)
    image.GetPointData().SetScalars(scalars)
    return image


class ImageQuad:
    """A 2-D single-component uint8 image drawn as one unlit textured rectangle.

    Shows the pixels as a ``vtkImageActor`` with an identity window (0..255)
    does: pixel (i, j) centred at ``origin + (i, j) × spacing`` in world x/y
    at z = 0, the rectangle running from the first pixel centre to the last
    (no half-pixel border). Its plain texture fragment shader costs about two
    thirds of the image actor's lit one per screen pixel on a software
    rasteriser (Mesa llvmpipe).
    """

    def __init__(self, image: vtkAlgorithmOutput) -> None:
        self.texture = vtkTexture()
        self.texture.SetInputConnection(image)
        self.texture.RepeatOff()
        self.texture.EdgeClampOn()
        self.texture.InterpolateOn()
        self.texture.SetColorModeToDirectScalars()  # upload the grey bytes as they are
        self._points = vtkPoints()
        self._points.SetNumberOfPoints(4)
        self._coords = vtkFloatArray()
        self._coords.SetNumberOfComponents(2)
        self._coords.SetNumberOfTuples(4)
        quad = vtkCellArray()
        quad.InsertNextCell(4, [0, 1, 2, 3])
        polydata = vtkPolyData()
        polydata.SetPoints(self._points)
        polydata.SetPolys(quad)
        polydata.GetPointData().SetTCoords(self._coords)
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(polydata)
        mapper.ScalarVisibilityOff()
        self.actor = vtkActor()
        self.actor.SetMapper(mapper)
        self.actor.SetTexture(self.texture)
        self.actor.GetProperty().LightingOff()
        self.actor.ForceOpaqueOn()
        self._placed: tuple[float, ...] = ()

    def place(
        self, origin: tuple[float, float], spacing: tuple[float, float], size: tuple[int, int]
    ) -> None:
        """Show (columns, rows) ``size`` pixels of ``spacing`` mm, the first one at ``origin``."""
        placed = (*origin, *spacing, *size)
        if placed == self._placed:
            return
        self._placed = placed
        (x0, y0), (sx, sy), (nx, ny) = origin, spacing, size
        x1, y1 = x0 + (nx - 1) * sx, y0 + (ny - 1) * sy
        # Texel centres sit at (i + 0.5) / n in texture coordinates.
        u0, u1, v0, v1 = 0.5 / nx, 1.0 - 0.5 / nx, 0.5 / ny, 1.0 - 0.5 / ny
        corners = ((x0, y0, u0, v0), (x1, y0, u1, v0), (x1, y1, u1, v1), (x0, y1, u0, v1))
        for n, (x, y, u, v) in enumerate(corners):
            self._points.SetPoint(n, x, y, 0.0)
            self._coords.SetTuple2(n, u, v)
        self._points.Modified()
        self._coords.Modified()

    def set_smooth(self, smooth: bool) -> None:
        """Linear (True) or nearest-pixel (False) sampling of the texture."""
        if bool(self.texture.GetInterpolate()) != smooth:
            self.texture.SetInterpolate(smooth)


def matrix4(m: npt.ArrayLike) -> vtkMatrix4x4:
    """numpy 4×4 → vtkMatrix4x4."""
    a = np.asarray(m, dtype=np.float64)
    out = vtkMatrix4x4()
    out.DeepCopy(a.reshape(-1).tolist())
    return out


def set_matrix(target: vtkMatrix4x4, m: npt.ArrayLike) -> None:
    """Copy a numpy 4×4 into an existing vtkMatrix4x4 (keeps pipeline links)."""
    target.DeepCopy(np.asarray(m, dtype=np.float64).reshape(-1).tolist())


def offscreen_window(size: tuple[int, int]) -> vtkRenderWindow:
    """An off-screen render window (EGL when ``VTK_DEFAULT_OPENGL_WINDOW`` says so)."""
    window = vtkRenderWindow()
    window.SetOffScreenRendering(True)
    window.SetSize(int(size[0]), int(size[1]))
    window.SetMultiSamples(0)
    return window


def grab_rgb(window: vtkRenderWindow) -> npt.NDArray[np.uint8]:
    """The window's current image as ``(height, width, 3)`` uint8, top row first."""
    grab = vtkWindowToImageFilter()
    grab.SetInput(window)
    grab.SetInputBufferTypeToRGB()
    grab.ReadFrontBufferOff()
    grab.ShouldRerenderOff()
    grab.Update()
    out = grab.GetOutput()
    w, h, _ = out.GetDimensions()
    pixels = vtk_to_numpy(out.GetPointData().GetScalars()).reshape(h, w, -1)
    return np.ascontiguousarray(pixels[::-1, :, :3])


def write_png(rgb: npt.NDArray[np.uint8], path: str | Path) -> None:
    """Write a ``(height, width, 3)`` uint8 image (top row first) as PNG."""
    h, w, _ = rgb.shape
    flipped = np.ascontiguousarray(rgb[::-1])
    image = vtkImageData()
    image.SetDimensions(w, h, 1)
    image.GetPointData().SetScalars(numpy_to_vtk(flipped.reshape(-1, 3), deep=True))
    writer = vtkPNGWriter()
    writer.SetFileName(str(path))
    writer.SetInputData(image)
    writer.Write()
    if writer.GetErrorCode():
        raise OSError(f"could not write PNG {path}")


def text_actor(
    text: str,
    *,
    x: float,
    y: float,
    halign: str = "left",
    valign: str = "bottom",
    size: int = 14,
    colour: tuple[float, float, float] = (1.0, 1.0, 1.0),
    bold: bool = False,
) -> vtkTextActor:
    """A 2-D text at (x, y) in normalised viewport coordinates (0..1, origin bottom-left)."""
    actor = vtkTextActor()
    actor.SetInput(text)
    coord = actor.GetPositionCoordinate()
    coord.SetCoordinateSystemToNormalizedViewport()
    coord.SetValue(x, y)
    prop = actor.GetTextProperty()
    prop.SetFontSize(size)
    prop.SetColor(*colour)
    prop.SetBold(bold)
    prop.ShadowOn()
    getattr(
        prop,
        {"left": "SetJustificationToLeft", "right": "SetJustificationToRight"}.get(
            halign, "SetJustificationToCentered"
        ),
    )()
    getattr(
        prop,
        {"bottom": "SetVerticalJustificationToBottom", "top": "SetVerticalJustificationToTop"}.get(
            valign, "SetVerticalJustificationToCentered"
        ),
    )()
    return actor
