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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.hub.profiles import HubProfile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "pull",
        help="download a whole study from a hub (DICOMweb) into a folder, resumably",
        description=(
            "Download every series of a study into OUT/<series UID>/<instance UID>.dcm. "
            "Interrupted downloads resume where they stopped. The password comes from "
            "the system keyring or is asked for; it is never given on the command line."
        ),
    )
    p.add_argument("--hub", help="DICOMweb base URL, e.g. https://hub.example/dicom-web")
    p.add_argument("--profile", help="a saved hub profile (URL, user, CA bundle)")
    p.add_argument("--study", required=True, help="Study Instance UID")
    p.add_argument("--out", required=True, help="destination folder")
    p.add_argument("--user", help="user name (HTTP Basic authentication)")
    p.add_argument(
        "--auth",
        choices=["none", "basic", "bearer"],
        help="authentication (default: basic with --user, else the profile's, else none)",
    )
    p.add_argument("--ca-bundle", help="PEM file of the CA(s) that vouch for the hub's certificate")
    p.add_argument(
        "--transfer-syntax",
        default="*",
        help="transfer syntax UID to ask for (default: * = as stored on the hub)",
    )
    p.set_defaults(handler=run)


def _resolve_profile(args: argparse.Namespace) -> tuple[HubProfile, str]:
    """The profile to use: a saved one, possibly overridden, or an ad-hoc one."""
    from dataclasses import replace
    from pathlib import Path

    from app.hub.profiles import HubProfile, ProfileStore

    store = ProfileStore()
    saved = None
    if args.profile:
        saved = store.get(args.profile)
    elif args.hub:
        try:
            saved = store.find_by_url(args.hub)
        except ValueError:
            saved = None
    if saved is None:
        if not args.hub:
            raise ValueError("give --hub URL or --profile NAME")
        auth: Any = args.auth or ("basic" if args.user else "none")
        return HubProfile(
            name="command-line",
            base_url=args.hub,
            auth=auth,
            username=args.user or "",
            ca_bundle=Path(args.ca_bundle) if args.ca_bundle else None,
        ), args.hub.rstrip("/")
    changes: dict[str, Any] = {}
    if args.hub:
        changes["base_url"] = args.hub
    if args.user:
        changes["username"] = args.user
        changes["auth"] = args.auth or "basic"
    elif args.auth:
        changes["auth"] = args.auth
    if args.ca_bundle:
        changes["ca_bundle"] = Path(args.ca_bundle)
    return replace(saved, **changes), saved.name


def _secret(key_profile: str, username: str, what: str) -> str:
    import getpass
    import sys

    from app.hub.errors import KeyringUnavailable
    from app.hub.profiles import SecretStore

    try:
        stored = SecretStore().get(key_profile, username)
    except KeyringUnavailable as exc:
        print(f"pull: {exc}", file=sys.stderr)
        stored = None
    if stored:
        return stored
    if not sys.stdin.isatty():
        raise ValueError(f"no {what} in the keyring for this hub, and no terminal to ask for it")
    return getpass.getpass(f"{what.capitalize()} for {username or 'the hub'}: ")


def run(args: argparse.Namespace) -> int:
    import sys
    from pathlib import Path

    from app.hub.errors import HubError
    from app.hub.profiles import hub_for
    from app.hub.pull import pull_study

    try:
        profile, key_profile = _resolve_profile(args)
        secret = None
        if profile.needs_secret:
            what = "password" if profile.auth == "basic" else "token"
            secret = _secret(key_profile, profile.username, what)
        hub = hub_for(profile, secret)
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
    if missing:
        print(f"pull: INCOMPLETE: {missing} of {total} instances missing", file=sys.stderr)
        return 1
    print(f"pull: done, {total} instances in {len(results)} series")
    return 0
