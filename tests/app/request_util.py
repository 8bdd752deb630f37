"""Images and clinical data for the request tests: third-party files, copied to tmp folders.

``dicomdirtests`` of pydicom's test files holds real-world CT/MR/CR headers of
three patients. Patient 98890234's CT study (folder ``98892001``) has a scout
series (2 images, (0008,0008) LOCALIZER) and an axial series (5 images).
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any

from pydicom.data import get_testdata_file

from app.ed.request.form import example_clinical


def dicomdir_tests() -> Path:
    found = get_testdata_file("DICOMDIR")
    assert found is not None
    return Path(found).parent


def third_party_ct(folder: Path) -> Path:
    """A copy of patient 98890234's CT study (scout + 5 axial images)."""
    shutil.copytree(dicomdir_tests() / "98892001", folder)
    return folder


def pydicom_file(name: str) -> Path:
    found = get_testdata_file(name)
    assert found is not None
    return Path(found)


def clinical_file(folder: Path, now: datetime, **changes: Any) -> Path:
    """The example clinical JSON (changed as asked) written to ``folder/clinical.json``."""
    import json

    data = example_clinical(now)
    data.update(changes)
    data = {k: v for k, v in data.items() if v is not None}
    path = folder / "clinical.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path
