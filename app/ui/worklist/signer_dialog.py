"""Who signs: the radiologist's name, title and organisation, asked at first start.

:class:`SignerDialog` gathers what the radiologist types, checks it with
:meth:`app.worklist.signer.SignerSettings.problems` (each problem is shown beside
its field, nothing typed is changed) and keeps it with
:meth:`app.worklist.signer.RadiologistStore.save_signer`. The same dialog asks at
first start (no signer stored for the hub profile) and later from "Settings ›
Who signs…" in the main window (:class:`WhoSigns`). It is window-modal but opened with
:meth:`QDialog.open`, so nothing waits on it: "Later" leaves the application
usable for reading, and :func:`offer_signer_settings` turns the opinion
panel's "your name is missing" line into a way back to this dialog.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.opinion.model import Radiologist
from app.opinion.wording import person
from app.ui.style import style_as
from app.worklist.signer import TITLES, Problem, RadiologistStore, SignerSettings

FIELDS = ("family", "given", "title", "organisation")
#: The opinion panel's lines (keys of :func:`app.ui.opinion.words.missing_line`) about the signer.
SIGNER_KEYS = ("radiologist", "radiologist.organisation")

#: Light whatever the parent: over the (dark) case window as over the worklist.
STYLE = """
QDialog#signer-dialog { background: #f4f5f7; }
QDialog#signer-dialog QLabel { background: transparent; color: #2b3440; }
QDialog#signer-dialog QLabel#field-error { color: #b3261e; }
QDialog#signer-dialog QLabel#preview { color: #1f3a5f; font-weight: 600; }
QDialog#signer-dialog QLineEdit, QDialog#signer-dialog QComboBox {
    background: white; color: #2b3440; border: 1px solid #b8c1cc; border-radius: 3px;
    padding: 3px 4px; }
QDialog#signer-dialog QComboBox QAbstractItemView { background: white; color: #2b3440; }
QDialog#signer-dialog QLineEdit[invalid="true"], QDialog#signer-dialog QComboBox[invalid="true"] {
    border: 1px solid #b3261e; }
QDialog#signer-dialog QPushButton { background: #f8f9fb; color: #2b3440;
    border: 1px solid #b8c1cc; border-radius: 4px; padding: 4px 14px; }
