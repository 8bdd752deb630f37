"""``strokelink analyze``: the stroke analyses of a study, written as DICOM + summary.json."""

from __future__ import annotations

import argparse
import re
from typing import Any

from app.commands._parser import add_command

#: Exit codes (also in the help's epilog and docs/analysis.md).
EXIT_OK = 0  # analysed, or nothing to analyse
EXIT_INPUT = 1  # the study cannot be analysed: incomplete or corrupt series, unwritable DIR
EXIT_USAGE = 2  # bad command line: an option's syntax, STUDY_DIR not a folder

EPILOG = """\
exit codes:
  0  analysed (or nothing to analyse: the study holds no CT perfusion, ADC nor DWI)
  1  the study cannot be analysed (e.g. a CT perfusion series with a time point
     missing slices or time points missing, phases with no acquisition time, an
     incomplete ADC series, several studies in STUDY_DIR) or DIR cannot be written;
     the message on stderr names what is missing
  2  usage error (e.g. --aif not three numbers, STUDY_DIR not a folder)

DIR receives CBF.dcm, CBV.dcm, MTT.dcm, Tmax.dcm, TTP.dcm (Parametric Maps),
seg-ctp.dcm (core + hypoperfusion), seg-adc-core.dcm and summary.json, for what
was analysed. Every file of these names already in DIR is removed first (listed on
stdout; no other file is touched); summary.json is written last.
Negative coordinates may follow the option directly: --aif -12.5,-45,0
(or --aif=-12.5,-45,0). See docs/analysis.md."""

#: What the analyze parser takes for a value rather than an option although it starts
#: with "-": negative numbers, and X,Y,Z points whose first number is negative.
NEGATIVE_VALUE = re.compile(r"^-\d+$|^-\d*\.\d+$|^-[\d.]+(,-?[\d.]+)*$")


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "analyze",
        run,
        help="run the stroke analyses of a study (CT perfusion, ADC core, DWI-FLAIR mismatch)",
        description=(
            "Find what applies in STUDY_DIR (a CT perfusion, an ADC map, DWI and FLAIR), "
            "run it, and write DICOM Parametric Maps and Segmentations plus DIR/summary.json. "
            "Every value is a suggestion for the radiologist to confirm."
        ),
    )
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    # argparse reads "-12,-45,0" as an unknown option unless this matches it
    p._negative_number_matcher = NEGATIVE_VALUE
    p.epilog = EPILOG
    p.add_argument("study", metavar="STUDY_DIR", help="folder of the study's DICOM files")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the results in")
    p.add_argument(
        "--aif",
        metavar="X,Y,Z",
        help="arterial input function at this patient LPS point (mm), not the automatic one",
    )
    p.add_argument(
        "--vof",
        metavar="X,Y,Z",
        help="venous output function at this patient LPS point (mm), not the automatic one",
    )


def parse_point(text: str, option: str) -> tuple[float, float, float]:
    """``"X,Y,Z"`` to three finite floats; ValueError naming ``option`` otherwise."""
    import math

    parts = text.split(",")
    try:
        values = [float(p) for p in parts]
    except ValueError:
        values = []
    if len(values) != 3 or not all(math.isfinite(v) for v in values):
        raise ValueError(f"{option} takes three numbers X,Y,Z (patient LPS mm), got {text!r}")
    return (values[0], values[1], values[2])


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    try:
        aif = parse_point(args.aif, "--aif") if args.aif is not None else None
        vof = parse_point(args.vof, "--vof") if args.vof is not None else None
    except ValueError as error:
        print(f"analyze: {error}", file=sys.stderr)
        return EXIT_USAGE
    study = Path(args.study)
    if not study.is_dir():
        print(f"analyze: STUDY_DIR {args.study!r} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        print(f"analyze: --out {args.out!r} is not a folder", file=sys.stderr)
        return EXIT_USAGE

    from viewer.analysis.dicom_out import clear_results, write_results
    from viewer.analysis.study import AnalysisInputError, analyse_study

    # DIR holds this run's results or none: a failed run never leaves an earlier study's
    # results looking like this one's.
    try:
        removed = clear_results(out) if out.is_dir() else []
    except OSError as error:
        why = error.strerror if error.strerror else str(error)
        print(f"analyze: cannot remove the earlier results in {args.out!r}: {why}", file=sys.stderr)
        return EXIT_INPUT
    if removed:
        names = ", ".join(path.name for path in removed)
        print(f"removed earlier results from {args.out}: {names}")
    try:
        analysis = analyse_study(study, aif_lps=aif, vof_lps=vof)
    except AnalysisInputError as error:
        print(f"analyze: cannot analyse: {error.args[0] if error.args else error}", file=sys.stderr)
        return EXIT_INPUT

    try:
        written = write_results(analysis, out)
    except OSError as error:
        why = error.strerror if error.strerror else str(error)
        print(f"analyze: cannot write the results in {args.out!r}: {why}", file=sys.stderr)
        return EXIT_INPUT
    except (ValueError, TypeError, AttributeError) as error:  # sources highdicom refuses
        print(
            f"analyze: cannot write the DICOM results: {type(error).__name__}: {error}",
            file=sys.stderr,
        )
        return EXIT_INPUT
    for line in report_lines(analysis.summary(), analysis.nothing_to_analyse):
        print(line)
    print("written: " + ", ".join(path.name for path in written) + f" (in {args.out})")
    return EXIT_OK


def report_lines(summary: dict[str, Any], nothing: bool) -> list[str]:
    """The human summary of summary.json."""
    lines: list[str] = []
    warnings = [str(w) for w in summary.get("warnings", [])]
    if nothing:
        # the first warning says "nothing to analyse: <what was found>"
        lines.append(warnings[0] if warnings else "nothing to analyse")
        warnings = warnings[1:]
    ctp = summary.get("ctp")
    if ctp is not None:
        ratio = ctp.get("mismatch_ratio")
        hir = ctp.get("hir")
        aif = ctp.get("aif") or {}
        lines.append(
            f"CT perfusion: core {ctp['core_ml']} mL ({ctp.get('core_definition', 'rCBF < 30%')}), "
            f"hypoperfusion {ctp['hypoperfusion_ml']} mL "
            f"({ctp.get('hypoperfusion_definition', 'Tmax > 6 s')})"
        )
        lines.append(
            f"  mismatch {ctp['mismatch_ml']} mL, ratio {'-' if ratio is None else ratio}, "
            f"HIR {'-' if hir is None else hir}"
        )
        if aif:
            lines.append(
                f"  AIF ({aif.get('chosen_by', '?')}) at {aif.get('position_lps_mm')} mm LPS, "
                f"peak {aif.get('peak_hu')} HU at {aif.get('time_to_peak_s')} s"
            )
        lines.extend(f"  warning: {w}" for w in ctp.get("warnings", []))
    mr = summary.get("mr")
    if mr is not None:
        lines.append(
            f"MR: ADC core {mr['adc_core_ml']} mL, side {mr['adc_core_side']} "
            f"(units: {mr.get('adc_units', '?')})"
        )
        lines.extend(f"  warning: {w}" for w in mr.get("warnings", []))
        flair = mr.get("dwi_flair")
        if flair is not None:
            lines.append(
                f"  DWI-FLAIR: {flair['suggestion']} (FLAIR ratio {flair['flair_ratio']}, "
                f"threshold {flair['threshold']})"
            )
            lines.extend(f"  warning: {w}" for w in flair.get("warnings", []))
    lines.extend(f"warning: {w}" for w in warnings)
    return lines
