"""Images "From the hospital PACS": search it, pick a study and its series, retrieve them.

The physician types a patient ID, a name (wildcards allowed), a date or an
accession number; :func:`app.ed.pacs.find_studies` (C-FIND, Study Root) lists the
studies: patient, (0008,0020) Study Date, (0008,1030) Study Description,
(0008,0061) Modalities in Study, (0008,0050) Accession Number. Choosing one
lists its series (:func:`app.ed.pacs.find_series`), localisers unticked. "Retrieve"
fetches the ticked series with C-GET (:func:`app.ed.pacs.get_series`) into a new
private folder (0700) inside ``folder`` — the window owns it and deletes it on
close — then :attr:`PacsSource.retrieved` hands that folder to the form, which
reads it exactly like a folder chosen by hand.

How to reach the PACS (host, port, its AE title and ours) is remembered with
the site and physician (:class:`~app.ui.ed.ed_settings.EdSettings`). All
network work runs on the :class:`~app.ui.workers.Worker`; failures
(:class:`app.ed.pacs.PacsError`: association refused, no answer) are shown in the
dialog as they are, without the patient searched for.
"""

from __future__ import annotations

import dataclasses
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from pydicom.dataset import Dataset
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ed.pacs import (
    Pacs,
    PacsError,
    RetrievalStopped,
    SeriesMatch,
    StudyMatch,
    find_series,
    find_studies,
    get_series,
)
from app.opinion.wording import date, person
from app.ui.ed.ed_settings import EdSettings
from app.ui.ed.rows import stretch_row
from app.ui.workers import Worker
from viewer.classify import SeriesKind, classify_series

ERROR_STYLE = "color:#b71c1c; font-weight:bold;"
DEFAULT_CALLING_AE = "STROKELINK"


def is_localizer(series: SeriesMatch) -> bool:
    """A scout / topogram / localiser, told by (0008,103E) Series Description."""
    ds = Dataset()
    ds.Modality = series.modality
    ds.SeriesDescription = series.description
    return classify_series([ds], frames=[]).kind is SeriesKind.LOCALIZER


