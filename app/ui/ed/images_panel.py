"""The request's images and the patient's identity, for the physician to check.

Images come from a folder, a USB stick or a CD (a DICOMDIR), chosen with a
file dialog or dropped on the window, or from the hospital PACS (the window
opens :class:`~app.ui.ed.pacs_source.PacsSource` on :attr:`ImagesPanel.pacs_wanted`
and loads the folder it retrieved into); :func:`load_images` scans them off the
GUI thread with :func:`app.ed.request.select_images` (one patient, one study,
urgent series first) and renders a thumbnail of each series' middle image.
Refusals (no images, several patients, several studies) are shown in the
panel; the identities of mixed patients appear on screen only.

The identity panel shows (0010,0010) Patient's Name, (0010,0020) Patient ID
with (0010,0021) Issuer, (0010,0030) Birth Date and (0010,0040) Sex of the
images, with the "I confirm this is the patient" box the physician must tick
before sending. Without images, the identity is typed by hand instead.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ed.request.images import (
    ImageError,
    MixedPatients,
    RequestImages,
    SeveralStudies,
    select_images,
)
from app.opinion import model as m
from app.opinion.wording import date, person
from app.ui.ed.draft import RequestDraft
from app.ui.ed.field_words import problem_text
from app.ui.ed.pixels import preview_pixels, read_image, to_pixmap
from app.ui.opinion.words import value_word
from app.ui.workers import Worker

THUMBNAIL = 72
ERROR_STYLE = "color:#b71c1c; font-weight:bold;"
NOTE_STYLE = "color:#5f6368;"
IDENTITY_TO_CONFIRM = (
    "QGroupBox#patient { border: 2px solid #f9a825; border-radius: 4px; background:#fffde7; "
    "margin-top: 1.2em; padding-top: 4px; } QGroupBox#patient::title { subcontrol-origin: "
    "margin; left: 8px; padding: 0 4px; }"
)
IDENTITY_CONFIRMED = IDENTITY_TO_CONFIRM.replace("#f9a825", "#2e7d32").replace("#fffde7", "#f1f8e9")


@dataclass(frozen=True)
class LoadedImages:
    source: str
    images: RequestImages  # every series, localisers included
    previews: dict[str, np.ndarray]


def load_images(source: str, study_uid: str | None = None) -> LoadedImages:
    """Scan ``source`` (folder, DICOMDIR) and render previews; raises ImageError. No Qt."""
    images = select_images(source, include_localizers=True, study_uid=study_uid)
    previews: dict[str, np.ndarray] = {}
    for series in images.series:
        try:
            previews[series.series_uid] = preview_pixels(read_image(series.preview_path))
        except Exception:  # a preview is a convenience: the series is still listed
            continue
    return LoadedImages(source, images, previews)


def age_on(birth_date: str, today: dt.date) -> str:
    try:
        born = dt.datetime.strptime(birth_date, "%Y%m%d").date()
    except ValueError:
        return ""
    return str(today.year - born.year - ((today.month, today.day) < (born.month, born.day)))


class ImagesPanel(QWidget):
    """Source buttons, series list with thumbnails, identity: a view of a :class:`RequestDraft`."""

    loaded = Signal()  # after each load, done or refused
    pacs_wanted = Signal()  # "From the hospital PACS…" clicked

    def __init__(
        self,
        draft: RequestDraft,
        worker: Worker,
        today: Callable[[], dt.date],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.draft = draft
        self.worker = worker
        self.today = today
        self.loading = False
        self._load_id = 0
        self._build()
        draft.subscribe(self._on_draft)
        self._show_images()
        self._show_identity()

    # -- building ---------------------------------------------------------------------

    def _build(self) -> None:
        images = QGroupBox(self.tr("Images"), self)
        self.folder_button = QPushButton(self.tr("Choose a folder…"), images)
        self.folder_button.setToolTip(self.tr("A folder, a USB stick or a CD (Ctrl+O)"))
        self.folder_button.clicked.connect(self.choose_folder)
        self.dicomdir_button = QPushButton(self.tr("Open a DICOMDIR…"), images)
        self.dicomdir_button.clicked.connect(self.choose_dicomdir)
        self.pacs_button = QPushButton(self.tr("From the hospital PACS…"), images)
        self.pacs_button.setToolTip(self.tr("Search the hospital PACS and retrieve a study"))
        self.pacs_button.clicked.connect(self.pacs_wanted)
        self.clear_button = QPushButton(self.tr("No images"), images)
        self.clear_button.setToolTip(self.tr("Send the request without images (protocol advice)"))
        self.clear_button.clicked.connect(self.draft.clear_images)
        buttons = QHBoxLayout()
        for button in (
            self.folder_button, self.dicomdir_button, self.pacs_button, self.clear_button
        ):  # fmt: skip
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.drop_hint = QLabel(self.tr("or drop a folder or a DICOMDIR on this window"), images)
        self.drop_hint.setStyleSheet(NOTE_STYLE)
        self.source_label = QLabel(images)
        self.source_label.setWordWrap(True)
        self.message_label = QLabel(images)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.study_choice = QComboBox(images)
        self.study_choice.activated.connect(self._on_study_chosen)
        self.table = QTableWidget(0, 4, images)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Send"), self.tr("Series"), self.tr("Kind"), self.tr("Images")]
        )
        self.table.verticalHeader().hide()
        self.table.setIconSize(QSize(THUMBNAIL, THUMBNAIL))
        self.table.verticalHeader().setDefaultSectionSize(THUMBNAIL + 6)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemChanged.connect(self._on_item_changed)
        column = QVBoxLayout(images)
        column.addLayout(buttons)
        column.addWidget(self.drop_hint)
        column.addWidget(self.source_label)
        column.addWidget(self.message_label)
        column.addWidget(self.study_choice)
        column.addWidget(self.table, 1)

        patient = QGroupBox(self.tr("Patient"), self)
        patient.setObjectName("patient")
        self.patient_box = patient
        self.identity_form = QFormLayout()
        self.name_label, self.id_label, self.birth_label, self.sex_label = (
            QLabel(patient) for _ in range(4)
        )
        for label in (self.name_label, self.id_label, self.birth_label, self.sex_label):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.name_label.setStyleSheet("font-size:14pt; font-weight:bold;")
        self.identity_form.addRow(self.tr("Name"), self.name_label)
        self.identity_form.addRow(self.tr("Patient ID"), self.id_label)
        self.identity_form.addRow(self.tr("Birth date"), self.birth_label)
        self.identity_form.addRow(self.tr("Sex"), self.sex_label)
        self.confirm_box = QCheckBox(self.tr("I confirm this is the patient of this request"))
        self.confirm_box.toggled.connect(self.draft.confirm)
        self.confirm_problem = QLabel(patient)
        self.confirm_problem.setStyleSheet(ERROR_STYLE)
        self.confirm_problem.hide()
        self.manual = QWidget(patient)
        manual_form = QFormLayout(self.manual)
        manual_form.setContentsMargins(0, 0, 0, 0)
        self.manual_edits: dict[str, QLineEdit] = {}
        hints = {
            "patient_name": (self.tr("Name"), self.tr("FAMILY^Given")),
            "patient_id": (self.tr("Patient ID"), ""),
            "patient_issuer": (self.tr("Issuer of the ID"), ""),
            "patient_birth_date": (self.tr("Birth date"), self.tr("YYYYMMDD")),
            "patient_sex": (self.tr("Sex"), self.tr("M, F or O")),
        }
        for name, (caption, hint) in hints.items():
            edit = QLineEdit(self.manual)
            edit.setPlaceholderText(hint)
            edit.textEdited.connect(lambda text, name=name: self.draft.set(name, text))
            self.manual_edits[name] = edit
            manual_form.addRow(caption, edit)
        self.manual_note = QLabel(self.tr("No images: type the patient's identity."), patient)
        self.manual_note.setStyleSheet(NOTE_STYLE)
        self.patient_problem = QLabel(patient)
        self.patient_problem.setStyleSheet(ERROR_STYLE)
        self.patient_problem.setWordWrap(True)
        self.patient_problem.hide()
        rows = QVBoxLayout(patient)
        rows.addLayout(self.identity_form)
        rows.addWidget(self.manual_note)
        rows.addWidget(self.manual)
        rows.addWidget(self.patient_problem)
        rows.addWidget(self.confirm_box)
        rows.addWidget(self.confirm_problem)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(images, 3)
        layout.addWidget(patient, 0)

    # -- choosing and loading ---------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Images of the request"))
        if folder:
            self.load(folder)

    def choose_dicomdir(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("DICOMDIR of the CD or USB stick"), "", self.tr("DICOMDIR (DICOMDIR)")
        )
        if path:
            self.load(path)

    def load(self, source: str | os.PathLike[str], study_uid: str | None = None) -> None:
        """Scan ``source`` off the GUI thread; the result goes into the draft."""
        source = str(source)
        self._load_id += 1
        load_id = self._load_id
        self.loading = True
        self.source_label.setText(self.tr("Reading %1…").replace("%1", source))
        self.message_label.clear()

        def done(loaded: LoadedImages) -> None:
            if load_id == self._load_id:
                self.draft.set_images(loaded.source, loaded.images, loaded.previews)
                self._finished()

        def failed(exc: Exception) -> None:
            if load_id != self._load_id:
                return
            if isinstance(exc, MixedPatients):
                self.draft.refuse_images(source, exc.screen_message())
            elif isinstance(exc, SeveralStudies):
                self.draft.refuse_images(
                    source,
                    self.tr("The images hold several studies; a request carries one: choose it."),
                    exc.studies,
                )
            elif isinstance(exc, ImageError):
                self.draft.refuse_images(source, str(exc))
            else:
                self.draft.refuse_images(
                    source,
                    self.tr("The images could not be read (%1).").replace("%1", type(exc).__name__),
                )
            self._finished()

        self.worker.submit(lambda: load_images(source, study_uid), done, failed)

    def _finished(self) -> None:
        self.loading = False
        self.loaded.emit()

    def _on_study_chosen(self, index: int) -> None:
        uid = self.study_choice.itemData(index)
        if uid and self.draft.source:
            self.load(self.draft.source, uid)

    # -- showing the draft ------------------------------------------------------------------

    def _on_draft(self, name: str) -> None:
        if name in ("images", "ticked"):
            self._show_images()
            self._show_identity()
        elif name == "confirmed":
            self.confirm_box.setChecked(self.draft.confirmed)
            if self.draft.confirmed:
                self.confirm_problem.hide()
            self._frame_identity()
        elif name in self.manual_edits:
            edit = self.manual_edits[name]
            if edit.text() != self.draft.get(name):
                edit.setText(self.draft.get(name))
        elif name == "problems":
            rules = [
                problem_text(p)
                for p in self.draft.field_problems
                if p.field.split(".")[0] == "patient"
            ]
            self.patient_problem.setText("\n".join(rules))
            self.patient_problem.setVisible(bool(rules))

    def _frame_identity(self) -> None:
        """Amber until the physician confirms the identity of the images, then green."""
        if self.draft.images is None:
            style = ""
        elif self.draft.confirmed:
            style = IDENTITY_CONFIRMED
        else:
            style = IDENTITY_TO_CONFIRM
        self.patient_box.setStyleSheet(style)

    def show_confirm_problem(self, text: str) -> None:
        self.confirm_problem.setText(text)
        self.confirm_problem.show()

    def _kind_text(self, kind: str) -> str:
        try:
            return value_word(m.SeriesKind(kind))
        except ValueError:
            return kind

    def _show_images(self) -> None:
        draft = self.draft
        images = draft.images
        self.message_label.setText(draft.image_message)
        self.message_label.setVisible(bool(draft.image_message))
        self.study_choice.setVisible(bool(draft.studies))
        self.study_choice.clear()
        if draft.studies:
            self.study_choice.addItem(self.tr("Choose the study…"), "")
            for study in draft.studies:
                text = (
                    self.tr("%1 — %2 — %3 series, %4 images")
                    .replace("%1", date(study.date) or "?")
                    .replace("%2", study.description or "—")
                    .replace("%3", str(study.series))
                    .replace("%4", str(study.instances))
                )
                self.study_choice.addItem(text, study.study_uid)
        if images is None:
            text = "" if not draft.source else self.tr("From %1").replace("%1", draft.source)
            self.source_label.setText(text or self.tr("No images chosen."))
        else:
            chosen = sum(1 for s in images.series if s.series_uid in draft.ticked)
            count = sum(s.count for s in images.series if s.series_uid in draft.ticked)
            text = (
                self.tr("%1 — %2, %3 — %4 of %5 series ticked, %6 images")
                .replace("%1", draft.source)
                .replace("%2", images.study_description or self.tr("(no description)"))
                .replace("%3", date(images.study_date) or "?")
                .replace("%4", str(chosen))
                .replace("%5", str(len(images.series)))
                .replace("%6", str(count))
            )
            if images.skipped_files == 1:
                text += "\n" + self.tr("1 file that is not a DICOM image was left aside.")
            elif images.skipped_files:
                skipped = self.tr("%1 files that are not DICOM images were left aside.")
                text += "\n" + skipped.replace("%1", str(images.skipped_files))
            self.source_label.setText(text)
        self.table.blockSignals(True)
        series = images.series if images is not None else ()
        self.table.setRowCount(len(series))
        for row, s in enumerate(series):
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            ticked = s.series_uid in draft.ticked
            tick.setCheckState(Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, s.series_uid)
            self.table.setItem(row, 0, tick)
            number = f"{s.number} " if s.number is not None else ""
            title = QTableWidgetItem(f"{number}{s.description or s.modality}")
            pixels = draft.previews.get(s.series_uid)
            if pixels is not None:
                title.setIcon(QIcon(to_pixmap(pixels, THUMBNAIL)))
            self.table.setItem(row, 1, title)
            kind = self._kind_text(s.kind)
            if s.kind == "localizer":
                kind += " " + self.tr("(left out by default)")
            self.table.setItem(row, 2, QTableWidgetItem(kind))
            self.table.setItem(row, 3, QTableWidgetItem(str(s.count)))
        self.table.blockSignals(False)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            uid = item.data(Qt.ItemDataRole.UserRole)
            self.draft.tick(uid, item.checkState() == Qt.CheckState.Checked)

    def _show_identity(self) -> None:
        images = self.draft.images
        from_images = images is not None
        for label in (self.name_label, self.id_label, self.birth_label, self.sex_label):
            label.setVisible(from_images)
            self.identity_form.labelForField(label).setVisible(from_images)
        self.confirm_box.setVisible(from_images)
        self.manual.setVisible(not from_images)
        self.manual_note.setVisible(not from_images)
        self._frame_identity()
        if images is None:
            self.confirm_problem.hide()
            return
        p = images.patient
        self.name_label.setText(person(p.name) or self.tr("(no name)"))
        issuer = f" ({p.issuer_of_patient_id})" if p.issuer_of_patient_id else ""
        self.id_label.setText((p.patient_id or self.tr("(none)")) + issuer)
        if p.birth_date:
            age = age_on(p.birth_date, self.today())
            born = date(p.birth_date) + (self.tr(" — %1 years").replace("%1", age) if age else "")
        else:
            born = self.tr("(unknown)")
        self.birth_label.setText(born)
        sexes = {"M": self.tr("Male"), "F": self.tr("Female"), "O": self.tr("Other", "sex")}
        self.sex_label.setText(sexes.get(p.sex, p.sex or self.tr("(unknown)")))
        self.confirm_box.setChecked(self.draft.confirmed)
