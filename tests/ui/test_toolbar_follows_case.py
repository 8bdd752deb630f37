"""The viewer's toolbar shows the window preset and slab of the case on screen (issue #10).

Two cases opened one after another, the right-ich NCCT then the left-mca CTA
(synthetic cases): each window's toolbar shows that case's preset and slab
(NCCT: "stroke", 5 mm average; CTA: "angio", 20 mm MIP), enabled, whether
the series' volumes were planned before the display protocol laid its panes
out or after (the hub's listing usually comes first; the toolbar used to be
left disabled on the defaults, or on the previous view). A series dropped on
the active pane is followed too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pydicom
import pytest
from PySide6.QtWidgets import QApplication

from app.hub.client import HttpHub
from app.ui.viewer.case_window import CaseWindow
from app.ui.viewer.folder_source import FolderSeries, scan_folder
from app.ui.viewer.study import SeriesEntry
from app.ui.viewer.toolbar import ViewerToolBar
from app.ui.viewer.window import ViewerWindow
from minihub.server import HubServer
from tests.ui.worklist_util import FAST

#: (case, series description word, protocol, preset, slab)
CASES = (
    ("right-ich", "NCCT", "ncct", "stroke", ("mean", 5.0)),
    ("left-mca", "CTA", "cta", "angio", ("mip", 20.0)),
)


def shown(toolbar: ViewerToolBar) -> tuple[str, tuple[str, float], bool]:
    """What the toolbar shows: preset, slab, and whether it can be used."""
    slab = (str(toolbar.slab_mode.currentData()), float(toolbar.slab_mm.value()))
    return str(toolbar.preset.currentData()), slab, toolbar.preset.isEnabled()


def folder_series(synth_root: Path, case: str, word: str) -> FolderSeries:
    (found,) = [
        s for s in scan_folder(synth_root / case).series if word in s.series.description.upper()
    ]
    return found


def plan(window: ViewerWindow, found: FolderSeries) -> None:
    planned = found.planned
    window.study.plan(
        found.series_uid,
        list(planned.volumes),
        [],
        volume_plans=list(planned.plan.volumes) if planned.plan is not None else None,
    )


@pytest.mark.parametrize("planned_first", [True, False], ids=["planned-first", "laid-out-first"])
def test_two_cases_one_after_another_show_their_own_window_and_slab(
    qtbot, synth_root: Path, planned_first: bool
) -> None:
    for case, word, protocol, preset, slab in CASES:
        window = ViewerWindow()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        found = folder_series(synth_root, case, word)
        window.study.add(SeriesEntry(found.series_uid, found.label, kind=found.kind))
        if planned_first:
            plan(window, found)
            window.choose_protocol()
        else:  # the panes wait for the series, then its volumes are planned
            window.choose_protocol()
            assert window.active_mpr() is None and not window.toolbar.preset.isEnabled()
            plan(window, found)
        assert window.protocol is not None and window.protocol.name == protocol
        mpr = window.active_mpr()
        assert mpr is not None
        assert (mpr.state.preset, mpr.state.slab) == (preset, slab)
        assert shown(window.toolbar) == (preset, slab, True), case
        mpr.state.set_slab("mip", 10.0)  # and it follows the state from then on
        assert shown(window.toolbar)[1] == ("mip", 10.0)
        window.close()


def test_a_series_dropped_on_the_active_pane_is_followed(qtbot, synth_root: Path) -> None:
    window = ViewerWindow(protocol="generic")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    ncct = folder_series(synth_root, "right-ich", "NCCT")
    cta = folder_series(synth_root, "left-mca", "CTA")
    for found in (ncct, cta):
        window.study.add(SeriesEntry(found.series_uid, found.label, kind=found.kind))
        plan(window, found)
    window.choose_protocol()
    view = window.protocol_view
    assert view is not None
    view.show_series(ncct.series_uid, view.active)  # as a drop on the pane does
    first = window.active_mpr()
    assert first is not None
    first.state.set_slab("mean", 3.0)
    QApplication.processEvents()  # the user drops the next series later
    view.show_series(cta.series_uid, view.active)
    second = window.active_mpr()
    assert second is not None and second.state is not first.state
    assert shown(window.toolbar)[1] == second.state.slab == ("none", 0.0)
    second.state.set_slab("mip", 15.0)
    assert shown(window.toolbar)[1] == ("mip", 15.0)
    window.close()


@pytest.fixture(scope="module")
def hub_studies(
    tmp_path_factory: pytest.TempPathFactory, synth_root: Path
) -> Iterator[tuple[str, list[str]]]:
    """The right-ich NCCT and the left-mca CTA, each its own study on a real minihub."""
    with HubServer(tmp_path_factory.mktemp("minihub")) as server:
        studies = []
        with HttpHub(server.base_url, retry=FAST) as ed:
            for case, word, *_ in CASES:
                datasets = [pydicom.dcmread(p) for p in sorted((synth_root / case).rglob("*.dcm"))]
                datasets = [ds for ds in datasets if word in str(ds.SeriesDescription).upper()]
                assert not ed.store_instances(datasets).failed
                studies.append(str(datasets[0].StudyInstanceUID))
        yield server.base_url, studies


def test_cases_from_the_hub_one_after_another(qtbot, hub_studies) -> None:
    base_url, studies = hub_studies
    with HttpHub(base_url, retry=FAST) as hub:
        for study_uid, (case, _, protocol, preset, slab) in zip(studies, CASES, strict=True):
            window = CaseWindow(hub, study_uid, watch_interval_ms=0)
            qtbot.addWidget(window)
            window.show()
            qtbot.waitExposed(window)
            window.start()
            qtbot.waitUntil(lambda w=window: w.active_mpr() is not None, timeout=60_000)
            assert window.protocol is not None and window.protocol.name == protocol
            assert shown(window.toolbar) == (preset, slab, True), case
            window.cancel_loading()  # the toolbar is what this test is about
            qtbot.waitUntil(lambda w=window: w.result is not None, timeout=60_000)
            window.close()
