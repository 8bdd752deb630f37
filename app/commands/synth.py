"""``strokelink synth``: write the synthetic stroke studies (DICOM + truth.json)."""

from __future__ import annotations

import argparse

from app.commands._parser import add_command


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "synth",
        run,
        help="write synthetic stroke studies (NCCT, CTA, CT perfusion, MR) with known findings",
        description="Write each case as OUTDIR/<case>/<series>/*.dcm "
        "plus OUTDIR/<case>/truth.json.",
    )
    p.add_argument("outdir", metavar="OUTDIR", help="folder to write the cases into")
    p.add_argument(
        "--case",
        action="append",
        dest="cases",
        metavar="NAME",
        help="a case to write (repeatable; default: all): normal, left-mca, right-ich, "
        "wake-up-mr, ctp-left-mca",
    )
    p.add_argument("--seed", type=int, default=0, help="noise and UID seed (default: 0)")


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    import time
    from pathlib import Path

    from minihub.synth import write_cases

    started = time.monotonic()
    try:
        folders = write_cases(Path(args.outdir), args.cases, seed=args.seed)
    except ValueError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    for folder in folders:
        truth = json.loads((folder / "truth.json").read_text())
        series = ", ".join(f"{s['kind']}×{s['instances']}" for s in truth["series"])
        findings = (
            ", ".join(
                " ".join(str(f[k]) for k in ("type", "side", "site") if f.get(k))
                for f in truth["findings"]
            )
            or "no finding"
        )
        print(f"{truth['case']}: {series}; {findings} → {folder}")
    print(f"synth: {len(folders)} case(s) in {time.monotonic() - started:.1f} s")
    return 0
