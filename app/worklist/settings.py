"""Per-network settings of the radiologist's worklist: alert timing, duty, clinical clocks.

A network (one hub profile) sets how long a request may wait unclaimed
before it escalates, whether this radiologist is on primary or backup duty
there, how the time since last known well is highlighted, and whether the
alert sound is muted. Kept as JSON in the per-user configuration folder
(path injectable), next to the hub profiles of :mod:`app.hub.profiles`; no
secret, no patient data. No Qt.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from app.store.json_file import read_json_object, write_json_atomic

SETTINGS_FILE = "worklist.json"
Duty = Literal["primary", "backup"]
DUTIES: tuple[str, ...] = ("primary", "backup")


class LkwBand(enum.Enum):
    """Where the time since last known well falls, for the list's highlight."""

    THROMBOLYSIS = "thrombolysis"  # within the IV thrombolysis window
    THROMBECTOMY = "thrombectomy"  # past it, within the standard thrombectomy window
    EXTENDED = "extended"  # extended, imaging-selected thrombectomy window
    BEYOND = "beyond"  # past every reperfusion window


@dataclass(frozen=True)
class LkwThresholds:
    """Band limits in hours since last known well (time of onset when witnessed).

    Defaults follow current guidelines; a network may change them:

    - 4.5 h: IV thrombolysis window (ESO guidelines on intravenous
      thrombolysis, Berge et al., Eur Stroke J 2021; AHA/ASA 2019 update of
      the 2018 guidelines for early management of acute ischaemic stroke,
      Powers et al., Stroke 2019);
    - 6 h: standard window of mechanical thrombectomy (ESO-ESMINT guidelines
      on mechanical thrombectomy, Turc et al., Eur Stroke J 2019; AHA/ASA 2019);
    - 24 h: end of the extended, imaging-selected thrombectomy window (DAWN,
      Nogueira et al., NEJM 2018, and DEFUSE 3, Albers et al., NEJM 2018;
      AHA/ASA 2019: 6-16 h class I, 16-24 h class IIa; ESO-ESMINT 2019).
    """

    thrombolysis_h: float = 4.5
    thrombectomy_h: float = 6.0
    extended_h: float = 24.0

    def __post_init__(self) -> None:
        if not 0 < self.thrombolysis_h <= self.thrombectomy_h <= self.extended_h:
            raise ValueError("LKW thresholds must be positive and increasing")


def lkw_band(elapsed: dt.timedelta | None, thresholds: LkwThresholds) -> LkwBand | None:
    """The band of a time since last known well (None when unknown)."""
    if elapsed is None:
        return None
    hours = elapsed.total_seconds() / 3600
    if hours < thresholds.thrombolysis_h:
        return LkwBand.THROMBOLYSIS
    if hours < thresholds.thrombectomy_h:
        return LkwBand.THROMBECTOMY
    if hours < thresholds.extended_h:
        return LkwBand.EXTENDED
    return LkwBand.BEYOND


@dataclass(frozen=True)
class WorklistSettings:
    """One network's worklist settings.

    ``escalate_after_min``: a request still unclaimed this long alerts again,
    louder, and alerts the backup radiologists; ``repeat_escalation_min``:
    then again every so often while nobody claims it (0: once).
    ``duty``: ``"backup"`` radiologists are alerted only by escalations.
    """

    escalate_after_min: float = 10.0
    repeat_escalation_min: float = 10.0
    duty: Duty = "primary"
    lkw: LkwThresholds = field(default_factory=LkwThresholds)
    muted: bool = False

    def __post_init__(self) -> None:
        if self.escalate_after_min <= 0 or self.repeat_escalation_min < 0:
            raise ValueError("escalation delays must be positive")
        if self.duty not in DUTIES:
            raise ValueError(f"unknown duty {self.duty!r}")

    @property
    def escalate_after(self) -> dt.timedelta:
        return dt.timedelta(minutes=self.escalate_after_min)

    @property
    def repeat_escalation(self) -> dt.timedelta | None:
        minutes = self.repeat_escalation_min
        return dt.timedelta(minutes=minutes) if minutes > 0 else None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> WorklistSettings:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        if isinstance(values.get("lkw"), dict):
            lkw_known = {f.name for f in fields(LkwThresholds)}
            values["lkw"] = LkwThresholds(
                **{k: float(v) for k, v in values["lkw"].items() if k in lkw_known}
            )
        return cls(**values)


def default_settings_path() -> Path:
    import platformdirs

    return Path(platformdirs.user_config_dir("strokelink")) / SETTINGS_FILE


@dataclass
class SettingsStore:
    """Worklist settings per network (hub profile name), as JSON in ``path``."""

    path: Path = field(default_factory=default_settings_path)

    def _read(self) -> dict[str, Any]:
        return read_json_object(self.path, what="the worklist settings")

    def load(self, network: str) -> WorklistSettings:
        """The settings of ``network`` (defaults when none were saved)."""
        entry = self._read().get("networks", {}).get(network)
        return WorklistSettings.from_json(entry) if isinstance(entry, dict) else WorklistSettings()

    def save(self, network: str, settings: WorklistSettings) -> None:
        data = self._read()
        data.setdefault("networks", {})[network] = settings.to_json()
        write_json_atomic(self.path, data, temp_prefix=".worklist-")

    def set_muted(self, network: str, muted: bool) -> WorklistSettings:
        """Persist the mute toggle; returns the new settings."""
        settings = replace(self.load(network), muted=muted)
        self.save(network, settings)
        return settings
