"""The viewer's words go through the translators (issue #13 item 3): the overlays
(viewer/, no Qt) get theirs from app/ui/viewer/words.py."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication

from app.ui.viewer.words import install_caption_words, kind_title
from tests.ui.test_viewer_cases import open_folder
from viewer import captions

FRENCH = {
    "Born": "Né le",
    "Sex": "Sexe",
    "Remove bone": "Retirer l'os",
    "Axial MIP 20 mm": "MIP axiale 20 mm",
    "Axial": "Axiale",
    "CTA": "Angioscanner",
    "3D volume rendering (CTA)": "Rendu volumique 3D (angioscanner)",
    "bone removed": "os retiré",
}


class Translator(QTranslator):
    def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
        return FRENCH.get(source, "")


def test_overlays_titles_and_toolbar_follow_the_translators(qtbot, synth_root: Path) -> None:
    app = QApplication.instance()
    assert app is not None
    translator = Translator()
    app.installTranslator(translator)
    try:
        window = open_folder(qtbot, synth_root / "left-mca", protocol="cta")
        (mpr,) = window.mpr_widgets()
        overlays = mpr.viewer.views["axial"].overlays
        assert "Né le 1949-02-03  Sexe M" in overlays.patient_text.GetInput()
        assert overlays.position_text.GetInput().startswith("Axiale ")
        assert window.toolbar.bone.text() == "Retirer l'os"
        assert window.protocol_view is not None
        assert "MIP axiale 20 mm" in window.protocol_view.panes[0].title.text()
        assert mpr.volume_view is not None
        assert (
            mpr.volume_view.mode_text.GetInput() == "Rendu volumique 3D (angioscanner) — os retiré"
        )
        assert kind_title("cta") == "Angioscanner" and kind_title("other", "MR") == "MR"
    finally:
        app.removeTranslator(translator)
        install_caption_words()
    assert captions.words().born == "Born"
