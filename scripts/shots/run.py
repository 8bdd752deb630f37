"""Drive the real StrokeLink app in-process and save the guides' screenshots.

Run by ``scripts/screenshots.sh`` (which starts a seeded hub, an X server and a
throw-away HOME); by hand::

    PYTHONPATH=scripts .venv/bin/python -m shots.run --hub URL --lang fr \\
        --out docs/screenshots/guide --profile demo --images DIR

Each screenshot is one entry of :data:`SHOTS` (a name and a function of the
:class:`Run`); an entry with ``todo`` is not taken but listed at the end
(NOT_YET) until the app offers what it needs. A shot that fails is reported
and the others are still taken; the exit status is 1 when any failed.
Files are ``<name>-<lang>.png`` in ``--out``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QWidget

from app.hub.profiles import ProfileStore, hub_for, stored_secret
from app.ui.case_opener import OpenCase
from app.ui.i18n import install_translators
from app.ui.main import MainWindow
from app.ui.screenshot import grab_screen
from app.worklist.model import Request
from app.worklist.settings import SettingsStore

SCREEN = QRect(0, 0, 1600, 1000)
WINDOW_SIZE = (1580, 960)

# which seeded request is which case: the demo requests' sites (minihub/demo_requests.json)
CASE_SITES = {
    "right-ich": "CH Neufchâteau, Urgences",
    "left-mca": "CH Verdun, Urgences",
    "wake-up-mr": "CH Épinal, Urgences",
    "ctp-left-mca": "CH Remiremont, Urgences",
}
ED_SITE = CASE_SITES["left-mca"]


class ShotFailed(RuntimeError):
    """A step of a screenshot did not happen (said in words)."""


def pump(seconds: float) -> None:
    """Let Qt run (paint, network replies, timers) for ``seconds``."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QApplication.processEvents()
        time.sleep(0.02)


def wait_until(what: str, ready: Callable[[], bool], timeout_s: float = 60) -> None:
    end = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > end:
            raise ShotFailed(f"timed out waiting for {what}")
        QApplication.processEvents()
        time.sleep(0.05)


def place(window: QWidget) -> None:
    """The window at the screen's top-left corner, at the guides' size, in front."""
    window.resize(*WINDOW_SIZE)
    window.move(0, 0)
    window.show()
    window.raise_()
    window.activateWindow()
    pump(0.5)


def capture(widget: QWidget, path: Path) -> None:
    """The X screen (VTK views are black with ``QWidget.grab``), cropped to ``widget``."""
    window = widget.window()
    hidden = [  # nothing over the window (Xvfb has no window manager to stack them)
        other
        for other in QApplication.topLevelWidgets()
        if other is not window and other.isVisible() and other.isWindow()
    ]
    for other in hidden:
        other.hide()
    window.raise_()
    try:
        _capture(widget, path)
    finally:
        for other in hidden:
            other.show()


def _capture(widget: QWidget, path: Path) -> None:
    pump(1.0)  # the last paints, VTK's included
    if widget.isWindow():
        rect = widget.frameGeometry()
    else:
        top_left = widget.mapToGlobal(widget.rect().topLeft())
        rect = QRect(top_left, widget.size())
    rect = rect.intersected(SCREEN)
    if rect.isEmpty():
        raise ShotFailed(f"{path.name}: the widget is not on the screen")
    with tempfile.TemporaryDirectory() as tmp:
        full = Path(tmp) / "screen.png"
        grab_screen(str(full))
        crop = f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"
        subprocess.run(
            ["convert", str(full), "-crop", crop, "+repage", str(path)], check=True, timeout=60
        )
    print(f"screenshots: wrote {path}")


@dataclass
class Shot:
    name: str
    take: Callable[[Run, Path], None]
    todo: str = ""  # why it is not taken yet (the app's API for it does not exist yet)


