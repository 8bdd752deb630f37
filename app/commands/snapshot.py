"""``strokelink snapshot``: render one view of a DICOM series to a PNG, off screen."""

from __future__ import annotations

import argparse
import os
import sys

from app.commands._parser import add_command


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "snapshot",
        run,
        help="render one view of a DICOM series to a PNG (off screen, no display needed)",
        description=(
            "Read a DICOM folder (or one file), pick the biggest volume (or --series), "
            "and render one view with orientation letters and the patient banner. "
            "A series that is not a volume gives the image nearest --at (the middle "
            "one by default) in its own plane, with its orientation letters. "
            "Exit code 2 when the path holds no image."
        ),
    )
    p.add_argument("path", help="DICOM folder or file")
    p.add_argument(
        "--view", choices=["axial", "coronal", "sagittal", "3d"], default="axial", help="which view"
    )
    p.add_argument("--at", metavar="X,Y,Z", help="LPS point in mm the planes pass through")
    p.add_argument(
        "--preset", help="window preset (brain, stroke, subdural, bone, angio, dicom, auto)"
    )
    p.add_argument("--slab", type=float, metavar="MM", help="slab thickness in mm (0 = thin)")
    p.add_argument(
        "--slab-mode", choices=["mip", "minip", "mean"], help="slab projection (default mip)"
    )
    p.add_argument("--size", type=int, default=512, metavar="PX", help="image size (square)")
    p.add_argument("--series", metavar="UID", help="Series Instance UID to show")
    p.add_argument(
        "--volume", metavar="LABEL", help="which volume of a multi-volume series, e.g. b=1000"
    )
    p.add_argument("--out", required=True, metavar="PNG", help="where to write the PNG")


def _parse_point(text: str) -> tuple[float, float, float]:
    parts = [float(v) for v in text.split(",")]
    if len(parts) != 3:
        raise ValueError("--at takes three numbers: X,Y,Z")
    return (parts[0], parts[1], parts[2])


def run(args: argparse.Namespace) -> int:
    # Off-screen OpenGL without an X server: chosen before VTK is imported.
    os.environ.setdefault("VTK_DEFAULT_OPENGL_WINDOW", "vtkEGLRenderWindow")
    from viewer.presets import preset_names
    from viewer.snapshot import NoVolume, load_volume, render_snapshot
    from viewer.vtkbridge import write_png

    try:
        at = _parse_point(args.at) if args.at else None
    except ValueError as error:
        print(f"snapshot: {error}", file=sys.stderr)
        return 2
    if args.preset and args.preset not in preset_names():
        print(f"snapshot: unknown preset {args.preset!r}; use one of {', '.join(preset_names())}",
              file=sys.stderr)  # fmt: skip
        return 2
    if not 16 <= args.size <= 4096:
        print("snapshot: --size must be between 16 and 4096", file=sys.stderr)
        return 2
    try:
        volume = load_volume(args.path, series_uid=args.series, label=args.volume)
    except NoVolume as error:
        if args.volume is not None:
            print(f"snapshot: {error}", file=sys.stderr)
            return 2
        return _image_snapshot(args, at, error)
    rgb = render_snapshot(
        volume,
        args.view,
        at=at,
        preset=args.preset,
        slab_mm=args.slab,
        slab_mode=args.slab_mode,
        size=args.size,
    )
    try:
        write_png(rgb, args.out)
    except OSError as error:
        print(f"snapshot: {error}", file=sys.stderr)
        return 1
    for warning in volume.warnings:
        print(f"snapshot: warning: {warning}", file=sys.stderr)
    print(f"snapshot: wrote {args.out} ({args.view}, {rgb.shape[1]}x{rgb.shape[0]})")
    return 0


def _image_snapshot(
    args: argparse.Namespace, at: tuple[float, float, float] | None, no_volume: Exception
) -> int:
    """No volume: one image of a non-volume series, in its own plane, with its letters."""
    from viewer.snapshot2d import NoImage, choose_image, render_image_snapshot
    from viewer.vtkbridge import write_png

    try:
        choice = choose_image(args.path, series_uid=args.series, at=at)
        rgb = render_image_snapshot(choice, preset=args.preset, size=args.size)
    except NoImage:
        print(f"snapshot: {no_volume}", file=sys.stderr)
        return 2
    except Exception as error:  # undecodable pixel data: a message, never a crash
        print(f"snapshot: {no_volume}; the image could not be shown ({type(error).__name__})",
              file=sys.stderr)  # fmt: skip
        return 2
    try:
        write_png(rgb, args.out)
    except OSError as error:
        print(f"snapshot: {error}", file=sys.stderr)
        return 1
    print(f"snapshot: warning: not a volume: {choice.part.reason}", file=sys.stderr)
    letters = choice.layout.labels
    edges = ", ".join(
        f"{edge} {letters[edge] or '?'}" for edge in ("left", "right", "top", "bottom")
    )
    where = choice.caption().replace("\n", ", ")
    print(f"snapshot: wrote {args.out} ({where}; in its own plane, {edges}; "
          f"{rgb.shape[1]}x{rgb.shape[0]})")  # fmt: skip
    return 0
