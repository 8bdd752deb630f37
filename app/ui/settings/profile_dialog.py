"""One hub profile, typed by the user: :class:`ProfileDialog`.

It asks the hub URL, the user and password (kept in the system keyring; where
there is none, kept for this session only, and the dialog says so), an optional
CA bundle (a PEM file, checked), the role (radiologist, or emergency department
with its site) and who signs the opinions (the store ``strokelink signer set``
writes). "Test connection" runs :func:`app.hub.check.check_hub` off the GUI
thread and shows each check's result in plain words. Nothing is written before
"Save"; "Cancel" leaves everything as it was. What the user typed is never
changed: a problem is shown beside its field instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.hub.check import StepResult, check_hub
from app.hub.errors import KeyringUnavailable
from app.hub.profiles import (
    HubProfile,
    ProfileStore,
    SecretStore,
    forget_for_session,
    hub_for,
    keep_for_session,
    pem_problem,
    stored_secret,
    url_problem,
)
from app.hub.transport import NO_RETRY
from app.ui.settings.words import result_line
from app.ui.style import style_as
from app.worklist.signer import TITLES, Problem, RadiologistStore, SignerSettings

ROLES = ("radiologist", "emergency")
HUB_FIELDS = ("name", "url", "user", "password", "ca", "site")
SIGNER_FIELDS = ("family", "given", "title", "organisation")

STYLE = """
QDialog#profile-dialog { background: #f4f5f7; }
QDialog#profile-dialog QLabel, QDialog#profile-dialog QGroupBox {
    background: transparent; color: #2b3440; }
QDialog#profile-dialog QLabel#field-error { color: #b3261e; }
QDialog#profile-dialog QLabel#check-failed { color: #b3261e; }
QDialog#profile-dialog QLabel#check-ok { color: #1e6b34; }
QDialog#profile-dialog QLabel#keyring-note { color: #8a4b00; font-weight: 600; }
QDialog#profile-dialog QLineEdit, QDialog#profile-dialog QComboBox {
    background: white; color: #2b3440; border: 1px solid #b8c1cc; border-radius: 3px;
    padding: 3px 4px; }
QDialog#profile-dialog QLineEdit:disabled { background: #e8eaee; color: #6b7480; }
QDialog#profile-dialog QComboBox QAbstractItemView { background: white; color: #2b3440; }
QDialog#profile-dialog QPushButton { background: #f8f9fb; color: #2b3440;
    border: 1px solid #b8c1cc; border-radius: 4px; padding: 4px 14px; }
QDialog#profile-dialog QPushButton:default { border: 1px solid #2d6cdf; }
"""


def _run_checks(profile: HubProfile, secret: str | None) -> list[StepResult]:
    """The checks of ``strokelink profile test``, on a worker thread."""
    with hub_for(profile, secret, retry=NO_RETRY) as hub:
        return check_hub(
            hub,
            user=profile.username,
            events=profile.role != "emergency",
            open_timeout_s=profile.connect_timeout_s,
        )


class _Checks(QObject):
    """Runs the checks on a thread of its own; the results come back on the GUI thread
    (queued signals of this object, which lives as long as the dialog)."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None

    def start(self, profile: HubProfile, secret: str | None) -> None:
        def run() -> None:
            try:
                results = _run_checks(profile, secret)
            except Exception as exc:
                self.failed.emit(exc)
            else:
                self.done.emit(results)

        self._thread = threading.Thread(target=run, name="hub-check", daemon=True)
        self._thread.start()

    def wait(self, timeout_s: float) -> None:
        if self._thread is not None:
            self._thread.join(timeout_s)


