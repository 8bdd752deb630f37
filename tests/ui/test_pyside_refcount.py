"""Guard against the PySide6 6.12.0 bug that drops a reference to ``None`` on every
call returning nothing: a long-running window would abort ("deallocating None")."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_keep_the_reference_count_of_none(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    # Allow a little noise from other threads; the bug loses exactly one per call.
    assert abs(sys.getrefcount(None) - before) < 100
