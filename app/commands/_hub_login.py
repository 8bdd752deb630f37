"""Hub profile and password for the commands that talk to a hub (pull, request, receive).

Not a subcommand (the leading ``_`` keeps :mod:`app.cli` from registering it).
The password (or bearer token) is never taken from the command line or the
environment: it comes from the system keyring (service ``strokelink``, key
``<profile or hub URL>:<user>``) or is asked for on the terminal.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.hub.client import HttpHub
    from app.hub.profiles import HubProfile


def profile_from_args(args: argparse.Namespace) -> tuple[HubProfile, str]:
    """The profile named by ``--profile``/``--hub``/``--user``/``--auth``/``--ca-bundle``.

    Returns the profile and its keyring profile key (see
    :func:`app.hub.profiles.resolve_profile`); ValueError or KeyError with a
    message for the user otherwise.
    """
    from app.hub.profiles import ProfileStore, resolve_profile

    return resolve_profile(
        ProfileStore(),
        name=args.profile,
        hub=args.hub,
        user=args.user,
        auth=args.auth,
        ca_bundle=args.ca_bundle,
    )


def secret_for(key_profile: str, username: str, what: str, *, command: str) -> str:
    """The ``what`` ("password" or "token") from the keyring, else asked on the terminal.

    ``command`` prefixes the notice printed when the keyring cannot be read;
    ValueError when the keyring has none and there is no terminal to ask.
    """
    import getpass
    import sys

    from app.hub.errors import KeyringUnavailable
    from app.hub.profiles import SecretStore

    try:
        stored = SecretStore().get(key_profile, username)
    except KeyringUnavailable as exc:
        print(f"{command}: {exc}", file=sys.stderr)
        stored = None
    if stored:
        return stored
    if not sys.stdin.isatty():
        raise ValueError(f"no {what} in the keyring for this hub, and no terminal to ask for it")
    return getpass.getpass(f"{what.capitalize()} for {username or 'the hub'}: ")


def hub_from_args(args: argparse.Namespace, *, command: str) -> tuple[HubProfile, HttpHub]:
    """The profile chosen on the command line and a hub client logged in with it.

    The password (``basic``) or token (``bearer``) comes from :func:`secret_for`;
    ValueError or KeyError with a message for the user otherwise.
    """
    from app.hub.profiles import hub_for

    profile, key_profile = profile_from_args(args)
    secret = None
    if profile.needs_secret:
        what = "password" if profile.auth == "basic" else "token"
        secret = secret_for(key_profile, profile.username, what, command=command)
    return profile, hub_for(profile, secret)
