#!/usr/bin/env bash
# The whole test suite: lint, types, layer contracts, then pytest under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"; ruff check app viewer minihub protocol bench tests
echo "== ruff format"; ruff format --check app viewer minihub protocol bench tests
echo "== mypy"; mypy
echo "== import-linter"; lint-imports
echo "== pytest"
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1600x1000x24" pytest "$@"
