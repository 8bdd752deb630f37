"""Set-up without a developer (issue #13 item 2): the first-start and settings dialogs.

Real widgets under Xvfb, typed into as a user types; a real minihub over HTTPS
(self-signed certificate) with users; the keyring in a file
(tests/file_keyring.py) and the configuration folders in the test's own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit

from app.hub.check import REASONS, Failure, Step
from app.hub.profiles import (
    HubProfile,
    ProfileStore,
    SecretStore,
    forget_for_session,
    stored_secret,
)
from app.ui.ed.window import EdMainWindow
from app.ui.launch import Startup
from app.ui.main import MainWindow
from app.ui.settings.profile_dialog import ProfileDialog
from app.ui.settings.settings_dialog import SettingsDialog
from app.ui.settings.words import reason_words, step_words
from app.worklist.signer import RadiologistStore
from tests.app.hub.scripted import PASSWORD
from tests.file_keyring import ENV, FileKeyring

REFUSED = "the hub refused the password"
UNTRUSTED = "the hub's certificate is not trusted"


@dataclass
class Stores:
    folder: Path
    store: ProfileStore
    secrets: SecretStore
    radiologists: RadiologistStore

    @property
    def keyring_file(self) -> Path:
        return self.folder / "keyring.json"

    def keyring(self) -> dict[str, str]:
        if not self.keyring_file.exists():
            return {}
        data: dict[str, str] = json.loads(self.keyring_file.read_text(encoding="utf-8"))
        return data

    def written(self) -> list[Path]:
        return sorted(p for p in self.folder.rglob("*") if p.is_file())

    def dialog(self, qtbot, **options) -> ProfileDialog:
        dialog = ProfileDialog(self.store, self.secrets, self.radiologists, **options)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        return dialog


@pytest.fixture
def stores(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Stores]:
    """The user's folders and keyring, all in ``tmp_path`` (the keyring a file)."""
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        monkeypatch.setenv(f"XDG_{name}_HOME", str(tmp_path / name.lower()))
    monkeypatch.setenv(ENV, str(tmp_path / "keyring.json"))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())  # what the windows' own SecretStore() finds
    config = tmp_path / "config" / "strokelink"
    try:
        yield Stores(
            tmp_path,
            ProfileStore(config / "hubs.json"),
            SecretStore(FileKeyring()),
            RadiologistStore(config / "radiologists.json"),
        )
    finally:
        keyring.set_keyring(previous)


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    widget.clear()
    qtbot.keyClicks(widget, text)


def fill(
    qtbot,
    dialog: ProfileDialog,
    url: str,
    *,
    user: str = "drx",
    password: str = PASSWORD,
    ca: Path | None = None,
    name: str = "lorraine",
    signer: tuple[str, str, str] | None = ("MARTIN", "Claire", "CHRU Nancy"),
) -> None:
    """Type the hub and the signer as a user does."""
    type_into(qtbot, dialog.name, name)
    type_into(qtbot, dialog.url, url)
    type_into(qtbot, dialog.user, user)
    type_into(qtbot, dialog.password, password)
    type_into(qtbot, dialog.ca, str(ca) if ca else "")
    if signer:
        for widget, text in zip(
            (dialog.family, dialog.given, dialog.organisation), signer, strict=True
        ):
            type_into(qtbot, widget, text)


def run_check(qtbot, dialog: ProfileDialog) -> dict[str, str]:
    """Click "Test connection" and wait for each check's line (step name → text)."""
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(dialog.result_labels), timeout=30_000)
    return {label.accessibleName(): label.text() for label in dialog.result_labels}


def shown_errors(dialog: ProfileDialog) -> dict[str, str]:
    return {k: label.text() for k, label in dialog.errors.items() if label.isVisibleTo(dialog)}


def test_check_words_are_the_command_lines() -> None:
    """The dialog words each failure as ``strokelink profile test`` does (then translated)."""
    assert {f: reason_words(f) for f in Failure} == REASONS
    assert {s: step_words(s) for s in Step} == {s: s.value for s in Step}


