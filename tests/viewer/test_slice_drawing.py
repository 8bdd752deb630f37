"""How a plane reaches the screen: sampled at the pixels' centres, drawn as a plain texture.

When the screen is no finer than the voxels, each view resamples its plane
exactly at the centres of the screen pixels it covers (whatever the pan and
zoom), so the texture is drawn one texel per pixel without a second
interpolation. :class:`viewer.vtkbridge.ImageQuad` must show an image exactly
as a ``vtkImageActor`` with an identity window does.
"""

from __future__ import annotations

import numpy as np
import pytest
from vtkmodules.vtkRenderingCore import vtkImageActor, vtkRenderer

from viewer.model import ViewerState
from viewer.mpr import MprViewer
from viewer.volume import Volume
from viewer.vtkbridge import ImageQuad, grab_rgb, image_from_array, offscreen_window


def pixel_grid_error(viewer: MprViewer, view: str) -> float:
    """Largest distance (in samples) from a display pixel centre to the nearest grid sample."""
    v = viewer.views[view]
    spacing = v.reslice.GetOutputSpacing()[0]
    gx, gy, _ = v.reslice.GetOutputOrigin()
    width, height = v.renderer.GetSize()
    worst = 0.0
    for px, py in ((0, 0), (width // 3, height // 2), (width - 1, height - 1)):
        v.renderer.SetDisplayPoint(px + 0.5, py + 0.5, 0.0)
        v.renderer.DisplayToWorld()
        wx, wy, _, w = v.renderer.GetWorldPoint()
        fx, fy = (wx / w - gx) / spacing, (wy / w - gy) / spacing
        worst = max(worst, abs(fx - round(fx)), abs(fy - round(fy)))
    return worst


@pytest.mark.parametrize(("zoom", "pan"), [(1.0, (0.0, 0.0)), (1.15, (3.3, -1.7))])
def test_planes_are_sampled_at_the_screen_pixel_centres(
    zoom: float, pan: tuple[float, float]
) -> None:
    volume = Volume(np.zeros((40, 100, 120), dtype=np.int16), np.diag([0.9, 0.9, 2.5, 1.0]))
    state = ViewerState(crosshair=volume.centre_lps())
    viewer = MprViewer(volume, state, size=(100, 80), auto_render=False)  # coarser than voxels
    try:
        for view in viewer.views:
            state.set_zoom(view, zoom)
            state.set_pan(view, *pan)
        viewer.render()
        for view, v in viewer.views.items():
            assert pixel_grid_error(viewer, view) < 1e-6, view
            assert not v.image_quad.texture.GetInterpolate(), "one texel per pixel: as it is"
        # Zoomed in past the voxels: sampled at the voxels' spacing, magnified smoothly.
        state.set_zoom("axial", 4.0)
        viewer.render()
        assert viewer.views["axial"].reslice.GetOutputSpacing()[0] == pytest.approx(0.9)
        assert viewer.views["axial"].image_quad.texture.GetInterpolate()
    finally:
        viewer.close()


@pytest.mark.parametrize("scale", [1.0, 2.7])
def test_image_quad_shows_what_an_image_actor_shows(scale: float) -> None:
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, size=(1, 37, 53), dtype=np.uint8)
    image = image_from_array(pixels, origin=(-4.0, 2.5, 0.0))
    image.SetSpacing(scale, scale, 1.0)

    def draw(prop: object) -> np.ndarray:
        window = offscreen_window((160, 120))
        renderer = vtkRenderer()
        window.AddRenderer(renderer)
        renderer.AddViewProp(prop)
        camera = renderer.GetActiveCamera()
        camera.ParallelProjectionOn()
        renderer.ResetCamera()
        window.Render()
        rgb = grab_rgb(window)
        window.Finalize()
        return rgb

    actor = vtkImageActor()
    actor.GetMapper().SetInputData(image)
    actor.GetProperty().SetColorWindow(255.0)
    actor.GetProperty().SetColorLevel(127.5)
    actor.GetProperty().SetInterpolationTypeToLinear()
    quad = ImageQuad(actor.GetMapper().GetInputConnection(0, 0))
    quad.place((-4.0, 2.5), (scale, scale), (53, 37))
    expected, shown = draw(actor), draw(quad.actor)
    assert expected.max() > 0
    np.testing.assert_array_equal(shown, expected)