class Run:
    """The app's windows for one language, opened as the shots need them."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.args = args
        self.hub_url: str = args.hub
        self.profile = ProfileStore().get(args.profile)
        self._main: MainWindow | None = None
        self._ed: Any = None
        self.cases: dict[str, OpenCase] = {}
        self.sent = False
        self.keep: list[QWidget] = []  # dialogs shown by a shot (kept alive until closed)

    # -- the radiologist -------------------------------------------------------------------
    def main(self) -> MainWindow:
        if self._main is None:
            hub = hub_for(self.profile, stored_secret(self.profile))
            window = MainWindow(
                hub,
                poll_interval_ms=5000,
                user=self.profile.username,
                network=self.profile.name,
                settings_store=SettingsStore(),
                use_tray=False,
                reuse_views=False,  # as the app (app/ui/launch.py)
            )
            self._main = window
            place(window)
            wait_until("the worklist", lambda: window._last_ok is not None, 30)
            wait_until("the seeded requests", lambda: len(window.open_requests) >= 3, 30)
        return self._main

    def request_of(self, case: str) -> Request:
        window = self.main()
        for request in window.open_requests:
            if request.requesting_site == CASE_SITES[case]:
                return request
        raise ShotFailed(f"no request of {CASE_SITES[case]} ({case}) on the worklist")

    def case(self, name: str) -> OpenCase:
        """Claim (Ctrl+Enter's action) and open (Ctrl+O's) the seeded request of ``name``."""
        if name in self.cases:
            opened = self.cases[name]
            place(opened.window)
            return opened
        window = self.main()
        place(window)
        uid = self.request_of(name).workitem_uid
        if not window.select(uid):
            raise ShotFailed(f"{name}: the request is not in the list")
        window.claim_action.trigger()

        def claimed() -> bool:
            request = window.selected_request() if window.select(uid) else None
            return (
                request is not None and request.state == "IN PROGRESS" and window.is_mine(request)
            )

        wait_until(f"the claim of {name}", claimed, 20)
        window.open_action.trigger()
        wait_until(f"the case window of {name}", lambda: uid in window.cases, 20)
        opened = window.cases[uid]
        wait_until(f"the images of {name}", lambda: opened.window.result is not None, 120)
        result = opened.window.result
        if result is None or not result.complete:
            errors = result.errors if result is not None else "none loaded"
            raise ShotFailed(f"{name}: images incomplete: {errors}")
        self.cases[name] = opened
        place(opened.window)
        pump(2.0)
        return opened

    # -- the emergency department ----------------------------------------------------------
    def ed(self) -> Any:
        if self._ed is None:
            from app.ed.request.form import example_clinical
            from app.ed.request.state import RequestStateStore
            from app.hub.client import HttpHub
            from app.ui.ed.ed_settings import EdSettingsStore
            from app.ui.ed.window import EdMainWindow

            folder = Path(self.args.ed_dir)
            window = EdMainWindow(
                HttpHub(self.hub_url),
                settings_store=EdSettingsStore(folder / "ed.json"),
                state_store=RequestStateStore(folder / "requests"),
                site=ED_SITE,
                user="LEROY Thomas",
                use_tray=False,
            )
            window.ask_close = lambda kind: "discard"
            now = dt.datetime.now().astimezone()
            data = example_clinical(now)
            for name in ("site", "physician", "callback_phone"):
                if window.draft.get(name):
                    data.pop(name, None)
            window.draft.load_clinical(data)
            self._ed = window
            ready: list[bool] = []
            window.ready.connect(lambda: ready.append(True))
            if self.args.images:  # a folder, as from a CD (the "Folder…" button)
                window.request_tab.images_panel.load(self.args.images)
            place(window)
            wait_until("the ED window and its images", lambda: bool(ready), 90)
            panel = window.request_tab.images_panel
            wait_until("the images in the form", lambda: not panel.loading, 90)
            pump(1.0)
        return self._ed

    def close(self) -> None:
        for opened in self.cases.values():
            with contextlib.suppress(RuntimeError):
                opened.window.close()
        pump(0.5)
        if self._ed is not None:
            self._ed.close()
        if self._main is not None:
            self._main.services.ask_quit = lambda *_: True  # unattended
            self._main.close()
        pump(0.5)


# -- the shots ---------------------------------------------------------------------------------


def shot_worklist(run: Run, path: Path) -> None:
    window = run.main()
    place(window)
    window.select(run.request_of("left-mca").workitem_uid)
    capture(window, path)


def shot_case_ncct(run: Run, path: Path) -> None:
    opened = run.case("right-ich")
    capture(opened.window, path)


def shot_cta(run: Run, path: Path) -> None:
    from viewer.protocols import CTA

    opened = run.case("left-mca")
    kinds = opened.window.study.kinds()
    if "CTA" in {str(k).upper() for k in kinds} or any("cta" in str(k).lower() for k in kinds):
        opened.window.set_protocol(CTA)
        pump(3.0)
    capture(opened.window, path)


def shot_mr(run: Run, path: Path) -> None:
    opened = run.case("wake-up-mr")
    pump(2.0)
    capture(opened.window, path)


def fill_left_mca_opinion(opened: OpenCase) -> None:
    """The left-M1 opinion of ``app.opinion.build.example_opinion``, as a radiologist ticks it."""
    from app.opinion import model as m

    session = opened.session
    drafting = session.drafting
    session.edit(lambda o: setattr(o.haemorrhage, "status", m.Finding.ABSENT))
    session.edit(lambda o: setattr(o.ischaemia, "early_signs", m.Finding.PRESENT))
    session.edit(lambda o: setattr(o.ischaemia, "side", m.Side.LEFT))
    drafting.set_aspects_side(m.Side.LEFT)
    for region in (m.AspectsRegion.L, m.AspectsRegion.I, m.AspectsRegion.M2):
        drafting.set_aspects_region(region, True)
    drafting.set_occlusion_statement(m.Finding.PRESENT.value)
    drafting.set_occlusion_site(m.OcclusionSite.M1, True, m.Side.LEFT)
    session.edit(lambda o: setattr(o, "conclusion", (
        "Acute left MCA ischaemic stroke with a left M1 occlusion; ASPECTS 7; no haemorrhage."
    )))  # fmt: skip
    session.edit(lambda o: setattr(o, "recommendation", m.Recommendation(
        thrombolysis=m.ThrombolysisAdvice.NO_IMAGING_CONTRAINDICATION,
        thrombectomy=m.ThrombectomyAdvice.CANDIDATE,
    )))  # fmt: skip
    # Ctrl+K over the axial MIP (not the 3-D view): the key image, as a radiologist takes it
    if opened.capture_key_image("axial") is None:
        raise ShotFailed("the key image could not be captured from the axial view")
    opened.panel.refresh()


def shot_opinion(run: Run, path: Path) -> None:
    opened = run.case("left-mca")
    if not opened.session.opinion.key_images:
        fill_left_mca_opinion(opened)
    pump(1.0)
    capture(opened.panel, path)


def shot_request_panel(run: Run, path: Path) -> None:
    opened = run.case("left-mca")
    panel = opened.window.request_panel
    if panel is None or not panel.isVisible():
        raise ShotFailed("the case window shows no request panel")
    capture(panel, path)


def send_final(run: Run) -> None:
    """The left-mca opinion sent as final (Ctrl+Shift+Enter), delivered by the outbox."""
    from app.outbox.store import DeliveryState
    from app.reading.state import CaseState

    if run.sent:
        return
    opened = run.case("left-mca")
    if not opened.session.opinion.key_images:
        fill_left_mca_opinion(opened)
    panel, session = opened.panel, opened.session
    panel.refresh()
    if not panel.final_button.isEnabled():
        raise ShotFailed(f"the final opinion cannot be sent: {session.sending.problems()}")
    panel.final_button.click()
    wait_until("the opinion sent", lambda: session.state is CaseState.SENT and not panel.sending)
    outbox = run.main().services.outbox
    wait_until(
        "the opinion delivered",
        lambda: all(s.state is DeliveryState.DELIVERED for s in outbox.items()),
    )
    run.sent = True


def shot_ed_form(run: Run, path: Path) -> None:
    window = run.ed()
    window.tabs.setCurrentWidget(window.request_tab)
    capture(window, path)


def shot_ed_list(run: Run, path: Path) -> None:
    window = run.ed()
    window.tabs.setCurrentWidget(window.requests_tab)
    tab = window.requests_tab
    loaded: list[bool] = []
    tab.loaded.connect(lambda: loaded.append(True))
    tab.refresh()
    wait_until("the site's requests", lambda: bool(loaded), 30)
    if tab.model.rowCount() > 0:
        tab.table.selectRow(0)
    capture(window, path)


def shot_ed_opinion(run: Run, path: Path) -> None:
    send_final(run)
    window = run.ed()
    window.tabs.setCurrentWidget(window.requests_tab)
    tab = window.requests_tab

    def answered() -> bool:
        loaded: list[bool] = []
        tab.loaded.connect(lambda: loaded.append(True))
        tab.refresh()
        wait_until("the site's requests", lambda: bool(loaded), 30)
        for row in range(tab.model.rowCount()):
            request = tab.model.request_at(row)
            if request is not None and request.opinions:
                tab.table.selectRow(row)
                return True
        return False

    wait_until("the opinion at the ED", answered, 60)
    pump(3.0)  # the key image
    capture(window, path)


def shot_first_start(run: Run, path: Path) -> None:
    """The first-start dialog filled in and tested against the demo hub (nothing saved:
    its stores are in a throw-away folder)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from app.hub.profiles import SecretStore
    from app.ui.settings.profile_dialog import ProfileDialog
    from app.worklist.signer import RadiologistStore

    folder = Path(tempfile.mkdtemp(prefix="first-start-"))
    dialog = ProfileDialog(
        ProfileStore(folder / "profiles.json"),
        SecretStore(),
        RadiologistStore(folder / "radiologists.json"),
        first_start=True,
    )
    run.keep.append(dialog)
    for field, text in (
        (dialog.url, run.hub_url), (dialog.user, "cmartin"), (dialog.password, "demo-password"),
        (dialog.family, "MARTIN"), (dialog.given, "Claire"), (dialog.organisation, "CHRU Nancy"),
    ):  # fmt: skip
        field.setFocus()
        QTest.keyClicks(field, text)
    dialog.move(40, 40)
    dialog.show()
    dialog.raise_()
    QTest.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    wait_until("the connection test", lambda: bool(getattr(dialog, "results", None)), 30)
    pump(1.0)
    capture(dialog, path)
    dialog.reject()


