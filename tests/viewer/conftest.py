"""Viewer tests render off screen: EGL (Mesa llvmpipe) needs no X server.

The variable must be set before VTK is first imported, hence at conftest import.
"""

from __future__ import annotations

import os

os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")


import pytest


@pytest.fixture(autouse=True)
def english_captions():  # type: ignore[no-untyped-def]
    """Captions in English (a viewer window opened in French by a UI test of the same
    run hands its words to :mod:`viewer.captions`)."""
    from viewer import captions

    before = captions.words()
    captions.set_words(captions.Words())
    yield
    captions.set_words(before)
