"""MPR views rendered off screen (EGL): left is left, geometry is the DICOM geometry.

Safety invariant 1: a marker on the patient's left shows on the screen's right in
axial and coronal views, whatever the acquisition's row/column/slice directions,
and the "L" letter sits on the right edge.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
import numpy.typing as npt
import pytest

from tests.viewer import phantoms
from tests.viewer.phantoms import MARKER_LPS, affine_for, head_volume
from viewer.model import ViewerState
from viewer.mpr import MprViewer
from viewer.slab import HATCH_COLOURS
from viewer.volume import NOT_LOADED_VALUE, Volume

SIZE = 256


def bright_centroid(rgb: npt.NDArray[np.uint8], threshold: int = 230) -> tuple[float, float]:
    """(column, row) of near-white pixels, away from the text in the margins."""
    h, w, _ = rgb.shape
    inner = np.zeros((h, w), dtype=bool)
    inner[int(0.15 * h) : int(0.85 * h), int(0.08 * w) : int(0.92 * w)] = True
    mask = inner & np.all(rgb >= threshold, axis=2)
    assert mask.sum() > 4, "the marker is not visible"
    rows, cols = np.nonzero(mask)
    return float(cols.mean()), float(rows.mean())


@pytest.fixture
def make_viewer() -> Iterator[object]:
    made: list[MprViewer] = []

    def make(volume: Volume, **state_kw: object) -> tuple[MprViewer, ViewerState]:
        state = ViewerState(crosshair=state_kw.pop("crosshair", MARKER_LPS), **state_kw)  # type: ignore[arg-type]
        viewer = MprViewer(volume, state, size=(SIZE, SIZE), auto_render=False,
                           show_crosshair=False)  # fmt: skip
        made.append(viewer)
        return viewer, state

    yield make
    for viewer in made:
        viewer.close()


ORIENTATIONS = {
    "head-first supine": phantoms.HEAD_FIRST_SUPINE,
    "flipped rows and columns (prone)": phantoms.FLIPPED_ROWS_COLUMNS,
    "reversed slice order": phantoms.REVERSED_SLICES,
    "feet-first supine": phantoms.FEET_FIRST_SUPINE,
    "feet-first prone": phantoms.FEET_FIRST_PRONE,
    "sagittal acquisition": phantoms.SAGITTAL_ACQUISITION,
}


@pytest.mark.parametrize("directions", ORIENTATIONS.values(), ids=ORIENTATIONS.keys())
def test_left_is_on_screen_right_and_labels_follow_patient(make_viewer, directions) -> None:  # type: ignore[no-untyped-def]
    shape = (40, 64, 64)
    volume = head_volume(shape, affine_for(shape, directions=directions))
    viewer, _ = make_viewer(volume)

    axial = viewer.grab("axial")
    col, row = bright_centroid(axial)
    assert col > SIZE / 2, "patient's left must be on the screen's right (axial)"
    assert row < SIZE / 2, "anterior must be at the top (axial)"

    coronal = viewer.grab("coronal")
    col, row = bright_centroid(coronal)
    assert col > SIZE / 2, "patient's left must be on the screen's right (coronal)"
    assert row < SIZE / 2, "superior must be at the top (coronal)"

    sagittal = viewer.grab("sagittal")
    col, row = bright_centroid(sagittal)
    assert col < SIZE / 2, "anterior on the screen's left (sagittal)"
    assert row < SIZE / 2, "superior at the top (sagittal)"

    assert viewer.edge_labels("axial") == {"left": "R", "right": "L", "top": "A", "bottom": "P"}
    assert viewer.edge_labels("coronal") == {"left": "R", "right": "L", "top": "S", "bottom": "I"}
    assert viewer.edge_labels("sagittal") == {"left": "A", "right": "P", "top": "S", "bottom": "I"}
    right = viewer.label_actors("axial")["right"]
    assert right.GetInput() == "L"
    assert right.GetPositionCoordinate().GetValue()[0] > 0.9
    assert right.GetVisibility()


def test_label_pixels_are_drawn_on_the_right_edge(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, _ = make_viewer(head_volume())
    rgb = viewer.grab("axial").astype(int)
    yellow = (rgb[..., 0] > 180) & (rgb[..., 1] > 150) & (rgb[..., 2] < 100)
    h, w = yellow.shape
    band = slice(int(0.4 * h), int(0.6 * h))
    assert yellow[band, int(0.9 * w) :].sum() > 5, "a letter on the right edge"
    assert yellow[band, : int(0.1 * w)].sum() > 5, "a letter on the left edge"


@pytest.mark.parametrize("tilt", [0.0, 20.0])
def test_marker_is_drawn_at_its_patient_position(make_viewer, tilt) -> None:  # type: ignore[no-untyped-def]
    shape = (40, 64, 64)
    volume = head_volume(shape, affine_for(shape, tilt_deg=tilt))
    if tilt:
        assert not np.isclose(np.dot(volume.affine[:3, 1], volume.affine[:3, 2]), 0.0), (
            "the tilted affine must be sheared"
        )
    viewer, _ = make_viewer(volume)
    for view in ("axial", "coronal", "sagittal"):
        rgb = viewer.grab(view)
        col, row = bright_centroid(rgb)
        dx, dy = viewer.lps_to_display(view, MARKER_LPS)
        # display y grows upwards; image rows grow downwards
        assert abs(col - dx) < 4 and abs(row - (SIZE - 1 - dy)) < 4, view


def test_display_to_lps_round_trip(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, state = make_viewer(head_volume())
    state.set_zoom("axial", 1.7)
    state.set_pan("axial", 12.0, -8.0)
    viewer.render()
    p = np.array([20.0, -10.0, MARKER_LPS[2]])
    x, y = viewer.lps_to_display("axial", p)
    assert np.allclose(viewer.display_to_lps("axial", x, y), p, atol=1e-6)
    centre = viewer.display_to_lps("coronal", SIZE / 2, SIZE / 2)
    assert abs(centre[1] - MARKER_LPS[1]) < 1e-6, "a coronal click stays in the coronal plane"


@pytest.mark.parametrize("tilt", [0.0, 15.0])
def test_thick_slab_mip_shows_a_vessel_a_thin_slice_misses(make_viewer, tilt) -> None:  # type: ignore[no-untyped-def]
    shape = (60, 64, 64)
    affine = affine_for(shape, spacing=(3.0, 3.0, 1.0), tilt_deg=tilt)
    vessel_z = 6.0
    volume = head_volume(shape, affine, markers=(), vessels=[(0.0, vessel_z)])
    viewer, state = make_viewer(volume, crosshair=(0.0, 0.0, 0.0), window=(600.0, 200.0))

    def vessel_brightness() -> float:
        rgb = viewer.grab("axial").astype(float)
        x0, y0 = viewer.lps_to_display("axial", (-40.0, 0.0, 0.0))
        x1, _ = viewer.lps_to_display("axial", (40.0, 0.0, 0.0))
        row = round(SIZE - 1 - y0)
        return float(rgb[row - 1 : row + 2, round(x0) : round(x1), 0].mean())

    thin = vessel_brightness()
    state.set_slab("mip", 20.0)
    thick = vessel_brightness()
    assert thick > thin + 60, (thin, thick)
    # The same through the VTK slab path on a slightly oblique plane.
    state.rotate("axial", 3.0)
    oblique = vessel_brightness()
    assert oblique > thin + 60, (thin, oblique)
    state.reset_rotation()
    state.set_slab("minip", 20.0)
    assert vessel_brightness() < thin + 10
    state.set_slab("mean", 20.0)
    assert thin < vessel_brightness() < thick


def test_slab_follows_scrolling(make_viewer) -> None:  # type: ignore[no-untyped-def]
    shape = (60, 64, 64)
    volume = head_volume(shape, affine_for(shape, spacing=(3.0, 3.0, 1.0)), markers=(),
                         vessels=[(0.0, 6.0)])  # fmt: skip
    viewer, state = make_viewer(volume, crosshair=(0.0, 0.0, -20.0), window=(600.0, 200.0))
    state.set_slab("mip", 20.0)
    far = viewer.plane_image("axial").values.max()
    for _ in range(20):
        state.scroll("axial", -1.0)  # the axial normal points to the feet: -1 mm goes up
    assert state.crosshair[2] == pytest.approx(0.0)
    assert state.slab == ("mip", 20.0), "the slab is kept while scrolling"
    near = viewer.plane_image("axial").values.max()
    assert far < 100 and near == 400


def not_loaded_volume() -> Volume:
    shape = (40, 64, 64)
    volume = head_volume(shape)
    assert volume.loaded is not None
    volume.loaded[:10] = False
    volume.array[:10] = NOT_LOADED_VALUE
    return volume


def hatch_fraction(rgb: npt.NDArray[np.uint8]) -> float:
    close = np.zeros(rgb.shape[:2], dtype=bool)
    for colour in HATCH_COLOURS:
        close |= np.all(np.abs(rgb.astype(int) - np.array(colour[:3])) <= 3, axis=2)
    return float(close.mean())


def test_not_loaded_slices_are_hatched_not_black(make_viewer) -> None:  # type: ignore[no-untyped-def]
    volume = not_loaded_volume()
    z_unloaded = volume.index_to_lps([0, 0, 4])[2]
    viewer, _ = make_viewer(volume, crosshair=(0.0, 0.0, z_unloaded))
    axial = viewer.grab("axial")
    assert hatch_fraction(axial) > 0.5, "the whole unloaded axial slice is hatched"
    assert viewer.views["axial"].overlays.not_loaded_text.GetVisibility()
    coronal = viewer.grab("coronal")
    # The unloaded slices are the inferior ones: the bottom rows of the coronal image.
    y_bottom = viewer.lps_to_display("coronal", (0.0, 0.0, volume.index_to_lps([0, 0, 0])[2]))[1]
    y_top = viewer.lps_to_display("coronal", (0.0, 0.0, volume.index_to_lps([0, 0, 8])[2]))[1]
    band = coronal[round(SIZE - 1 - y_top) : round(SIZE - 1 - y_bottom)]
    assert hatch_fraction(band) > 0.5
    above = coronal[: round(SIZE - 1 - y_top) - 20]
    assert hatch_fraction(above) < 0.01, "loaded slices are not hatched"

    zero = head_volume((40, 64, 64))
    zero.array[:10] = 0
    zero_viewer, _ = make_viewer(zero, crosshair=(0.0, 0.0, z_unloaded))
    zero_axial = zero_viewer.grab("axial")
    assert np.abs(axial.astype(int) - zero_axial.astype(int)).mean() > 20


def test_progressive_loading_removes_the_hatch(make_viewer) -> None:  # type: ignore[no-untyped-def]
    volume = not_loaded_volume()
    z = volume.index_to_lps([0, 0, 4])[2]
    viewer, _ = make_viewer(volume, crosshair=(0.0, 0.0, z))
    assert hatch_fraction(viewer.grab("axial")) > 0.5
    full = head_volume((40, 64, 64))
    assert volume.loaded is not None
    volume.array[:10] = full.array[:10]
    volume.loaded[:10] = True
    viewer.set_volume(volume)
    assert hatch_fraction(viewer.grab("axial")) < 0.01
    assert not viewer.views["axial"].overlays.not_loaded_text.GetVisibility()


def test_presets_change_grey_levels(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, state = make_viewer(head_volume(markers=()), crosshair=(0.0, 0.0, 0.0))
    centre = slice(SIZE // 2 - 10, SIZE // 2 + 10)
    seen = {}
    for name, (width, level) in {"brain": (80, 40), "stroke": (40, 40), "bone": (2800, 600),
                                 "subdural": (200, 75)}.items():  # fmt: skip
        viewer.apply_preset(name)
        assert state.preset == name and state.window == (width, level)
        grey = float(viewer.grab("axial")[centre, centre].mean())
        expected = (phantoms.HEAD_HU - (level - width / 2)) / width * 255
        assert abs(grey - expected) < 3, (name, grey, expected)
        seen[name] = grey
    assert len({round(v) for v in seen.values()}) == 4, "each preset shows other grey levels"


def test_oblique_rotation_changes_labels_and_keeps_left_right(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, state = make_viewer(head_volume())
    state.rotate("axial", 30.0)
    labels = viewer.edge_labels("axial")
    assert labels["right"].startswith("L") and len(labels["right"]) == 2
    assert labels["left"].startswith("R")
    state.reset_rotation()
    assert viewer.edge_labels("axial")["right"] == "L"


def test_banner_and_texts(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, state = make_viewer(head_volume())
    view = viewer.views["axial"]
    assert view.overlays.patient_text.GetInput().splitlines() == [
        "DOE, JANE", "ID SL-42 (TEST)", "Born 1950-01-01  Sex F",
    ]  # fmt: skip
    assert "2024-01-31" in view.overlays.study_text.GetInput()
    assert view.overlays.position_text.GetInput().startswith(f"Axial  S {MARKER_LPS[2]:.1f} mm")
    state.set_slab("mip", 20.0)
    assert "MIP 20.0 mm" in view.overlays.position_text.GetInput()
    viewer.render()
    assert view.overlays.scale_text.GetInput().endswith(" mm")


def test_crosshair_lines_follow_the_state(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, state = make_viewer(head_volume())
    viewer.set_crosshair_visible(True)
    state.set_crosshair((10.0, 20.0, 30.0))
    view = viewer.views["axial"]
    x, _ = view.lps_to_view((10.0, 20.0, 30.0))
    assert view.overlays.crosshair_lines["vertical"].GetPoint1()[0] == pytest.approx(x)
    rgb = viewer.grab("axial").astype(int)
    dx, _ = viewer.lps_to_display("axial", (10.0, 20.0, 30.0))
    column = rgb[:, round(dx)]
    assert np.any((column[:, 0] > 200) & (column[:, 2] < 120)), "a coloured vertical line"


def test_shared_window_with_viewports() -> None:
    from viewer.vtkbridge import offscreen_window

    window = offscreen_window((300, 100))
    state = ViewerState(crosshair=MARKER_LPS)
    viewer = MprViewer(
        head_volume(), state, {"axial": window, "coronal": window, "sagittal": window},
        viewports={"axial": (0, 0, 1 / 3, 1), "coronal": (1 / 3, 0, 2 / 3, 1),
                   "sagittal": (2 / 3, 0, 1, 1)},
        auto_render=False, show_crosshair=False,
    )  # fmt: skip
    try:
        rgb = viewer.grab("axial")
        assert rgb.shape == (100, 300, 3)
        x, _ = viewer.lps_to_display("sagittal", MARKER_LPS)
        assert 200 <= x < 300
    finally:
        viewer.close()
        window.Finalize()
    with pytest.raises(ValueError, match="viewports"):
        MprViewer(head_volume(), state, {"axial": window, "coronal": window})


def test_oblique_slab_is_coarser_while_dragging_then_full(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, state = make_viewer(head_volume(), crosshair=(0.0, 0.0, 0.0))
    state.set_slab("mip", 20.0)
    state.rotate("sagittal", 25.0)  # tilts the axial plane off the voxel grid
    full = viewer.views["axial"].reslice.GetSlabNumberOfSlices()
    spacing = viewer.views["axial"].reslice.GetOutputSpacing()[0]
    still = viewer.grab("axial")
    viewer.set_interactive(True)
    assert viewer.views["axial"].reslice.GetOutputSpacing()[0] == pytest.approx(2 * spacing)
    assert viewer.views["axial"].reslice.GetSlabNumberOfSlices() <= full
    assert not np.array_equal(viewer.grab("axial"), still), "coarser while dragging"
    viewer.set_interactive(False)
    assert viewer.views["axial"].reslice.GetOutputSpacing()[0] == pytest.approx(spacing)
    assert viewer.views["axial"].reslice.GetSlabNumberOfSlices() == full
    np.testing.assert_array_equal(viewer.grab("axial"), still)  # the full-quality pixels again


def test_set_volume_switches_series_and_keeps_left_right(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, _ = make_viewer(head_volume(markers=()))
    shape = (30, 50, 60)
    other = head_volume(shape, affine_for(shape, directions=phantoms.FEET_FIRST_PRONE))
    viewer.set_volume(other)
    assert viewer.volume is other
    col, row = bright_centroid(viewer.grab("axial"))
    assert col > SIZE / 2 and row < SIZE / 2


def test_plane_image_holds_modality_values(make_viewer) -> None:  # type: ignore[no-untyped-def]
    viewer, _ = make_viewer(head_volume())
    plane = viewer.plane_image("axial")
    assert plane.values.dtype in {np.dtype(np.int16), np.dtype(np.float32)}
    assert plane.values.max() == phantoms.MARKER_HU
    rows, cols = np.nonzero(plane.values == phantoms.MARKER_HU)
    centre = plane.top_left + cols.mean() * plane.spacing_mm * plane.right
    centre = centre - rows.mean() * plane.spacing_mm * plane.up
    assert np.allclose(centre[:2], MARKER_LPS[:2], atol=plane.spacing_mm)
