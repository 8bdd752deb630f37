"""Every hub profile of this computer: :class:`SettingsDialog`, and its menu entry.

Profiles are listed, added, edited (with who signs: :class:`ProfileDialog`),
removed (with their password) and one is chosen as the active one. The active
profile is the one StrokeLink connects to **at its next start**: the open
window stays on its hub until then (the dialog says so).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.hub.errors import KeyringUnavailable
from app.hub.profiles import HubProfile, ProfileStore, SecretStore, forget_for_session
from app.ui.settings.profile_dialog import ProfileDialog
from app.worklist.signer import RadiologistStore


class SettingsDialog(QDialog):
    """The hub profiles (see the module docstring). ``in_use``: the profile the
    open window is connected to (named as such in the list)."""

    def __init__(
        self,
        store: ProfileStore | None = None,
        secrets: SecretStore | None = None,
        radiologists: RadiologistStore | None = None,
        *,
        in_use: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.store = store or ProfileStore()
        self.secrets = secrets or SecretStore()
        self.radiologists = radiologists or RadiologistStore()
        self.in_use = in_use
        self.editor: ProfileDialog | None = None
        self.setWindowTitle(self.tr("Settings — StrokeLink"))
        column = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "The hubs this computer can connect to. Choosing another active profile (★) "
                "takes effect at the next start of StrokeLink: the open window stays "
                "connected to its hub until StrokeLink is closed and started again."
            ),
            self,
        )
        intro.setObjectName("intro")
        intro.setWordWrap(True)
        column.addWidget(intro)
        row = QHBoxLayout()
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        row.addWidget(self.list, 1)
        actions = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"), self)
        self.edit_button = QPushButton(self.tr("Edit…"), self)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.active_button = QPushButton(self.tr("Make active"), self)
        for button, slot in (
            (self.add_button, self.add),
            (self.edit_button, self.edit),
            (self.remove_button, self.remove),
            (self.active_button, self.make_active),
        ):
            button.clicked.connect(slot)
            actions.addWidget(button)
        actions.addStretch(1)
        row.addLayout(actions)
        column.addLayout(row)
        self.message = QLabel(self)
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        column.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("Close"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)
        self.setMinimumWidth(680)
        self.reload()

    # -- the list ------------------------------------------------------------------

    def profiles(self) -> list[HubProfile]:
        try:
            return self.store.load()
        except ValueError as exc:
            self.message.setText(str(exc))
            return []

    def active_name(self) -> str | None:
        with contextlib.suppress(ValueError):
            active = self.store.default()
            return active.name if active is not None else None
        return None

    def reload(self, select: str | None = None) -> None:
        current = select or self.selected_name()
        self.list.clear()
        active = self.active_name()
        roles = {
            "radiologist": self.tr("radiologist"),
            "emergency": self.tr("emergency department"),
        }
        for profile in self.profiles():
            text = profile.name
            if profile.name == active:
                text = "★ " + text + " " + self.tr("— active")
            if profile.name == self.in_use:
                text += " " + self.tr("— connected now")
            where = f"{profile.base_url} ({roles[profile.role]}"
            where += f", {profile.site})" if profile.site else ")"
            text += "\n    " + where
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            if profile.name == current:
                self.list.setCurrentItem(item)
        if self.list.currentRow() < 0 and self.list.count():
            self.list.setCurrentRow(0)
        self._selection_changed()

    def selected_name(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _selected(self) -> HubProfile | None:
        name = self.selected_name()
        return next((p for p in self.profiles() if p.name == name), None)

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected_name() is not None
        for button in (self.edit_button, self.remove_button, self.active_button):
            button.setEnabled(chosen)

    # -- actions -------------------------------------------------------------------

    def _open_editor(self, profile: HubProfile | None) -> ProfileDialog:
        self.editor = ProfileDialog(
            self.store, self.secrets, self.radiologists, profile=profile, parent=self
        )
        self.editor.setWindowModality(Qt.WindowModality.WindowModal)
        self.editor.saved.connect(self._saved)
        self.editor.open()
        return self.editor

    def add(self) -> ProfileDialog:
        return self._open_editor(None)

    def edit(self) -> ProfileDialog | None:
        profile = self._selected()
        return self._open_editor(profile) if profile is not None else None

    def _saved(self, profile: HubProfile) -> None:
        self.reload(select=profile.name)
        self.message.setText(self.tr("Profile %1 saved.").replace("%1", profile.name))

    def confirm_remove(self, name: str) -> bool:
        """Asked before removing (tests replace it)."""
        answer = QMessageBox.question(
            self,
            self.tr("Remove a hub profile"),
            self.tr("Remove the hub profile %1 and its password?").replace("%1", name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def remove(self) -> None:
        profile = self._selected()
        if profile is None or not self.confirm_remove(profile.name):
            return
        try:
            self.store.remove(profile.name)
        except (KeyError, OSError, ValueError) as exc:
            self.message.setText(str(exc))
            return
        with contextlib.suppress(KeyringUnavailable):
            self.secrets.delete(profile.name, profile.username)
        forget_for_session(profile.name, profile.username)
        self.reload()
        self.message.setText(self.tr("Profile %1 removed.").replace("%1", profile.name))

    def make_active(self) -> None:
        name = self.selected_name()
        if name is None:
            return
        try:
            self.store.save(self.store.load(), default=name)
        except (OSError, ValueError) as exc:
            self.message.setText(str(exc))
            return
        self.reload(select=name)
        self.message.setText(
            self.tr(
                "%1 is the active profile: StrokeLink connects to it at its next start."
            ).replace("%1", name)
        )


class SettingsEntry:
    """The windows' "Settings…" menu entry (Ctrl+,): opens :class:`SettingsDialog`.

    ``in_use``: the profile the window is connected to; ``dialog``: the one open.
    """

    def __init__(self, window: QWidget, in_use: str = "") -> None:
        self.window = window
        self.in_use = in_use
        self.dialog: SettingsDialog | None = None
        self.action = QAction(QCoreApplication.translate("SettingsDialog", "Settings…"), window)
        self.action.setShortcut(QKeySequence("Ctrl+,"))
        self.action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.action.triggered.connect(self.open)

    def open(self) -> SettingsDialog:
        self.dialog = SettingsDialog(in_use=self.in_use, parent=self.window)
        self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog.finished.connect(self._closed)
        self.dialog.open()
        return self.dialog

    def _closed(self) -> None:
        self.dialog = None
