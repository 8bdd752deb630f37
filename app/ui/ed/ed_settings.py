"""What the ED workstation remembers between requests: site, physician, call-back phone,
and how to reach the hospital PACS.

A small JSON file (default: ``ed.json`` in platformdirs' per-user config
folder for StrokeLink; the path is a parameter), written atomically and
readable by its owner only. No patient data is ever kept here.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, fields
from pathlib import Path


@dataclass(frozen=True)
class EdSettings:
    site: str = ""  # (0032,1033) Requesting Service: also whose requests are listed
    physician: str = ""  # (0032,1032) Requesting Physician, DICOM PN
    callback_phone: str = ""
    # The hospital PACS, searched with C-FIND and retrieved from with C-GET (app.ed.pacs).
    pacs_host: str = ""
    pacs_port: str = ""
    pacs_ae_title: str = ""  # the PACS's (called AE title)
    pacs_calling_ae_title: str = ""  # this workstation's


def default_settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("strokelink", appauthor=False)) / "ed.json"


class EdSettingsStore:
    """Load and save :class:`EdSettings` at ``path``."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_settings_path()

    def load(self) -> EdSettings:
        """The saved settings; blank ones when there are none or the file is unreadable."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return EdSettings()
        if not isinstance(data, dict):
            return EdSettings()
        keys = [f.name for f in fields(EdSettings)]
        return EdSettings(**{k: str(data.get(k, "")) for k in keys})

    def save(self, settings: EdSettings) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temp = tempfile.mkstemp(dir=self.path.parent, prefix=".ed-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(asdict(settings), stream, indent=1)
            os.chmod(temp, 0o600)
            os.replace(temp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
