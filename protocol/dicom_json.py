"""DICOM JSON (PS3.18 F.2) from any hub, read without failing on a malformed number."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pydicom.dataset import Dataset

__all__ = ["dataset_from_json", "tolerant_json", "valid_number"]


def valid_number(value: Any, vr: str) -> bool:
    """``value`` is a finite number (an integer for IS): what a DS or IS element may hold."""
    try:
        number = float(str(value))
    except ValueError:
        return False
    return math.isfinite(number) and (vr != "IS" or number.is_integer())


def _tolerant(element: Any) -> Any:
    """A DICOM JSON element whose DS/IS values that are not numbers are kept as text (LT)."""
    if not isinstance(element, dict):
        return element
    vr = str(element.get("vr", ""))
    values = element.get("Value")
    if not isinstance(values, list):
        return element
    if vr in ("DS", "IS") and not all(v is None or valid_number(v, vr) for v in values):
        return {"vr": "LT", "Value": ["\\".join("" if v is None else str(v) for v in values)]}
    if vr == "SQ":
        return {**element, "Value": [tolerant_json(v) if isinstance(v, dict) else v
                                     for v in values]}  # fmt: skip
    return element


def tolerant_json(workitem: Mapping[str, Any]) -> dict[str, Any]:
    """The DICOM JSON with malformed numbers (a DS "abc", an IS "1.5") turned into text, so
    that :meth:`Dataset.from_json` reads the rest; the readers then name them unreadable."""
    return {tag: _tolerant(element) for tag, element in workitem.items()}


def dataset_from_json(workitem: Mapping[str, Any] | Dataset) -> Dataset:
    """A dataset from DICOM JSON sent by any hub, never failing on a malformed number."""
    if isinstance(workitem, Dataset):
        return workitem
    return Dataset.from_json(tolerant_json(workitem))
