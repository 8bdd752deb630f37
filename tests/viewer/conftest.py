"""Viewer tests render off screen: EGL (Mesa llvmpipe) needs no X server.

The variable must be set before VTK is first imported, hence at conftest import.
"""

from __future__ import annotations

import os

os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