QDialog#signer-dialog QPushButton:default { border: 1px solid #2d6cdf; }
"""


class SignerDialog(QDialog):
    """The signing radiologist of ``network``, read from and kept in ``store``.

    ``first_start``: worded as the welcome of a new user ("Later" instead of
    "Cancel"). ``saved(Radiologist)`` fires once the settings are on disk.
    """

    saved = Signal(object)

    def __init__(
        self,
        store: RadiologistStore,
        network: str,
        *,
        first_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        style_as(self, "signer-dialog", STYLE)
        self.store = store
        self.network = network
        self.first_start = first_start
        self._checked = False  # show problems while typing once Save was pressed
        self.setWindowTitle(self.tr("Who signs — StrokeLink"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        column = QVBoxLayout(self)
        intro = QLabel(self._intro(), self)
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        column.addWidget(intro)
        column.addLayout(self._build_fields())
        self.preview = QLabel(self)
        self.preview.setObjectName("preview")
        self.preview.setWordWrap(True)
        column.addWidget(self.preview)
        self.error = QLabel(self)
        self.error.setObjectName("field-error")
        self.error.setWordWrap(True)
        self.error.hide()
        column.addWidget(self.error)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Save"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(
            self.tr("Later") if first_start else self.tr("Cancel"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._load()
        self._changed()
        self.setMinimumWidth(560)

    # -- building ------------------------------------------------------------------

    def _intro(self) -> str:
        text = self.tr(
            "Your name signs your opinions, and colleagues see it on the requests you read."
        )
        if self.first_start:
            return (
                self.tr(
                    "Welcome to StrokeLink. Before you sign your first opinion, say who you are."
                )
                + " "
                + text
                + " "
                + self.tr("You can change it later in Settings › Who signs…")
            )
        return text + " " + self.tr("Opinions already signed keep the name they were signed with.")

    def _build_fields(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        self.family = QLineEdit(self)
        self.family.setPlaceholderText(self.tr("e.g. MARTIN"))
        self.given = QLineEdit(self)
        self.given.setPlaceholderText(self.tr("e.g. Claire"))
        self.title = QComboBox(self)
        self.title.setEditable(True)
        self.title.addItems(["", *TITLES])
        self.title.setToolTip(self.tr("Choose a title, type another, or leave it empty"))
        self.organisation = QLineEdit(self)
        self.organisation.setPlaceholderText(self.tr("e.g. CHRU Nancy, Neuroradiology"))
        self.inputs: dict[str, QWidget] = {
            "family": self.family,
            "given": self.given,
            "title": self.title,
            "organisation": self.organisation,
        }
        labels = {
            "family": self.tr("Family name"),
            "given": self.tr("Given name"),
            "title": self.tr("Title"),
            "organisation": self.tr("Organisation"),
        }
        required = self.tr("%1 (required)")
        self.errors: dict[str, QLabel] = {}
        for row, key in enumerate(FIELDS):
            text = labels[key] if key == "title" else required.replace("%1", labels[key])
            label = QLabel(text, self)
            label.setBuddy(self.inputs[key])
            grid.addWidget(label, 2 * row, 0)
            grid.addWidget(self.inputs[key], 2 * row, 1)
            error = QLabel(self)  # under its field: the fields never move sideways
            error.setObjectName("field-error")
            error.setAccessibleName(f"{key}-error")
            error.setWordWrap(True)
            error.hide()
            self.errors[key] = error
            grid.addWidget(error, 2 * row + 1, 1)
        for edit in (self.family, self.given, self.organisation):
            edit.textChanged.connect(self._changed)
        self.title.editTextChanged.connect(self._changed)
        return grid

    def _load(self) -> None:
        try:
            stored = self.store.load_signer(self.network)
        except ValueError as exc:  # an unreadable file: say it; saving replaces the entry
            self.error.setText(str(exc))
            self.error.show()
            stored = None
        if stored is None:
            self.title.setCurrentText(TITLES[0])
            return
        self.family.setText(stored.family)
        self.given.setText(stored.given)
        self.title.setCurrentText(stored.title)
        self.organisation.setText(stored.organisation)

    # -- the typed values ----------------------------------------------------------

    def settings(self) -> SignerSettings:
        """What is typed now (the identifier stays the one stored)."""
        return SignerSettings(
            family=self.family.text(),
            given=self.given.text(),
            title=self.title.currentText(),
            organisation=self.organisation.text(),
        )

    def problem_text(self, key: str, problem: Problem) -> str:
        """One problem in the user's words."""
        if problem is Problem.REQUIRED:
            return {
                "family": self.tr("Enter your family name"),
                "given": self.tr("Enter your given name"),
                "organisation": self.tr("Enter the hospital or group you sign for"),
            }.get(key, self.tr("Required"))
        if problem is Problem.SEPARATOR:
            if key == "organisation":
                return self.tr("Remove the character \\ (it cannot be written in DICOM)")
            return self.tr("Remove the characters ^ = \\ (they cannot be written in DICOM)")
        if problem is Problem.CONTROL:
            return self.tr("Remove the line break or control character")
        if key == "organisation":
            return self.tr("Too long: 64 characters at most")
        return self.tr("Too long: title and names together must fit in 64 characters")

    def show_problems(self, problems: dict[str, Problem]) -> None:
        for key in FIELDS:
            problem = problems.get(key)
            label = self.errors[key]
            label.setText(self.problem_text(key, problem) if problem else "")
            label.setVisible(problem is not None)
            widget = self.inputs[key]
            widget.setProperty("invalid", problem is not None)
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def _changed(self) -> None:
        settings = self.settings()
        problems = settings.problems()
        if self._checked:
            self.show_problems(problems)
        if problems.keys() & {"family", "given", "title"}:
            self.preview.setText(self.tr("Signed as: —"))
        else:
            who = person(settings.person_name)
            where = settings.organisation if "organisation" not in problems else "…"
            self.preview.setText(
                self.tr("Signed as: %1, %2").replace("%1", who).replace("%2", where)
            )

    # -- saving ---------------------------------------------------------------------

    def save(self) -> bool:
        """Check, keep and close; False (the dialog stays, problems shown) otherwise."""
        self._checked = True
        settings = self.settings()
        problems = settings.problems()
        self.show_problems(problems)
        if problems:
            self.inputs[next(k for k in FIELDS if k in problems)].setFocus()
            return False
        try:
            self.store.save_signer(self.network, settings)
        except (OSError, ValueError) as exc:
            self.error.setText(self.tr("Could not save the settings: %1").replace("%1", str(exc)))
            self.error.show()
            return False
        self.error.hide()
        self.saved.emit(self.store.load(self.network))
        self.accept()
        return True


