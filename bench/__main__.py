"""``python -m bench NAME [--option value …]``: run ``bench/NAME.py``'s ``run()``.

Prints the returned dict as one JSON line.

Options are passed to ``run`` as keyword arguments (``--slices 40`` →
``slices=40``; numbers are converted, dashes become underscores).
"""

from __future__ import annotations

import importlib
import json
import sys
from collections.abc import Sequence


def _value(text: str) -> object:
    for convert in (int, float):
        try:
            return convert(text)
        except ValueError:
            pass
    return text


def parse_options(argv: Sequence[str]) -> dict[str, object]:
    """``["--slices", "40", "--quick"]`` → ``{"slices": 40, "quick": True}``."""
    options: dict[str, object] = {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("--"):
            raise SystemExit(f"bench: unexpected argument {arg!r}")
        key = arg[2:].replace("-", "_")
        if "=" in key:
            key, text = key.split("=", 1)
            options[key] = _value(text)
            i += 1
        elif i + 1 < len(argv) and not argv[i + 1].startswith("--"):
            options[key] = _value(argv[i + 1])
            i += 2
        else:
            options[key] = True
            i += 1
    return options


def main(argv: Sequence[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    name = argv[0]
    try:
        module = importlib.import_module(f"bench.{name}")
    except ModuleNotFoundError as error:
        if error.name == f"bench.{name}":
            print(f"bench: no benchmark named {name!r}", file=sys.stderr)
            return 2
        raise
    result = module.run(**parse_options(argv[1:]))
    print(json.dumps(result, sort_keys=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
