"""Translations: every UI string goes through ``tr()``; French kept complete.

Sources: ``resources/translations/strokelink_<lang>.ts`` (edited with Qt
Linguist, refreshed with ``pyside6-lupdate``), compiled to ``.qm`` next to them
with ``pyside6-lrelease``. Qt's own strings (dialog buttons) come from the
``qtbase_<lang>.qm`` shipped with PySide6.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS_DIR = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = ("en", "fr")


def install_translators(app: QCoreApplication, lang: str | None = None) -> str:
    """Install the app's and Qt's translators for ``lang`` (default: system locale).

    Returns the language in use. English is the source language and needs none.
    """
    if lang is None:
        lang = QLocale.system().name().split("_")[0]
    if lang not in LANGUAGES:
        lang = "en"
    if lang == "en":
        return lang
    QLocale.setDefault(QLocale(lang))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{lang}", qt_dir), (f"strokelink_{lang}", str(TRANSLATIONS_DIR))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
    return lang