class WhoSigns(QObject):
    """The main window's signer: the one claims name, the dialog, "Settings › Who signs…".

    ``store`` and ``network`` are the case services' (the opinion session
    reads the same entry when signing). ``current`` is the signer as last
    read (None: nobody yet); ``changed(Radiologist)`` fires after a save.
    """

    changed = Signal(object)

    def __init__(self, window: QWidget, store: RadiologistStore, network: str) -> None:
        super().__init__(window)
        self.window = window
        self.store = store
        self.network = network
        self.dialog: SignerDialog | None = None
        self.current: Radiologist | None = None
        self.action = QAction(self.tr("Who signs…"), window)
        self.action.setObjectName("who-signs-action")
        self.action.triggered.connect(lambda _checked=False: self.edit())
        self.reload()

    def reload(self) -> None:
        try:
            self.current = self.store.load(self.network)
        except ValueError:  # an unreadable file: nobody known; the dialog says why
            self.current = None

    def names(self) -> tuple[str, ...]:
        """The signer's person name, when known (to recognise my claims elsewhere)."""
        return (self.current.name,) if self.current is not None else ()

    def edit(self, parent: QWidget | None = None, *, first_start: bool = False) -> SignerDialog:
        """Open the dialog (or raise the one open); it does not block."""
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = SignerDialog(
            self.store, self.network, first_start=first_start, parent=parent or self.window
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._saved)
        dialog.destroyed.connect(lambda _obj=None: self._forget(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def ask_if_missing(self) -> SignerDialog | None:
        """At start: the first-start dialog when the signer is unknown or incomplete."""
        if signer_complete(self.store, self.network):
            return None
        return self.edit(first_start=True)

    def offer(self, panel: QWidget, parent: QWidget) -> None:
        """The opinion panel's "name missing" lines open the dialog over ``parent``."""
        offer_signer_settings(panel, lambda: self.edit(parent))

    def _saved(self, radiologist: Radiologist | None) -> None:
        self.reload()
        self.changed.emit(radiologist)

    def _forget(self, dialog: SignerDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None


def signer_complete(store: RadiologistStore, network: str) -> bool:
    """True when ``network`` has a signer with every required field (nothing to ask)."""
    try:
        stored = store.load_signer(network)
    except ValueError:
        return False
    return stored is not None and not stored.problems()


def offer_signer_settings(panel: QWidget, open_dialog: Callable[[], QDialog]) -> None:
    """Make the opinion panel's "your name is missing" lines open the signer dialog.

    ``panel`` is an :class:`app.ui.opinion.OpinionPanel`: its "Missing before
    sending" list names each line's field in ``Qt.UserRole``. Those about the
    signer say that a click opens the dialog; once it saved, the panel is
    redrawn (the session reads the signer afresh).
    """
    missing = panel.findChild(QListWidget, "missing")
    if missing is None:
        return
    hint = QCoreApplication.translate("SignerDialog", "click here to enter it")
    tip = QCoreApplication.translate("SignerDialog", "Opens Settings › Who signs…")

    def about_signer(item: QListWidgetItem | None) -> bool:
        key = str(item.data(Qt.ItemDataRole.UserRole) or "") if item is not None else ""
        return key in SIGNER_KEYS

    def mark(_parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            item = missing.item(row)
            if about_signer(item) and not item.text().endswith(hint):
                item.setText(f"{item.text()} — {hint}")
                item.setToolTip(tip)

    def clicked(item: QListWidgetItem) -> None:
        if not about_signer(item):
            return
        dialog = open_dialog()
        refresh = getattr(panel, "refresh", None)
        if refresh is not None:
            dialog.accepted.connect(refresh)

    missing.model().rowsInserted.connect(mark)
    mark(QModelIndex(), 0, missing.count() - 1)
    missing.itemClicked.connect(clicked)
    missing.itemActivated.connect(clicked)


__all__ = ["SignerDialog", "WhoSigns", "offer_signer_settings", "signer_complete"]
