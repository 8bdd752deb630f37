"""``python -m bench open`` runs end to end on a small case and prints one JSON line.

Not a timing test: the numbers are only checked for presence and consistency.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bench.open import _hatched, _readable
from viewer.slab import hatch


def test_bench_open_prints_one_json_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env["STROKELINK_BENCH_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "bench", "open", "--runs", "1", "--case", "right-ich",
         "--rate-mbit", "400"],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["bench"] == "open" and result["case"] == "right-ich" and result["images"] == 30
    for link in ("loopback", "throttled_400mbit"):
        numbers = result[link]
        for key in ("first_readable_s", "all_loaded_s", "network_s", "all_loaded_over_network"):
            assert numbers[key] > 0 and len(numbers[f"{key}_runs"]) == 1
        assert numbers["first_readable_s"] <= numbers["all_loaded_s"]
        (one,) = numbers["runs"]
        ratio = one["all_loaded_s"] / one["network_s"]
        assert one["all_loaded_over_network"] == pytest.approx(ratio, rel=1e-9)
        assert numbers["all_loaded_over_network"] == pytest.approx(ratio, rel=1e-3, abs=1e-4)
    # 30 slices of 512² CT (~16 MB) cannot cross a 400 Mbit/s link in less than ~0.3 s
    assert result["throttled_400mbit"]["network_s"] > result["bytes"] * 8 / 400e6 * 0.9


def test_readable_and_hatched_pixels() -> None:
    grey = np.tile(np.linspace(20, 230, 200, dtype=np.uint8), (100, 1))
    rgb = np.repeat(grey[:, :, None], 3, axis=2)
    assert _readable(rgb) and not _hatched(rgb)
    assert not _readable(np.zeros_like(rgb))  # black: nothing drawn yet
    stripes = hatch(np.ones((100, 200), dtype=bool))[:, :, :3]
    assert _hatched(stripes) and not _readable(stripes)
    flat = np.full_like(rgb, 128)  # one grey level: not an image
    assert not _readable(flat)
