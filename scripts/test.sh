#!/usr/bin/env bash
# The whole test suite: lint, types, layer contracts, then pytest under Xvfb.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
echo "== ruff"; ruff check app viewer minihub protocol bench tests scripts packaging
echo "== ruff format"; ruff format --check app viewer minihub protocol bench tests scripts packaging
echo "== mypy"; mypy
echo "== import-linter"; lint-imports
# The standalone bundle, built once, for tests/packaging (the frozen executable's
# smoke test). Built for a whole run (no arguments) and always under CI=true;
# STROKELINK_BUNDLE=dist/strokelink reuses one already built.
if [ -z "${STROKELINK_BUNDLE:-}" ] && { [ $# -eq 0 ] || [ "${CI:-}" = "true" ]; }; then
  echo "== bundle (packaging/build.sh)"
  bash packaging/build.sh 2>&1 | grep -v -e "WARNING: Library not found" -e "WARNING: Library .* required via ctypes not found"
  export STROKELINK_BUNDLE="$PWD/dist/strokelink"
fi
if [ -n "${STROKELINK_BUNDLE:-}" ]; then
  echo "== bundle size: $(du -sh "$STROKELINK_BUNDLE" | cut -f1) unpacked ($STROKELINK_BUNDLE)"
fi
echo "== pytest"
export QT_QPA_PLATFORM=xcb
exec xvfb-run -a -s "-screen 0 1600x1000x24" pytest "$@"