class PacsSource(QDialog):
    """The "From the hospital PACS" dialog (see the module docstring)."""

    retrieved = Signal(str)  # the folder holding the retrieved series
    _progress = Signal(int, int)  # received, expected (-1: unknown), from the worker thread

    def __init__(
        self,
        settings: EdSettings,
        save_settings: Callable[[EdSettings], None],
        worker: Worker,
        folder: Path,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.save_settings = save_settings
        self.worker = worker
        self.folder = Path(folder)
        self.studies: list[StudyMatch] = []
        self.series: list[SeriesMatch] = []
        self.busy = False
        self._stop = threading.Event()
        self.setWindowTitle(self.tr("Images from the hospital PACS"))
        self._build()
        self._progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.resize(820, 620)

    # -- building ---------------------------------------------------------------------------

    def _build(self) -> None:
        node = QGroupBox(self.tr("Hospital PACS"), self)
        self.host_edit = QLineEdit(self.settings.pacs_host, node)
        self.host_edit.setPlaceholderText(self.tr("host name or address"))
        self.port_edit = QLineEdit(self.settings.pacs_port or "104", node)
        self.ae_edit = QLineEdit(self.settings.pacs_ae_title, node)
        self.ae_edit.setPlaceholderText(self.tr("the PACS's AE title"))
        self.calling_edit = QLineEdit(self.settings.pacs_calling_ae_title or DEFAULT_CALLING_AE)
        node_form = QFormLayout(node)
        node_form.addRow(self.tr("Host"), self.host_edit)
        node_form.addRow(self.tr("Port"), self.port_edit)
        node_form.addRow(self.tr("PACS AE title"), self.ae_edit)
        node_form.addRow(self.tr("Our AE title"), self.calling_edit)

        search = QGroupBox(self.tr("Search"), self)
        self.patient_id_edit = QLineEdit(search)
        self.name_edit = QLineEdit(search)
        self.name_edit.setPlaceholderText(self.tr("FAMILY^Given, * allowed"))
        self.date_edit = QLineEdit(search)
        self.date_edit.setPlaceholderText(self.tr("YYYYMMDD or YYYYMMDD-YYYYMMDD"))
        self.accession_edit = QLineEdit(search)
        self.search_button = QPushButton(self.tr("Search"), search)
        self.search_button.setDefault(True)
        self.search_button.clicked.connect(self.search)
        search_form = QFormLayout(search)
        search_form.addRow(self.tr("Patient ID"), self.patient_id_edit)
        search_form.addRow(self.tr("Name"), self.name_edit)
        search_form.addRow(self.tr("Date"), self.date_edit)
        search_form.addRow(self.tr("Accession number"), self.accession_edit)
        search_form.addRow("", self.search_button)

        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet(ERROR_STYLE)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message_label.hide()
        self.status_label = QLabel(self)

        self.results = QTableWidget(0, 5, self)
        self.results.setHorizontalHeaderLabels(
            [self.tr("Patient"), self.tr("Date"), self.tr("Description"),
             self.tr("Modalities"), self.tr("Accession")]
        )  # fmt: skip
        self.results.verticalHeader().hide()
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.results.itemSelectionChanged.connect(self._on_study_selected)

        self.series_list = QListWidget(self)
        self.progress = QProgressBar(self)
        self.progress.hide()
        self.retrieve_button = QPushButton(self.tr("Retrieve"), self)
        self.retrieve_button.setEnabled(False)
        self.retrieve_button.clicked.connect(self.retrieve)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.clicked.connect(self.cancel)
        buttons = stretch_row(self.progress, self.retrieve_button, self.cancel_button)

        top = QHBoxLayout()
        top.addWidget(node)
        top.addWidget(search, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message_label)
        layout.addWidget(self.status_label)
        layout.addWidget(self.results, 2)
        layout.addWidget(QLabel(self.tr("Series to retrieve"), self))
        layout.addWidget(self.series_list, 1)
        layout.addLayout(buttons)

    # -- helpers ------------------------------------------------------------------------------

    def pacs(self) -> Pacs | None:
        """The PACS as typed (and remembered), or None with a message when incomplete."""
        host, ae = self.host_edit.text().strip(), self.ae_edit.text().strip()
        calling = self.calling_edit.text().strip() or DEFAULT_CALLING_AE
        try:
            port = int(self.port_edit.text().strip())
        except ValueError:
            port = 0
        if not host or not ae or not 0 < port < 65536:
            self.show_error(self.tr("Give the PACS's host, port (1–65535) and AE title."))
            return None
        remembered = dataclasses.replace(
            self.settings, pacs_host=host, pacs_port=str(port), pacs_ae_title=ae,
            pacs_calling_ae_title=calling,
        )  # fmt: skip
        if remembered != self.settings:
            self.settings = remembered
            try:
                self.save_settings(remembered)
            except OSError:
                self.status_label.setText(
                    self.tr("Could not save the PACS settings for next time.")
                )
        return Pacs(host, port, ae, calling_ae_title=calling, timeout_s=15)

    def show_error(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False)
        if isinstance(exc, RetrievalStopped):
            self.status_label.setText(self.tr("Retrieval stopped."))
        elif isinstance(exc, (PacsError, ValueError)):
            self.show_error(str(exc))
        else:
            self.show_error(self.tr("The PACS could not be queried (%1).").replace(
                "%1", type(exc).__name__))  # fmt: skip

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.search_button.setEnabled(not busy)
        self.results.setEnabled(not busy)
        self.retrieve_button.setEnabled(not busy and bool(self.series))
        self.cancel_button.setText(self.tr("Stop") if busy else self.tr("Cancel"))

    # -- search ----------------------------------------------------------------------------------

    def search(self) -> None:
        pacs = self.pacs()
        if pacs is None or self.busy:
            return
        keys = {
            "patient_id": self.patient_id_edit.text().strip(),
            "patient_name": self.name_edit.text().strip(),
            "date": self.date_edit.text().strip(),
            "accession": self.accession_edit.text().strip(),
        }
        if not any(keys.values()):
            self.show_error(self.tr("Search by patient ID, name, date or accession number."))
            return
        self.show_error("")
        self.status_label.setText(self.tr("Searching %1…").replace("%1", str(pacs)))
        self._set_busy(True)
        self.worker.submit(lambda: find_studies(pacs, **keys), self._show_studies, self._failed)

    def _show_studies(self, studies: list[StudyMatch]) -> None:
        self._set_busy(False)
        self.studies = studies
        self.series = []
        self.series_list.clear()
        self.results.setRowCount(len(studies))
        for row, s in enumerate(studies):
            patient = f"{person(s.patient_name) or '—'} ({s.patient_id or '?'})"
            cells = (
                patient,
                date(s.study_date),
                s.description,
                " ".join(s.modalities),
                s.accession,
            )
            for column, text in enumerate(cells):
                self.results.setItem(row, column, QTableWidgetItem(text))
        self.status_label.setText(
            self.tr("%1 studies found.").replace("%1", str(len(studies)))
            if studies else self.tr("No study found.")
        )  # fmt: skip
        self.retrieve_button.setEnabled(False)

    def _on_study_selected(self) -> None:
        rows = {i.row() for i in self.results.selectedIndexes()}
        pacs = self.pacs()
        if len(rows) != 1 or pacs is None or self.busy:
            return
        study = self.studies[rows.pop()]
        self.show_error("")
        self.status_label.setText(self.tr("Listing the series…"))
        self._set_busy(True)
        self.worker.submit(lambda: find_series(pacs, study.study_uid), self._show_series,
                           self._failed)  # fmt: skip

    def _show_series(self, series: list[SeriesMatch]) -> None:
        self.series = series
        self.series_list.clear()
        for s in series:
            number = f"{s.number} " if s.number is not None else ""
            count = "?" if s.instance_count is None else str(s.instance_count)
            text = (
                self.tr("%1%2 — %3, %4 images")
                .replace("%1", number)
                .replace("%2", s.description or "—")
                .replace("%3", s.modality)
                .replace("%4", count)
            )
            localizer = is_localizer(s)
            if localizer:
                text += " " + self.tr("(localiser, left out by default)")
            item = QListWidgetItem(text, self.series_list)
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Unchecked if localizer else Qt.CheckState.Checked)
            item.setData(Qt.ItemDataRole.UserRole, s.series_uid)
        self.status_label.setText(self.tr("Tick the series to retrieve."))
        self._set_busy(False)

    def ticked(self) -> list[SeriesMatch]:
        uids = {
            self.series_list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.series_list.count())
            if self.series_list.item(i).checkState() == Qt.CheckState.Checked
        }
        return [s for s in self.series if s.series_uid in uids]

    # -- retrieval -------------------------------------------------------------------------------

    def retrieve(self) -> None:
        pacs = self.pacs()
        chosen = self.ticked()
        if pacs is None or self.busy:
            return
        if not chosen:
            self.show_error(self.tr("Tick at least one series."))
            return
        self.show_error("")
        self._stop.clear()
        self._set_busy(True)
        total = sum(s.instance_count or 0 for s in chosen)
        self.progress.setRange(0, total or 0)
        self.progress.setValue(0)
        self.progress.show()
        self.status_label.setText(self.tr("Retrieving %1 series…").replace("%1", str(len(chosen))))

        def progress(received: int, expected: int | None) -> None:
            self._progress.emit(received, total or (expected if expected is not None else -1))

        def job() -> Path:
            return retrieve_series(
                pacs, chosen, self.folder, on_progress=progress, should_stop=self._stop.is_set
            )

        self.worker.submit(job, self._on_retrieved, self._on_retrieve_failed)

    def _on_progress(self, received: int, expected: int) -> None:
        if expected > 0:
            self.progress.setRange(0, expected)
        self.progress.setValue(received)

    def _on_retrieved(self, folder: Path) -> None:
        self._set_busy(False)
        self.progress.hide()
        self.status_label.setText(self.tr("Retrieved."))
        self.retrieved.emit(str(folder))
        self.accept()

    def _on_retrieve_failed(self, exc: Exception) -> None:
        self.progress.hide()
        self._failed(exc)

    def cancel(self) -> None:
        """Stop a retrieval under way, or close the dialog."""
        if self.busy:
            self._stop.set()
            self.status_label.setText(self.tr("Stopping…"))
        else:
            self.reject()

    def reject(self) -> None:
        if self.busy:
            self._stop.set()
        super().reject()


def retrieve_series(
    pacs: Pacs,
    series: list[SeriesMatch],
    folder: Path,
    *,
    on_progress: Callable[[int, int | None], None],
    should_stop: Callable[[], bool],
) -> Path:
    """C-GET each series into a new private folder under ``folder``; returns it. No Qt."""
    out = Path(tempfile.mkdtemp(prefix="pacs-", dir=folder))  # mode 0700
    done = 0
    for s in series:
        base = done

        def progress(received: int, expected: int | None, base: int = base) -> None:
            on_progress(base + received, None if expected is None else base + expected)

        result = get_series(
            pacs, s.study_uid, s.series_uid, out, on_progress=progress, should_stop=should_stop
        )
        done += len(result.stored)
    if not done:
        raise PacsError(f"the PACS {pacs} sent no images")
    return out
