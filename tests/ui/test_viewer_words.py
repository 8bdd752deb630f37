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
        assert mpr.volume_view.mode_text.GetInput() == "Rendu volumique 3D (angioscanner)"
        assert mpr.volume_view.bone_text.GetInput() == "os retiré"
        assert kind_title("cta") == "Angioscanner" and kind_title("other", "MR") == "MR"
    finally:
        app.removeTranslator(translator)
        install_caption_words()
    assert captions.words().born == "Born"


def test_the_viewers_warnings_are_worded_through_the_translators(qtbot, synth_root: Path) -> None:
    """viewer/ returns warnings as codes with parameters (English text kept for
    ``strokelink info``); the warnings box words them through tr()."""
    words = {
        "skipped {why}": "ignoré : {why}",
        "{file}: not a DICOM file": "{file} n'est pas DICOM",
    }

    class Warnings(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):  # type: ignore[no-untyped-def]
            return words.get(source, "") if context == "ViewerWarnings" else ""

    app = QApplication.instance()
    assert app is not None
    translator = Warnings()
    app.installTranslator(translator)
    try:
        window = open_folder(qtbot, synth_root / "left-mca", protocol="cta")
        shown = [window.warnings.item(i).text() for i in range(window.warnings.count())]
        assert "ignoré : truth.json n'est pas DICOM" in shown, shown
        assert not any("not a DICOM" in text for text in shown)
        [english] = [w for w in window.study.scan_warnings if "truth.json" in w]
        assert english == "skipped truth.json: not a DICOM file"  # as `strokelink info` says
    finally:
        app.removeTranslator(translator)


def test_every_warning_code_has_its_wording_and_the_same_english() -> None:
    """The user interface's table repeats viewer.notes.TEMPLATES literally (for lupdate):
    with no translator each code reads as the viewer's own English."""
    import pickle

    from app.ui.viewer.words import _warning_templates, warning_text
    from viewer.notes import TEMPLATES, labelled, note

    assert _warning_templates() == dict(TEMPLATES)
    for code, template in TEMPLATES.items():
        names = {n.split("}")[0] for n in template.split("{")[1:]}
        made = note(code, **{n: f"<{n}>" for n in names})
        assert warning_text(made) == str(made) == template.format(**{n: f"<{n}>" for n in names})
    inner = note("slices_missing", count=2, first="z=1.00 mm", second="z=4.00 mm")
    outer = labelled("b1000", inner)
    assert outer == "b1000: 2 slice(s) missing between z=1.00 mm and z=4.00 mm: shown as not loaded"
    again = pickle.loads(pickle.dumps(outer))  # across processes, as the loader sends it
    assert again == outer and again.code == "labelled" and again.params["note"].code == inner.code
    assert labelled("", inner) is inner


def test_why_a_series_is_not_a_volume_is_worded_too() -> None:
    """The refusals (geometry, stack checks) are codes too, joined ones worded one by one."""
    import pytest

    from app.ui.viewer.words import warning_text
    from viewer.geometry import IrregularGeometry, fit_slice_grid
    from viewer.notes import joined, note

    with pytest.raises(IrregularGeometry) as caught:
        fit_slice_grid([[0.0, 0.0, 0.0]], [0.0, 0.0, 1.0])
    reason = caught.value.args[0]
    assert reason == "a single slice" and reason.code == "single_slice"
    both = joined([reason, note("localizer")])
    assert both == "a single slice; localizer (scout) image"
    assert warning_text(both) == str(both)
    assert joined([reason]) is reason
