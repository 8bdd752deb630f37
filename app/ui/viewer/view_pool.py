"""VTK view widgets made once and reused from case to case (issue 15: open fast).

Creating a :class:`QVTKRenderWindowInteractor`, its X window and its OpenGL context,
then compiling the shaders on its first render, costs a few hundred milliseconds per
view on a CPU renderer. The application keeps the widgets of closed views in a
:class:`ViewPool` (parked, hidden, under one never-shown holder widget) and hands
them to the next case's views once :func:`enable` was called (by the main window, which
makes a few at start-up); otherwise views are made and finalised as before.

A widget given back is cleared first: every renderer (hence every image, overlay and
corner text of the previous case) leaves its render window, its observers are removed
and it is drawn once empty (black), so that no pixel of the previous patient can
show in the next one before its own image is drawn.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from vtkmodules.qt.QVTKRenderWindowInteractor import QVTKRenderWindowInteractor
from vtkmodules.vtkRenderingCore import vtkRenderer

from app.ui.viewer.vtk_host import finalize, is_finalized, new_vtk_widget

#: How many widgets are kept at most (three MPR views and a 3-D view, for two panes).
MAX_KEPT = 8


class ViewPool:
    """Free VTK widgets, initialised, parked under a hidden holder."""

    def __init__(self, max_kept: int = MAX_KEPT) -> None:
        self.max_kept = max_kept
        self._holder: QWidget | None = None
        self._free: list[QVTKRenderWindowInteractor] = []
        self.made = 0  # widgets created (tests, benchmarks)
        self.reused = 0  # widgets handed out again

    def __len__(self) -> int:
        return len(self._free)

    def _park(self) -> QWidget:
        if self._holder is None:
            self._holder = QWidget()
            self._holder.setObjectName("view-pool")
            self._holder.resize(256, 256)
        return self._holder

    def prepare(self, count: int) -> None:
        """Make ``count`` widgets ahead (at start-up): window, context, interactor."""
        while len(self._free) < min(count, self.max_kept):
            widget = new_vtk_widget(self._park())
            widget.hide()
            widget.Initialize()
            self.made += 1
            self._free.append(widget)

    def take(self, parent: QWidget | None) -> QVTKRenderWindowInteractor:
        """A widget for a new view under ``parent``: a parked one, else a new one."""
        while self._free:
            widget = self._free.pop()
            if is_finalized(widget):
                continue
            widget.setParent(parent)
            self.reused += 1
            return widget
        self.made += 1
        return new_vtk_widget(parent)

    def give_back(self, widget: QVTKRenderWindowInteractor) -> bool:
        """Clear the widget of its view and park it; False when it cannot be kept
        (finalised, or the pool is full): the caller finalises it as before."""
        if is_finalized(widget) or len(self._free) >= self.max_kept:
            return False
        clear(widget)
        widget.hide()
        widget.setParent(self._park())
        self._free.append(widget)
        return True

    def close(self) -> None:
        """Release every parked widget (application exit)."""
        for widget in self._free:
            finalize(widget)
        self._free.clear()
        if self._holder is not None:
            self._holder.deleteLater()
            self._holder = None


def clear(widget: QVTKRenderWindowInteractor) -> None:
    """No renderer, no observer left on the widget's render window; drawn once, black."""
    window = widget.GetRenderWindow()
    renderers = window.GetRenderers()
    for renderer in [renderers.GetItemAsObject(i) for i in range(renderers.GetNumberOfItems())]:
        window.RemoveRenderer(renderer)
    window.RemoveAllObservers()
    if not window.GetNeverRendered():
        black = vtkRenderer()
        black.SetBackground(0.0, 0.0, 0.0)
        window.AddRenderer(black)
        window.Render()  # the frame buffer holds nothing of the previous case any more
        window.RemoveRenderer(black)


_POOL: list[ViewPool] = []


def enabled() -> ViewPool | None:
    """The application's pool, or None when views are not reused (the default: tests,
    the stand-alone viewer)."""
    return _POOL[0] if _POOL else None


def enable(count: int = 3) -> ViewPool:
    """Reuse views from now on (the radiologist's main window); make ``count`` widgets."""
    if not _POOL:
        _POOL.append(ViewPool())
        app = QCoreApplication.instance()
        if app is not None:  # quitting without the main window's close (tray, session end)
            app.aboutToQuit.connect(disable)
    _POOL[0].prepare(count)
    return _POOL[0]


def disable() -> None:
    """Stop reusing views and release the parked ones (the main window closed)."""
    if _POOL:
        _POOL.pop().close()


def take(parent: QWidget) -> QVTKRenderWindowInteractor:
    """A widget for a new view: from the pool when enabled, else a new one."""
    found = enabled()
    return found.take(parent) if found is not None else new_vtk_widget(parent)


def give_back(widget: QVTKRenderWindowInteractor) -> None:
    """A closed view's widget: cleared and parked when the pool is enabled (and has room),
    else finalised."""
    found = enabled()
    if found is None or not found.give_back(widget):
        finalize(widget)