def test_test_connection_then_save(qtbot, stores: Stores, secured_hub: tuple[str, Path]) -> None:
    url, cert = secured_hub
    dialog = stores.dialog(qtbot, first_start=True)
    assert dialog.cancel_button.text() == "Quit"
    assert not dialog.keyring_note.isVisibleTo(dialog)  # a keyring: nothing to warn about
    fill(qtbot, dialog, url, ca=cert)
    lines = run_check(qtbot, dialog)
    assert list(lines) == ["STUDIES", "WORKLIST", "EVENTS"]
    assert all(text.startswith("✓ ") and text.endswith(": works") for text in lines.values())
    assert dialog.check_status.text() == "The connection works."
    assert stores.written() == []  # testing writes nothing

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ProfileDialog.DialogCode.Accepted
    profile = stores.store.get("lorraine")
    assert (profile.base_url, profile.username, profile.ca_bundle, profile.role) == (
        url, "drx", cert.resolve(), "radiologist",
    )  # fmt: skip
    assert stores.store.default() == profile
    assert list(stores.keyring().values()) == [PASSWORD]
    signer = stores.radiologists.load_signer("lorraine")
    assert signer is not None
    assert (signer.name, signer.title, signer.organisation, signer.identifier) == (
        "MARTIN^Claire", "Dr", "CHRU Nancy", "drx",
    )  # fmt: skip
    config_text = "".join(
        p.read_text(encoding="utf-8") for p in (stores.folder / "config").rglob("*.json")
    )
    assert PASSWORD not in config_text


def test_wrong_password_is_said(qtbot, stores: Stores, secured_hub: tuple[str, Path]) -> None:
    url, cert = secured_hub
    dialog = stores.dialog(qtbot, first_start=True)
    fill(qtbot, dialog, url, password="wrong horse", ca=cert)
    lines = run_check(qtbot, dialog)
    assert lines["STUDIES"].startswith("✗ ") and REFUSED in lines["STUDIES"]
    assert "Check the user name and the password." in lines["STUDIES"]
    assert lines["WORKLIST"] == "✗ search the worklist (UPS-RS): not checked (see above)"
    assert dialog.check_status.text() == "The connection does not work:"
    assert UNTRUSTED not in "".join(lines.values())
    assert stores.written() == []


