#!/usr/bin/env python3
"""Translation upkeep: ``update`` (lupdate the sources into the .ts files),
``fill FILE.json`` (set French translations from a {source: translation} map;
plural forms as a list), ``release`` (lrelease to .qm), ``check`` (exit 1 when
a message is untranslated or a .qm is stale). Run with the project's venv.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS_DIR = ROOT / "resources" / "translations"
BIN = Path(sys.executable).parent
LANGS = ("fr",)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "app" / "ui").rglob("*.py"))


def ts_path(lang: str) -> Path:
    return TS_DIR / f"strokelink_{lang}.ts"


def update() -> None:
    for lang in LANGS:
        subprocess.run(
            [BIN / "pyside6-lupdate", *sources(), "-no-obsolete", "-ts", str(ts_path(lang))],
            cwd=ROOT,
            check=True,
        )


def fill(mapping_file: str, lang: str = "fr") -> None:
    mapping = json.loads(Path(mapping_file).read_text(encoding="utf-8"))
    tree = ET.parse(ts_path(lang))
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        comment = message.findtext("comment")
        key = f"{source}|{comment}" if comment and f"{source}|{comment}" in mapping else source
        if key not in mapping:
            continue
        source = key
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") != "unfinished" and (translation.text or len(translation)):
            continue  # already translated: never overwritten (an entry of another context
            # or comment may share the source and need another wording, e.g. a gender)
        value = mapping[source]
        if message.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            for text in value:
                ET.SubElement(translation, "numerusform").text = text
        else:
            translation.text = value
        translation.attrib.pop("type", None)
    tree.write(ts_path(lang), encoding="utf-8", xml_declaration=True)


def release(out_dir: Path = TS_DIR) -> None:
    for lang in LANGS:
        qm = out_dir / f"strokelink_{lang}.qm"
        subprocess.run(
            [BIN / "pyside6-lrelease", str(ts_path(lang)), "-qm", str(qm)],
            check=True,
            capture_output=True,
        )


def untranslated(lang: str) -> list[str]:
    """Source texts of ``lang``'s .ts that have no finished translation."""
    missing = []
    for message in ET.parse(ts_path(lang)).iter("message"):
        translation = message.find("translation")
        texts = [translation.text] if translation is not None else []
        if translation is not None and message.get("numerus") == "yes":
            texts = [f.text for f in translation.iter("numerusform")]
        done = translation is not None and translation.get("type") not in ("unfinished", "vanished")
        if not done or not texts or not all(texts):
            missing.append(message.findtext("source") or "")
    return missing


def stale_sources(lang: str) -> list[str]:
    """Source texts in the code that the committed .ts does not know yet."""
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.ts"
        subprocess.run(
            [BIN / "pyside6-lupdate", *sources(), "-ts", str(fresh)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        known = {m.findtext("source") for m in ET.parse(ts_path(lang)).iter("message")}
        return [
            m.findtext("source") or ""
            for m in ET.parse(fresh).iter("message")
            if m.findtext("source") not in known
        ]


def check() -> int:
    problems = []
    for lang in LANGS:
        problems += [f"{lang}: untranslated: {s!r}" for s in untranslated(lang)]
        problems += [f"{lang}: not in the .ts (run update): {s!r}" for s in stale_sources(lang)]
        with tempfile.TemporaryDirectory() as tmp:
            release(Path(tmp))
            fresh = (Path(tmp) / f"strokelink_{lang}.qm").read_bytes()
            committed = TS_DIR / f"strokelink_{lang}.qm"
            if not committed.exists() or committed.read_bytes() != fresh:
                problems.append(f"{lang}: .qm is stale (run release)")
    print("\n".join(problems) or "translations complete")
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "fill":
        fill(sys.argv[2])
    elif command == "release":
        release()
    else:
        sys.exit(check())
