"""Starting the radiologist's desktop app: hub profile, translators, first-start questions.

:func:`run_gui` is what ``strokelink`` and ``strokelink demo`` call; the window
itself is :class:`app.ui.main.MainWindow`.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QApplication

from app.hub.client import HttpHub
from app.hub.protocol import Hub
from app.ui.i18n import install_translators
from app.ui.main import MainWindow
from app.ui.style import app_icon
from app.worklist.settings import SettingsStore


def _profile_for(url: str) -> Any:
    try:
        from app.hub.profiles import ProfileStore

        return ProfileStore().find_by_url(url)
    except (OSError, ValueError):
        return None


def open_worklist(
    url: str,
    profile: Any = None,
    *,
    user: str | None = None,
    screenshot: str | None = None,
) -> MainWindow:
    """The radiologist's worklist on ``url``, shown (``profile``: its hub profile, if any).

    A hub profile gives the user name, the polling interval and the network's
    settings; without one, the OS user and a 5 s interval.
    """
    hub: Hub = HttpHub(url)
    interval_ms = 5000
    network = ""
    if profile is not None:
        from app.hub.profiles import hub_for, stored_secret

        hub = hub_for(profile, stored_secret(profile))
        interval_ms = int(profile.poll_interval_s * 1000)
        network = profile.name
        user = user or profile.username
    window = MainWindow(
        hub,
        poll_interval_ms=interval_ms,
        user=user or "",
        network=network,
        settings_store=SettingsStore(),
        # Views made ahead and reused between cases (issue 15) are OFF: a reused widget
        # re-parented into a new case window crashed (SIGSEGV in Initialize, its native
        # window changed under VTK) in a CI run. Each case makes its own views, as before.
        reuse_views=False,
    )
    window.services.warm_decoder()
    window.show()
    if not screenshot:
        window.who_signs.ask_if_missing()  # first start: who signs?
    if screenshot:
        from app.ui.screenshot import save_screen_when_loaded

        save_screen_when_loaded(window, screenshot, ready=window.loaded)
    return window


class Startup:
    """``strokelink`` with no hub named: the active hub profile's window (the ED's for an
    ED profile, on its site), after the first-start dialog when there is no profile.

    ``store``/``secrets``/``radiologists``: where profiles, passwords and signers are
    kept (default: the user's). ``dialog``: the first-start dialog, if shown;
    ``window``: the window opened. Cancelling the first-start dialog quits.
    """

    def __init__(
        self,
        *,
        user: str | None = None,
        store: Any = None,
        secrets: Any = None,
        radiologists: Any = None,
        ed_options: dict[str, Any] | None = None,
    ) -> None:
        self.user = user
        self.store = store
        self.secrets = secrets
        self.radiologists = radiologists
        self.ed_options = ed_options or {}
        self.dialog: Any = None
        self.window: Any = None

    def begin(self) -> None:
        from app.ui.settings.startup import ask_profile

        self.dialog = ask_profile(
            self.open, store=self.store, secrets=self.secrets, radiologists=self.radiologists
        )
        if self.dialog is not None:
            self.dialog.rejected.connect(QApplication.quit)

    def open(self, profile: Any) -> None:
        if profile.role == "emergency":
            from app.ui.ed.window import open_ed_window

            self.window = open_ed_window(
                profile.base_url, profile=profile, user=self.user, **self.ed_options
            )
        else:
            self.window = open_worklist(profile.base_url, profile, user=self.user)


def run_gui(
    hub_url: str | None = None,
    lang: str | None = None,
    screenshot: str | None = None,
    user: str | None = None,
) -> int:
    """Start the desktop app. ``screenshot``: save the screen once loaded, then quit.

    With ``hub_url`` (``--hub``, the demo): the worklist on that hub, with its saved
    profile when one has that URL. Without: the active hub profile's window
    (:class:`Startup`), the first-start dialog first when there is none.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StrokeLink")
    QApplication.setWindowIcon(app_icon())
    install_translators(app, lang)
    if hub_url is None:
        startup = Startup(user=user)
        startup.begin()
        return int(app.exec())
    profile = _profile_for(hub_url)
    if profile is None:
        window = open_worklist(hub_url, None, user=user, screenshot=screenshot)
        result = int(app.exec())
        del window
        return result
    # the profile of --hub: its password is asked first when it is nowhere
    from app.ui.settings.startup import ask_profile

    opened: list[MainWindow] = []

    def ready(chosen: Any) -> None:
        opened.append(open_worklist(hub_url, chosen, user=user, screenshot=screenshot))

    dialog = ask_profile(ready, chosen=profile)
    if dialog is not None:
        dialog.rejected.connect(QApplication.quit)
    return int(app.exec())