def cta_case(run: Run) -> tuple[OpenCase, Any]:
    """The left-mca case in the CTA protocol, and its panes (a ProtocolView)."""
    from viewer.protocols import CTA

    opened = run.case("left-mca")
    opened.window.set_protocol(CTA)
    pump(3.0)
    view = opened.window.protocol_view
    if view is None:
        raise ShotFailed("the CTA protocol shows no panes")
    return opened, view


def shot_pane_enlarged(run: Run, path: Path) -> None:
    """The CTA's axial MIP alone (F, or a double-click on its title), then back."""
    opened, view = cta_case(run)
    pane = view.active
    view.set_layout("1x1", pane, "axial", remember=False)
    pump(2.0)
    try:
        capture(opened.window, path)
    finally:
        view.toggle_enlarged(pane)
        pump(1.0)


def shot_layout_2x2(run: Run, path: Path) -> None:
    opened, view = cta_case(run)
    view.set_layout("2x2", remember=False)
    pump(3.0)
    capture(opened.window, path)


def shot_cta_3d(run: Run, path: Path) -> None:
    """The 3-D view of the CTA alone, the bone removed (the toolbar's Remove bone)."""
    opened, view = cta_case(run)
    pane = view.active
    if pane.mpr is None:
        raise ShotFailed("the CTA pane has no MPR views")
    pane.mpr.set_bone_removal(True)
    view.set_layout("1x1", pane, "3d", remember=False)
    pump(4.0)
    try:
        capture(opened.window, path)
    finally:
        view.set_layout(None, remember=False)
        pump(1.0)


