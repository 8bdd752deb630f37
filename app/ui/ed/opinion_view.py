"""One received opinion, verdict first (issue #5 "The ED receives it").

What the ED must act on comes first, in big type: haemorrhage, occlusion,
IV thrombolysis, thrombectomy (:func:`app.opinion.wording.verdicts`, coloured
by tone), then the conclusion and the detailed findings. Whether it is a
preliminary, final or amended opinion is marked at the top, and so is an
opinion replaced by a later one. The patient's identity is shown on the
view (safety invariant 3). Key images, the PDF and the acknowledgement are
actions of the tab that hosts this view (signals).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.ed.site_requests import ReceivedOpinion, RequestState, SiteRequest
from app.opinion import model as m
from app.opinion.render import patient_of
from app.opinion.wording import Tone, date, moment, person
from app.ui.ed.pixels import to_pixmap
from app.ui.ed.rows import stretch_row
from app.ui.opinion.verdict_words import screen_details, screen_verdicts
from app.ui.plain_text import selectable_label as _label

TONE_COLOURS = {Tone.ALERT: "#b71c1c", Tone.CLEAR: "#1b5e20", Tone.OPEN: "#5f6368"}
BADGES = {
    "preliminary": "background:#ffe0b2; color:#e65100;",
    "final": "background:#c8e6c9; color:#1b5e20;",
    "amended": "background:#e1bee7; color:#4a148c;",
}
KEY_IMAGE_SIDE = 220
ACK_STYLE = (
    "QPushButton { font-weight:bold; padding:0 14px; background:#2e7d32; color:white; "
    "border-radius:4px; } QPushButton:disabled { background:#c8e6c9; color:#1b5e20; }"
)


class OpinionView(QWidget):
    """Shows the opinions of one :class:`SiteRequest` (the current one by default)."""

    acknowledge_clicked = Signal(object)  # ReceivedOpinion
    open_pdf_clicked = Signal(object)  # ReceivedOpinion
    key_images_wanted = Signal(object)  # ReceivedOpinion

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.request: SiteRequest | None = None
        self.opinion: ReceivedOpinion | None = None
        self._signature: Any = None
        self.key_image_labels: dict[str, QLabel] = {}
        self.choice = QComboBox(self)
        self.choice.activated.connect(self._on_choice)
        self.area = QScrollArea(self)
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.ack_button = QPushButton(self.tr("Acknowledge: I have read this opinion"), self)
        self.ack_button.setToolTip(self.tr("Ctrl+K"))
        self.ack_button.setShortcut("Ctrl+K")
        self.ack_button.setMinimumHeight(34)
        self.ack_button.setStyleSheet(ACK_STYLE)
        self.ack_button.clicked.connect(self._acknowledge)
        self.pdf_button = QPushButton(self.tr("Open the PDF"), self)
        self.pdf_button.clicked.connect(self._open_pdf)
        buttons = stretch_row(self.choice, self.pdf_button, self.ack_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.area, 1)
        self.show_request(None)

    # -- choosing what to show ----------------------------------------------------------------

    def show_request(self, request: SiteRequest | None, *, force: bool = False) -> None:
        """Show ``request``'s current opinion (kept as chosen when the same request refreshes)."""
        previous = self.opinion.document.sop_instance_uid if self.opinion else ""
        same_request = (
            self.request is not None
            and request is not None
            and (self.request.study_uid, self.request.workitem, self.request.unmatched)
            == (request.study_uid, request.workitem, request.unmatched)
        )
        self.request = request
        opinions = list(request.opinions) if request is not None else []
        chosen = request.latest if request is not None else None
        if same_request and previous:
            chosen = next((o for o in opinions if o.document.sop_instance_uid == previous), chosen)
        self.choice.blockSignals(True)
        self.choice.clear()
        for opinion in opinions:
            self.choice.addItem(self._choice_text(opinion), opinion.document.sop_instance_uid)
        if chosen is not None:
            self.choice.setCurrentIndex(self.choice.findData(chosen.document.sop_instance_uid))
        self.choice.blockSignals(False)
        self.choice.setVisible(len(opinions) > 1)
        self._show(chosen, force=force)

    def _on_choice(self, index: int) -> None:
        if self.request is None:
            return
        uid = self.choice.itemData(index)
        chosen = next(
            (o for o in self.request.opinions if o.document.sop_instance_uid == uid), None
        )
        self._show(chosen)

    def _kind(self, opinion: ReceivedOpinion) -> tuple[str, str]:
        if opinion.is_amendment:
            return "amended", self.tr("AMENDED OPINION")
        if opinion.kind is m.ReportKind.PRELIMINARY:
            return "preliminary", self.tr("PRELIMINARY OPINION")
        return "final", self.tr("FINAL OPINION")

    def _choice_text(self, opinion: ReceivedOpinion) -> str:
        when = opinion.signed_at.astimezone().strftime("%H:%M") if opinion.signed_at else "—"
        text = f"{self._kind(opinion)[1].capitalize()} — {when}"
        if not opinion.is_current:
            text += " " + self.tr("(replaced)")
        return text

    # -- showing ------------------------------------------------------------------------------

    def _show(self, opinion: ReceivedOpinion | None, *, force: bool = False) -> None:
        signature = (
            None
            if opinion is None
            else (
                opinion.document.sop_instance_uid,
                opinion.superseded_by,
                len(opinion.acknowledgements),
            )
        )
        if signature == self._signature and not force and opinion is not None:
            return
        self._signature = signature
        self.opinion = opinion
        self.key_image_labels = {}
        self.ack_button.setVisible(opinion is not None)
        self.pdf_button.setVisible(opinion is not None)
        self.ack_button.setEnabled(opinion is not None and not opinion.acknowledged)
        self.ack_button.setText(
            self.tr("✓ Acknowledged")
            if opinion is not None and opinion.acknowledged
            else self.tr("Acknowledge: I have read this opinion")
        )
        self.pdf_button.setEnabled(opinion is not None and opinion.pdf is not None)
        content = QWidget()
        column = QVBoxLayout(content)
        if opinion is None:
            column.addWidget(_label(self._nothing_text(), "color:#5f6368; font-size:12pt;"))
            column.addStretch(1)
            self.area.setWidget(content)
            return
        self._header(column, opinion)
        self._verdicts(column, opinion)
        self._details(column, opinion)
        self._key_images(column, opinion)
        self._acknowledgements(column, opinion)
        column.addStretch(1)
        self.area.setWidget(content)
        if opinion.key_images:
            self.key_images_wanted.emit(opinion)

    def _nothing_text(self) -> str:
        if self.request is None:
            return self.tr("Select a request to see its answer.")
        if self.request.state is RequestState.INTERRUPTED:
            return self.tr(
                "The upload of the images was interrupted: the radiologist does not have "
                "them all. Resume it."
            )
        return self.tr("No opinion yet for this request.")

    def _header(self, column: QVBoxLayout, opinion: ReceivedOpinion) -> None:
        kind, title = self._kind(opinion)
        badge = _label(title, BADGES[kind] + "font-size:15pt; font-weight:bold; padding:6px 10px;")
        column.addWidget(badge)
        signed = moment(opinion.signed_at) if opinion.signed_at else "—"
        column.addWidget(
            _label(
                self.tr("By %1, signed %2")
                .replace("%1", person(opinion.radiologist) or "—")
                .replace("%2", signed),
                "color:#37474f;",
            )
        )
        if opinion.is_amendment:
            column.addWidget(
                _label(
                    self.tr("Amended: %1").replace("%1", opinion.opinion.amendment_reason),
                    "color:#4a148c; font-weight:bold;",
                )
            )
        if self.request is not None and self.request.unmatched:
            warning = _label(
                self.tr(
                    "This opinion does not say which request it answers, and the study has "
                    "several: phone the radiologist before acting on it."
                ),
                "background:#ffe0b2; color:#5f2b00; padding:4px; font-weight:bold;",
            )
            warning.setObjectName("unmatched-warning")
            column.addWidget(warning)
        if not opinion.is_current:
            column.addWidget(
                _label(
                    self.tr("A later opinion replaces this one: read the latest."),
                    "background:#ffcdd2; color:#5f0000; padding:4px; font-weight:bold;",
                )
            )
        if opinion.sr is not None:
            p = patient_of(opinion.sr)
            issuer = f" ({p.issuer_of_patient_id})" if p.issuer_of_patient_id else ""
            text = (
                self.tr("Patient: %1 — ID %2 — born %3 — sex %4")
                .replace("%1", person(p.name) or "—")
                .replace("%2", (p.patient_id or "—") + issuer)
                .replace("%3", date(p.birth_date) or "—")
                .replace("%4", p.sex or "—")
            )
            column.addWidget(_label(text, "font-weight:bold; padding:2px 0 8px 0;"))

    def _verdicts(self, column: QVBoxLayout, opinion: ReceivedOpinion) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        labels = {
            "Haemorrhage": self.tr("Haemorrhage"),
            "Vessel occlusion": self.tr("Vessel occlusion"),
            "IV thrombolysis": self.tr("IV thrombolysis"),
            "Thrombectomy": self.tr("Thrombectomy"),
        }
        for row, verdict in enumerate(screen_verdicts(opinion.opinion)):
            name = _label(
                labels.get(verdict.label, verdict.label), "color:#5f6368; font-size:11pt;"
            )
            text = _label(
                verdict.text,
                f"color:{TONE_COLOURS[verdict.tone]}; font-size:18pt; font-weight:bold;",
            )
            text.setObjectName(f"verdict-{row}")
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(text, row, 1)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        conclusion = opinion.opinion.conclusion.strip()
        if conclusion:
            column.addWidget(_label(conclusion, "font-size:13pt; font-weight:bold; padding:8px 0;"))

    def _details(self, column: QVBoxLayout, opinion: ReceivedOpinion) -> None:
        form = QFormLayout()
        for name, text in screen_details(opinion.opinion):
            form.addRow(_label(name, "color:#5f6368;"), _label(text))
        column.addLayout(form)

    def _key_images(self, column: QVBoxLayout, opinion: ReceivedOpinion) -> None:
        if not opinion.key_images:
            return
        column.addWidget(_label(self.tr("Key images"), "font-weight:bold; padding-top:8px;"))
        row = QHBoxLayout()
        captions = [k.caption for k in opinion.opinion.key_images]
        for index, ref in enumerate(opinion.key_images):
            box = QVBoxLayout()
            image = QLabel(self.tr("Loading…"))
            image.setFixedSize(KEY_IMAGE_SIDE, KEY_IMAGE_SIDE)
            image.setAlignment(Qt.AlignmentFlag.AlignCenter)
            image.setStyleSheet("background:#000; color:#ccc;")
            self.key_image_labels[ref.sop_instance_uid] = image
            box.addWidget(image)
            if index < len(captions) and captions[index]:
                box.addWidget(_label(captions[index], "color:#37474f;"))
            row.addLayout(box)
        row.addStretch(1)
        column.addLayout(row)

    def _acknowledgements(self, column: QVBoxLayout, opinion: ReceivedOpinion) -> None:
        if not opinion.acknowledgements:
            column.addWidget(
                _label(self.tr("Not acknowledged yet."), "color:#e65100; font-weight:bold;")
            )
            return
        for ack in opinion.acknowledgements:
            text = (
                self.tr("Read by %1 (%2) at %3")
                .replace("%1", person(ack.by))
                .replace("%2", ack.site or "—")
                .replace("%3", moment(ack.at))
            )
            column.addWidget(_label("✓ " + text, "color:#1b5e20; font-weight:bold;"))

    def set_key_image(self, sop_instance_uid: str, pixels: np.ndarray | None) -> None:
        """Show a key image once loaded (None: it could not be read)."""
        label = self.key_image_labels.get(sop_instance_uid)
        if label is None:
            return
        if pixels is None:
            label.setText(self.tr("Image not available"))
        else:
            label.setPixmap(to_pixmap(pixels, KEY_IMAGE_SIDE))

    def verdict_texts(self) -> list[str]:
        """The verdict lines shown, top to bottom (what tests and screen readers check)."""
        widget = self.area.widget()
        found = []
        for row in range(4):
            label = widget.findChild(QLabel, f"verdict-{row}") if widget else None
            if label is not None:
                found.append(label.text())
        return found

    def _acknowledge(self) -> None:
        if self.opinion is not None:
            self.acknowledge_clicked.emit(self.opinion)

    def _open_pdf(self) -> None:
        if self.opinion is not None and self.opinion.pdf is not None:
            self.open_pdf_clicked.emit(self.opinion)
