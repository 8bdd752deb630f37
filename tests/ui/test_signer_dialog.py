"""Who signs (issue #9 item 8), under Xvfb on a real minihub.

A new radiologist's first start asks their name, title and organisation
(nothing typed is changed; what is missing is said beside its field); "Later"
leaves the worklist usable, and the opinion panel then says the signature is
missing and opens the same dialog from that line. Once saved, claims name the
signer (not the login) for colleagues, and the SR and the ED read the same name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidgetItem, QMenu, QWidget

from app.ed.site_requests import RequestState, SiteRequest, site_requests
from app.hub.client import HttpHub
from app.hub.ups import first_value, performer_of
from app.opinion import model as m
from app.reading.session import OpinionSession
from app.reading.state import CaseState
from app.ui.main import MainWindow
from app.ui.opinion.outbox_panel import OutboxRunner
from app.ui.opinion.panel import OpinionPanel
from app.ui.worklist.signer_dialog import SignerDialog, WhoSigns
from app.ui.worklist.view import Column
from app.worklist.signer import RadiologistStore, SignerSettings
from minihub.server import HubServer
from tests.app.opinion_session_util import Desk, claimed_request, fill_required
from tests.app.sending_util import FAST, SITE
from tests.ui.worklist_util import ME, cell, create_request, make_window

SIGNATURE_MISSING = "Signature: your name is missing from the radiologist settings"


def first_start(qtbot, hub: HubServer, folder: Path) -> tuple[MainWindow, SignerDialog]:
    """The worklist on an empty settings folder, then what :func:`run_gui` does at start."""
    window = make_window(qtbot, hub.base_url, folder)
    dialog = window.who_signs.ask_if_missing()
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return window, dialog


def type_signer(qtbot, dialog: SignerDialog, values: tuple[str, str, str, str]) -> None:
    """Type family, given, title and organisation as a user does (after clearing each)."""
    family, given, title, org = values
    title_edit = dialog.title.lineEdit()
    assert title_edit is not None  # an editable combo box: any title may be typed
    for widget, text in (
        (dialog.family, family),
        (dialog.given, given),
        (title_edit, title),
        (dialog.organisation, org),
    ):
        widget.clear()
        qtbot.keyClicks(widget, text)


def errors(dialog: SignerDialog) -> dict[str, str]:
    return {k: label.text() for k, label in dialog.errors.items() if label.isVisibleTo(dialog)}


def test_first_start_asks_who_signs_and_names_are_required(
    qtbot, hub: HubServer, tmp_path: Path
) -> None:
    window, dialog = first_start(qtbot, hub, tmp_path)
    assert dialog.isVisible() and dialog.isModal()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    intro = dialog.findChild(QLabel, "intro")
    assert intro is not None and intro.text().startswith("Welcome to StrokeLink.")
    assert dialog.cancel_button.text() == "Later"
    assert dialog.title.currentText() == "Dr"
    assert not errors(dialog)  # nothing said before the first Save

    dialog.save_button.click()
    assert dialog.isVisible()
    assert errors(dialog) == {
        "family": "Enter your family name",
        "given": "Enter your given name",
        "organisation": "Enter the hospital or group you sign for",
    }
    assert dialog.family.property("invalid") is True
    assert not (tmp_path / "radiologists.json").exists()

    type_signer(qtbot, dialog, ("MAR^TIN", "Claire", "Pr", ""))
    assert errors(dialog) == {  # said while typing, once Save was pressed
        "family": "Remove the characters ^ = \\ (they cannot be written in DICOM)",
        "organisation": "Enter the hospital or group you sign for",
    }
    dialog.save_button.click()
    assert dialog.isVisible() and dialog.family.text() == "MAR^TIN"  # refused, never changed
    assert not (tmp_path / "radiologists.json").exists()
    assert window.who_signs.current is None


def test_saved_then_reloaded_and_changed_from_the_settings_menu(
    qtbot, hub: HubServer, tmp_path: Path
) -> None:
    window, dialog = first_start(qtbot, hub, tmp_path)
    type_signer(qtbot, dialog, ("MARTIN", "Claire", "Pr", "CHRU Nancy"))
    assert dialog.preview.text() == "Signed as: Pr MARTIN Claire, CHRU Nancy"
    with qtbot.waitSignal(window.who_signs.changed):
        qtbot.keyClick(dialog.organisation, Qt.Key.Key_Return)  # Save is the default button
    qtbot.waitUntil(lambda: not dialog.isVisible())
    stored = RadiologistStore(tmp_path / "radiologists.json").load_signer("test-hub")
    assert stored == SignerSettings("MARTIN", "Claire", "Pr", "CHRU Nancy")
    assert window.who_signs.current == m.Radiologist("MARTIN^Claire^^Pr", "CHRU Nancy")
    window.close()

    again = make_window(qtbot, hub.base_url, tmp_path)  # a restart: nothing asked
    assert again.who_signs.ask_if_missing() is None
    [settings_menu] = [a.menu() for a in again.menuBar().actions() if a.text() == "&Settings"]
    assert isinstance(settings_menu, QMenu) and again.who_signs.action in settings_menu.actions()
    assert again.who_signs.action.text() == "Who signs…"
    again.who_signs.action.trigger()
    later = again.who_signs.dialog
    assert later is not None and later.isVisible()
    assert later.cancel_button.text() == "Cancel"
    assert (later.family.text(), later.given.text()) == ("MARTIN", "Claire")
    assert (later.title.currentText(), later.organisation.text()) == ("Pr", "CHRU Nancy")
    type_signer(qtbot, later, ("MARTIN", "Claire", "Dr", "CHRU Nancy, Neuroradiologie"))
    later.save_button.click()
    stored = RadiologistStore(tmp_path / "radiologists.json").load_signer("test-hub")
    assert stored == SignerSettings("MARTIN", "Claire", "Dr", "CHRU Nancy, Neuroradiologie")
    data = json.loads((tmp_path / "radiologists.json").read_text(encoding="utf-8"))
    assert data["networks"]["test-hub"]["name"] == "MARTIN^Claire"


def test_a_claim_shows_the_signers_name_to_colleagues(
    qtbot, hub: HubServer, ed: HttpHub, tmp_path: Path
) -> None:
    uid = create_request(ed)
    window, dialog = first_start(qtbot, hub, tmp_path / "me")
    type_signer(qtbot, dialog, ("MARTIN", "Claire", "Pr", "CHRU Nancy"))
    dialog.save_button.click()
    assert window.user == ME  # the login; the claim must not show it
    assert window.select(uid)
    window.claim_action.trigger()
    qtbot.waitUntil(lambda: cell(window, uid, Column.STATE) == "Being read", timeout=5000)
    assert cell(window, uid, Column.CLAIMED_BY) == "You"
    item = ed.retrieve_workitem(uid)
    assert performer_of(item) == "MARTIN^Claire^^Pr"
    assert first_value(first_value(item, "00404035"), "00404036") == "CHRU Nancy"

    colleague = make_window(qtbot, hub.base_url, tmp_path / "colleague")
    claimed_by = cell(colleague, uid, Column.CLAIMED_BY)
    assert "MARTIN" in claimed_by and "Claire" in claimed_by and "DUPONT" not in claimed_by
    theirs = colleague.model.request_of(uid)
    assert theirs is not None and not colleague.is_mine(theirs)
    window.close()
    elsewhere = make_window(qtbot, hub.base_url, tmp_path / "my-other-workstation")
    RadiologistStore(tmp_path / "my-other-workstation" / "radiologists.json").save_signer(
        "test-hub", SignerSettings("Martin", "Claire", "Dr", "CHRU Nancy")
    )
    elsewhere.who_signs.reload()
    mine = elsewhere.model.request_of(uid)
    assert mine is not None and elsewhere.is_mine(mine)  # my name, whatever the title


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[tuple[HttpHub, Desk]]:
    with HubServer(tmp_path / "hub") as server:
        client = HttpHub(server.base_url, retry=FAST)
        yield client, Desk(tmp_path / "desk", server.base_url, dt.datetime.now().astimezone)
        client.close()


def signature_line(panel: OpinionPanel) -> QListWidgetItem | None:
    items = [panel.missing.item(i) for i in range(panel.missing.count())]
    return next((i for i in items if i.text().startswith(SIGNATURE_MISSING)), None)


def test_after_later_signing_says_what_is_missing_and_opens_the_dialog(
    qtbot, desk: tuple[HttpHub, Desk], tmp_path: Path
) -> None:
    hub, station = desk
    case, request = claimed_request(hub, tmp_path / "study", station)
    nobody = RadiologistStore(tmp_path / "new-user" / "radiologists.json")  # never asked yet
    session = OpinionSession(
        request, case.study, drafts=station.drafts(), outbox=station.outbox,
        claims=station.claims, hub_url=station.hub_url, signer=nobody.signer("test-hub"),
        clock=station.clock, audit=station.audit,
    )  # fmt: skip
    runner = OutboxRunner(station.outbox, interval_ms=100)
    host = QWidget()
    qtbot.addWidget(host)
    who = WhoSigns(host, nobody, "test-hub")
    first = who.ask_if_missing()
    assert first is not None
    first.cancel_button.click()  # "Later": reading goes on
    assert not first.isVisible() and who.current is None

    panel = OpinionPanel(session, runner)
    qtbot.addWidget(panel)
    who.offer(panel, panel)
    panel.show()
    fill_required(session, case.study)
    line = signature_line(panel)
    assert line is not None and line.text().endswith("click here to enter it")
    assert line.toolTip() == "Opens Settings › Who signs…"
    assert not panel.final_button.isEnabled()
    panel.send_final()  # the shortcut while something is missing: nothing is signed
    assert session.state is CaseState.WRITING

    rect = panel.missing.visualItemRect(line)
    qtbot.mouseClick(panel.missing.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = who.dialog
    assert dialog is not None and dialog.isVisible()
    type_signer(qtbot, dialog, ("MARTIN", "Claire", "Pr", "CHRU Nancy"))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: signature_line(panel) is None)
    assert panel.final_button.isEnabled(), [panel.missing.item(0).text()]

    panel.final_button.click()  # signed with the settings just typed

    def answered() -> SiteRequest | None:
        since = dt.datetime.now(dt.UTC) - dt.timedelta(hours=1)
        rows = [r for r in site_requests(hub, SITE, since=since) if r.workitem == case.workitem_uid]
        return rows[0] if rows and rows[0].state is RequestState.ANSWERED else None

    try:
        qtbot.waitUntil(lambda: session.state is CaseState.SENT, timeout=15_000)
        qtbot.waitUntil(lambda: answered() is not None, timeout=20_000)
    finally:
        runner.stop()
    row = answered()
    assert row is not None and row.reader == "MARTIN^Claire^^Pr"  # the ED's "Answered by"
    opinion = row.latest
    assert opinion is not None and opinion.radiologist == "MARTIN^Claire^^Pr"
    assert opinion.sr is not None
    observer = opinion.sr.VerifyingObserverSequence[0]
    assert str(observer.VerifyingObserverName) == "MARTIN^Claire^^Pr"
    assert observer.VerifyingOrganization == "CHRU Nancy"
