"""Small JSON settings files: read as one object, replaced atomically.

Shared by the per-network stores (worklist settings, signing radiologist,
claims); each keeps its own file name, temporary-file prefix and wording.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.store.sealed import write_atomic


def read_json_object(path: Path, *, what: str) -> dict[str, Any]:
    """The JSON object in ``path``; ``{}`` when there is no file or it holds no object.

    An unreadable file or invalid JSON raises ValueError naming ``what``
    ("the worklist settings") and the path.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        raise ValueError(f"cannot read {what} {path}: {exc}") from None
    return data if isinstance(data, dict) else {}


def write_json_atomic(
    path: Path, data: dict[str, Any], *, temp_prefix: str, ensure_ascii: bool = True
) -> None:
    """Replace ``path`` by ``data`` (indented, keys sorted) so a reader sees old or new whole.

    Written to ``<temp_prefix>*.json`` beside it, flushed to disk, then renamed;
    the temporary file is removed if anything fails.
    """
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=ensure_ascii)
    write_atomic(path, text.encode("utf-8"), prefix=temp_prefix, suffix=".json")