def test_untrusted_certificate_is_said(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    url, _ = secured_hub
    dialog = stores.dialog(qtbot, first_start=True)
    fill(qtbot, dialog, url)  # no CA bundle: the self-signed certificate is not trusted
    lines = run_check(qtbot, dialog)
    assert UNTRUSTED in lines["STUDIES"] and "CA bundle" in lines["STUDIES"]
    assert "password" not in "".join(lines.values())
    assert stores.written() == []


def test_cancel_writes_nothing(qtbot, stores: Stores, secured_hub: tuple[str, Path]) -> None:
    url, cert = secured_hub
    dialog = stores.dialog(qtbot, first_start=True)
    fill(qtbot, dialog, url, ca=cert)
    run_check(qtbot, dialog)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == ProfileDialog.DialogCode.Rejected
    assert stores.written() == []
    assert stored_secret(HubProfile("lorraine", url, "basic", "drx"), stores.secrets) is None


def test_what_is_typed_is_never_changed(
    qtbot, stores: Stores, secured_hub: tuple[str, Path], tmp_path: Path
) -> None:
    """An invalid URL or a file that is no PEM certificate is refused, visibly, as typed."""
    not_pem = tmp_path / "notes.txt"
    not_pem.write_text("not a certificate", encoding="utf-8")
    dialog = stores.dialog(qtbot, first_start=True)
    fill(qtbot, dialog, "hub.example.org/dicom-web", ca=not_pem, signer=("MARTIN", "", "CHRU"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    errors = shown_errors(dialog)
    assert errors["url"] == "The URL must start with https:// (or http://)."
    assert errors["ca"].startswith("Not a PEM certificate file")
    assert errors["given"] == "Required."
    assert dialog.error.text() == "Nothing was saved: correct the fields marked."
    assert dialog.url.text() == "hub.example.org/dicom-web"  # not "fixed"
    type_into(qtbot, dialog.url, " https://hub.example.org/dicom-web")
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert shown_errors(dialog)["url"] == "A URL has no spaces."
    assert dialog.url.text() == " https://hub.example.org/dicom-web"
    assert dialog.result_labels == [] and stores.written() == [not_pem]


def test_no_keyring_keeps_the_password_for_this_session(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    url, cert = secured_hub
    stores.secrets = SecretStore(fail.Keyring())
    dialog = stores.dialog(qtbot, first_start=True)
    assert dialog.keyring_note.isVisibleTo(dialog)
    assert "kept for this session only" in dialog.keyring_note.text()
    fill(qtbot, dialog, url, ca=cert, signer=None)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    try:
        profile = stores.store.get("lorraine")
        assert stored_secret(profile, stores.secrets) == PASSWORD  # in memory only
        assert stores.keyring() == {}
        assert PASSWORD not in stores.store.path.read_text(encoding="utf-8")
    finally:
        forget_for_session("lorraine", "drx")


def save_profile(stores: Stores, profile: HubProfile, password: str) -> None:
    stores.store.put(profile)
    stores.secrets.set(profile.name, profile.username, password)


def close_ed(window: EdMainWindow) -> None:
    window.ask_close = lambda kind: "discard"
    window.close()


def test_first_start_shows_the_dialog_then_the_worklist(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    url, cert = secured_hub
    startup = Startup(store=stores.store, secrets=stores.secrets, radiologists=stores.radiologists)
    startup.begin()
    dialog = startup.dialog
    assert isinstance(dialog, ProfileDialog) and startup.window is None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    intro = dialog.findChild(QLabel, "intro")
    assert intro is not None and intro.text().startswith("Welcome to StrokeLink.")
    fill(qtbot, dialog, url, ca=cert)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    window = startup.window
    assert isinstance(window, MainWindow)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window._last_ok is not None, timeout=15_000)  # logged in over TLS
    assert window.network == "lorraine" and window.user == "drx"
    assert window.settings_entry.action.shortcut().toString() == "Ctrl+,"
    assert window.who_signs.current is not None  # who signs was given: not asked again


def test_saved_ed_profile_starts_the_ed_window_for_its_site(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    url, cert = secured_hub
    profile = HubProfile(
        "urgences", url, "basic", "ed-a", ca_bundle=cert, role="emergency", site="SITE A"
    )
    save_profile(stores, profile, "ed pass")
    startup = Startup(store=stores.store, secrets=stores.secrets, radiologists=stores.radiologists)
    startup.begin()
    assert startup.dialog is None  # a profile: no first-start dialog
    window = startup.window
    assert isinstance(window, EdMainWindow)
    qtbot.addWidget(window)
    try:
        assert window.requests_tab.site == "SITE A"
        assert window.draft.get("site") == "SITE A"
        with qtbot.waitSignal(window.requests_tab.loaded, timeout=15_000):
            window.requests_tab.refresh()
        assert window.settings_entry.action.shortcut().toString() == "Ctrl+,"
        window.settings_entry.action.trigger()
        settings = window.settings_entry.dialog
        assert isinstance(settings, SettingsDialog)
        assert "urgences" in settings.list.item(0).text()
        assert "connected now" in settings.list.item(0).text()
        settings.close()
    finally:
        close_ed(window)


def test_settings_dialog_profiles(qtbot, stores: Stores, secured_hub: tuple[str, Path]) -> None:
    url, cert = secured_hub
    save_profile(stores, HubProfile("lorraine", url, "basic", "drx", ca_bundle=cert), PASSWORD)
    save_profile(stores, HubProfile("alsace", url, "basic", "drx", ca_bundle=cert), "other")
    dialog = SettingsDialog(stores.store, stores.secrets, stores.radiologists, in_use="lorraine")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert (
        texts[0].startswith("★ lorraine")
        and "next start" in dialog.findChild(QLabel, "intro").text()
    )
    dialog.list.setCurrentRow(1)
    qtbot.mouseClick(dialog.active_button, Qt.MouseButton.LeftButton)
    assert stores.store.default_name() == "alsace"
    assert "at its next start" in dialog.message.text()

    editor = dialog.edit()
    assert editor is not None and not editor.name.isEnabled()
    assert editor.password.text() == "" and editor.password.placeholderText() == "unchanged"
    lines = run_check(qtbot, editor)  # the stored password is used
    assert REFUSED in lines["STUDIES"]  # "other" is not drx's password
    type_into(qtbot, editor.password, PASSWORD)
    type_into(qtbot, editor.family, "DURAND")
    type_into(qtbot, editor.given, "Paul")
    type_into(qtbot, editor.organisation, "CHR Metz")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert stores.secrets.get("alsace", "drx") == PASSWORD
    signer = stores.radiologists.load_signer("alsace")
    assert signer is not None and signer.name == "DURAND^Paul"
    assert dialog.message.text() == "Profile alsace saved."

    dialog.list.setCurrentRow(0)
    dialog.confirm_remove = lambda name: name == "lorraine"  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in stores.store.load()] == ["alsace"]
    assert stores.secrets.get("lorraine", "drx") is None
    assert dialog.list.count() == 1


def test_without_keyring_the_password_is_asked_at_each_start(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    """No keyring: the profile is kept, its password is not; the next start asks it."""
    from app.ui.settings.startup import ask_profile

    url, cert = secured_hub
    stores.store.put(HubProfile("lorraine", url, "basic", "drx", ca_bundle=cert))
    no_keyring = SecretStore(fail.Keyring())
    ready: list[HubProfile] = []
    dialog = ask_profile(ready.append, store=stores.store, secrets=no_keyring)
    assert isinstance(dialog, ProfileDialog) and ready == []
    qtbot.addWidget(dialog)
    assert dialog.keyring_note.isVisibleTo(dialog)
    assert dialog.url.text() == url and not dialog.name.isEnabled()
    type_into(qtbot, dialog.password, PASSWORD)
    try:
        lines = run_check(qtbot, dialog)
        assert all(text.endswith(": works") for text in lines.values()), lines
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        assert [p.name for p in ready] == ["lorraine"]
        assert stored_secret(ready[0], no_keyring) == PASSWORD
        assert ask_profile(ready.append, store=stores.store, secrets=no_keyring) is None
    finally:
        forget_for_session("lorraine", "drx")


def test_a_profile_without_its_password_asks_for_it_instead_of_failing(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    """IT added the profile without --password-stdin (a keyring, but nothing in it): the
    app asks for the password at start instead of failing to open any window."""
    from app.ui.settings.startup import ask_profile

    url, cert = secured_hub
    stores.store.put(HubProfile("lorraine", url, "basic", "drx", ca_bundle=cert))
    ready: list[HubProfile] = []
    dialog = ask_profile(ready.append, store=stores.store, secrets=stores.secrets)
    assert isinstance(dialog, ProfileDialog) and ready == []
    qtbot.addWidget(dialog)
    assert not dialog.keyring_note.isVisibleTo(dialog)  # a keyring is there
    type_into(qtbot, dialog.password, PASSWORD)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in ready] == ["lorraine"]
    assert stores.keyring() != {}  # kept in the keyring this time
    assert ask_profile(ready.append, store=stores.store, secrets=stores.secrets) is None


def test_a_password_in_the_url_is_refused_and_never_stored(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    url, cert = secured_hub
    with_password = url.replace("https://", "https://drx:S3cret@")
    dialog = stores.dialog(qtbot, first_start=True)
    fill(qtbot, dialog, with_password, ca=cert)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert shown_errors(dialog)["url"] == (
        "Give the user name and the password in their own fields, not in the URL."
    )
    assert dialog.url.text() == with_password  # kept as typed, not saved
    assert not stores.store.path.exists() and stores.keyring() == {}  # nothing saved
    with pytest.raises(ValueError, match="must not hold a user name or password") as refused:
        HubProfile("lorraine", with_password, "basic", "drx")
    assert "S3cret" not in str(refused.value)


def test_editing_keeps_the_kind_of_login_and_shows_an_unchecked_certificate(
    qtbot, stores: Stores, secured_hub: tuple[str, Path]
) -> None:
    """A bearer-token profile stays one when edited here; a profile whose certificate is
    not checked says so, and saving here checks it again."""
    url, cert = secured_hub
    token = HubProfile("token-hub", url, "bearer", "svc", ca_bundle=cert, verify_tls=False)
    save_profile(stores, token, "a-token")
    dialog = stores.dialog(qtbot, profile=token)
    assert dialog.tls_note.isVisibleTo(dialog)
    assert "NOT checked" in dialog.tls_note.text()
    type_into(qtbot, dialog.site, "")  # a field the user may touch; nothing else changes
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = stores.store.get("token-hub")
    assert saved.auth == "bearer" and saved.verify_tls is True
    assert stored_secret(saved, stores.secrets) == "a-token"
    checked = stores.dialog(qtbot, profile=saved)
    assert not checked.tls_note.isVisibleTo(checked)
