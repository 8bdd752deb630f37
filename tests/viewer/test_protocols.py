"""Display protocols as data, window presets and auto-window."""

from __future__ import annotations

import numpy as np
import pytest

from tests.viewer.phantoms import head_volume
from viewer.model import ViewerState
from viewer.presets import PRESETS, auto_window, default_preset, preset_names, resolve_window
from viewer.protocols import (
    CTA,
    GENERIC,
    MR_STROKE,
    NCCT,
    PROTOCOLS,
    applicable_protocols,
    choose_protocol,
)


def test_choose_protocol_for_stroke_studies() -> None:
    assert choose_protocol(["ncct"]) is NCCT
    assert choose_protocol(["cta"]) is CTA
    assert choose_protocol(["localizer", "ncct", "cta", "ctp"]) is NCCT, "NCCT first"
    assert [p.name for p in applicable_protocols(["ncct", "cta", "ctp"])] == ["ncct", "cta", "ctp"]
    assert choose_protocol(["dwi", "adc", "flair"]) is MR_STROKE
    assert choose_protocol(["flair"]) is MR_STROKE
    assert choose_protocol(["t1"]) is GENERIC
    assert choose_protocol([]) is GENERIC


def test_protocol_defaults_are_the_agreed_ones() -> None:
    axial = NCCT.viewports[0]
    assert (axial.view, axial.preset, axial.slab_mode, axial.slab_mm) == (
        "axial",
        "stroke",
        "mean",
        5.0,
    )
    assert {"brain", "subdural"} <= set(axial.alternatives)
    cta_views = {v.view: v for v in CTA.viewports}
    assert set(cta_views) == {"axial", "coronal", "sagittal", "3d"}
    assert all(v.preset == "angio" for v in CTA.viewports)
    assert all(cta_views[v].slab_mode == "mip" and cta_views[v].slab_mm == 20.0
               for v in ("axial", "coronal", "sagittal"))  # fmt: skip
    assert cta_views["3d"].render_mode == "vr"  # a 3-D MIP of a head CTA is mostly skull
    mr = [v.series_kind for v in MR_STROKE.viewports]
    assert mr == ["dwi", "adc", "flair"] and all(v.preset == "auto" for v in MR_STROKE.viewports)
    assert len({v.link_group for v in MR_STROKE.viewports}) == 1, "DWI/ADC/FLAIR are linked"
    assert MR_STROKE.viewports_for(["dwi", "flair"]) == (
        MR_STROKE.viewports[0],
        MR_STROKE.viewports[2],
    )
    for protocol in (*PROTOCOLS, GENERIC):
        rows, cols = protocol.layout
        assert len(protocol.viewports) <= rows * cols
        for viewport in protocol.viewports:
            assert viewport.preset in preset_names()


def test_enter_and_exit_hooks_set_the_slab() -> None:
    state = ViewerState()
    CTA.enter(state)
    assert state.slab == ("mip", 20.0)
    CTA.exit(state)
    assert state.slab == ("none", 0.0)
    NCCT.enter(state)
    assert state.slab == ("mean", 5.0)


def test_presets_and_dynamic_windows() -> None:
    volume = head_volume()
    assert {n: (p.width, p.centre) for n, p in PRESETS.items()} == {
        "brain": (80, 40), "stroke": (40, 40), "subdural": (200, 75), "bone": (2800, 600),
        "angio": (600, 200),
    }  # fmt: skip
    assert resolve_window("dicom", volume) == (80.0, 40.0)
    volume.default_window = None
    assert resolve_window("dicom", volume) == auto_window(volume)
    with pytest.raises(ValueError, match="unknown window preset"):
        resolve_window("lung", volume)
    assert default_preset(volume) == "brain"
    volume.modality = "MR"
    assert default_preset(volume) == "auto"


def test_auto_window_uses_percentiles_of_loaded_slices() -> None:
    volume = head_volume(markers=())
    rng = np.random.default_rng(0)
    volume.array[:] = rng.integers(100, 1100, size=volume.array.shape, dtype=np.int16)
    assert volume.loaded is not None
    volume.loaded[:5] = False
    volume.array[:5] = -32768
    width, centre = auto_window(volume)
    assert centre == pytest.approx(600, abs=20)
    assert width == pytest.approx(980, abs=30)


def test_auto_window_keeps_a_small_bright_lesion_below_saturation() -> None:
    """MR: background is most of the field of view; the DWI lesion must stay visible."""
    volume = head_volume(markers=())
    rng = np.random.default_rng(1)
    shape = volume.array.shape
    array = rng.normal(5, 3, size=shape)  # air
    j, i = np.ogrid[: shape[1], : shape[2]]
    brain = ((j - shape[1] / 2) ** 2 + (i - shape[2] / 2) ** 2) < (shape[1] / 4) ** 2
    array[:, brain] = rng.normal(400, 20, size=(shape[0], int(brain.sum())))
    lesion = brain & ((j - shape[1] / 2) ** 2 + (i - shape[2] / 2 - 5) ** 2 < 9)
    array[:, lesion] = 640
    volume.array[:] = array.astype(np.int16)
    width, centre = auto_window(volume)
    assert centre + width / 2 >= 640  # the lesion is not clipped to white
    assert centre - width / 2 <= 10  # air stays black
    assert 200 <= centre <= 450  # brain mid-grey, not washed out


def test_snapshot_defaults_come_from_the_protocol() -> None:
    from viewer.snapshot import DisplayDefaults, display_defaults

    cta = head_volume(kind="cta")
    assert display_defaults(cta, "coronal") == DisplayDefaults("angio", "mip", 20.0)
    ncct = head_volume(kind="ncct")
    assert display_defaults(ncct, "axial") == DisplayDefaults("stroke", "mean", 5.0)
    other = head_volume(kind="t1", modality="MR")
    assert display_defaults(other, "sagittal").preset == "dicom"
