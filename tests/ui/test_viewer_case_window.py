"""A case retrieved from a real minihub over HTTP into the case window: metadata first,
middle slice first, progress, cancel, and series that arrive later."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pydicom
import pytest

from app.hub.client import HttpHub
from app.ui.viewer.case_window import CaseWindow
from app.ui.viewer.study import LoadStatus
from bench.proxy import LoopbackProxy
from tests.app.retrieval_util import ct_series
from tests.hub_util import FAST, serve_minihub


@pytest.fixture(scope="module")
def hub_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from serve_minihub(tmp_path_factory.mktemp("minihub"))


@pytest.fixture(scope="module")
def ich_study(hub_url: str, synth_root: Path) -> str:
    """The right-ich NCCT (30 × 512 × 512) stored on the hub; its Study Instance UID."""
    datasets = [pydicom.dcmread(p) for p in sorted((synth_root / "right-ich").rglob("*.dcm"))]
    hub = HttpHub(hub_url, retry=FAST)
    try:
        assert not hub.store_instances(datasets).failed
    finally:
        hub.close()
    return str(datasets[0].StudyInstanceUID)


def open_case(qtbot, hub: HttpHub, study_uid: str, **kwargs) -> CaseWindow:
    window = CaseWindow(hub, study_uid, **kwargs)
    qtbot.addWidget(window)
    window.resize(1400, 850)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_case_opens_progressively_middle_slice_first(qtbot, hub_url: str, ich_study: str) -> None:
    hub = HttpHub(hub_url, retry=FAST)
    window = open_case(qtbot, hub, ich_study, watch_interval_ms=0)
    events: list[str] = []
    first_slices: list[np.ndarray] = []

    def record(what: str, uid: str) -> None:
        events.append(what)
        entry = window.study.get(uid)
        if what == "slices" and not first_slices and entry is not None:
            first_slices.append(entry.volumes[0].loaded.copy())

    window.study.subscribe(record)
    with qtbot.waitSignal(window.retrievalFinished, timeout=60_000) as finished:
        window.start()
    result = finished.args[0]
    assert result.complete, result.errors
    assert events.index("added") < events.index("planned") < events.index("slices")
    (loaded_first,) = first_slices
    assert loaded_first[len(loaded_first) // 2]  # the middle slice came first
    (entry,) = window.study.series
    assert entry.status is LoadStatus.COMPLETE and entry.done == entry.total == 30
    assert window.protocol is not None and window.protocol.name == "ncct"
    assert "TMP-0427" in window.windowTitle()
    (mpr,) = window.mpr_widgets()
    assert mpr.volume.loaded.all()
    assert window.browser.rows[entry.series_uid].progress.isHidden()
    window.close()
    hub.close()


def test_cancel_keeps_what_arrived(qtbot, hub_url: str, ich_study: str) -> None:
    with LoopbackProxy(hub_url, rate_mbit=40.0) as proxy:  # ~3 s for the whole series
        hub = HttpHub(proxy.url, retry=FAST)
        window = open_case(qtbot, hub, ich_study, watch_interval_ms=0)

        def cancel_once_planned(what: str, uid: str) -> None:
            if what == "slices":
                window.cancel_loading()

        window.study.subscribe(cancel_once_planned)
        given: list[list] = []
        window.headersListed.connect(given.append)
        with qtbot.waitSignal(window.retrievalFinished, timeout=60_000) as finished:
            window.start()
        assert finished.args[0].canceled
        # the headers still reach the identity check: what arrived is checked against the
        # request (they used to be dropped for good by a cancel)
        assert [len(h) for h in given] == [30]
        (entry,) = window.study.series
        assert entry.status is LoadStatus.CANCELED
        loaded = entry.volumes[0].loaded
        assert 0 < loaded.sum() < loaded.size  # what arrived stays, the rest is hatched
        assert window.cancel_button.isHidden()
        window.close()
        hub.close()


def test_a_series_stored_later_is_announced_and_retrieved(
    qtbot, hub_url: str, ich_study: str
) -> None:
    hub = HttpHub(hub_url, retry=FAST)
    window = open_case(qtbot, hub, ich_study, watch_interval_ms=3_600_000)  # polled by hand
    with qtbot.waitSignal(window.retrievalFinished, timeout=60_000):
        window.start()
    assert window.watch is not None
    later = ct_series(study_uid=ich_study, slices=8, size=64, number=3, description="CTA LATER",
                      contrast=True)  # fmt: skip
    assert not hub.store_instances(later).failed
    with qtbot.waitSignal(window.retrievalFinished, timeout=60_000):
        window.poll_study()
    assert window.banner.isVisible()
    assert "CTA LATER" in window.banner.text()
    assert window.arrived == ["CTA LATER"]
    new = window.study.get(str(later[0].SeriesInstanceUID))
    assert new is not None and new.status is LoadStatus.COMPLETE
    assert new.volumes[0].loaded.all()
    window._show_arrived(new.series_uid)  # the banner's "show" link
    assert any(p.entry is new for p in window.protocol_view.panes)
    assert window.banner.isHidden()
    window.close()
    hub.close()


def test_unreadable_headers_stop_the_case_and_say_so(qtbot, hub_url: str, ich_study: str) -> None:
    """A header the hub sends that pydicom cannot read is said (type only: its text may
    quote patient data), and the case is not shown as completely loaded."""
    from app.ui.viewer import case_window as module

    def broken(items: list) -> list:
        raise ValueError("Alphabetic: SECRET^NAME is not valid")

    hub = HttpHub(hub_url, retry=FAST)
    window = open_case(qtbot, hub, ich_study, watch_interval_ms=0)
    original = module.full_headers
    module.full_headers = broken
    try:
        with qtbot.waitSignal(window.retrievalFinished, timeout=60_000) as finished:
            window.start()
        qtbot.waitUntil(lambda: any("unreadable" in w for w in window.study.scan_warnings))
    finally:
        module.full_headers = original
    result = window.result
    assert result is not None and not result.complete
    assert not any("SECRET" in w for w in window.study.scan_warnings)
    assert finished.args[0] is not None
    window.close()
    hub.close()
