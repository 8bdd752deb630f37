"""Open benchmark: from the Open action on a claimed case to a readable image on screen.

``python -m bench open [--runs 5] [--case left-mca] [--rate-mbit 100] [--links loopback,throttled]``
prints one JSON line. The radiologist's real main window (:class:`app.ui.main.MainWindow`)
runs under X (``xvfb-run`` is used when ``DISPLAY`` is unset), with a minihub in a child
process on 127.0.0.1 holding the synthetic case (``minihub.synth``; ``left-mca``: a 30-slice
NCCT and a 200-slice CTA, 230 images, ~121 MB). Each run claims a fresh request of that study
in a fresh main window (its own retrieval cache, so nothing comes from disk), then triggers
the Open action and times, with a 5 ms ``QTimer`` poll of the pixels read back from the
views (``vtkWindowToImageFilter`` on each MPR view's render window, without re-rendering;
``QWidget.grab()`` for the 2-D viewer and the first image drawn before the MPR views):

* ``first_readable_s``: the first view showing a readable image: at least 3 % of its
  pixels grey (R = G = B within 8), neither black nor the "not loaded" hatch, with at least
  16 grey levels;
* ``all_loaded_s``: the retrieval finished complete, every series on the case window
  loaded, and no hatch pixel left in any view on screen;
* ``network_s``: the same series fetched with plain ``requests`` GETs (WADO-RS
  multipart, one series after the other, bodies read and dropped) through the same link,
  in the same run, right after the case window closed;
* ``all_loaded_over_network`` = ``all_loaded_s`` / ``network_s`` (target ≤ 1.3);
  ``first_readable_s`` target ≤ 1.0 s on loopback.

Links: ``loopback`` (straight to the hub) and ``throttled_<rate>mbit`` (through
:class:`bench.proxy.LoopbackProxy`, a token bucket of ``rate_mbit`` megabits per second on
the hub → client direction, default 100). Medians over ``runs``, with each run's values in
``runs`` lists; ``cpu_s`` is the process CPU time of the open (all threads).
``--reuse-views 0`` opens without the views made at start-up and reused
(:mod:`app.ui.viewer.view_pool`; 1, the default, is what the application does).
``--profile PATH`` writes a cProfile of the GUI thread per open (``PATH.<link>.<run>``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

_CHILD = "STROKELINK_BENCH_OPEN_CHILD"
TARGETS = {"first_readable_s": 1.0, "all_loaded_over_network": 1.3}
_USER = "DUPONT^Anne"


def run(
    *,
    runs: int = 5,
    case: str = "left-mca",
    rate_mbit: float = 100.0,
    links: str = "loopback,throttled",
    timeout_s: float = 180.0,
    profile: str = "",
    reuse_views: int = 0,  # as the app ships (app/ui/launch.py); 1: the view pool
) -> dict[str, Any]:
    """Measure in a child process under X; return its JSON (one dict)."""
    if runs < 1:
        raise SystemExit("bench open: --runs must be at least 1")
    wanted = [name.strip() for name in str(links).split(",") if name.strip()]
    unknown = [name for name in wanted if name not in ("loopback", "throttled")]
    if unknown or not wanted:
        raise SystemExit(f"bench open: --links takes loopback and/or throttled, not {unknown}")
    if os.environ.get(_CHILD) == "1":
        return _measure(runs=runs, case=case, rate=float(rate_mbit), links=wanted,
                        timeout_s=float(timeout_s), profile=str(profile),
                        reuse_views=bool(reuse_views))  # fmt: skip
    command = [sys.executable, "-m", "bench", "open", "--runs", str(runs), "--case", case,
               "--rate-mbit", str(rate_mbit), "--links", ",".join(wanted),
               "--timeout-s", str(timeout_s),
               "--reuse-views", str(int(bool(reuse_views)))]  # fmt: skip
    if profile:
        command += ["--profile", str(Path(profile).resolve())]
    env = dict(os.environ, **{_CHILD: "1", "QT_QPA_PLATFORM": "xcb"})
    if not env.get("DISPLAY"):
        if shutil.which("xvfb-run") is None:
            raise SystemExit("bench open: no DISPLAY and no xvfb-run")
        command = ["xvfb-run", "-a", "-s", "-screen 0 1600x1000x24", *command]
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-4000:])
        raise SystemExit(f"bench open: the measuring process failed ({done.returncode})")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


# --- the measuring process ----------------------------------------------------------------
def _measure(*, runs: int, case: str, rate: float, links: list[str], timeout_s: float,
             profile: str, reuse_views: bool) -> dict[str, Any]:  # fmt: skip
    from PySide6.QtWidgets import QApplication

    from bench.hubdata import HubProcess, bench_root
    from bench.proxy import LoopbackProxy
    from minihub.synth import write_cases

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("StrokeLink")
    cases = bench_root() / "open-synth"
    if not (cases / case / "complete").exists():
        shutil.rmtree(cases / case, ignore_errors=True)
        write_cases(cases, [case], seed=0)
        (cases / case / "complete").write_text("ok\n")
    files = sorted((cases / case).rglob("*.dcm"))
    result: dict[str, Any] = {
        "bench": "open",
        "case": case,
        "images": len(files),
        "bytes": sum(f.stat().st_size for f in files),
        "runs_per_link": runs,
        "rate_mbit": rate,
        "reuse_views": reuse_views,
        "targets": TARGETS,
    }
    with tempfile.TemporaryDirectory(prefix="bench-open-") as tmp:
        root = Path(tmp)
        (root / "hub").mkdir()
        with HubProcess(root / "hub") as hub:
            study = _seed(hub.base_url, files)
            for link in links:
                if link == "loopback":
                    name, proxy = "loopback", None
                else:
                    name = f"throttled_{rate:g}mbit"
                    proxy = LoopbackProxy(hub.base_url, rate_mbit=rate).__enter__()
                try:
                    url = proxy.url if proxy is not None else hub.base_url
                    result[name] = _link(app, url, hub_url=hub.base_url, study=study,
                                         folder=root / name, runs=runs, timeout_s=timeout_s,
                                         profile=profile, reuse_views=reuse_views)  # fmt: skip
                finally:
                    if proxy is not None:
                        proxy.__exit__(None, None, None)
    result["load_average"] = list(os.getloadavg())
    return result


def _seed(base_url: str, files: list[Path]) -> dict[str, Any]:
    """Store the case on the hub; what a request for it needs."""
    import pydicom

    from app.hub.client import HttpHub

    datasets = [pydicom.dcmread(p) for p in files]
    with HttpHub(base_url) as client:
        if client.store_instances(datasets).failed:
            raise RuntimeError("bench open: the hub refused the case")
    by_series: dict[str, list[Any]] = {}
    for ds in datasets:
        by_series.setdefault(str(ds.SeriesInstanceUID), []).append(ds)
    return {"study": str(datasets[0].StudyInstanceUID), "series": by_series}


def _request(base_url: str, study: dict[str, Any]) -> str:
    """A new request (workitem) of the study, as the ED sends it; its UID."""
    from app.hub.client import HttpHub
    from protocol.request import ClinicalRequest, InputSeries, build_request_workitem

    first = next(iter(study["series"].values()))[0]
    keywords = ("PatientName", "PatientID", "IssuerOfPatientID", "PatientBirthDate", "PatientSex")
    inputs = [
        InputSeries(
            study["study"],
            uid,
            [(str(ds.SOPClassUID), str(ds.SOPInstanceUID)) for ds in datasets],
            f"{base_url}/studies/{study['study']}",
        )
        for uid, datasets in study["series"].items()
    ]
    body = build_request_workitem(
        ClinicalRequest(site="CH Verdun, Urgences", physician="LEROY^Thomas",
                        question="Thrombectomy?", nihss=14),
        patient={k: str(first.get(k, "")) for k in keywords},
        inputs=inputs,
        scheduled=dt.datetime.now(dt.UTC),
    )  # fmt: skip
    with HttpHub(base_url) as client:
        return str(client.create_workitem(body))


def _wait(app: Any, what: str, ready: Any, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while not ready():
        if time.monotonic() > deadline:
            raise RuntimeError(f"bench open: timed out waiting for {what}")
        app.processEvents()
        time.sleep(0.002)


def _link(app: Any, url: str, *, hub_url: str, study: dict[str, Any], folder: Path, runs: int,
          timeout_s: float, profile: str, reuse_views: bool) -> dict[str, Any]:  # fmt: skip
    rows: list[dict[str, float]] = []
    for number in range(runs):
        stats = f"{profile}.{folder.name}.{number}" if profile else ""
        rows.append(_one_open(app, url, hub_url=hub_url, study=study,
                              folder=folder / f"run{number}", timeout_s=timeout_s,
                              profile=stats, reuse_views=reuse_views))  # fmt: skip
    out: dict[str, Any] = {}
    for key in ("first_readable_s", "all_loaded_s", "network_s", "all_loaded_over_network",
                "cpu_s"):  # fmt: skip
        values = [row[key] for row in rows]
        out[key] = round(statistics.median(values), 4)
        out[f"{key}_runs"] = [round(v, 4) for v in values]
    out["runs"] = rows
    return out


def _one_open(app: Any, url: str, *, hub_url: str, study: dict[str, Any], folder: Path,
              timeout_s: float, profile: str, reuse_views: bool) -> dict[str, float]:  # fmt: skip
    import cProfile

    from PySide6.QtCore import QTimer

    from app.hub.client import HttpHub
    from app.store.keys import MasterKey
    from app.ui.case_services import CaseServices
    from app.ui.main import MainWindow
    from app.worklist.claims import ClaimStore
    from app.worklist.settings import SettingsStore
    from app.worklist.signer import RadiologistStore

    folder.mkdir(parents=True)
    uid = _request(hub_url, study)
    hub = HttpHub(url)
    services = CaseServices(
        hub, user="danne", network="bench-hub", data_dir=folder / "data",
        cache_dir=folder / "cache", key=MasterKey(bytes(range(32)), persistent=True),
        radiologists=RadiologistStore(folder / "radiologists.json"),
    )  # fmt: skip
    window = MainWindow(
        hub, user=_USER, claims=ClaimStore(folder / "claims.json"),
        settings_store=SettingsStore(folder / "worklist.json"), use_tray=False, events=False,
        poll_interval_ms=60_000, services=services, reuse_views=reuse_views,
    )  # fmt: skip
    window.show()
    if reuse_views:  # start-up: the views made ahead, as the application does
        from app.ui.main import VIEWS_MADE_AHEAD
        from app.ui.viewer import view_pool

        def made() -> bool:
            found = view_pool.enabled()
            return found is not None and len(found) >= VIEWS_MADE_AHEAD

        _wait(app, "the views made ahead", made, 60)
    _wait(app, "the worklist", lambda: window._last_ok is not None and window.select(uid), 30)
    window.claim_action.trigger()

    def claimed() -> bool:
        request = window.selected_request() if window.select(uid) else None
        return request is not None and request.state == "IN PROGRESS" and window.is_mine(request)

    _wait(app, "the claim", claimed, 30)
    for _ in range(20):  # let the worklist settle before the clock starts
        app.processEvents()
    marks: dict[str, float] = {}
    timer = QTimer()
    timer.setInterval(5)

    def poll() -> None:
        now = time.perf_counter()
        opened = window.cases.get(uid)
        if opened is None:
            return
        views = _views(opened.window)
        if "first" not in marks and any(_readable(rgb) for rgb in views):
            marks["first"] = now - t0
        result = opened.window.result
        ready = "all" not in marks and "first" in marks and bool(views)
        if ready and result is not None and not any(_hatched(rgb) for rgb in views):
            marks["all"] = now - t0
            marks["complete"] = float(result.complete)

    timer.timeout.connect(poll)
    timer.start()
    profiler = cProfile.Profile() if profile else None
    cpu0 = time.process_time()
    t0 = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    window.open_action.trigger()
    try:
        _wait(app, "the images", lambda: "all" in marks, timeout_s)
    finally:
        timer.stop()
        if profiler is not None:
            profiler.disable()
            profiler.dump_stats(profile)
    cpu = time.process_time() - cpu0
    if not marks.get("complete"):
        raise RuntimeError("bench open: the case did not load completely")
    opened = window.cases[uid]
    opened.window.close()
    for _ in range(50):
        app.processEvents()
    network = _network_s(url, study)
    window.close()
    window.deleteLater()
    for _ in range(50):
        app.processEvents()
    hub.close()
    return {
        "first_readable_s": marks["first"],
        "all_loaded_s": marks["all"],
        "network_s": network,
        "all_loaded_over_network": marks["all"] / network,
        "cpu_s": cpu,
    }


def _network_s(url: str, study: dict[str, Any]) -> float:
    """Seconds to GET every series of the study (WADO-RS, as sent), one after the other."""
    import requests

    t0 = time.perf_counter()
    with requests.Session() as session:
        for uid in study["series"]:
            with session.get(
                f"{url}/studies/{study['study']}/series/{uid}",
                headers={"Accept": 'multipart/related; type="application/dicom"'},
                stream=True,
                timeout=120,
            ) as response:
                response.raise_for_status()
                for _ in response.iter_content(1 << 20):
                    pass
    return time.perf_counter() - t0


# --- reading the screen back ----------------------------------------------------------------
def _views(case_window: Any) -> list[np.ndarray]:
    """The pixels of every view on screen (MPR views read back, the 2-D viewer grabbed)."""
    from app.ui.viewer.vtk_host import is_finalized
    from viewer.vtkbridge import grab_rgb

    out: list[np.ndarray] = []
    view = getattr(case_window, "protocol_view", None)
    if view is None:
        return out
    for pane in view.panes:
        if not pane.isVisible():
            continue
        if pane.mpr is not None and not pane.mpr.closed:
            for name, widget in pane.mpr.vtk_widgets.items():
                if name == "3d" or not widget.isVisible() or is_finalized(widget):
                    continue
                window = widget.GetRenderWindow()
                if window.GetNeverRendered():
                    continue
                out.append(grab_rgb(window))
        else:
            widget = (
                pane.viewer2d if pane.viewer2d is not None else getattr(pane, "first_image", None)
            )
            if widget is None or not widget.isVisible():
                continue
            from PySide6.QtGui import QImage

            image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
            bits = image.constBits()
            rgb = np.frombuffer(bits, np.uint8).reshape(image.height(), image.bytesPerLine())
            out.append(rgb[:, : image.width() * 3].reshape(image.height(), image.width(), 3))
    return out


def _readable(rgb: np.ndarray) -> bool:
    """At least 3 % of the pixels grey, neither black nor white, in at least 16 levels."""
    if rgb.size == 0:
        return False
    pixels = rgb.reshape(-1, 3).astype(np.int16)
    grey = (np.abs(pixels[:, 0] - pixels[:, 1]) <= 8) & (np.abs(pixels[:, 1] - pixels[:, 2]) <= 8)
    level = pixels[:, 1]
    grey &= (level > 12) & (level < 250)
    if grey.sum() < 0.03 * len(pixels):
        return False
    return len(np.unique(level[grey] // 4)) >= 16


def _hatched(rgb: np.ndarray) -> bool:
    """Any run of "not loaded" hatch pixels (either colour) in the view."""
    from viewer.slab import HATCH_COLOURS

    pixels = rgb.reshape(-1, 3).astype(np.int16)
    count = 0
    for colour in HATCH_COLOURS:
        count += int((np.abs(pixels - np.array(colour[:3])).max(axis=1) <= 6).sum())
    return count > 50
