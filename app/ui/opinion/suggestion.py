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

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.opinion import model as m
from app.ui.opinion import words as w

if TYPE_CHECKING:
    from viewer.analysis.study import StudyAnalysis


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

    def show_section(
        self,
        section: m.Perfusion | m.MrFindings | None,
        notes: list[str],
        study_warnings: list[str] | None = None,
    ) -> None:
        """Show where ``section``'s software values stand, and ``notes`` (what the last
        analysis kept as the radiologist gave it, or left out). The warnings shown are
        ``study_warnings`` (the last analysis' warnings of this section and of the study,
        in the user's language) when given, else the section's recorded ones (English,
        as they are sent)."""
        measured = None if section is None else section.measured
        waiting = m.awaiting_confirmation(section)
        self.marker.setVisible(bool(waiting))
        self.confirm.setVisible(bool(waiting))
        lines: list[str] = []
        if section is not None and measured is not None:
            software = f"{measured.software} {measured.version}".strip()
            for value in measured.values:
                removed = getattr(section, value.field) in (None, m.Finding.NOT_ASSESSED)
                status = m.suggestion_status(section, value)
                lines.append(w.measured_line(software, value, status, removed))
        lines += notes
        self.detail.setText("\n".join(lines))
        self.detail.setVisible(bool(lines))
        warnings = (
            study_warnings
            if study_warnings is not None
            else ([] if measured is None else measured.warnings)
        )
        self.warnings.setText(
            self.tr("Analysis warnings: %1").replace("%1", "; ".join(warnings)) if warnings else ""
        )
        self.warnings.setVisible(bool(warnings))
        self.setVisible(bool(lines) or bool(waiting) or bool(warnings))


#: Study-level analysis warnings (their :class:`viewer.notes.Note` code) that concern one
#: section only; any other study-level warning concerns both.
MR_STUDY_WARNINGS = frozenset(
    {
        "analysis_no_dwi",
        "analysis_no_flair",
        "analysis_dwi_without_adc",
        "analysis_incomplete_flair",
    }
)
PERFUSION_STUDY_WARNINGS = frozenset({"analysis_single_phase", "analysis_point_unused"})


def _study_section(warning: str) -> str | None:
    """ "perfusion", "mr", or None (both) for a study-level warning."""
    code = getattr(warning, "code", "")
    if code in MR_STUDY_WARNINGS:
        return "mr"
    if code in PERFUSION_STUDY_WARNINGS:
        return "perfusion"
    if code == "analysis_several":
        kind = getattr(warning, "params", {}).get("kind", "")
        return "perfusion" if kind == "CT perfusion" else "mr"
    return None


def section_warnings(result: StudyAnalysis, worded: Callable[[str], str]) -> dict[str, list[str]]:
    """The warnings of an analysis (a :class:`viewer.analysis.study.StudyAnalysis`, whose
    warnings are :class:`viewer.notes.Note`) by the opinion section they belong to
    ("perfusion", "mr"), each put in words by ``worded`` (the user's language:
    :func:`app.ui.viewer.words.warning_text`): the perfusion's own to perfusion, the ADC's
    and DWI–FLAIR's to MR, a study-level one to its section or, when it concerns the
    whole study, to both. For :meth:`app.ui.opinion.panel.OpinionPanel.offer_analysis`."""
    out: dict[str, list[str]] = {
        "perfusion": [] if result.perfusion is None else list(result.perfusion.warnings),
        "mr": [
            *([] if result.adc is None else result.adc.warnings),
            *([] if result.dwi_flair is None else result.dwi_flair.warnings),
        ],
    }
    for warning in result.warnings:
        section = _study_section(warning)
        for name in ("perfusion", "mr"):
            if section in (None, name):
                out[name].append(warning)
    return {name: list(dict.fromkeys(worded(w) for w in ws)) for name, ws in out.items()}