class ProfileDialog(QDialog):
    """A new hub profile (``profile`` None) or an existing one, edited.

    ``first_start``: worded as the welcome of a new installation ("Quit"
    instead of "Cancel") and the profile saved becomes the active one.
    ``saved(HubProfile)`` fires once everything is written.
    """

    saved = Signal(object)

    def __init__(
        self,
        store: ProfileStore,
        secrets: SecretStore,
        radiologists: RadiologistStore,
        *,
        profile: HubProfile | None = None,
        first_start: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        style_as(self, "profile-dialog", STYLE)
        self.store = store
        self.secrets = secrets
        self.radiologists = radiologists
        self.editing = profile
        self.first_start = first_start
        self.saved_profile: HubProfile | None = None
        self.session_only = not secrets.available()
        self.checks = _Checks(self)
        self.checks.done.connect(self._show_results)
        self.checks.failed.connect(self._failed)
        self.setWindowTitle(
            self.tr("Connect to the hub — StrokeLink")
            if first_start
            else self.tr("Hub profile — StrokeLink")
        )
        column = QVBoxLayout(self)
        intro = QLabel(self._intro(), self)
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        column.addWidget(intro)
        self.errors: dict[str, QLabel] = {}
        column.addWidget(self._build_hub())
        column.addWidget(self._build_signer())
        column.addLayout(self._build_check())
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
            self.tr("Quit") if first_start else self.tr("Cancel"),
            QDialogButtonBox.ButtonRole.RejectRole,
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        column.addWidget(self.buttons)
        self._load()
        self._role_changed()
        self.setMinimumWidth(620)

    # -- building ------------------------------------------------------------------

    def _intro(self) -> str:
        if self.first_start:
            return self.tr(
                "Welcome to StrokeLink. Connect this computer to your region's hub: "
                "your IT department gives you its address, your user name and password."
            )
        return self.tr("How this computer connects to a hub, and who signs the opinions.")

    def _row(self, grid: QGridLayout, row: int, key: str, text: str, field: Any) -> None:
        label = QLabel(text, self)
        label.setWordWrap(True)
        if isinstance(field, QWidget):
            label.setBuddy(field)
            grid.addWidget(field, 2 * row, 1)
        else:
            grid.addLayout(field, 2 * row, 1)
        grid.addWidget(label, 2 * row, 0)
        error = QLabel(self)
        error.setObjectName("field-error")
        error.setAccessibleName(f"{key}-error")
        error.setWordWrap(True)
        error.hide()
        self.errors[key] = error
        grid.addWidget(error, 2 * row + 1, 1)

    def _build_hub(self) -> QGroupBox:
        box = QGroupBox(self.tr("Hub"), self)
        grid = QGridLayout(box)
        grid.setColumnStretch(1, 1)
        self.name = QLineEdit(self)
        self.name.setPlaceholderText(self.tr("e.g. lorraine"))
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(self.tr("e.g. https://hub.example.org/dicom-web"))
        self.user = QLineEdit(self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca = QLineEdit(self)
        self.ca.setPlaceholderText(self.tr("optional: a PEM file"))
        self.browse = QPushButton(self.tr("Choose…"), self)
        self.browse.clicked.connect(self.choose_ca)
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca, 1)
        ca_row.addWidget(self.browse)
        self.role = QComboBox(self)
        self.role.addItem(self.tr("Radiologist (worklist and opinions)"), "radiologist")
        self.role.addItem(self.tr("Emergency department (sends requests)"), "emergency")
        self.role.currentIndexChanged.connect(self._role_changed)
        self.site = QLineEdit(self)
        self.site.setPlaceholderText(self.tr("e.g. CH Verdun"))
        rows = [
            ("name", self.tr("Profile name"), self.name),
            ("url", self.tr("Hub URL"), self.url),
            ("user", self.tr("User name"), self.user),
            ("password", self.tr("Password"), self.password),
            ("ca", self.tr("CA bundle"), ca_row),
            ("role", self.tr("This computer is used by"), self.role),
            ("site", self.tr("Emergency department's site"), self.site),
        ]
        for row, (key, text, field) in enumerate(rows):
            self._row(grid, row, key, text, field)
        self.keyring_note = QLabel(
            self.tr(
                "This computer has no keyring (secret store): the password is kept for "
                "this session only, and will be asked again at the next start."
            ),
            self,
        )
        self.keyring_note.setObjectName("keyring-note")
        self.keyring_note.setWordWrap(True)
        self.keyring_note.setVisible(self.session_only)
        grid.addWidget(self.keyring_note, 2 * len(rows), 0, 1, 2)
        # set by IT in the profiles file; this dialog shows it and, when saved, checks again
        self.tls_note = QLabel(
            self.tr(
                "The hub's certificate is NOT checked for this profile (set in its file). "
                "Saving here turns the check back on: give the CA bundle if needed."
            ),
            self,
        )
        self.tls_note.setObjectName("keyring-note")
        self.tls_note.setWordWrap(True)
        self.tls_note.setVisible(self.editing is not None and not self.editing.verify_tls)
        grid.addWidget(self.tls_note, 2 * len(rows) + 1, 0, 1, 2)
        return box

    def _build_signer(self) -> QGroupBox:
        self.signer_box = QGroupBox(self.tr("Who signs the opinions"), self)
        grid = QGridLayout(self.signer_box)
        grid.setColumnStretch(1, 1)
        self.family = QLineEdit(self)
        self.family.setPlaceholderText(self.tr("e.g. MARTIN"))
        self.given = QLineEdit(self)
        self.given.setPlaceholderText(self.tr("e.g. Claire"))
        self.title = QComboBox(self)
        self.title.setEditable(True)
        self.title.addItems(["", *TITLES])
        self.organisation = QLineEdit(self)
        self.organisation.setPlaceholderText(self.tr("e.g. CHRU Nancy, Neuroradiology"))
        rows = [
            ("family", self.tr("Family name"), self.family),
            ("given", self.tr("Given name"), self.given),
            ("title", self.tr("Title"), self.title),
            ("organisation", self.tr("Organisation"), self.organisation),
        ]
        for row, (key, text, field) in enumerate(rows):
            self._row(grid, row, key, text, field)
        note = QLabel(self.tr("Optional now: you can also give it later (Settings › Who signs…)."))
        note.setWordWrap(True)
        grid.addWidget(note, 2 * len(rows), 0, 1, 2)
        return self.signer_box

    def _build_check(self) -> QVBoxLayout:
        column = QVBoxLayout()
        row = QHBoxLayout()
        self.test_button = QPushButton(self.tr("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        row.addWidget(self.test_button)
        self.check_status = QLabel(self)
        self.check_status.setWordWrap(True)
        row.addWidget(self.check_status, 1)
        column.addLayout(row)
        self.results_box = QVBoxLayout()
        column.addLayout(self.results_box)
        self.result_labels: list[QLabel] = []
        return column

    def _load(self) -> None:
        profile = self.editing
        self.title.setCurrentText(TITLES[0])
        if profile is None:
            if self.first_start:
                self.name.setText(self.tr("hub"))
            return
        self.name.setText(profile.name)
        self.name.setEnabled(False)  # the keyring and the signer are kept under this name
        self.name.setToolTip(self.tr("A profile's name cannot be changed: add a new profile"))
        self.url.setText(profile.base_url)
        self.user.setText(profile.username)
        self.password.setPlaceholderText(self.tr("unchanged"))
        self.ca.setText(str(profile.ca_bundle) if profile.ca_bundle else "")
        self.role.setCurrentIndex(ROLES.index(profile.role))
        self.site.setText(profile.site)
        try:
            signer = self.radiologists.load_signer(profile.name)
        except ValueError as exc:
            self._say(str(exc))
            signer = None
        if signer is not None:
            self.family.setText(signer.family)
            self.given.setText(signer.given)
            self.title.setCurrentText(signer.title)
            self.organisation.setText(signer.organisation)

    def _role_changed(self) -> None:
        ed = self.role.currentData() == "emergency"
        self.site.setEnabled(ed)
        self.signer_box.setEnabled(not ed)
        self.signer_box.setToolTip(self.tr("Only a radiologist signs opinions") if ed else "")

    def choose_ca(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("CA bundle (PEM)"),
            self.ca.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca.setText(path)

    # -- checking what is typed ----------------------------------------------------

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _show_problems(self, problems: dict[str, str]) -> None:
        for key, label in self.errors.items():
            label.setText(problems.get(key, ""))
            label.setVisible(key in problems)

    def _stored_password(self) -> str | None:
        if self.editing is None or self.user.text() != self.editing.username:
            return None
        return stored_secret(self.editing, self.secrets)

    def hub_problems(self) -> dict[str, str]:
        """What stops testing or saving the hub settings, per field, in words."""
        found: dict[str, str] = {}
        required = self.tr("Required.")
        name = self.name.text()
        if not name.strip():
            found["name"] = required
        elif ":" in name or name != name.strip():
            found["name"] = self.tr("No ':' and no space at either end.")
        elif self.editing is None:
            with contextlib.suppress(ValueError):
                if name in {p.name for p in self.store.load()}:
                    found["name"] = self.tr("A profile already has this name.")
        url = self.url.text()
        url_words = {
            "spaces": self.tr("A URL has no spaces."),
            "scheme": self.tr("The URL must start with https:// (or http://)."),
            "host": self.tr("The URL names no computer, e.g. https://hub.example.org/dicom-web"),
            "port": self.tr("The URL's port is not a number from 1 to 65535."),
            "credentials": self.tr(
                "Give the user name and the password in their own fields, not in the URL."
            ),
        }
        if not url:
            found["url"] = required
        else:
            problem = url_problem(url)
            if problem:
                found["url"] = url_words[problem]
        user = self.user.text()
        if not user.strip():
            found["user"] = required
        elif user != user.strip():
            found["user"] = self.tr("No space at either end.")
        needs_password = self.editing is None or self.editing.needs_secret
        if needs_password and not self.password.text() and self._stored_password() is None:
            found["password"] = required
        if self.ca.text():
            pem_words = {
                "missing": self.tr("No such file."),
                "unreadable": self.tr("This file cannot be read."),
                "not_pem": self.tr("Not a PEM certificate file (it has no BEGIN CERTIFICATE)."),
            }
            problem = pem_problem(Path(self.ca.text()))
            if problem:
                found["ca"] = pem_words[problem]
        if self.role.currentData() == "emergency" and not self.site.text().strip():
            found["site"] = required
        return found

    def signer(self) -> SignerSettings | None:
        """Who signs as typed; None when nothing is typed (or for an ED profile)."""
        if self.role.currentData() == "emergency":
            return None
        typed = (self.family.text(), self.given.text(), self.organisation.text())
        if not any(t.strip() for t in typed):
            return None
        return SignerSettings(
            family=self.family.text(),
            given=self.given.text(),
            title=self.title.currentText(),
            organisation=self.organisation.text(),
            identifier=self.user.text(),
        )

    def signer_problems(self) -> dict[str, str]:
        signer = self.signer()
        if signer is None:
            return {}
        words = {
            Problem.REQUIRED: self.tr("Required."),
            Problem.SEPARATOR: self.tr("Cannot contain ^ = or \\."),
            Problem.CONTROL: self.tr("Cannot contain a line break or a control character."),
            Problem.TOO_LONG: self.tr("Too long (64 characters at most)."),
        }
        return {key: words[problem] for key, problem in signer.problems().items()}

    def profile(self) -> HubProfile:
        """The profile as typed (ValueError when it cannot be one)."""
        ed = self.role.currentData() == "emergency"
        values: dict[str, Any] = {
            "name": self.name.text(),
            "base_url": self.url.text(),
            # a token or no-password profile keeps its kind (the password field is its token)
            "auth": self.editing.auth if self.editing is not None else "basic",
            "username": self.user.text(),
            "ca_bundle": Path(self.ca.text()).resolve() if self.ca.text() else None,
            "role": self.role.currentData(),
            "site": self.site.text() if ed else "",
        }
        if self.editing is not None:
            return dataclasses.replace(self.editing, verify_tls=True, **values)
        return HubProfile(**values)

    def _secret(self) -> str | None:
        return self.password.text() or self._stored_password()

    # -- test connection -----------------------------------------------------------

    def test_connection(self) -> None:
        problems = self.hub_problems()
        self._show_problems(problems)
        self._clear_results()
        if problems:
            self.check_status.setText(self.tr("Correct the fields marked first."))
            return
        try:
            profile = self.profile()
        except ValueError as exc:
            self.check_status.setText(str(exc))
            return
        secret = self._secret()
        self.test_button.setEnabled(False)
        self.check_status.setText(self.tr("Testing the connection…"))
        self.checks.start(profile, secret)

    def _clear_results(self) -> None:
        for label in self.result_labels:
            self.results_box.removeWidget(label)
            label.deleteLater()
        self.result_labels = []

    def _show_results(self, results: list[StepResult]) -> None:
        self.test_button.setEnabled(True)
        self._clear_results()
        ok = all(r.ok for r in results)
        self.check_status.setText(
            self.tr("The connection works.") if ok else self.tr("The connection does not work:")
        )
        for result in results:
            label = QLabel(("✓ " if result.ok else "✗ ") + result_line(result), self)
            label.setObjectName("check-ok" if result.ok else "check-failed")
            label.setAccessibleName(result.step.name)
            label.setWordWrap(True)
            self.results_box.addWidget(label)
            self.result_labels.append(label)
        self.results = results
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        """Grow to show every line (wrapped labels are never squeezed or cut off)."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = layout.totalHeightForWidth(self.width())
        if needed > self.height():
            self.resize(self.width(), needed)

    def _failed(self, exc: Exception) -> None:
        self.test_button.setEnabled(True)
        self.check_status.setText(
            self.tr("The connection could not be tested: %1").replace("%1", str(exc))
        )

    # -- saving --------------------------------------------------------------------

    def save(self) -> None:
        """Check everything, then write the profile, the password and the signer."""
        problems = {**self.hub_problems(), **self.signer_problems()}
        self._show_problems(problems)
        if problems:
            self._say(self.tr("Nothing was saved: correct the fields marked."))
            return
        try:
            profile = self.profile()
        except ValueError as exc:
            self._say(str(exc))
            return
        signer = self.signer()
        password = self.password.text()
        before = self.editing
        try:
            if password:
                self._keep_password(profile, password)
            self.store.put(profile, make_default=self.first_start)
            if signer is not None:
                self.radiologists.save_signer(profile.name, signer)
        except (OSError, ValueError) as exc:
            self._say(self.tr("The profile could not be saved: %1").replace("%1", str(exc)))
            return
        if before is not None and before.username != profile.username:
            # the former user's password goes only once the profile names the new user
            with contextlib.suppress(KeyringUnavailable):
                self.secrets.delete(before.name, before.username)
            forget_for_session(before.name, before.username)
        self.saved_profile = profile
        self.saved.emit(profile)
        self.accept()

    def _keep_password(self, profile: HubProfile, password: str) -> None:
        try:
            self.secrets.set(profile.name, profile.username, password)
        except KeyringUnavailable:
            self.session_only = True
            self.keyring_note.show()
            keep_for_session(profile.name, profile.username, password)
        else:
            forget_for_session(profile.name, profile.username)

    def done(self, result: int) -> None:
        self.checks.wait(15.0)  # a check still running reports to this dialog
        super().done(result)
