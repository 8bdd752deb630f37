"""``strokelink info PATH``: the series under a folder (or one file) as JSON.

Output contract (other tools read it): a JSON object ``{"series": [...],
"warnings": [...]}``. Each entry of ``series`` is one volume — a series split
into sub-volumes (DWI b0/b1000, CT perfusion time points…) gives one entry
per sub-volume, told apart by ``label`` — or one group of images that is not
a volume. Every entry has:

* ``series_instance_uid``, ``description``, ``modality``, ``instances``
  (instances in the whole series), ``label`` ("" when the series is one
  volume), ``kind`` (see :class:`viewer.classify.SeriesKind`) and
  ``kind_reason``, ``volume`` (true/false);
* ``dimensions``: [columns, rows, slices] — for a non-volume [columns, rows,
  frames-or-images];
* ``spacing``: [x, y, z] mm along the column, row and slice index axes (z is
  null for a non-volume; the whole list is null without pixel spacing);
* ``orientation``: the six (0020,0037) direction cosines (null when absent);
* ``warnings``: list of strings, empty when clean; a non-volume's list starts
  with "not a volume: <reason>".

Volumes also have ``affine`` (4×4, (column, row, slice) → LPS mm),
``missing_slices``, ``tilt_deg`` and, in a 4-D series, ``time_s``. With
``--pixels`` the pixel data is decoded too and ``dtype`` and ``value_range``
are added. The top-level ``warnings`` lists the files skipped. Without
``--pixels`` an instance whose pixel data is cut short (a truncated
download) is still found, from its file, and named in its entry's
``warnings``.

Exit status 0 on success; 2, with a message on stderr, when PATH holds no
DICOM series.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from app.commands._parser import add_command

if TYPE_CHECKING:
    from viewer.assembly import NotVolumePart, VolumePlan
    from viewer.dicom_folder import Series
    from viewer.volume import Volume


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "info",
        run,
        help="describe the DICOM series under a folder as JSON (geometry, kind, warnings)",
    )
    p.add_argument("path", help="a folder (searched recursively) or one DICOM file")
    p.add_argument(
        "--pixels",
        action="store_true",
        help="also decode the pixel data (voxel type, value range, decoding problems)",
    )


def run(args: argparse.Namespace) -> int:
    import json
    import sys
    from pathlib import Path

    path = Path(args.path)
    if not path.exists():
        print(f"strokelink info: {args.path}: no such file or folder", file=sys.stderr)
        return 2
    report = describe(path, pixels=args.pixels)
    if not report["series"]:
        print(f"strokelink info: no DICOM series found in {args.path}", file=sys.stderr)
        for warning in report["warnings"]:
            print(f"  {warning}", file=sys.stderr)
        return 2
    json.dump(report, sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


def describe(path: Any, *, pixels: bool = False) -> dict[str, Any]:
    """The JSON-ready report for a folder or file (see the module docstring)."""
    from viewer.dicom_folder import read_folder

    scan = read_folder(path)
    entries: list[dict[str, Any]] = []
    for series in scan.series:
        described = _describe_series(series, pixels=pixels)
        if not pixels:  # decoding reports it otherwise
            _warn_truncated(series, described)
        for entry in described:
            entry.pop("_instances", None)  # bookkeeping, not part of the contract
        entries.extend(described)
    return {"series": entries, "warnings": scan.warnings}


def _warn_truncated(series: Series, entries: list[dict[str, Any]]) -> None:
    """Name, in the entries that hold them, the instances whose pixel data is cut short."""
    from viewer.pixel_check import pixel_data_problem

    for header, path in zip(series.headers, series.paths, strict=True):
        if path in series.pixel_locations:
            continue  # located whole when the folder was scanned
        problem = pixel_data_problem(path)
        if problem is None:
            continue
        uid = str(header.get("SOPInstanceUID", ""))
        holders = [e for e in entries if uid in e.get("_instances", ())] or entries[:1]
        for entry in holders:
            what = "slice(s) will show as not loaded" if entry["volume"] else "not shown"
            entry["warnings"].append(f"{path.name}: pixel data {problem}; {what}")


def _describe_series(series: Series, *, pixels: bool) -> list[dict[str, Any]]:
    from viewer.assembly import NotAVolume

    common = {
        "series_instance_uid": series.series_instance_uid,
        "description": series.description,
        "modality": series.modality,
        "instances": series.instances,
    }
    try:
        if pixels:
            assembly = series.assemble()
            plans, parts = assembly.plan.volumes, assembly.not_volumes
            volumes: list[Volume | None] = list(assembly.volumes)
        else:
            plan = series.plan()
            plans, parts = plan.volumes, plan.not_volumes
            volumes = [None] * len(plans)
    except NotAVolume as refusal:
        return [_part_entry(common, part, refusal.warnings) for part in refusal.parts]
    except Exception as error:  # bad input is reported, never a crash
        return [
            {
                **common,
                "label": "",
                "kind": "other",
                "kind_reason": "unreadable",
                "volume": False,
                "dimensions": None,
                "spacing": None,
                "orientation": None,
                "warnings": [f"not a volume: could not be read ({type(error).__name__})"],
            }
        ]
    entries = [
        _volume_entry(common, plan, volume) for plan, volume in zip(plans, volumes, strict=True)
    ]
    entries += [_part_entry(common, part, []) for part in parts]
    return entries


def _volume_entry(
    common: dict[str, Any], plan: VolumePlan, volume: Volume | None
) -> dict[str, Any]:
    import numpy as np

    affine = plan.affine
    columns = np.linalg.norm(affine[:3, :3], axis=0)
    row_cosines = affine[:3, 0] / columns[0]
    column_cosines = affine[:3, 1] / columns[1]
    slices, rows, cols = plan.shape
    entry: dict[str, Any] = {
        **common,
        "label": plan.label,
        "kind": plan.kind,
        "kind_reason": plan.classification.reason,
        "volume": True,
        "dimensions": [cols, rows, slices],
        "spacing": [_round(v) for v in columns],
        "orientation": [_round(v) for v in (*row_cosines, *column_cosines)],
        "affine": [[_round(v) for v in row] for row in affine],
        "missing_slices": plan.missing,
        "tilt_deg": _round(plan.tilt_deg),
        "warnings": list(plan.warnings if volume is None else volume.warnings),
        "_instances": {s.sop_instance_uid for s in plan.sources if s is not None},
    }
    if plan.time_s is not None:
        entry["time_s"] = _round(plan.time_s)
    if volume is not None:
        assert volume.loaded is not None
        entry["dtype"] = str(volume.array.dtype)
        data = volume.array[volume.loaded]
        entry["value_range"] = [float(data.min()), float(data.max())] if data.size else None
    return entry


def _part_entry(common: dict[str, Any], part: NotVolumePart, warnings: list[str]) -> dict[str, Any]:
    first = part.frames[0]
    spacing = None
    if first.pixel_spacing is not None:
        row_spacing, column_spacing = first.pixel_spacing
        spacing = [_round(column_spacing), _round(row_spacing), None]
    return {
        **common,
        "label": part.label,
        "kind": part.kind,
        "kind_reason": part.classification.reason,
        "volume": False,
        "dimensions": [first.columns or None, first.rows or None, part.images],
        "spacing": spacing,
        "orientation": None if first.orientation is None else list(first.orientation),
        "warnings": [f"not a volume: {part.reason}", *warnings],
        "_instances": {f.sop_instance_uid for f in part.frames},
    }


def _round(value: float) -> float:
    return round(float(value), 6)
