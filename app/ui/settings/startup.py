"""Which hub profile the desktop app starts with; the first-start dialog when there is none.

:func:`ask_profile` gives the active profile to ``on_ready`` at once; with no
profile (a new installation), or with one whose password is nowhere (no
keyring, so it was kept for one session only; or never stored), it opens :class:`ProfileDialog`
first and gives the profile once saved. Nothing waits on the dialog: the
caller's event loop runs it.
"""

from __future__ import annotations

from collections.abc import Callable

from app.hub.profiles import HubProfile, ProfileStore, SecretStore, stored_secret
from app.ui.settings.profile_dialog import ProfileDialog
from app.worklist.signer import RadiologistStore


def startup_profile(store: ProfileStore) -> tuple[HubProfile | None, str]:
    """The active profile (None: none yet) and, when the file cannot be read, why."""
    try:
        return store.default(), ""
    except ValueError as exc:
        return None, str(exc)


def ask_profile(
    on_ready: Callable[[HubProfile], None],
    *,
    store: ProfileStore | None = None,
    secrets: SecretStore | None = None,
    radiologists: RadiologistStore | None = None,
    chosen: HubProfile | None = None,
) -> ProfileDialog | None:
    """``on_ready(profile)`` now, or a shown first-start dialog that calls it once saved.

    ``chosen``: this profile (e.g. the one of ``--hub``) rather than the active one."""
    store = store or ProfileStore()
    secrets = secrets or SecretStore()
    profile, problem = (chosen, "") if chosen is not None else startup_profile(store)
    if profile is not None:
        missing = profile.needs_secret and stored_secret(profile, secrets) is None
        if not missing:  # else: a session-only password gone, or never stored (IT set up
            on_ready(profile)  # the profile without --password-stdin): ask for it
            return None
    dialog = ProfileDialog(
        store,
        secrets,
        radiologists or RadiologistStore(),
        profile=profile,
        first_start=True,
    )
    if problem:
        dialog.error.setText(problem)
        dialog.error.show()
    dialog.saved.connect(on_ready)
    dialog.open()
    return dialog
