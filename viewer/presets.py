"""Window presets (width / centre, in modality units) as data.

CT presets are in Hounsfield units after (0028,1052) Rescale Intercept /
(0028,1053) Rescale Slope. Two presets are not fixed numbers:

* ``"dicom"``: the series' own (0028,1051) Window Width / (0028,1050) Window
  Center (``Volume.default_window``), or the automatic window when absent;
* ``"auto"``: 1st–99th percentile of a subsample of the loaded slices, the
  usual choice for MR whose intensities have no absolute scale.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import numpy as np

from viewer.volume import Volume


@dataclass(frozen=True)
class WindowPreset:
    """A named window: ``width`` and ``centre`` in modality units."""

    name: str
    title: str
    width: float
    centre: float


PRESETS: Final[dict[str, WindowPreset]] = {
    p.name: p
    for p in (
        WindowPreset("brain", "Brain", 80.0, 40.0),
        WindowPreset("stroke", "Stroke", 40.0, 40.0),
        WindowPreset("subdural", "Subdural", 200.0, 75.0),
        WindowPreset("bone", "Bone", 2800.0, 600.0),
        WindowPreset("angio", "Angio", 600.0, 200.0),
    )
}

#: Presets computed from the series rather than fixed.
DYNAMIC_PRESETS: Final = ("dicom", "auto")


def preset_names() -> tuple[str, ...]:
    """All preset names a user can pick, fixed ones first."""
    return (*PRESETS, *DYNAMIC_PRESETS)


def auto_window(volume: Volume, *, max_samples: int = 200_000) -> tuple[float, float]:
    """(width, centre) from percentiles of a subsample of loaded slices.

    Lower bound: the 1st percentile of everything; upper bound: the 99.8th
    percentile of the object (voxels above a tenth of the range), so that the
    brightest tissue (a DWI lesion) is just below saturation.

    Looks at about ``max_samples`` voxels (a regular stride through the loaded
    slices), so it stays cheap on a 512×512×500 volume.
    """
    loaded = volume.loaded if volume.loaded is not None else np.ones(volume.shape[0], bool)
    ks = np.flatnonzero(loaded)
    if ks.size == 0:
        return (1.0, 0.0)
    per_slice = volume.shape[1] * volume.shape[2]
    k_step = max(1, int(np.ceil(ks.size * per_slice / max_samples / 16)))
    ks = ks[::k_step]
    budget = max(1, max_samples // ks.size)
    ij_step = max(1, int(np.sqrt(per_slice / budget)))
    sample = volume.array[ks][:, ::ij_step, ::ij_step].ravel()
    lo, top = np.percentile(sample, [1.0, 99.5])
    # The upper bound comes from the object, not the whole field of view: on MR
    # the background (air, ~0) is often most of the voxels, and percentiles of
    # everything would saturate the brain and hide a bright DWI lesion.
    foreground = sample[sample > lo + 0.1 * (top - lo)]
    hi = np.percentile(foreground, 99.8) if foreground.size else top
    width = max(float(hi - lo), 1.0)
    return (width, float(lo) + width / 2.0)


def resolve_window(name: str, volume: Volume) -> tuple[float, float]:
    """(width, centre) of preset ``name`` for ``volume``."""
    if name in PRESETS:
        p = PRESETS[name]
        return (p.width, p.centre)
    if name == "dicom":
        if volume.default_window is not None:
            w, c = volume.default_window
            return (float(w), float(c))
        return auto_window(volume)
    if name == "auto":
        return auto_window(volume)
    raise ValueError(f"unknown window preset {name!r}; expected one of {', '.join(preset_names())}")


def default_preset(volume: Volume) -> str:
    """The preset a series opens with when no display protocol says otherwise."""
    if volume.modality == "CT":
        return "angio" if volume.kind == "cta" else "brain"
    if volume.modality == "MR":
        return "auto"
    return "dicom"
