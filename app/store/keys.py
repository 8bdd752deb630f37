"""The master key every sealed file derives its keys from (DESIGN.md safety invariant 6).

One 256-bit key per user lives in the OS keyring (service ``"strokelink"``,
name ``"cache-key"``: the name it had when only the image cache used it).
:class:`app.store.sealed.SealedBox` derives one key per purpose from it
(drafts, outbox, request states, image cache). Without a usable keyring the
key is *ephemeral*: random, held in memory for this process only, so what is
sealed with it is unreadable after a restart; :attr:`MasterKey.message` says
so to the user.
"""

from __future__ import annotations

import base64
import logging
import secrets
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("app.store.keys")

SERVICE = "strokelink"
KEY_NAME = "cache-key"

EPHEMERAL_MESSAGE = (
    "No system keyring is available: cached images are encrypted with a key "
    "kept only while StrokeLink runs, so they are downloaded again after a restart."
)


@dataclass(frozen=True)
class MasterKey:
    """The 256-bit master key and whether it survives a restart."""

    key: bytes
    persistent: bool
    message: str = ""

    def __repr__(self) -> str:  # never print the key
        return f"MasterKey(persistent={self.persistent})"


def load_master_key(backend: Any = None) -> MasterKey:
    """The master key from the OS keyring, created there on first use.

    ``backend`` is a ``keyring.backend.KeyringBackend`` (default: the one
    ``keyring`` chose). Where there is none, or it fails, the key is random
    and ephemeral (``persistent`` False, with a message for the user).
    """
    import keyring
    from keyring.backends import fail

    chosen = backend if backend is not None else keyring.get_keyring()
    if isinstance(chosen, fail.Keyring):
        return MasterKey(secrets.token_bytes(32), False, EPHEMERAL_MESSAGE)
    try:
        stored = chosen.get_password(SERVICE, KEY_NAME)
        if stored:
            key = base64.urlsafe_b64decode(stored.encode("ascii"))
            if len(key) == 32:
                return MasterKey(key, True)
            log.warning("the master key in the keyring is malformed; a new one is made")
        key = secrets.token_bytes(32)
        chosen.set_password(SERVICE, KEY_NAME, base64.urlsafe_b64encode(key).decode("ascii"))
        return MasterKey(key, True)
    except Exception as exc:  # keyring backends raise their own kinds
        log.warning(
            "the system keyring failed (%s); the master key is ephemeral", type(exc).__name__
        )
        return MasterKey(secrets.token_bytes(32), False, EPHEMERAL_MESSAGE)
