"""``python -m bench mpr`` runs end to end on a tiny volume and prints one JSON line.

Not a timing test: the numbers are only checked for presence and sanity.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from bench.__main__ import parse_options


@pytest.mark.parametrize("writer", ["own", "synth"])
def test_bench_mpr_prints_one_json_line(writer: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    done = subprocess.run(
        [sys.executable, "-m", "bench", "mpr", "--slices", "12", "--size", "32", "--window", "64",
         "--window3d", "64", "--moves", "3", "--writer", writer],
        capture_output=True, text=True, env=env, timeout=240, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    result = json.loads(lines[0])
    assert result["bench"] == "mpr" and result["shape"] == [12, 32, 32]
    for key in ("crosshair_ms", "slab_mip_ms", "slab_mip_oblique_ms", "mip3d_ms"):
        assert result[key]["median"] > 0 and result[key]["n"] >= 3
    for key in ("mip3d_still_ms", "mip3d_rotating_ms", "slab_mip_oblique_drag_ms",
                "vr3d_still_ms", "vr3d_rotating_ms"):  # fmt: skip
        assert result[key]["median"] > 0 and result[key]["n"] >= 3
    assert result["mip3d_still_ms"] == result["mip3d_ms"], "the still frames are the old key's"
    assert result["mip3d_rotating_ms"]["target"] == 100.0
    assert result["slab_mip_oblique_ms"]["target"] == 100.0
    ratio = result["mip3d_rotating_ms"]["median"] / result["mip3d_still_ms"]["median"]
    assert result["mip3d_rotating_over_still"] == pytest.approx(ratio, rel=0.05, abs=0.002)
    drag = result["slab_mip_oblique_drag_ms"]["median"] / result["slab_mip_oblique_ms"]["median"]
    assert result["slab_mip_oblique_drag_over_full"] == pytest.approx(drag, rel=0.05, abs=0.002)
    assert result["mip3d_release_ms"] > 0
    assert result["crosshair_ms"]["target"] == 16.0
    assert result["slab_mip_ms"]["target"] == 100.0
    assert result["load_s"] > 0 and result["sitk_load_s"] > 0
    assert result["load_ratio"] == pytest.approx(result["load_s"] / result["sitk_load_s"], rel=0.01)
    assert result["peak_mem_ratio"] > 0


def test_option_parsing() -> None:
    assert parse_options(["--slices", "40", "--quick", "--name=x", "--f", "0.5"]) == {
        "slices": 40, "quick": True, "name": "x", "f": 0.5,
    }  # fmt: skip