def analysed_case(run: Run, name: str, tab: int) -> OpenCase:
    """The case ``name`` with its stroke analysis done (the toolbar's "Stroke analysis")
    and the panel's tab ``tab`` shown (0: CT perfusion, 1: MR ADC core, 2: DWI–FLAIR)."""
    opened = run.case(name)
    panel = opened.window.open_analysis()
    wait_until(
        f"the stroke analysis of {name}",
        lambda: panel.result is not None or bool(panel.error),
        240,
    )
    if panel.result is None:
        raise ShotFailed(f"{name}: the stroke analysis failed: {panel.error}")
    panel.tabs.setCurrentIndex(tab)
    pump(1.5)
    return opened


def shot_analysis_ctp(run: Run, path: Path) -> None:
    opened = analysed_case(run, "ctp-left-mca", 0)
    capture(opened.window, path)


def shot_analysis_mr(run: Run, path: Path) -> None:
    opened = analysed_case(run, "wake-up-mr", 2)
    capture(opened.window, path)


def shot_analysis_opinion(run: Run, path: Path) -> None:
    """The opinion panel after the analysis: the perfusion section prefilled, awaiting
    the radiologist's confirmation."""
    opened = analysed_case(run, "ctp-left-mca", 0)
    bar = opened.panel.form.suggestions["perfusion"]
    wait_until("the perfusion suggestion", bar.isVisible, 20)
    opened.panel.form_area.ensureWidgetVisible(bar, 0, 200)
    pump(1.0)
    capture(opened.panel, path)


