"""``strokelink pull``: download a whole study from a hub into a folder.

Layout ``OUT/<Series Instance UID>/<SOP Instance UID>.dcm``, files exactly as
the hub stores them (``transfer-syntax=*``), written atomically; running the
command again only fetches what is missing (see :mod:`app.hub.pull`).

The password (or bearer token) is never taken from the command line or the
environment: it comes from the system keyring (service ``strokelink``, key
``<profile or hub URL>:<user>``) or is asked for on the terminal.
"""

from __future__ import annotations

import argparse

from app.commands._parser import add_command, add_hub_options, add_login_options


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "pull",
        run,
        help="download a whole study from a hub (DICOMweb) into a folder, resumably",
        description=(
            "Download every series of a study into OUT/<series UID>/<instance UID>.dcm. "
            "Interrupted downloads resume where they stopped. The password comes from "
            "the system keyring or is asked for; it is never given on the command line."
        ),
    )
    add_hub_options(p)
    p.add_argument("--study", required=True, help="Study Instance UID")
    p.add_argument("--out", required=True, help="destination folder")
    add_login_options(
        p, auth_help="authentication (default: basic with --user, else the profile's, else none)"
    )
    p.add_argument(
        "--transfer-syntax",
        default="*",
        help="transfer syntax UID to ask for (default: * = as stored on the hub)",
    )


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from app.commands._hub_login import hub_from_args
    from app.hub.errors import HubError
    from app.hub.pull import pull_study
    from protocol.uids import is_uid

    if not is_uid(args.study):
        print(
            "pull: --study must be a Study Instance UID "
            "(digits and dots, at most 64 characters, e.g. 1.2.840.99.1)",
            file=sys.stderr,
        )
        return 2
    try:
        profile, hub = hub_from_args(args, command="pull")
    except (ValueError, KeyError) as exc:
        print(f"pull: {exc.args[0] if exc.args else exc}", file=sys.stderr)
        return 2
    out = Path(args.out)
    print(f"pull: study {args.study} from {profile.base_url} into {out}")
    try:
        results = pull_study(
            hub,
            args.study,
            out,
            transfer_syntax=None if args.transfer_syntax in ("", "none") else args.transfer_syntax,
            on_series=lambda r: print("  " + r.summary(), flush=True),
        )
    except HubError as exc:
        print(f"pull: failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"pull: cannot write into {out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    finally:
        hub.close()
    missing = sum(r.missing for r in results)
    total = sum(r.expected for r in results)
    refused = sum(1 for r in results if r.error)
    if refused:
        print(f"pull: INCOMPLETE: {refused} series refused (invalid UIDs from the hub)",
              file=sys.stderr)  # fmt: skip
        return 1
    if missing:
        print(f"pull: INCOMPLETE: {missing} of {total} instances missing", file=sys.stderr)
        return 1
    print(f"pull: done, {total} instances in {len(results)} series")
    return 0
