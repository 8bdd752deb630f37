"""``strokelink signer set``: who signs the opinions, for a hub profile.

Kept with :class:`app.worklist.signer.RadiologistStore` (per hub profile: the
default one unless ``--profile``), checked as the first-start dialog checks it
(:meth:`app.worklist.signer.SignerSettings.problems`). Exit 2 on bad input.
"""

from __future__ import annotations

import argparse
import sys

from app.commands._parser import add_command, add_command_group

NAME_FORMS = 'give it as "FAMILY^Given" or "FAMILY, Given", e.g. --name "MARTIN^Claire"'
PROBLEM_WORDS = {
    "required": "is required",
    "separator": "cannot contain ^ = or \\",
    "control": "cannot contain a line break or a control character",
    "too_long": "is too long (64 characters at most)",
}
FIELD_OPTIONS = {
    "family": "--name (family name)",
    "given": "--name (given name)",
    "title": "--title",
    "organisation": "--org",
}


def register(sub: argparse._SubParsersAction) -> None:
    actions = add_command_group(sub, "signer", "who signs the opinions")
    parser = add_command(
        actions,
        "set",
        run_set,
        "set the signing radiologist for a hub profile",
        description="The name, title and organisation written into the signed opinions "
        "(DICOM SR Verifying Observer), for the default hub profile or --profile NAME.",
    )
    parser.add_argument(
        "--name", required=True, help='the radiologist: "FAMILY^Given" or "FAMILY, Given"'
    )
    parser.add_argument("--title", default="", help='e.g. "Dr" or "Pr" (optional)')
    parser.add_argument("--org", required=True, help="the organisation that signs")
    parser.add_argument("--profile", help="the hub profile (default: the default profile)")


def _fail(message: str) -> int:
    print(f"strokelink signer: {message}", file=sys.stderr)
    return 2


def split_name(text: str) -> tuple[str, str] | None:
    """``(family, given)`` from ``FAMILY^Given`` or ``FAMILY, Given``; None otherwise."""
    for separator in ("^", ","):
        if separator in text:
            family, _, given = text.partition(separator)
            if separator == "^" and "^" in given:
                return None  # a prefix or suffix belongs in --title
            return family.strip(), given.strip()
    return None


def run_set(args: argparse.Namespace) -> int:
    from app.hub.profiles import ProfileStore
    from app.worklist.signer import RadiologistStore, SignerSettings

    store = ProfileStore()
    try:
        profile = store.get(args.profile) if args.profile else store.default()
    except KeyError:
        return _fail(f"no hub profile named {args.profile!r} (see: strokelink profile list)")
    except ValueError as exc:
        return _fail(str(exc))
    if profile is None:
        return _fail("no hub profile yet: add one first (strokelink profile add)")
    if profile.role == "emergency":
        return _fail(
            f"hub profile {profile.name!r} is an ED profile: opinions are signed "
            "on a radiologist's profile (give --profile NAME)"
        )
    parts = split_name(args.name)
    if parts is None:
        return _fail(f"--name {args.name!r}: {NAME_FORMS}")
    settings = SignerSettings(
        family=parts[0],
        given=parts[1],
        title=args.title,
        organisation=args.org,
        identifier=profile.username,
    )
    problems = settings.problems()
    if problems:
        words = "; ".join(
            f"{FIELD_OPTIONS[key]} {PROBLEM_WORDS[str(problem)]}"
            for key, problem in sorted(problems.items())
        )
        return _fail(words)
    try:
        RadiologistStore().save_signer(profile.name, settings)
    except (OSError, ValueError) as exc:
        return _fail(f"the signer could not be saved: {exc}")
    print(f"signer for profile {profile.name}: {settings.person_name}, {settings.organisation}")
    return 0
