"""Qt widgets that host VTK render windows (composition, STYLE.md point 5).

A :class:`QVTKRenderWindowInteractor` only gives its native window to a VTK
render window; the viewer objects of :mod:`viewer` draw into that window and
the Qt layer drives the :class:`~viewer.model.ViewerState` from Qt events.
VTK's own interactor style is switched off so that VTK never reacts to the
mouse on its own.

The render window is created explicitly: on X11 (the ``xcb`` platform, also
under Xvfb) it is a ``vtkXOpenGLRenderWindow`` whatever
``VTK_DEFAULT_OPENGL_WINDOW`` says (the off-screen tests set it to EGL for the
whole process). Qt's ``offscreen`` platform cannot host VTK windows.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QPointF
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
from vtkmodules.vtkRenderingCore import vtkRenderWindow

from viewer.vtkbridge import grab_rgb

#: Attribute set on a hosted widget once its render window was finalised.
FINALIZED = "_strokelink_finalized"


class NoVtkPlatform(RuntimeError):
    """Qt runs on a platform that cannot host VTK windows (e.g. ``offscreen``)."""


def new_render_window() -> vtkRenderWindow:
    """An on-screen render window suited to Qt's platform plugin."""
    platform = QGuiApplication.platformName()
    if platform in ("offscreen", "minimal"):
        raise NoVtkPlatform(
            f"Qt platform {platform!r} cannot show VTK views; run on a display "
            "(QT_QPA_PLATFORM=xcb, e.g. under xvfb-run)"
        )
    if platform == "xcb":
        from vtkmodules.vtkRenderingOpenGL2 import vtkXOpenGLRenderWindow

        window: vtkRenderWindow = vtkXOpenGLRenderWindow()
    else:
        import vtkmodules.vtkRenderingOpenGL2  # noqa: F401  (the platform's factory)

        window = vtkRenderWindow()
    window.SetMultiSamples(0)
    return window


def new_vtk_widget(parent: QWidget | None = None) -> QVTKRenderWindowInteractor:
    """A Qt widget hosting a fresh render window; VTK's interactor style is off."""
    widget = QVTKRenderWindowInteractor(parent, rw=new_render_window())
    widget.SetInteractorStyle(None)
    setattr(widget, FINALIZED, False)
    return widget


def finalize(widget: QVTKRenderWindowInteractor) -> None:
    """Release the widget's OpenGL context and X window (when its view closes)."""
    if getattr(widget, FINALIZED, False):
        return
    setattr(widget, FINALIZED, True)
    widget.GetRenderWindow().RemoveAllObservers()
    widget.Finalize()


def is_finalized(widget: QVTKRenderWindowInteractor) -> bool:
    return bool(getattr(widget, FINALIZED, False))


def vtk_display_point(widget: QWidget, pos: QPointF) -> tuple[float, float]:
    """Qt widget coordinates (logical pixels, origin top-left) → VTK display pixels
    (physical pixels, origin bottom-left)."""
    ratio = widget.devicePixelRatioF()
    return (pos.x() * ratio, (widget.height() - pos.y() - 1.0) * ratio)


def capture_window(window: vtkRenderWindow) -> npt.NDArray[np.uint8]:
    """Render ``window`` and read it back: ``(height, width, 3)`` uint8, top row first.

    Reads the OpenGL back buffer through ``vtkWindowToImageFilter``
    (``QWidget.grab()`` is black over VTK views).
    """
    window.Render()
    return grab_rgb(window)
