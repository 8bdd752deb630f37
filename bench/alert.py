"""Alert benchmark: from ``POST /workitems`` to the worklist model's alert.

``python -m bench alert [--repeats 10] [--poll-interval 2.0]`` prints one JSON
line: ``median_s`` (and ``min_s``, ``max_s``, ``samples_s``) of the time from
the ED's ``POST /workitems`` (UPS-RS CreateUPS, through
:class:`app.hub.HttpHub`) to :class:`app.worklist.WorklistWatcher` calling
``on_new_request`` for it. The watcher polls every ``poll_interval`` seconds
on its own timer, as the UI's would, so a request lands at a random moment
of the polling cycle: the expected median is about half the interval plus
one poll. Budget (DESIGN.md): ≤ 5 s by polling, so the worst case is one
interval plus a poll. minihub runs in a child process.
"""

from __future__ import annotations

import random
import statistics
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bench.hubdata import HubProcess

BUDGET_S = 5.0


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


def run(*, repeats: int = 10, poll_interval: float = 2.0, seed: int = 0) -> dict[str, Any]:
    """POST ``repeats`` requests at random moments; time each until its alert."""
    from app.hub import HttpHub
    from app.worklist import Request, WorklistWatcher

    rng = random.Random(seed)
    alerted: dict[str, float] = {}
    arrived = threading.Condition()

    def on_new(request: Request) -> None:
        with arrived:
            alerted[request.workitem_uid] = time.perf_counter()
            arrived.notify_all()

    samples: list[float] = []
    polls: list[float] = []
    with tempfile.TemporaryDirectory(prefix="bench-alert-") as tmp, HubProcess(Path(tmp)) as hub:
        ed = HttpHub(hub.base_url)
        radiologist = HttpHub(hub.base_url)
        watcher = WorklistWatcher(radiologist, on_new_request=on_new)
        watcher.poll_once()  # the application is running and up to date
        stop = threading.Event()

        def timer() -> None:  # the UI's QTimer, off the GUI thread
            while not stop.wait(poll_interval):
                started = time.perf_counter()
                watcher.poll_once()
                polls.append(time.perf_counter() - started)

        thread = threading.Thread(target=timer, name="poll", daemon=True)
        thread.start()
        try:
            for n in range(repeats):
                time.sleep(rng.uniform(0, poll_interval))
                posted = time.perf_counter()
                uid = ed.create_workitem(_workitem(n))
                with arrived:
                    arrived.wait_for(lambda uid=uid: uid in alerted, timeout=poll_interval * 4)
                if uid not in alerted:
                    raise RuntimeError("no alert for a new request")
                samples.append(alerted[uid] - posted)
        finally:
            stop.set()
            thread.join()
            ed.close()
            radiologist.close()
    return {
        "bench": "alert",
        "repeats": repeats,
        "poll_interval_s": poll_interval,
        "median_s": round(statistics.median(samples), 3),
        "min_s": round(min(samples), 3),
        "max_s": round(max(samples), 3),
        "poll_median_ms": round(1000 * statistics.median(polls), 1) if polls else None,
        "samples_s": [round(s, 3) for s in samples],
        "budget_s": BUDGET_S,
        "mode": "polling (UPS event channel not used)",
    }
