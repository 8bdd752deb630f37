"""``strokelink profile add|list|test|remove``: hub profiles for IT staff provisioning machines.

The profiles live in the per-user configuration folder
(:class:`app.hub.profiles.ProfileStore`); the password goes to the system
keyring only (``--password-stdin``), never to a file, the command line or the
output. Exit status: 0 done (``test``: every check passed), 1 ``test``: a
check failed (each one is named), 2 bad input or no keyring to keep the password.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.commands._parser import add_command, add_command_group

if TYPE_CHECKING:
    from app.hub.profiles import HubProfile

#: The command line's role words and the profiles' own.
ROLE_WORDS = {"radiologist": "radiologist", "ed": "emergency"}
CA_HINT = " (give --ca FILE)"


def register(sub: argparse._SubParsersAction) -> None:
    actions = add_command_group(sub, "profile", "hub profiles: add, list, test, remove")
    add = add_command(
        actions,
        "add",
        run_add,
        "save a hub profile (password from standard input into the keyring)",
        description="Save (or replace) the hub profile NAME. With --password-stdin the "
        "password is read from standard input and kept in the system keyring; without a "
        "keyring the profile is refused (exit 2).",
    )
    add.add_argument("name", metavar="NAME", help="the profile's name, e.g. lorraine")
    add.add_argument("--hub", required=True, metavar="URL", help="DICOMweb base URL")
    add.add_argument("--user", required=True, metavar="U", help="user name on the hub")
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from standard input (one line) and keep it in the keyring",
    )
    add.add_argument(
        "--ca", metavar="FILE", help="PEM file of the CA(s) that vouch for the hub's certificate"
    )
    add.add_argument(
        "--role", choices=tuple(ROLE_WORDS), default="radiologist", help="this machine's role"
    )
    add.add_argument("--site", metavar="NAME", help="--role ed: the ED's site (required)")
    add_command(actions, "list", run_list, "the saved hub profiles (the default marked *)")
    test = add_command(
        actions,
        "test",
        run_test,
        "check a profile: study search, worklist search, event channel",
        description="Exit 0 when every check passes, else 1 (each failure named).",
    )
    test.add_argument("name", metavar="NAME")
    remove = add_command(
        actions, "remove", run_remove, "delete a hub profile and its password from the keyring"
    )
    remove.add_argument("name", metavar="NAME")


def _fail(message: str) -> int:
    print(f"strokelink profile: {message}", file=sys.stderr)
    return 2


def _read_password() -> str:
    """One line of standard input, without its line end."""
    line = sys.stdin.readline()
    return line.rstrip("\r\n")


def _url_problem(url: str) -> str | None:
    from urllib.parse import urlsplit

    from app.hub.profiles import url_problem

    if url_problem(url) == "credentials":  # the URL is not repeated: it holds a password
        return "--hub must not hold a user name or password: give --user and --password-stdin"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return f"--hub {url!r} is not a valid URL"
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return f"--hub {url!r} is not a valid URL: give e.g. https://hub.example/dicom-web"
    return None


def run_add(args: argparse.Namespace) -> int:
    import contextlib
    from pathlib import Path

    from app.hub.errors import KeyringUnavailable
    from app.hub.profiles import HubProfile, ProfileStore, SecretStore

    role = ROLE_WORDS[args.role]
    site = (args.site or "").strip()
    if role == "emergency" and not site:
        return _fail("--role ed needs --site NAME (the ED's site, as its requests name it)")
    if role != "emergency" and site:
        return _fail("--site is for --role ed only")
    problem = _url_problem(args.hub)
    if problem:
        return _fail(problem)
    if not args.user.strip():
        return _fail("--user cannot be empty")
    ca = None
    if args.ca:
        ca = Path(args.ca).expanduser().resolve()
        if not ca.is_file():
            return _fail(f"--ca {args.ca}: no such file")
        if b"-----BEGIN CERTIFICATE-----" not in ca.read_bytes()[:1_000_000]:
            return _fail(f"--ca {args.ca}: not a PEM certificate file")
    try:
        profile = HubProfile(
            name=args.name.strip(),
            base_url=args.hub.rstrip("/"),
            auth="basic",
            username=args.user.strip(),
            ca_bundle=ca,
            role=role,
            site=site,
        )
    except ValueError as exc:
        return _fail(str(exc))
    store = ProfileStore()
    secrets = SecretStore()
    try:
        before = next((p for p in store.load() if p.name == profile.name), None)
    except ValueError as exc:
        return _fail(str(exc))
    if args.password_stdin:
        password = _read_password()
        if not password:
            return _fail("--password-stdin: standard input gave no password")
        try:
            secrets.set(profile.name, profile.username, password)
        except KeyringUnavailable as exc:
            return _fail(
                f"{exc}. The profile was not saved: without a keyring its password could "
                "not be kept, and the app could not log in unattended."
            )
    if before is not None and before.username != profile.username:
        with contextlib.suppress(KeyringUnavailable):  # the old user's password
            secrets.delete(before.name, before.username)
    try:
        store.put(profile)
    except (OSError, ValueError) as exc:
        return _fail(f"the profile could not be saved: {exc}")
    verb = "replaced" if before is not None else "saved"
    kept = "password kept in the keyring" if args.password_stdin else "no password stored"
    print(f"profile {profile.name} {verb} ({kept})")
    if not args.password_stdin:
        print(
            "note: give the password with --password-stdin (kept in the keyring), "
            "or the app will ask for it",
            file=sys.stderr,
        )
    return 0


def _role_word(profile: HubProfile) -> str:
    return "ed" if profile.role == "emergency" else profile.role


def run_list(args: argparse.Namespace) -> int:
    from app.hub.profiles import ProfileStore

    store = ProfileStore()
    try:
        profiles = store.load()
    except ValueError as exc:
        return _fail(str(exc))
    if not profiles:
        print("no hub profile (add one with: strokelink profile add)")
        return 0
    default = store.default()
    for p in profiles:
        mark = "*" if default is not None and p.name == default.name else " "
        print(
            f"{mark} {p.name}  {p.base_url}  user={p.username or '-'}  role={_role_word(p)}  "
            f"site={p.site or '-'}  ca={p.ca_bundle or '-'}"
        )
    return 0


def run_test(args: argparse.Namespace) -> int:
    import logging

    from app.hub.check import Failure, check_hub
    from app.hub.errors import KeyringUnavailable
    from app.hub.profiles import ProfileStore, SecretStore, hub_for
    from app.hub.transport import NO_RETRY

    try:
        profile = ProfileStore().get(args.name)
    except KeyError:
        return _fail(f"no hub profile named {args.name!r} (see: strokelink profile list)")
    except ValueError as exc:
        return _fail(str(exc))
    secret = None
    if profile.needs_secret:
        try:
            secret = SecretStore().get(profile.name, profile.username)
        except KeyringUnavailable as exc:
            print(f"password: FAILED - {exc}")
            return 1
        if not secret:
            print(
                "password: FAILED - no password in the keyring for this profile "
                "(add it again with --password-stdin)"
            )
            return 1
    try:
        hub = hub_for(profile, secret, retry=NO_RETRY)
    except ValueError as exc:  # e.g. the CA bundle file went away
        print(f"profile: FAILED - {exc}")
        return 1
    # each failure is printed in plain words: the hub client's own warnings would repeat it
    logging.getLogger("app.hub").setLevel(logging.ERROR)
    with hub:
        results = check_hub(
            hub,
            user=profile.username,
            events=profile.role != "emergency",
            open_timeout_s=profile.connect_timeout_s,
        )
    for result in results:
        if result.ok:
            print(f"{result.step.value}: ok")
        elif result.failure is Failure.NOT_CHECKED:
            print(f"{result.step.value}: {result.reason}")
        else:
            hint = CA_HINT if result.failure is Failure.CERTIFICATE else ""
            print(f"{result.step.value}: FAILED - {result.reason}{hint}")
    return 0 if all(r.ok for r in results) else 1


def run_remove(args: argparse.Namespace) -> int:
    from app.hub.errors import KeyringUnavailable
    from app.hub.profiles import ProfileStore, SecretStore

    store = ProfileStore()
    try:
        profile = store.get(args.name)
        store.remove(profile.name)
    except KeyError:
        return _fail(f"no hub profile named {args.name!r} (see: strokelink profile list)")
    except (OSError, ValueError) as exc:
        return _fail(str(exc))
    note = "its password was deleted from the keyring"
    try:
        SecretStore().delete(profile.name, profile.username)
    except KeyringUnavailable:
        note = "no keyring to delete a password from"
    print(f"profile {profile.name} removed ({note})")
    return 0
