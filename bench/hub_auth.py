"""Wrong-password flood against minihub: does a legitimate client stay fast?

``python -m bench hub_auth [--iterations 600000] [--samples 200] [--threads 8]
[--flood-s 20]`` starts ``minihub.server --users`` in a child process (users file
with one PBKDF2 password of ``iterations``), then measures the latency of a
legitimate client (HTTP Basic, already verified, keep-alive) doing ``GET
/dicom-web/studies``:

* ``baseline_median_ms``: alone;
* ``floods.same_address``: while ``threads`` threads send wrong passwords for the
  same user from 127.0.0.1 (after a few failures the address and the user are
  locked: 429 without hashing);
* ``floods.spread``: the same, but every attempt comes from its own loopback
  address (127.0.x.y) with its own unknown user name, so nothing is throttled and
  every attempt costs a full PBKDF2 check (in worker threads, two at a time; more
  than 32 waiting get 503).

Each flood lasts until the legitimate client has its ``samples`` (at most
``flood_s`` seconds). ``flood_median_ms`` is the worse flood's median; target
(issue #11): under 100 ms (``met``). ``statuses`` count the flood's answers.
"""

from __future__ import annotations

import http.client
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from base64 import b64encode
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from bench.hubdata import free_port, stop
from minihub.auth import hash_password, hash_token

TARGET_MS = 100.0
TOKEN = "bench-hub-auth-token"
USER, PASSWORD = "drx", "correct horse battery"


def _start_hub(data: Path, users: Path, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "minihub.server", "--data", str(data), "--users", str(users)]
    command += ["--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/dicom-web/studies"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("minihub exited at start")
        try:
            headers = {"Authorization": f"Bearer {TOKEN}"}
            if requests.get(url, headers=headers, timeout=1).status_code == 200:
                return process
        except requests.RequestException:
            pass
        time.sleep(0.1)
    process.kill()
    raise RuntimeError("minihub did not start within 30 s")


def _latencies(session: requests.Session, url: str, samples: int) -> list[float]:
    out = []
    for _ in range(samples):
        started = time.perf_counter()
        response = session.get(url, timeout=60)
        out.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"legitimate request got {response.status_code}")
    return out


def _attempt(port: int, source: str, name: str, statuses: Counter[int]) -> None:
    basic = b64encode(f"{name}:wrong password".encode()).decode()
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=(source, 0))
    try:
        conn.request("GET", "/dicom-web/studies", headers={"Authorization": f"Basic {basic}"})
        statuses[conn.getresponse().status] += 1
    except OSError:
        statuses[0] += 1
    finally:
        conn.close()


def _flood(
    port: int, threads: int, stop: threading.Event, deadline: float, spread: bool
) -> tuple[list[threading.Thread], Counter[int]]:
    statuses: Counter[int] = Counter()

    def worker(index: int) -> None:
        n = 0
        while not stop.is_set() and time.monotonic() < deadline:
            n += 1
            if spread:  # its own address and unknown name each time: always hashed
                source = f"127.{1 + index}.{(n >> 8) & 255}.{1 + (n & 255) % 254}"
                _attempt(port, source, f"nobody-{index}-{n}", statuses)
            else:
                _attempt(port, "127.0.0.1", USER, statuses)

    workers = [threading.Thread(target=worker, args=(i,), daemon=True) for i in range(threads)]
    for w in workers:
        w.start()
    return workers, statuses


def _under_flood(
    measure: Callable[[], list[float]], port: int, threads: int, flood_s: float, spread: bool
) -> dict[str, Any]:
    stop = threading.Event()
    workers, statuses = _flood(port, threads, stop, time.monotonic() + flood_s, spread)
    time.sleep(0.5)  # let the flood build up
    try:
        latencies = measure()
    finally:
        stop.set()
        for w in workers:
            w.join(70)
    return {
        "median_ms": round(statistics.median(latencies), 2),
        "p90_ms": round(statistics.quantiles(latencies, n=10)[-1], 2),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }


def run(
    *, iterations: int = 600_000, samples: int = 200, threads: int = 8, flood_s: float = 20.0
) -> dict[str, Any]:
    """Start a hub with a users file, measure alone and under both floods."""
    with tempfile.TemporaryDirectory(prefix="bench-hub-auth-") as tmp:
        users = Path(tmp) / "users.json"
        entry = {
            "name": USER,
            "password": hash_password(PASSWORD, iterations=int(iterations)),
            "tokens_sha256": [hash_token(TOKEN)],
        }
        users.write_text(json.dumps({"users": [entry]}), encoding="utf-8")
        port = free_port()
        process = _start_hub(Path(tmp) / "data", users, port)
        try:
            url = f"http://127.0.0.1:{port}/dicom-web/studies"
            with requests.Session() as session:
                session.auth = (USER, PASSWORD)
                _latencies(session, url, 5)  # first one verifies the password; warm up

                def measure() -> list[float]:
                    return _latencies(session, url, int(samples))

                baseline = measure()
                floods = {
                    name: _under_flood(measure, port, int(threads), float(flood_s), spread)
                    for name, spread in (("same_address", False), ("spread", True))
                }
        finally:
            stop(process)
    baseline_ms = statistics.median(baseline)
    flood_ms = max(f["median_ms"] for f in floods.values())
    return {
        "bench": "hub_auth",
        "iterations": int(iterations),
        "threads": int(threads),
        "samples": int(samples),
        "cpus": os.cpu_count(),
        "baseline_median_ms": round(baseline_ms, 2),
        "flood_median_ms": flood_ms,
        "ratio": round(flood_ms / baseline_ms, 2) if baseline_ms else None,
        "target_ms": TARGET_MS,
        "met": flood_ms < TARGET_MS,
        "floods": floods,
    }
