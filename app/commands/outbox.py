"""``strokelink outbox``: see the opinions waiting to be sent, re-queue one, or export it.

The outbox (:mod:`app.outbox.store`) is sealed with the key in the system keyring,
so this works for the same user on the same machine only. Sending is the
application's job; ``--retry`` puts a failed opinion back in the queue, and
``--export`` writes an undelivered opinion's DICOM files (and its PDF) to a
folder, unencrypted, when the hub cannot be reached at all. Output carries
no patient data: items are named by their id, kind and state.

Exit status: 0 on success, 2 for an unknown id or an unusable outbox.
"""

from __future__ import annotations

import argparse
from typing import NoReturn

from app.commands._parser import add_command


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "outbox",
        run,
        help="list the opinions waiting to be sent; retry or export one",
        description="List the outbox (default), re-queue a failed opinion, or export one.",
    )
    action = p.add_mutually_exclusive_group()
    action.add_argument("--list", action="store_true", help="list every item (the default)")
    action.add_argument(
        "--retry", metavar="ID", help="put a failed or waiting item back in the queue"
    )
    action.add_argument(
        "--export", nargs=2, metavar=("ID", "DIR"), help="write an item's DICOM files and PDF"
    )
    p.add_argument("--profile", default="default", help="hub profile whose outbox to use")
    p.add_argument("--folder", help="outbox folder (default: the profile's, in the user data dir)")


def _no_hub() -> NoReturn:
    from app.hub.errors import HubUnreachable

    raise HubUnreachable("strokelink outbox does not send; the application does")


def run(args: argparse.Namespace) -> int:
    import datetime as dt
    import sys
    from pathlib import Path

    from app.outbox.store import Outbox, default_outbox_dir
    from app.store.sealed import SealedBox

    folder = Path(args.folder) if args.folder else default_outbox_dir(args.profile)
    if not folder.is_dir():
        print(f"outbox: no outbox at {folder}", file=sys.stderr)
        return 2
    box = SealedBox.for_user("outbox")
    if not box.persistent:
        print(f"outbox: {box.message}", file=sys.stderr)
    outbox = Outbox(folder, box, _no_hub, lambda: dt.datetime.now().astimezone())
    if outbox.unreadable:
        print(f"outbox: {outbox.unreadable} item(s) could not be read", file=sys.stderr)
    try:
        if args.retry:
            status = outbox.retry(args.retry)
            print(f"{status.id}  {status.summary}")
            return 0
        if args.export:
            for path in outbox.export(args.export[0], Path(args.export[1])):
                print(f"wrote {path}")
            return 0
    except KeyError:
        print("outbox: no item with this id (see strokelink outbox --list)", file=sys.stderr)
        return 2
    except ValueError as exc:
        print(f"outbox: {exc}", file=sys.stderr)
        return 2
    for status in outbox.items():
        when = status.submitted_at.strftime("%Y-%m-%d %H:%M")
        print(f"{status.id}  {when}  {status.summary}")
    if not outbox.items():
        print("outbox: empty")
    return 0
