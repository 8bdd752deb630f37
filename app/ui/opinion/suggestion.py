"""The analysis' marker on a prefilled opinion section, and its Confirm button.

A section the analysis prefilled (:func:`app.opinion.analysis.suggest_from_analysis`)
shows "Suggested by the analysis — confirm", what was measured and the analysis'
warnings (motion, truncated bolus…), until the radiologist confirms it with the
Confirm button or changes each suggested value (a changed value is the
radiologist's own). Sending is refused meanwhile
(:func:`app.opinion.model.missing_for_sending`). Once confirmed, the bar says
what the software measured and what the radiologist kept or changed.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.opinion import model as m
from app.ui.opinion import words as w


class SuggestionBar(QFrame):
    """The marker, the details and the Confirm button of one section (module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestion-bar")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.setSpacing(3)
        top = QHBoxLayout()
        self.marker = QLabel(self.tr("Suggested by the analysis — confirm"), self)
        self.marker.setObjectName("banner-warn")
        self.marker.setWordWrap(True)
        top.addWidget(self.marker, 1)
        self.confirm = QPushButton(self.tr("Confirm"), self)
        self.confirm.setObjectName("secondary")
        self.confirm.setToolTip(
            self.tr("Confirm the values the analysis suggested; a value you change is yours")
        )
        top.addWidget(self.confirm)
        column.addLayout(top)
        self.detail = QLabel(self)
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        column.addWidget(self.detail)
        self.warnings = QLabel(self)
        self.warnings.setObjectName("banner-warn")
        self.warnings.setWordWrap(True)
        column.addWidget(self.warnings)
        self.hide()

    @property
    def awaiting(self) -> bool:
        """True while the marker asks for confirmation."""
        return not self.marker.isHidden()

    def show_section(self, section: m.Perfusion | m.MrFindings | None, notes: list[str]) -> None:
        """Show where ``section``'s software values stand, and ``notes`` (what the last
        analysis kept as the radiologist gave it, or left out)."""
        measured = None if section is None else section.measured
        waiting = m.awaiting_confirmation(section)
        self.marker.setVisible(bool(waiting))
        self.confirm.setVisible(bool(waiting))
        lines: list[str] = []
        if section is not None and measured is not None:
            software = f"{measured.software} {measured.version}".strip()
            for value in measured.values:
                lines.append(w.measured_line(software, value, m.suggestion_status(section, value)))
        lines += notes
        self.detail.setText("\n".join(lines))
        self.detail.setVisible(bool(lines))
        warnings = [] if measured is None else measured.warnings
        self.warnings.setText(
            self.tr("Analysis warnings: %1").replace("%1", "; ".join(warnings)) if warnings else ""
        )
        self.warnings.setVisible(bool(warnings))
        self.setVisible(bool(lines) or bool(waiting))
