"""What "open case" shows until the case viewer exists: the request's details.

TEMPORARY: :meth:`app.ui.main.MainWindow.open_case` opens this non-modal
dialog; the viewer's work replaces that method's body with the case view.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from app.ui.worklist_view import format_duration, person_name
from app.worklist import Request


class RequestDetails(QDialog):
    """The request's identity, clinical fields and state, read-only."""

    def __init__(self, request: Request, now: dt.datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request = request
        self.setWindowTitle(self.tr("Request details (temporary view)"))
        form = QFormLayout(self)
        patient = person_name(request.patient_name)
        ident = request.patient_id + (
            f" ({request.issuer_of_patient_id})" if request.issuer_of_patient_id else ""
        )
        lkw = (
            format_duration((now - request.last_known_well).total_seconds())
            if request.last_known_well
            else "—"
        )
        rows = [
            (self.tr("Patient"), patient),
            (self.tr("Patient ID"), ident),
            (self.tr("Birth date / sex"), f"{request.birth_date} / {request.sex}"),
            (self.tr("Requesting site"), request.requesting_site),
            (self.tr("Requesting physician"), person_name(request.requesting_physician)),
            (self.tr("Question"), request.question),
            (self.tr("Since last known well"), lkw),
            (self.tr("NIHSS"), "" if request.nihss is None else f"{request.nihss:g}"),
            (self.tr("Images"), " ".join(request.extras.get("modalities", ()))),
            (self.tr("Studies"), "\n".join(request.study_uids)),
            (self.tr("State"), request.state),
            (self.tr("Workitem"), request.workitem_uid),
        ]
        for label, value in rows:
            text = QLabel(value or "—")
            text.setWordWrap(True)
            form.addRow(label, text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        form.addRow(buttons)
