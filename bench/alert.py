"""Alert benchmark: from ``POST /workitems`` to the worklist's alert, by polling and by events.

``python -m bench alert [--repeats 10] [--poll-interval 5.0] [--events true]``
prints one JSON line. Each sample is the time from the ED's ``POST
/workitems`` (UPS-RS CreateUPS, through :class:`app.hub.HttpHub`) to
:class:`app.worklist.model.WorklistWatcher` calling ``on_new_request`` for it —
the moment the application raises its alert. minihub runs in a child process.

- **polling** (top-level keys, as before): the watcher polls every
  ``poll_interval`` seconds on its own timer, as the UI's would (default: the
  profiles' default, 5 s), and a request lands at a random moment of the
  cycle: the expected median is about half the interval plus one poll, the
  worst case one interval plus a poll. Budget (DESIGN.md): ≤ 5 s.
- **events** (key ``events``): the UPS event channel
  (:class:`app.hub.events.EventChannel`, global subscription + WebSocket);
  each event report makes the watcher re-read the worklist at once, as the
  main window does. Budget: ≤ 1 s.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.hubdata import HubProcess

BUDGET_S = 5.0
#: Starts what makes the watcher look again (a poll timer, or the event channel).
StartChanges = Callable[[Any, threading.Event, list[float]], threading.Thread]
EVENTS_BUDGET_S = 1.0


def _workitem(n: int) -> dict[str, Any]:
    from pydicom.dataset import Dataset
    from pydicom.uid import generate_uid

    ds = Dataset()
    ds.ScheduledProcedureStepPriority = "HIGH"
    ds.ProcedureStepLabel = f"Benchmark request {n}"
    ds.PatientName, ds.PatientID = "SYNTH^ALERT", f"SL-ALERT-{n}"
    ds.ScheduledProcedureStepStartDateTime = "20260101080000+0100"
    ds.InputReadinessState = "READY"
    item = Dataset()
    item.StudyInstanceUID = generate_uid()
    ds.InputInformationSequence = [item]
    return ds.to_json_dict()


class _Alerts:
    """``on_new_request`` of the watcher: when each request was alerted."""

    def __init__(self) -> None:
        self.at: dict[str, float] = {}
        self.arrived = threading.Condition()

    def __call__(self, request: Any) -> None:
        with self.arrived:
            self.at[request.workitem_uid] = time.perf_counter()
            self.arrived.notify_all()

    def wait(self, uid: str, timeout: float) -> float:
        with self.arrived:
            self.arrived.wait_for(lambda: uid in self.at, timeout=timeout)
        if uid not in self.at:
            raise RuntimeError("no alert for a new request")
        return self.at[uid]


def _sample(
    base_url: str,
    repeats: int,
    pause: Callable[[], float],
    timeout: float,
    start_changes: StartChanges,
) -> tuple[list[float], list[float]]:
    """POST ``repeats`` requests; returns (post→alert seconds, poll durations)."""
    from app.hub.client import HttpHub
    from app.worklist.model import WorklistWatcher

    alerts = _Alerts()
    samples: list[float] = []
    polls: list[float] = []
    ed, radiologist = HttpHub(base_url), HttpHub(base_url)
    watcher = WorklistWatcher(radiologist, on_new_request=alerts)
    watcher.poll_once()  # the application is running and up to date
    stop = threading.Event()
    thread = start_changes(watcher, stop, polls)
    try:
        for n in range(repeats):
            time.sleep(pause())
            posted = time.perf_counter()
            uid = ed.create_workitem(_workitem(n))
            samples.append(alerts.wait(uid, timeout) - posted)
    finally:
        stop.set()
        thread.join(timeout=10)
        ed.close()
        radiologist.close()
    return samples, polls


def _polling(
    poll_interval: float,
) -> Callable[[Any, threading.Event, list[float]], threading.Thread]:
    def start(watcher: Any, stop: threading.Event, polls: list[float]) -> threading.Thread:
        def timer() -> None:  # the UI's QTimer, off the GUI thread
            while not stop.wait(poll_interval):
                started = time.perf_counter()
                watcher.poll_once()
                polls.append(time.perf_counter() - started)

        thread = threading.Thread(target=timer, name="poll", daemon=True)
        thread.start()
        return thread

    return start


def _events(watcher: Any, stop: threading.Event, polls: list[float]) -> threading.Thread:
    from app.hub.events import ChannelChange, ChannelStatus, EventChannel

    channel = EventChannel(watcher.hub, "SL_BENCH")
    connected = threading.Event()

    def listen() -> None:  # the UI's EventListener thread, then its refresh
        for item in channel.events(stop, poll_s=0.05):
            if isinstance(item, ChannelChange):
                if item.status is ChannelStatus.CONNECTED:
                    connected.set()
                elif item.status is ChannelStatus.UNSUPPORTED:
                    raise RuntimeError("the hub offers no event channel")
                continue
            started = time.perf_counter()
            watcher.poll_once()
            polls.append(time.perf_counter() - started)

    thread = threading.Thread(target=listen, name="events", daemon=True)
    thread.start()
    if not connected.wait(10):
        raise RuntimeError("the event channel did not open")
    return thread


def _summary(samples: list[float]) -> dict[str, Any]:
    return {
        "median_s": round(statistics.median(samples), 3),
        "min_s": round(min(samples), 3),
        "max_s": round(max(samples), 3),
        "samples_s": [round(s, 3) for s in samples],
    }


def run(
    *, repeats: int = 10, poll_interval: float = 5.0, seed: int = 0, events: bool = True
) -> dict[str, Any]:
    """POST ``repeats`` requests at random moments per path; time each until its alert."""
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="bench-alert-") as tmp, HubProcess(Path(tmp)) as hub:
        samples, polls = _sample(
            hub.base_url,
            repeats,
            lambda: rng.uniform(0, poll_interval),
            poll_interval * 4,
            _polling(poll_interval),
        )
        result: dict[str, Any] = {
            "bench": "alert",
            "repeats": repeats,
            "poll_interval_s": poll_interval,
            **_summary(samples),
            "poll_median_ms": round(1000 * statistics.median(polls), 1) if polls else None,
            "budget_s": BUDGET_S,
            "mode": "polling; 'events': UPS event channel",
        }
        if events:
            event_samples, refreshes = _sample(
                hub.base_url, repeats, lambda: rng.uniform(0, 0.5), 10.0, _events
            )
            result["events"] = {
                **_summary(event_samples),
                "refresh_median_ms": round(1000 * statistics.median(refreshes), 1),
                "budget_s": EVENTS_BUDGET_S,
            }
    return result
