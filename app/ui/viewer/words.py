"""The captions' words (:class:`viewer.captions.Words`) in the user's language.

:mod:`viewer` has no Qt, so it cannot call ``tr()``: the viewer windows call
:func:`install_caption_words` once the translators are installed. Every text
is a literal ``QCoreApplication.translate("CaptionWords", …)`` so that lupdate
finds it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from viewer import captions


def caption_words() -> captions.Words:
    """The captions' words, translated by the installed translators."""
    return captions.Words(
        no_name=QCoreApplication.translate("CaptionWords", "(no name)"),
        born=QCoreApplication.translate("CaptionWords", "Born"),
        sex=QCoreApplication.translate("CaptionWords", "Sex"),
        thin=QCoreApplication.translate("CaptionWords", "thin"),
        mean=QCoreApplication.translate("CaptionWords", "mean"),
        acquired_at=QCoreApplication.translate("CaptionWords", "acquired at"),
        mip_3d=QCoreApplication.translate("CaptionWords", "3D MIP"),
        vr_3d=QCoreApplication.translate("CaptionWords", "3D volume rendering (CTA)"),
        bone_removed=QCoreApplication.translate("CaptionWords", "bone removed"),
        presets={
            "brain": QCoreApplication.translate("CaptionWords", "brain"),
            "stroke": QCoreApplication.translate("CaptionWords", "stroke"),
            "subdural": QCoreApplication.translate("CaptionWords", "subdural"),
            "bone": QCoreApplication.translate("CaptionWords", "bone"),
            "angio": QCoreApplication.translate("CaptionWords", "angio"),
            "dicom": QCoreApplication.translate("CaptionWords", "series window"),
            "auto": QCoreApplication.translate("CaptionWords", "automatic"),
            "custom": QCoreApplication.translate("CaptionWords", "custom"),
        },
        views={
            "axial": QCoreApplication.translate("CaptionWords", "Axial"),
            "coronal": QCoreApplication.translate("CaptionWords", "Coronal"),
            "sagittal": QCoreApplication.translate("CaptionWords", "Sagittal"),
        },
    )


def install_caption_words() -> None:
    """Draw every caption from now on in the application's language."""
    captions.set_words(caption_words())


def kind_title(kind: str, modality: str = "") -> str:
    """A series kind as shown to the user (e.g. "cta": "CTA", in French "Angio-TDM")."""
    titles = {
        "localizer": QCoreApplication.translate("CaptionWords", "Localizer"),
        "ncct": QCoreApplication.translate("CaptionWords", "NCCT"),
        "cta": QCoreApplication.translate("CaptionWords", "CTA"),
        "ctp": QCoreApplication.translate("CaptionWords", "CT perfusion"),
        "dwi": QCoreApplication.translate("CaptionWords", "DWI"),
        "adc": QCoreApplication.translate("CaptionWords", "ADC"),
        "flair": QCoreApplication.translate("CaptionWords", "FLAIR"),
        "swi": QCoreApplication.translate("CaptionWords", "SWI"),
        "tof": QCoreApplication.translate("CaptionWords", "TOF"),
        "t1": QCoreApplication.translate("CaptionWords", "T1"),
        "t2": QCoreApplication.translate("CaptionWords", "T2"),
        "*": QCoreApplication.translate("CaptionWords", "any"),
    }
    if kind == "other":
        return modality or QCoreApplication.translate("CaptionWords", "other")
    return titles.get(kind, kind.upper())


def view_title(title: str) -> str:
    """A display protocol's viewport title (viewer/protocols.py) in the user's language."""
    titles = {
        "Axial 5 mm": QCoreApplication.translate("CaptionWords", "Axial 5 mm"),
        "Coronal 5 mm": QCoreApplication.translate("CaptionWords", "Coronal 5 mm"),
        "Sagittal 5 mm": QCoreApplication.translate("CaptionWords", "Sagittal 5 mm"),
        "Axial MIP 20 mm": QCoreApplication.translate("CaptionWords", "Axial MIP 20 mm"),
        "Coronal MIP": QCoreApplication.translate("CaptionWords", "Coronal MIP"),
        "Sagittal MIP": QCoreApplication.translate("CaptionWords", "Sagittal MIP"),
        "3D VR": QCoreApplication.translate("CaptionWords", "3D VR"),
        "DWI b1000": QCoreApplication.translate("CaptionWords", "DWI b1000"),
        "ADC": QCoreApplication.translate("CaptionWords", "ADC"),
        "FLAIR": QCoreApplication.translate("CaptionWords", "FLAIR"),
        "CTP over time": QCoreApplication.translate("CaptionWords", "CTP over time"),
    }
    return titles.get(title, title)
