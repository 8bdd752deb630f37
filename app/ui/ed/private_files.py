"""Files handed to another program (the opinion's PDF for the system viewer), kept private.

Safety invariant 6: patient documents never lie around. They go into one
temporary folder readable by the user only (``mkdtemp``: mode 0700; files
0600), deleted by :meth:`PrivateFiles.close` — the window calls it on close —
and, failing that, when the interpreter exits.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import weakref
from pathlib import Path


class PrivateFiles:
    """A private temporary folder for documents opened outside the application."""

    def __init__(self, prefix: str = "strokelink-") -> None:
        self.folder = Path(tempfile.mkdtemp(prefix=prefix))
        self._cleanup = weakref.finalize(self, shutil.rmtree, self.folder, ignore_errors=True)

    def write(self, name: str, data: bytes) -> Path:
        """Write ``data`` as ``name`` (reduced to safe characters), mode 0600."""
        safe = re.sub(r"[^A-Za-z0-9._-]", "_", name)[:80] or "document"
        path = self.folder / safe
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
        return path

    def close(self) -> None:
        """Delete the folder and everything in it."""
        self._cleanup()

    @property
    def closed(self) -> bool:
        return not self._cleanup.alive
