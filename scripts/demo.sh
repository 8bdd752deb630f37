#!/usr/bin/env bash
# The demo: the embedded hub seeded with synthetic stroke cases, and the app connected to it.
# Uses the current X display; with none (a server, ssh), runs on Xvfb and saves a screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PATH="$PWD/.venv/bin:$PATH"
if [ -n "${DISPLAY:-}" ]; then
  exec strokelink demo "$@"
fi
echo "demo: no DISPLAY; running on Xvfb (a screenshot is written to demo-screenshot.png)"
exec xvfb-run -a -s "-screen 0 1600x1000x24" strokelink demo --screenshot demo-screenshot.png "$@"
