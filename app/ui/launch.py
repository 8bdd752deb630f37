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
from app.ui.main import DEFAULT_HUB_URL, MainWindow
from app.worklist.settings import SettingsStore


def _profile_for(url: str) -> Any:
    try:
        from app.hub.profiles import ProfileStore

        return ProfileStore().find_by_url(url)
    except (OSError, ValueError):
        return None


def run_gui(
    hub_url: str | None = None,
    lang: str | None = None,
    screenshot: str | None = None,
    user: str | None = None,
) -> int:
    """Start the desktop app. ``screenshot``: save the screen once loaded, then quit.

    A hub profile for ``hub_url`` gives the user name, the polling interval and
    the network's settings; without one, the OS user and a 5 s interval.
    """
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StrokeLink")
    install_translators(app, lang)
    url = hub_url or DEFAULT_HUB_URL
    profile = _profile_for(url)
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
    )
    window.services.warm_decoder()
    window.show()
    if not screenshot:
        window.who_signs.ask_if_missing()  # first start: who signs?
    if screenshot:
        from app.ui.screenshot import save_screen_when_loaded

        save_screen_when_loaded(window, screenshot, ready=window.loaded)
    return int(app.exec())
