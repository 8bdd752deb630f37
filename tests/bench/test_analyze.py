"""``python -m bench analyze`` runs end to end on a tiny CTP and prints one JSON line.

Not a timing test: the numbers are only checked for presence and sanity.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def test_bench_analyze_prints_one_json_line() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bench", "analyze", "--size", "128", "--slices", "3",
         "--phases", "30", "--runs", "1", "--adc", "0"],
        capture_output=True, text=True, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["bench"] == "analyze" and result["shape"] == [30, 3, 128, 128]
    assert result["ctp_s"]["median"] > 0 and result["ctp_s"]["target"] == 10.0
    assert result["peak_mem_ratio"] > 0 and result["baseline_osvd_s"] > 0
    assert result["ratio_to_baseline"] == pytest.approx(
        result["ctp_s"]["median"] / result["baseline_osvd_s"], rel=0.02
    )
    volumes = result["volumes"]
    assert volumes["core_ml"] == pytest.approx(volumes["core_truth_ml"], rel=0.35)
    assert volumes["hypoperfusion_ml"] == pytest.approx(volumes["hypoperfusion_truth_ml"], rel=0.3)
