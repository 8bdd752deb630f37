"""Every UI string goes through tr(), and the French translation is complete."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_french_translation_complete_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "i18n.py"), "check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "translations complete" in result.stdout


_WIDGET_TEXT_CALLS = {
    "setText",
    "setWindowTitle",
    "setToolTip",
    "setPlaceholderText",
    "addAction",
    "setStatusTip",
    "QLabel",
    "QPushButton",
    "QCheckBox",
    "QRadioButton",
    "QGroupBox",
    "QAction",
    "addTab",
    "setTitle",
    "showMessage",
}


def test_no_bare_string_literals_in_widgets() -> None:
    """A literal handed straight to a widget text setter would escape translation."""
    offenders = []
    for path in (ROOT / "app" / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name not in _WIDGET_TEXT_CALLS:
                continue
            for arg in node.args[:1]:
                if (
                    isinstance(arg, ast.Constant)
                    and isinstance(arg.value, str)
                    and arg.value.strip()
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {arg.value!r}")
    assert not offenders, "untranslated UI strings:\n" + "\n".join(offenders)
