"""The ``strokelink`` console command.

``strokelink`` alone starts the desktop application; every other use is a
subcommand. Each subcommand lives in its own module of :mod:`app.commands`
exposing ``register(subparsers)``; the module must import only the standard
library at top level so that ``strokelink --help`` stays fast, and import its
heavy dependencies inside the handler.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from app import __version__, commands


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="strokelink",
        description="Acute-stroke tele-expertise: worklist, viewer, opinion, and an embedded hub.",
    )
    parser.add_argument("--version", action="version", version=f"strokelink {__version__}")
    parser.add_argument("--hub", help="hub base URL for the desktop app (default: the demo hub)")
    parser.add_argument("--lang", help="user-interface language (en, fr); default: the system's")
    parser.add_argument(
        "--role",
        choices=("radiologist", "ed"),
        default="radiologist",
        help="the desktop app's user: the on-call radiologist (worklist) or the emergency "
        "department (request form, site's requests and answers)",
    )
    parser.add_argument("--site", help="--role ed: the ED's site, as its requests name it")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from protocol.logsafe import install

    install()  # pydicom's warnings and log records quote element values: never print them
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None and args.role == "ed":
        from app.ui.ed.window import run_ed_gui

        return run_ed_gui(hub_url=args.hub, lang=args.lang, site=args.site)
    if args.command is None:
        from app.ui.launch import run_gui

        return run_gui(hub_url=args.hub, lang=args.lang)
    handler = args.handler
    result: int | None = handler(args)
    return 0 if result is None else int(result)


if __name__ == "__main__":
    sys.exit(main())
