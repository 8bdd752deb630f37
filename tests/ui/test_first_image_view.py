"""The first image received is drawn at once (a QImage, no VTK) before the series is planned,
then the MPR views take over; a pane of another case never shows it (issue 15)."""

from __future__ import annotations

import numpy as np
from PySide6.QtGui import QImage

from app.ui.viewer.panes import FirstImageView, ProtocolView
from app.ui.viewer.study import SeriesEntry, StudyModel
from tests.viewer.phantoms import head_volume
from viewer.protocols import choose_protocol


def pixels_of(widget: FirstImageView) -> np.ndarray:
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    bits = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return bits[:, : image.width() * 3].reshape(image.height(), image.width(), 3)


def preview(value: float) -> np.ndarray:
    """A 64×64 image: a square of ``value`` HU on -1000 HU air."""
    image = np.full((64, 64), -1000.0, dtype=np.float32)
    image[16:48, 16:48] = value
    return image


def listed(study: StudyModel, uid: str) -> SeriesEntry:
    entry = SeriesEntry(uid, "series 2 (CT)", modality="CT", kind="ncct", total=40)
    # what the feed records from the first image (app.retrieve.model.FirstImage)
    entry.preview_orientation = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)
    entry.preview_pixel_spacing = (0.5, 0.5)
    entry.preview_modality = "CT"
    study.add(entry)
    return entry


def test_first_image_is_drawn_before_the_plan_then_the_mpr_takes_over(qtbot) -> None:
    study = StudyModel()
    listed(study, "1.2.3")
    view = ProtocolView(choose_protocol(["ncct"]), study)
    qtbot.addWidget(view)
    view.resize(600, 500)
    view.show()
    qtbot.waitExposed(view)
    pane = view.panes[0]
    assert pane.entry is not None and pane.first_image is None  # nothing received yet

    study.set_preview("1.2.3", preview(40.0), (80.0, 40.0))  # brain window: 40 HU → grey 128
    assert isinstance(pane.first_image, FirstImageView) and pane.first_image.isVisible()
    qtbot.waitUntil(lambda: pane.first_image is not None and pane.first_image.width() > 100)
    rgb = pixels_of(pane.first_image)
    h, w, _ = rgb.shape
    centre = rgb[h // 2, w // 2].astype(int)
    assert abs(centre[0] - 128) <= 2 and centre[0] == centre[1] == centre[2]
    corner = rgb[2, 2]
    assert tuple(corner) == (0, 0, 0)  # air, or the black margin
    assert pane.mpr is None  # no VTK view built for the preview

    volume = head_volume((40, 64, 64))
    study.plan("1.2.3", [volume], [])
    assert pane.first_image is None and pane.mpr is not None


def test_a_new_case_never_shows_the_first_image_of_the_previous_one(qtbot) -> None:
    first = StudyModel()
    listed(first, "1.2.3")
    first.set_preview("1.2.3", preview(40.0), (80.0, 40.0))
    view = ProtocolView(choose_protocol(["ncct"]), first)
    qtbot.addWidget(view)
    view.show()
    assert view.panes[0].first_image is not None
    view.close_view()
    assert view.panes[0].first_image is None

    second = StudyModel()
    listed(second, "4.5.6")
    other = ProtocolView(choose_protocol(["ncct"]), second)
    qtbot.addWidget(other)
    other.resize(600, 500)
    other.show()
    qtbot.waitExposed(other)
    pane = other.panes[0]
    assert pane.first_image is None and pane.message.isVisible()  # waiting, nothing shown
    first.set_preview("1.2.3", preview(500.0), (80.0, 40.0))  # the old case goes on: ignored
    assert pane.first_image is None
    second.set_preview("4.5.6", preview(20.0), (80.0, 40.0))  # 20 HU → grey 63
    assert pane.first_image is not None and pane.first_image.series_uid == "4.5.6"
    qtbot.waitUntil(lambda: pane.first_image is not None and pane.first_image.width() > 100)
    rgb = pixels_of(pane.first_image)
    h, w, _ = rgb.shape
    assert abs(int(rgb[h // 2, w // 2, 0]) - 63) <= 2
    assert not (np.abs(rgb.astype(int) - 128) <= 2).all(axis=2).any()  # nothing of the first


def test_the_first_image_is_handed_over_at_once_not_at_the_next_tick(qtbot) -> None:
    """The feed drains a first image (and a plan) as soon as it is queued, from the
    retrieval's thread: the radiologist does not wait for the feed's timer."""
    import threading

    from app.retrieve.model import FirstImage
    from app.ui.viewer.feed import ProgressiveFeed

    study = StudyModel()
    feed = ProgressiveFeed(study, interval_ms=600_000)  # the timer alone would wait 10 min
    feed.listed([SeriesEntry("1.2.3", "series 2 (CT)", modality="CT", kind="ncct", total=40)])
    feed.start()
    feed.drain()  # the listing
    entry = study.get("1.2.3")
    assert entry is not None and entry.preview is None
    image = FirstImage("1.2.3.4", "20", preview(40.0), (80.0, 40.0))
    thread = threading.Thread(target=feed.callbacks().on_first_image, args=("1.2.3", image))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: entry.preview is not None, timeout=5000)
    assert np.array_equal(entry.preview, image.array)
    feed.stop()
    # after stop (the window closing) a late first image is queued, never drawn
    feed.callbacks().on_first_image("1.2.3", FirstImage("1.2.3.5", "21", preview(80.0), None))
    qtbot.wait(50)
    assert np.array_equal(entry.preview, image.array)


def test_the_quick_view_shows_only_what_it_can_orient_in_a_readable_window(qtbot) -> None:
    """Standard axial with square pixels only (anything else waits for the MPR views, which
    reorient and label it); a CT without a stored window gets the brain window, not a
    percentile window spanning air to bone."""
    entry = SeriesEntry("1.2.3", "series 2 (CT)", modality="CT", kind="ncct", total=40)
    entry.preview = preview(40.0)
    entry.preview_modality = "CT"
    assert not FirstImageView.can_show(entry)  # geometry unknown
    entry.preview_pixel_spacing = (0.5, 0.5)
    entry.preview_orientation = (-1.0, 0.0, 0.0, 0.0, 1.0, 0.0)  # rows to the right
    assert not FirstImageView.can_show(entry)
    entry.preview_orientation = (1.0, 0.0, 0.0, 0.0, 0.0, -1.0)  # coronal
    assert not FirstImageView.can_show(entry)
    entry.preview_orientation = (1.0, 0.0, 0.0, 0.0, 1.0, 0.0)
    entry.preview_pixel_spacing = (0.5, 0.8)  # not square
    assert not FirstImageView.can_show(entry)
    entry.preview_pixel_spacing = (0.5, 0.5)
    assert FirstImageView.can_show(entry)
    view = FirstImageView(entry)  # no stored window
    qtbot.addWidget(view)
    assert view.window_text == "W 80 C 40"
    grey = view.image.convertToFormat(QImage.Format.Format_Grayscale8)
    assert grey.pixelColor(32, 32).red() in (127, 128)  # 40 HU in the brain window: mid-grey
