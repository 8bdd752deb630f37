"""Starting the system's programs (ImageMagick's ``import``, ``paplay``…) from the app.

In the frozen bundle (PyInstaller) the bootloader puts the bundle's own
libraries first on ``LD_LIBRARY_PATH`` (the previous value is kept in
``LD_LIBRARY_PATH_ORIG``); a system program started with that environment
could load them instead of the system's and fail. :func:`system_env` gives the
environment the program expects.
"""

from __future__ import annotations

import os
import sys


def system_env() -> dict[str, str] | None:
    """The environment for a system program: ``None`` (inherit) outside the bundle."""
    if not getattr(sys, "frozen", False):
        return None
    env = dict(os.environ)
    original = env.pop("LD_LIBRARY_PATH_ORIG", None)
    if original is None:
        env.pop("LD_LIBRARY_PATH", None)
    else:
        env["LD_LIBRARY_PATH"] = original
    return env
