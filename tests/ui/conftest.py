"""Qt tests run on a real X display (Xvfb) with the xcb platform."""

from __future__ import annotations

import os

import pytest

from tests.conftest import require_display


@pytest.fixture(autouse=True)
def _x_display() -> None:
    require_display()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
