"""Issue #13 item 3: under ``--lang fr`` no window or dialog shows English (``tests/ui/french.py``).

Two scenes on a real minihub, each a table of screens walked in order (a screen is one
line: its name and what opens it; the viewer's and the settings' screens join the same
way): the emergency department sends the synthetic left-MCA case, follows it and reads
the answer; the radiologist's worklist, its dialogs and the opinion panel on a claimed
case, through sending, with the outbox and a prior opinion. Every screen is walked
before any assertion, so one run lists all the English left.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from app.hub.client import HttpHub
from app.opinion import model as m
from app.outbox.store import Backoff
from app.ui.ed.window import EdMainWindow
from app.ui.main import MainWindow
from app.ui.opinion.identity import IdentityOverrideDialog
from app.ui.opinion.outbox_panel import OutboxPanel, OutboxRunner, confirm_quit
from app.ui.opinion.panel import OpinionPanel
from app.ui.opinion.prior_opinion import PriorOpinionBanner
from app.ui.settings.settings_dialog import SettingsDialog
from app.ui.viewer.window import ViewerWindow
from app.ui.worklist.signer_dialog import SignerDialog
from app.worklist.claims import ClaimStore, claim_request
from app.worklist.model import request_from_workitem
from app.worklist.signer import RadiologistStore
from minihub.server import HubServer
from tests.app.opinion.conftest import RADIOLOGIST
from tests.app.opinion_session_util import Desk, choose, claimed_request, show_panel
from tests.app.sending_util import FAST
from tests.ui.ed_util import PHYSICIAN, SITE, deliver_opinion, find_workitem, make_ed_window
from tests.ui.french import Found, english_in
from tests.ui.test_ed_roundtrip import drop_folder, type_into
from tests.ui.test_french_screen import _opinion as received_opinion
from tests.ui.test_settings_dialogs import stores  # noqa: F401
from tests.ui.test_viewer_cases import open_folder
from tests.ui.worklist_util import create_request, make_window
from viewer.captions import dicom_date, person_name

QUESTION = "Thrombolyse ? Thrombectomie ?"
HISTORY = "Hémiplégie droite et aphasie globale. Aspirine 75 mg par jour."
#: data values: names, sites, questions typed by people, series descriptions
DATA = (
    SITE, PHYSICIAN, "LEROY Thomas", "MARTIN Claire", "DURAND Paul", "DUPONT Anne",
    "Thrombolysis? Thrombectomy?", "Thrombectomy?", "CHRU Nancy", "CHU Reims",
    "NCCT HEAD 5mm", "CTA HEAD 0.625mm", "NCCT head", "CTA head neck", "STROKELINK-DEMO",
    "SYNTH-HOSP", "SYNTH", "test-hub",
)  # fmt: skip


Screen = tuple[str, Callable[[Any], QWidget | list[QWidget]]]


def walk(qtbot: Any, scene: Any, screens: list[Screen]) -> list[str]:
    """Open each screen in turn and list what it shows in English (all screens, then fail)."""
    found: list[str] = []
    seen: set[tuple[str, str]] = set()
    for name, opened in screens:
        shown = opened(scene)
        QApplication.processEvents()
        for number, widget in enumerate(shown if isinstance(shown, list) else [shown]):
            save_shot(widget, f"fr-{name}-{number}")
            english = (
                widget.found if isinstance(widget, Shown) else english_in(widget, DATA + scene.data)
            )
            for f in english:  # each text once, on the first screen that shows it
                if (f.shown.where, f.shown.text) not in seen:
                    seen.add((f.shown.where, f.shown.text))
                    found.append(f"[{name}] {f}")
    return found


def save_shot(widget: QWidget, name: str) -> None:
    """A screenshot of the screen in ``$STROKELINK_SHOTS`` when set (to look for cut labels)."""
    folder = os.environ.get("STROKELINK_SHOTS")
    if folder and not isinstance(widget, Shown) and widget.isVisible():
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        widget.grab().save(str(Path(folder) / f"{slug}.png"))


def modal_texts(
    trigger: Callable[[], object],
    answer: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel,
    name: str = "message-box",
) -> list[Found]:
    """The English of the modal dialog (message box, input dialog) that ``trigger`` opens,
    answered ``answer`` (a message box) or cancelled (any other dialog)."""
    found: list[Found] = []
    seen: list[QDialog] = []
    timer = QTimer()
    timer.setInterval(30)

    def look() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and widget.isModal():
                timer.stop()
                seen.append(widget)
                found.extend(english_in(widget, DATA))
                save_shot(widget, f"fr-{name}")
                if isinstance(widget, QMessageBox):
                    widget.button(answer).click()
                else:
                    widget.reject()

    timer.timeout.connect(look)
    timer.start()
    trigger()
    timer.stop()
    assert seen, "no message box was shown"
    return found


class Shown(QWidget):
    """Stands for a modal message box in the walk: it carries what that box showed."""

    def __init__(self, found: list[Found]) -> None:
        super().__init__()
        self.found = found


# --- the emergency department ------------------------------------------------------------


@dataclasses.dataclass
class EdScene:
    qtbot: Any
    hub: HubServer
    folder: Path
    synth: Path
    window: EdMainWindow | None = None
    uid: str = ""
    data: tuple[str, ...] = ()

    @property
    def ed(self) -> EdMainWindow:
        assert self.window is not None
        return self.window


def ed_opened(s: EdScene) -> QWidget:
    s.window = make_ed_window(s.qtbot, s.hub.base_url, s.folder / "ed", site="")
    return s.ed


def ed_images_dropped(s: EdScene) -> QWidget:
    drop_folder(s.ed, s.synth / "left-mca")
    s.qtbot.waitUntil(lambda: s.ed.draft.images is not None, timeout=20_000)
    panel = s.ed.request_tab.images_panel
    s.data = (panel.name_label.text(), panel.id_label.text(), str(s.synth / "left-mca"))
    return s.ed


def ed_send_refused(s: EdScene) -> QWidget:
    """Sent with nothing filled: the validation messages are shown."""
    s.ed.request_tab.send_button.click()
    return s.ed


def ed_form_filled(s: EdScene) -> QWidget:
    panel = s.ed.request_tab.clinical
    panel.site.clear()
    type_into(s.qtbot, panel.site, SITE)
    type_into(s.qtbot, panel.physician, PHYSICIAN)
    type_into(s.qtbot, panel.phone, "+33 3 29 00 20 02")
    panel.question.lineEdit().clear()
    type_into(s.qtbot, panel.question.lineEdit(), QUESTION)
    lkw = (dt.datetime.now(dt.UTC) - dt.timedelta(minutes=70)).astimezone()
    type_into(s.qtbot, panel.lkw.edit, lkw.strftime("%d/%m/%Y %H:%M"))
    type_into(s.qtbot, panel.nihss, "17")
    panel.history.setPlainText(HISTORY)  # keyClicks types ASCII only
    s.ed.request_tab.send_button.click()  # identity not confirmed yet: said so
    return s.ed


def ed_sent(s: EdScene) -> QWidget:
    tab = s.ed.request_tab
    tab.images_panel.confirm_box.click()
    tab.send_button.click()
    s.qtbot.waitUntil(lambda: tab.state != "sending", timeout=30_000)
    assert tab.state == "sent", tab.status.text()
    with HttpHub(s.hub.base_url) as client:
        s.uid = request_from_workitem(
            find_workitem(client, s.ed.draft.images.study_uid)
        ).workitem_uid
    return s.ed


def ed_requests_waiting(s: EdScene) -> QWidget:
    tabs = s.ed.tabs
    tabs.setCurrentWidget(s.ed.requests_tab)
    requests = s.ed.requests_tab
    s.qtbot.waitUntil(lambda: requests.model.row_of(s.uid) >= 0, timeout=10_000)
    s.ed.show_request(requests.model.request_at(requests.model.row_of(s.uid)))
    return s.ed


def ed_request_claimed(s: EdScene) -> QWidget:
    with HttpHub(s.hub.base_url) as doctor:
        claim_request(doctor, ClaimStore(s.folder / "rad" / "claims.json"), s.uid, "MARTIN^Claire")
    requests = s.ed.requests_tab
    with s.qtbot.waitSignal(requests.claimed, timeout=10_000):
        requests.refresh()
    s.ed.show_request(requests.model.request_at(requests.model.row_of(s.uid)))
    return s.ed


def ed_opinion_received(s: EdScene) -> QWidget:
    deliver_opinion(s.hub.base_url, s.folder / "rad", s.synth / "left-mca", s.uid)
    requests = s.ed.requests_tab
    with s.qtbot.waitSignal(requests.opinion_arrived, timeout=15_000):
        requests.refresh()
    s.ed.show_request(requests.model.request_at(requests.model.row_of(s.uid)))
    view = requests.view
    assert view.opinion is not None
    typed = view.opinion.opinion  # what the radiologist typed is data
    s.data += (typed.conclusion, typed.other_findings, *(k.caption for k in typed.key_images))
    [key] = view.key_image_labels.values()
    s.qtbot.waitUntil(lambda: not key.pixmap().isNull(), timeout=10_000)
    return s.ed


def ed_acknowledged(s: EdScene) -> QWidget:
    view = s.ed.requests_tab.view
    view.ack_button.click()
    s.qtbot.waitUntil(lambda: not view.ack_button.isEnabled(), timeout=10_000)
    return s.ed


def ed_alerts(s: EdScene) -> list[QWidget]:
    texts = [f"{a.title}\n{a.text}" for a in s.ed.alerter.history]
    label = QWidget()
    label.setToolTip("\n".join(texts))  # the tray/banner alerts, walked as a tooltip
    s.qtbot.addWidget(label)
    return [label]


def ed_each_tab(s: EdScene) -> list[QWidget]:
    shown = []
    for index in range(s.ed.tabs.count()):
        s.ed.tabs.setCurrentIndex(index)
        shown.append(s.ed)
    return shown


def ed_close_questions(s: EdScene) -> list[QWidget]:
    boxes = []
    for kind in ("sending", "unsent"):
        box, _answers = s.ed.close_question(kind)
        s.qtbot.addWidget(box)
        boxes.append(box)
    return boxes


def ed_reason_dialogs(s: EdScene) -> list[QWidget]:
    requests = s.ed.requests_tab
    return [
        Shown(modal_texts(requests._ask_reason, name="ed-cancel-reason")),
        Shown(modal_texts(requests._ask_name, name="ed-ack-name")),
    ]


def ed_pacs_dialog(s: EdScene) -> QWidget:
    dialog = s.ed.open_pacs()
    s.qtbot.addWidget(dialog)
    return dialog


ED_SCREENS: list[Screen] = [
    ("ED window, empty form", ed_opened),
    ("ED images dropped", ed_images_dropped),
    ("ED validation messages", ed_send_refused),
    ("ED form filled, identity to confirm", ed_form_filled),
    ("ED request sent", ed_sent),
    ("ED requests list, waiting", ed_requests_waiting),
    ("ED request claimed", ed_request_claimed),
    ("ED opinion received, details", ed_opinion_received),
    ("ED opinion acknowledged", ed_acknowledged),
    ("ED every tab", ed_each_tab),
    ("ED alerts", ed_alerts),
    ("ED quit questions", ed_close_questions),
    ("ED hospital PACS dialog", ed_pacs_dialog),
    ("ED cancel reason, acknowledging name", ed_reason_dialogs),
]


def test_the_emergency_department_sees_only_french(
    qtbot, french: None, hub: HubServer, synth_root: Path, tmp_path: Path
) -> None:
    scene = EdScene(qtbot, hub, tmp_path, synth_root)
    found = walk(qtbot, scene, ED_SCREENS)
    assert not found, "English on the ED's screens:\n" + "\n".join(found)


# --- the radiologist ---------------------------------------------------------------------


@dataclasses.dataclass
class RadiologistScene:
    qtbot: Any
    server: HubServer
    folder: Path
    window: MainWindow | None = None
    panel: OpinionPanel | None = None
    desk: Desk | None = None
    runner: OutboxRunner | None = None
    data: tuple[str, ...] = ()

    @property
    def main(self) -> MainWindow:
        assert self.window is not None
        return self.window

    @property
    def opinion(self) -> OpinionPanel:
        assert self.panel is not None
        return self.panel


def worklist(s: RadiologistScene) -> QWidget:
    with HttpHub(s.server.base_url, retry=FAST) as hub:
        create_request(hub, priority="HIGH", minutes_ago=12, name="SYNTH^ALERTE")
        create_request(hub, priority="MEDIUM", minutes_ago=40, nihss=6, name="SYNTH^MOYEN")
    s.window = make_window(s.qtbot, s.server.base_url, s.folder / "worklist")
    s.qtbot.waitUntil(lambda: s.main.model.rowCount() >= 2, timeout=10_000)
    s.data = ("SYNTH ALERTE", "SYNTH MOYEN", "SYN-A1")
    return s.main


def worklist_claimed(s: RadiologistScene) -> QWidget:
    uid = s.main.model.request_at(0).workitem_uid
    assert s.main.select(uid)
    s.main.claim_action.trigger()
    s.qtbot.waitUntil(
        lambda: s.main.select(uid) and s.main.selected_request().state == "IN PROGRESS",
        timeout=10_000,
    )
    return s.main


def hand_back_reason(s: RadiologistScene) -> QWidget:
    return Shown(modal_texts(s.main.hand_back_selected, name="hand-back-reason"))


def claim_conflict(s: RadiologistScene) -> QWidget:
    uid = s.main.model.request_at(1).workitem_uid
    with HttpHub(s.server.base_url, retry=FAST) as other:
        claim_request(other, ClaimStore(s.folder / "other.json"), uid, "DURAND^Paul")
    assert s.main.select(uid)
    s.main.claim_action.trigger()  # the list is not refreshed yet: the hub refuses
    s.qtbot.waitUntil(lambda: "DURAND" in s.main.banner_text(), timeout=10_000)
    return s.main


def worklist_each_filter(s: RadiologistScene) -> list[QWidget]:
    shown = []
    for action in s.main.findChildren(type(s.main.claim_action)):
        if action.isCheckable() and action.actionGroup() is not None and action.isVisible():
            action.trigger()
            shown.append(s.main)
    return shown or [s.main]


def hub_outage(s: RadiologistScene) -> QWidget:
    before = s.main.status_label.text()
    s.server.stop()
    s.main.refresh()
    s.qtbot.waitUntil(lambda: s.main.status_label.text() != before, timeout=15_000)
    s.main.worker.wait()
    s.server = HubServer(s.server.data_dir, port=s.server.port).start()
    return s.main


def signer_dialog(s: RadiologistScene) -> QWidget:
    dialog = SignerDialog(RadiologistStore(s.folder / "signers.json"), "test-hub", first_start=True)
    s.qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def panel_empty(s: RadiologistScene) -> QWidget:
    hub = HttpHub(s.server.base_url, retry=FAST)
    now = lambda: dt.datetime.now().astimezone()  # noqa: E731
    s.desk = Desk(s.folder / "desk", s.server.base_url, now, {"backoff": Backoff(first_s=0.5)})
    case, request = claimed_request(hub, s.folder / "study", s.desk)
    hub.close()
    s.runner = OutboxRunner(s.desk.outbox, interval_ms=100)
    s.panel = show_panel(s.qtbot, OpinionPanel(s.desk.session(request, case.study), s.runner))
    s.data = ("DUPONT Zoé", "NAN-0042")
    return s.opinion


def panel_findings(s: RadiologistScene) -> QWidget:
    panel = s.opinion
    for box in panel.form.series_checks.values():
        box.click()
    choose(panel, "haemorrhage", m.Finding.PRESENT)
    choose(panel, "ischaemia", m.Finding.PRESENT)
    panel.form.aspects_side.buttons[1].click()
    choose(panel, "occlusion", m.Finding.PRESENT)
    panel.form.site_boxes[m.OcclusionSite.M1].click()
    panel.form.pc_scored.buttons[1].click()
    return panel


def panel_ready(s: RadiologistScene) -> QWidget:
    panel = s.opinion
    choose(panel, "haemorrhage", m.Finding.ABSENT)
    panel.form.site_sides[m.OcclusionSite.M1].buttons[0].click()
    choose(panel, "recommendation.thrombolysis", m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION)
    choose(panel, "recommendation.thrombectomy", m.ThrombectomyAdvice.CANDIDATE)
    return panel


def identity_dialog(s: RadiologistScene) -> QWidget:
    dialog = IdentityOverrideDialog(s.opinion.session.identity.uncovered(), s.opinion)
    s.qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def outbox_panel(s: RadiologistScene) -> list[QWidget]:
    assert s.runner is not None
    panel = OutboxPanel(s.runner)
    s.qtbot.addWidget(panel)
    panel.show()
    s.server.stop()  # the opinion waits, and the panels say why
    s.opinion.final_button.click()
    s.qtbot.waitUntil(lambda: any(i.reason for i in panel.items()), timeout=30_000)
    panel.refresh()
    return [panel, s.opinion]


def quit_question(s: RadiologistScene) -> QWidget:
    assert s.desk is not None and s.runner is not None
    s.runner.stop()
    return Shown(modal_texts(lambda: confirm_quit(s.opinion, s.desk.outbox), QMessageBox.No))


def prior_opinion(s: RadiologistScene) -> QWidget:
    s.server = HubServer(s.server.data_dir, port=s.server.port).start()
    banner = PriorOpinionBanner()
    s.qtbot.addWidget(banner)
    banner.show_opinions([received_opinion()], "another")
    banner.show()
    return banner


RADIOLOGIST_SCREENS: list[Screen] = [
    ("worklist", worklist),
    ("worklist, a request claimed", worklist_claimed),
    ("hand back: the reason asked", hand_back_reason),
    ("worklist, claimed by another first", claim_conflict),
    ("worklist filters", worklist_each_filter),
    ("worklist, hub unreachable", hub_outage),
    ("who signs (first start)", signer_dialog),
    ("opinion panel, nothing stated", panel_empty),
    ("opinion panel, findings", panel_findings),
    ("opinion panel, ready to send", panel_ready),
    ("identity override dialog", identity_dialog),
    ("outbox panel", outbox_panel),
    ("quit with an opinion waiting", quit_question),
    ("prior opinion", prior_opinion),
]


def test_the_radiologist_sees_only_french(qtbot, french: None, tmp_path: Path) -> None:
    server = HubServer(tmp_path / "hub").start()
    RadiologistStore(tmp_path / "worklist" / "radiologists.json").save("test-hub", RADIOLOGIST)
    scene = RadiologistScene(qtbot, server, tmp_path)
    try:
        found = walk(qtbot, scene, RADIOLOGIST_SCREENS)
    finally:
        if scene.runner is not None:
            scene.runner.stop()
        scene.server.stop()
    assert not found, "English on the radiologist's screens:\n" + "\n".join(found)


# --- the viewer and the settings ---------------------------------------------------------


@dataclasses.dataclass
class ViewerScene:
    qtbot: Any
    synth: Path
    stores: Any
    window: ViewerWindow | None = None
    data: tuple[str, ...] = ()

    @property
    def viewer(self) -> ViewerWindow:
        assert self.window is not None
        return self.window


def _viewer_data(window: ViewerWindow) -> tuple[str, ...]:
    """What the study says (names, IDs, dates, descriptions, file names): data."""
    values: list[str] = []
    for mpr in window.mpr_widgets():
        banner = mpr.volume.banner
        values += [banner.patient_id, banner.study_description, banner.series_description,
                   person_name(banner.name), dicom_date(banner.birth_date),
                   dicom_date(banner.study_date), "truth.json"]  # fmt: skip
    for entry in window.study.series:
        values.append(entry.description)
    return tuple(v for v in values if v)


def _open_viewer(s: ViewerScene, case: str, protocol: str | None = None) -> ViewerWindow:
    if s.window is not None:
        s.window.close()
    s.window = open_folder(s.qtbot, s.synth / case, protocol=protocol)
    s.data = _viewer_data(s.window)
    return s.window


def viewer_cta(s: ViewerScene) -> QWidget:
    window = _open_viewer(s, "left-mca", protocol="cta")
    (mpr,) = window.mpr_widgets()
    assert mpr.shown_views()[-1] == "3d" and mpr.volume_view is not None
    assert mpr.volume_view.bone_removal and window.warnings_dock.isVisible()
    assert window.browser_dock.windowTitle() == "Séries"  # plural: its own translation
    return window


def viewer_each_layout(s: ViewerScene) -> list[QWidget]:
    shown: list[QWidget] = []
    for layout in ("1x1", "1x3", "2x2"):
        s.viewer.toolbar.layout_actions[layout].trigger()
        QApplication.processEvents()
        shown.append(s.viewer)
    return shown


def viewer_captions(s: ViewerScene) -> QWidget:
    """The VTK texts of every view (the walker sees Qt widgets only): as a tooltip."""
    texts: list[str] = []
    for mpr in s.viewer.mpr_widgets():
        mpr.redraw()
        for view in mpr.shown_views():
            if view == "3d":
                assert mpr.volume_view is not None
                actors = [mpr.volume_view.patient_text, mpr.volume_view.mode_text]
            else:
                o = mpr.viewer.views[view].overlays
                actors = [o.patient_text, o.study_text, o.position_text, o.window_text,
                          o.not_loaded_text]  # fmt: skip
            texts += [a.GetInput() for a in actors if a.GetInput()]
    holder = QWidget()
    holder.setToolTip("\n".join(texts))
    s.qtbot.addWidget(holder)
    return holder


def viewer_abc(s: ViewerScene) -> QWidget:
    dialog = s.viewer.toolbar.open_abc()
    s.qtbot.addWidget(dialog)
    return dialog


def viewer_mr(s: ViewerScene) -> list[QWidget]:
    window = _open_viewer(s, "wake-up-mr")
    return [window, viewer_captions(s)]


def viewer_ncct(s: ViewerScene) -> list[QWidget]:
    window = _open_viewer(s, "right-ich")
    return [window, viewer_captions(s)]


def settings_first_start(s: ViewerScene) -> QWidget:
    return s.stores.dialog(s.qtbot, first_start=True)


def settings_dialog(s: ViewerScene) -> QWidget:
    dialog = SettingsDialog(s.stores.store, s.stores.secrets, s.stores.radiologists)
    s.qtbot.addWidget(dialog)
    dialog.show()
    return dialog


VIEWER_SCREENS: list[Screen] = [
    ("viewer, CTA 2x2 with 3-D, bone removed, warnings", viewer_cta),
    ("viewer, each layout", viewer_each_layout),
    ("viewer, CTA view texts", viewer_captions),
    ("viewer, ABC/2 dialog", viewer_abc),
    ("viewer, MR three panes", viewer_mr),
    ("viewer, NCCT", viewer_ncct),
    ("first start: the hub profile", settings_first_start),
    ("settings dialog", settings_dialog),
]


def test_the_viewer_and_the_settings_show_only_french(
    qtbot,
    french: None,
    synth_root: Path,
    stores: Any,  # noqa: F811
) -> None:
    scene = ViewerScene(qtbot, synth_root, stores)
    found = walk(qtbot, scene, VIEWER_SCREENS)
    assert not found, "English on the viewer's and the settings' screens:\n" + "\n".join(found)


# --- the walker itself -------------------------------------------------------------------


def test_the_walker_finds_english_in_every_kind_of_text(qtbot) -> None:
    """Each kind of text the walker reads, once English and once French: only the English
    is reported; data values and words both languages share are not."""
    from PySide6.QtWidgets import (
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QMainWindow,
        QPushButton,
        QTableWidget,
        QTableWidgetItem,
        QTabWidget,
        QVBoxLayout,
    )

    window = QMainWindow()
    qtbot.addWidget(window)
    window.setWindowTitle("StrokeLink — Priority")
    window.menuBar().addMenu("Réglages").addAction("Open the PDF")
    window.addToolBar("t").addAction("Images clés")
    tabs = QTabWidget()
    window.setCentralWidget(tabs)
    page = QWidget()
    tabs.addTab(page, "Key images")
    hidden_page = QWidget()  # a tab not shown now: still read
    QVBoxLayout(hidden_page).addWidget(QLabel("Tandem lesion"))
    tabs.addTab(hidden_page, "Lésion en tandem")
    column = QVBoxLayout(page)
    group = QGroupBox("Not acknowledged yet")
    column.addWidget(group)
    column.addWidget(QLabel("Par MARTIN Claire, signé le 01/03/2025"))
    column.addWidget(QLabel("By MARTIN Claire, signed 01/03/2025"))
    column.addWidget(QLabel("Patient : DUPONT Anne — Occlusion"))  # shared words, a name
    column.addWidget(QLabel("Born 01/02/1950"))
    button = QPushButton("Accuser réception")
    button.setToolTip("Select a request to see its answer.")
    column.addWidget(button)
    edit = QLineEdit()
    edit.setPlaceholderText("Waiting for the hub")
    column.addWidget(edit)
    combo = QComboBox()
    combo.addItems(["Haute", "Priority"])
    column.addWidget(combo)
    table = QTableWidget(1, 2)
    table.setHorizontalHeaderLabels(["Patient", "Tandem lesion"])
    table.setItem(0, 0, QTableWidgetItem("The hub is unreachable"))
    table.setItem(0, 1, QTableWidgetItem("Thrombectomy?"))  # typed by the ED: data
    column.addWidget(table)
    gone = QLabel("Other findings")
    column.addWidget(gone)
    gone.hide()  # hidden on purpose: not on screen
    window.statusBar().showMessage("Refresh failed")
    window.show()

    found = english_in(window, data=["Thrombectomy?", "DUPONT Anne"])
    texts = sorted({f.shown.text for f in found})
    assert texts == sorted(
        {
            "StrokeLink — Priority",
            "Open the PDF",
            "Key images",
            "Tandem lesion",
            "Not acknowledged yet",
            "By MARTIN Claire, signed 01/03/2025",
            "Born 01/02/1950",
            "Select a request to see its answer.",
            "Waiting for the hub",
            "Priority",
            "The hub is unreachable",
            "Refresh failed",
        }
    ), "\n".join(map(str, found))
    wheres = " ".join(f.shown.where for f in found)
    for kind in ("window title", "menu", "tab", "group title", "tooltip", "placeholder",
                 "combo item", "header", "cell", "status message", "label"):  # fmt: skip
        assert kind in wheres, kind
