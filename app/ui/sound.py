"""The bundled alert sounds: written once with :mod:`wave`, played without blocking.

``resources/sounds/alert.wav`` (a two-note chime, new request) and
``escalation.wav`` (louder, repeated; a request nobody claimed) are committed;
``python -m app.ui.sound`` writes them again. :class:`SoundPlayer` plays them
with QtMultimedia's ``QSoundEffect`` when this PySide6 has it (the
``pyside6-essentials`` wheel does not), else with the first of ``paplay``,
``pw-play``, ``aplay`` found on the PATH, else with the system beep.
"""

from __future__ import annotations

import math
import shutil
import struct
import subprocess
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.ui.system_programs import system_env

SOUNDS_DIR = Path(__file__).resolve().parents[2] / "resources" / "sounds"
ALERT_SOUND = SOUNDS_DIR / "alert.wav"
ESCALATION_SOUND = SOUNDS_DIR / "escalation.wav"
PLAYERS = ("paplay", "pw-play", "aplay")
RATE = 22050
#: (frequency Hz, seconds); 0 Hz is a rest.
ALERT_NOTES = ((880.0, 0.18), (0.0, 0.05), (660.0, 0.32))
ESCALATION_NOTES = ((988.0, 0.14), (0.0, 0.04)) * 3 + ((0.0, 0.08), (740.0, 0.45))


def write_tone(path: Path, notes: Sequence[tuple[float, float]], volume: float) -> None:
    """A mono 16-bit WAV of sine notes with short fades (no clicks)."""
    frames = bytearray()
    for frequency, seconds in notes:
        count = int(RATE * seconds)
        fade = max(1, int(RATE * 0.01))
        for i in range(count):
            envelope = min(1.0, i / fade, (count - 1 - i) / fade)
            sample = math.sin(2 * math.pi * frequency * i / RATE) if frequency else 0.0
            frames += struct.pack("<h", int(32767 * volume * envelope * sample))
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(bytes(frames))


def write_bundled_sounds(folder: Path = SOUNDS_DIR) -> None:
    write_tone(folder / ALERT_SOUND.name, ALERT_NOTES, volume=0.5)
    write_tone(folder / ESCALATION_SOUND.name, ESCALATION_NOTES, volume=0.95)


class SoundPlayer:
    """Plays a WAV file and returns at once (see the module docstring for how)."""

    def __init__(self, players: Sequence[str] = PLAYERS) -> None:
        self._effects: dict[Path, Any] = {}
        self._children: list[subprocess.Popen[bytes]] = []
        self.backend = "beep"
        self.player: str | None = None
        try:
            from PySide6.QtMultimedia import QSoundEffect  # noqa: F401

            self.backend = "qtmultimedia"
        except ImportError:
            for name in players:
                found = shutil.which(name)
                if found:
                    self.backend, self.player = name, found
                    break

    def play(self, path: Path) -> str:
        """Start playing ``path``; returns the backend used."""
        self._children = [c for c in self._children if c.poll() is None]
        if self.backend == "qtmultimedia":
            from PySide6.QtCore import QUrl
            from PySide6.QtMultimedia import QSoundEffect

            effect = self._effects.get(path)
            if effect is None:
                effect = self._effects[path] = QSoundEffect()
                effect.setSource(QUrl.fromLocalFile(str(path)))
            effect.play()
        elif self.player is not None:
            self._children.append(
                subprocess.Popen(
                    [self.player, str(path)],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=system_env(),
                )
            )
        else:
            from PySide6.QtWidgets import QApplication

            QApplication.beep()
        return self.backend


if __name__ == "__main__":
    write_bundled_sounds()
    print(f"written: {ALERT_SOUND}, {ESCALATION_SOUND}")