SHOTS: list[Shot] = [
    Shot("worklist", shot_worklist),
    Shot("case-ncct-right-ich", shot_case_ncct),
    Shot("viewer-cta-left-mca", shot_cta),
    Shot("viewer-mr-wake-up-mr", shot_mr),
    Shot("opinion-panel", shot_opinion),
    Shot("request-panel", shot_request_panel),
    Shot("ed-request-form", shot_ed_form),
    Shot("ed-site-requests", shot_ed_list),
    Shot("ed-opinion-received", shot_ed_opinion),
    Shot("first-start-dialog", shot_first_start),
    Shot("pane-enlarged", shot_pane_enlarged),
    Shot("layout-2x2", shot_layout_2x2),
    Shot("cta-3d-bone-removed", shot_cta_3d),
    Shot("analysis-ctp", shot_analysis_ctp),
    Shot("analysis-mr", shot_analysis_mr),
    Shot("analysis-opinion", shot_analysis_opinion),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="shots.run", description=__doc__.splitlines()[0])
    parser.add_argument("--hub", required=True, help="the seeded hub's DICOMweb URL")
    parser.add_argument("--profile", required=True, help="the hub profile (with its signer)")
    parser.add_argument("--lang", choices=("en", "fr"), required=True)
    parser.add_argument("--out", required=True, help="folder of the PNGs")
    parser.add_argument("--ed-dir", required=True, help="the ED app's settings and send states")
    parser.add_argument("--images", help="a study folder loaded into the ED request form")
    parser.add_argument("--only", action="append", help="take only this shot (repeatable)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StrokeLink")
    install_translators(app, args.lang)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    run = Run(args)
    failed: list[str] = []
    not_yet: list[str] = []
    for shot in SHOTS:
        if args.only and shot.name not in args.only:
            continue
        name = f"{shot.name}-{args.lang}"
        if shot.todo:
            not_yet.append(f"{name}: {shot.todo}")
            continue
        try:
            shot.take(run, out / f"{name}.png")
        except Exception as exc:
            traceback.print_exc()
            print(f"screenshots: FAILED {name}: {exc}", file=sys.stderr)
            failed.append(name)
    try:
        run.close()
    except Exception as exc:
        print(f"screenshots: closing the windows failed: {exc}", file=sys.stderr)
    if not_yet:
        print("NOT_YET (TODO entries, not taken):")
        for line in not_yet:
            print(f"  {line}")
    if failed:
        print(f"screenshots: {len(failed)} failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
