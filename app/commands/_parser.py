"""What the subcommands' parsers share: the parser itself, the hub and login options.

Not a subcommand (the leading ``_`` keeps :mod:`app.cli` from registering it);
standard library only, so that ``strokelink --help`` stays fast.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

Handler = Callable[[argparse.Namespace], int]


def add_command(
    sub: argparse._SubParsersAction,
    name: str,
    handler: Handler,
    help: str,
    description: str | None = None,
) -> argparse.ArgumentParser:
    """The subcommand ``name``'s parser, run by ``handler``."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    parser.set_defaults(handler=handler)
    return parser


def add_command_group(
    sub: argparse._SubParsersAction, name: str, help: str
) -> argparse._SubParsersAction:
    """The subcommand ``name`` whose own ACTIONs (e.g. ``request send``) are added to
    what this returns (with :func:`add_command`)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help)
    actions: argparse._SubParsersAction = parser.add_subparsers(
        dest=f"{name}_command", metavar="ACTION", required=True
    )
    return actions


def add_hub_options(parser: argparse.ArgumentParser) -> None:
    """``--hub`` and ``--profile``: which hub (see :mod:`app.commands._hub_login`)."""
    parser.add_argument("--hub", help="DICOMweb base URL, e.g. https://hub.example/dicom-web")
    parser.add_argument("--profile", help="a saved hub profile (URL, user, CA bundle)")


def add_login_options(
    parser: argparse.ArgumentParser, *, auth_help: str = "authentication"
) -> None:
    """``--user``, ``--auth`` and ``--ca-bundle``: how to log in to the hub."""
    parser.add_argument("--user", help="user name (HTTP Basic authentication)")
    parser.add_argument("--auth", choices=["none", "basic", "bearer"], help=auth_help)
    parser.add_argument(
        "--ca-bundle", help="PEM file of the CA(s) that vouch for the hub's certificate"
    )
