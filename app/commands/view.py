"""``strokelink view PATH``: the viewer on a folder (a CD, a download) or a file."""

from __future__ import annotations

import argparse
import os
import sys

from app.commands._parser import add_command

PROTOCOL_CHOICES = ("ncct", "cta", "mr-stroke", "ctp", "generic")


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "view",
        run,
        help="open the image viewer on a DICOM folder or file",
        description=(
            "Open the viewer on a folder (a CD, a download) or one DICOM file: series "
            "browser, display protocol chosen from the series (NCCT, CTA, MR stroke, CTP), "
            "linked MPR views, 3-D, measurements. Needs a display (X11: xcb)."
        ),
    )
    p.add_argument("path", help="DICOM folder or file")
    p.add_argument(
        "--protocol", choices=PROTOCOL_CHOICES, help="display protocol instead of the automatic one"
    )
    p.add_argument(
        "--screenshot",
        metavar="PNG",
        help="once every image is loaded, save the screen to PNG and quit (verification)",
    )
    p.add_argument("--lang", choices=["en", "fr"], help="language (default: the system's)")


def run(args: argparse.Namespace) -> int:
    if not os.path.exists(args.path):
        print(f"view: {args.path} does not exist", file=sys.stderr)
        return 2
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM"):
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            print("view: no display (set DISPLAY, or run under xvfb-run)", file=sys.stderr)
            return 2
    from app.ui.viewer.app import run_viewer

    return run_viewer(args.path, protocol=args.protocol, screenshot=args.screenshot,
                      lang=args.lang)  # fmt: skip
