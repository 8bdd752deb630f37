"""The identity check on screen: the differences, and the override dialog (safety invariant 3).

Values are shown on screen only, never logged: a
:class:`~app.opinion.identity.Mismatch` names the field, the request's value
and the images' value. The override the dialog asks for covers exactly the
differences it lists; images with other values stop sending again.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.opinion.identity import Mismatch
from app.ui.opinion import words as w


def legacy_override_text() -> str:
    """Said when the draft's override, saved by an earlier version for whole fields, was
    dropped (:data:`app.opinion.schema.LEGACY_OVERRIDE_NOTE`)."""
    return w.translate(
        "OpinionPanel",
        "The identity override saved with this draft by an earlier version covered whole "
        "fields, not the differing values; it no longer applies. Check the patient and "
        "confirm again.",
    )


def field_name(field: str) -> str:
    return {
        "patient_id": w.translate("OpinionPanel", "Patient ID"),
        "issuer_of_patient_id": w.translate("OpinionPanel", "Issuer of Patient ID"),
        "birth_date": w.translate("OpinionPanel", "Birth date"),
        "sex": w.translate("OpinionPanel", "Sex"),
        "name": w.translate("OpinionPanel", "Name"),
    }.get(field, field)


def mismatch_text(x: Mismatch) -> str:
    """One difference, for the screen only (it shows both values)."""
    empty = w.translate("OpinionPanel", "(empty)")
    return (
        w.translate("OpinionPanel", "%1: request %2, images %3")
        .replace("%1", field_name(x.field))
        .replace("%2", x.request_value or empty)
        .replace("%3", x.image_value or empty)
    )


class IdentityOverrideDialog(QDialog):
    """The differences, and a reason the radiologist must type to send anyway.

    ``legacy``: the draft's override of an earlier version was dropped; the
    dialog says so first.
    """

    def __init__(
        self, mismatches: list[Mismatch], parent: QWidget | None = None, *, legacy: bool = False
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Override the identity check"))
        column = QVBoxLayout(self)
        self.legacy_note = QLabel(legacy_override_text(), self)
        self.legacy_note.setObjectName("banner-warn")
        self.legacy_note.setWordWrap(True)
        self.legacy_note.setVisible(legacy)
        column.addWidget(self.legacy_note)
        lines = "\n".join(f"• {mismatch_text(x)}" for x in mismatches)
        self.text = text = QLabel(
            self.tr("The patient of the request and of the images differ:\n%1\n\nSend anyway "
                    "only if you are sure it is the same patient. The override covers exactly "
                    "these values: images with any other value stop the opinion again. Your "
                    "reason is recorded with the opinion and the override is audited.")
            .replace("%1", lines), self
        )  # fmt: skip
        text.setWordWrap(True)
        column.addWidget(text)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setPlaceholderText(self.tr("Reason (required)"))
        column.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(False)
        self.reason.textChanged.connect(
            lambda: ok.setEnabled(bool(self.reason.toPlainText().strip()))
        )
