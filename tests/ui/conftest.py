"""Qt tests run on a real X display (Xvfb) with the xcb platform."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.hub.client import HttpHub
from app.ui.i18n import install_translators
from minihub.server import HubServer
from tests.conftest import require_display
from tests.ui.worklist_util import FAST


@pytest.fixture(autouse=True)
def _x_display() -> None:
    require_display()
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    """A minihub of the test's own (override with ``module_hub`` to share one per module)."""
    with HubServer(tmp_path / "hub") as server:
        yield server


@pytest.fixture(scope="module")
def module_hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HubServer]:
    """One minihub for all the tests of a module."""
    with HubServer(tmp_path_factory.mktemp("hub")) as server:
        yield server


@pytest.fixture
def ed(hub: HubServer) -> Iterator[HttpHub]:
    """The emergency department's client of ``hub``, creating requests."""
    with HttpHub(hub.base_url, retry=FAST) as client:
        yield client


_TEST_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    if report.when == "call" and report.failed:
        item.stash[_TEST_FAILED] = True
    return report


@pytest.fixture(autouse=True)
def _no_vtk_leaks(request: pytest.FixtureRequest):
    """Every VTK view hosted in Qt by a test's widgets is finalised and released when
    its window closes (checked after pytest-qt closed them), like pyvistaqt's
    ``check_gc``."""
    if "qtbot" not in request.fixturenames:
        yield
        return
    before = {id(w) for w in _hosted_vtk_widgets()}
    yield
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    from app.ui.viewer.vtk_host import is_finalized

    left = [w for w in _hosted_vtk_widgets() if id(w) not in before]
    not_finalized = [w.objectName() or type(w).__name__ for w in left if not is_finalized(w)]
    assert not not_finalized, f"VTK views not finalised after their window closed: {not_finalized}"
    if not request.node.stash.get(_TEST_FAILED, False):  # a traceback keeps its frames alive
        assert not left, f"VTK views kept alive after their window closed: {len(left)}"


def _hosted_vtk_widgets() -> list:
    import gc
    import sys

    module = sys.modules.get("vtkmodules.qt.QVTKRenderWindowInteractor")
    if module is None:
        return []
    gc.collect()
    cls = module.QVTKRenderWindowInteractor
    return [o for o in gc.get_objects() if isinstance(o, cls)]


@pytest.fixture
def french(qapp) -> Iterator[None]:
    """The French translators for one test, removed afterwards (other tests read English)."""
    locale = QLocale()
    before = set(qapp.findChildren(QTranslator))
    assert install_translators(qapp, "fr") == "fr"
    yield
    for translator in set(qapp.findChildren(QTranslator)) - before:
        QCoreApplication.removeTranslator(translator)
        translator.deleteLater()
    QLocale.setDefault(locale)
