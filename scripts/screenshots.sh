#!/usr/bin/env bash
# The user guides' screenshots, taken from the real app on a seeded demo hub.
#   scripts/screenshots.sh [--lang en|fr|both] [--out DIR] [--only NAME]...
#   (default: both languages, every shot, into docs/screenshots/guide)
# Runs under Xvfb when there is no DISPLAY. Everything the app writes (profile, signer,
# keyring, drafts, outbox) goes to a temporary HOME, removed at the end: no real user's
# profile or keyring is touched. Exit 1 when a shot failed (the others are still taken).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
LANGS=both
OUT=docs/screenshots/guide
ONLY=()
while [ $# -gt 0 ]; do
  case "$1" in
    --lang) LANGS=${2:?--lang needs en, fr or both}; shift 2 ;;
    --out) OUT=${2:?--out needs a folder}; shift 2 ;;
    --only) ONLY+=(--only "${2:?--only needs a shot name}"); shift 2 ;;
    -h|--help) sed -n 2,7p "$0"; exit 0 ;;
    *) echo "screenshots: unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [ -z "${DISPLAY:-}" ]; then
  command -v xvfb-run >/dev/null || { echo "screenshots: no DISPLAY and no xvfb-run" >&2; exit 2; }
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" --lang "$LANGS" --out "$OUT" "${ONLY[@]}"
fi
case "$LANGS" in
  en|fr) ;;
  both) LANGS="en fr" ;;
  *) echo "screenshots: --lang must be en, fr or both" >&2; exit 2 ;;
esac
for tool in import convert; do
  command -v "$tool" >/dev/null || { echo "screenshots: ImageMagick's '$tool' is needed" >&2; exit 2; }
done
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export QT_QPA_PLATFORM=xcb
PY=$ROOT/.venv/bin/python
STROKELINK=$ROOT/.venv/bin/strokelink

TMP=$(mktemp -d "${TMPDIR:-/tmp}/strokelink-shots.XXXXXX")
HUB_PID=""
cleanup() {
  if [ -n "$HUB_PID" ]; then kill "$HUB_PID" 2>/dev/null || true; wait "$HUB_PID" 2>/dev/null || true; fi
  rm -rf "$TMP"
}
trap cleanup EXIT

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The ED's request form gets a study from a folder, as an ED would load a CD.
echo "screenshots: writing a synthetic study for the ED form…"
"$STROKELINK" synth "$TMP/images" --case left-mca >/dev/null
rm -f "$TMP/images/left-mca/truth.json"  # the answer key, not an image

status=0
for LANG_ in $LANGS; do
  # a fresh hub and a fresh HOME per language: the same cases, still unanswered
  RUN=$TMP/$LANG_
  mkdir -p "$RUN/home" "$RUN/hub"
  export HOME=$RUN/home XDG_CONFIG_HOME=$RUN/home/.config XDG_DATA_HOME=$RUN/home/.local/share
  export XDG_CACHE_HOME=$RUN/home/.cache XDG_STATE_HOME=$RUN/home/.local/state
  export PYTHONPATH=$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}
  export PYTHON_KEYRING_BACKEND=shots.file_keyring.FileKeyring STROKELINK_SHOTS_KEYRING=$RUN/keyring.json
  PORT=$(free_port)
  URL=http://127.0.0.1:$PORT/dicom-web
  echo "screenshots [$LANG_]: starting the seeded hub on $URL…"
  "$STROKELINK" hub --data "$RUN/hub" --port "$PORT" --seed-demo >"$RUN/hub.log" 2>&1 &
  HUB_PID=$!
  ready=""
  for _ in $(seq 1 360); do
    if ! kill -0 "$HUB_PID" 2>/dev/null; then break; fi
    if [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/workitems" || true)" = 200 ]; then ready=1; break; fi
    sleep 0.5
  done
  if [ -z "$ready" ]; then
    echo "screenshots [$LANG_]: FAILED: the hub did not answer (log below)" >&2
    cat "$RUN/hub.log" >&2
    exit 1
  fi
  # what IT staff would do on a new machine: a hub profile and who signs
  # (the demo hub asks for no password; the profile keeps a random one in the temporary
  # keyring, as a real hub needs one)
  "$PY" -c "import secrets; print(secrets.token_hex(16))" | "$STROKELINK" profile add demo --hub "$URL" --user danne --password-stdin >/dev/null
  "$STROKELINK" signer set --profile demo --name "DUPONT^Anne" --title Dr --org "CHRU Nancy" >/dev/null
  if ! "$PY" -m shots.run --hub "$URL" --profile demo --lang "$LANG_" --out "$OUT" \
      --ed-dir "$RUN/ed" --images "$TMP/images/left-mca" "${ONLY[@]}"; then
    status=1
  fi
  kill "$HUB_PID" 2>/dev/null || true
  wait "$HUB_PID" 2>/dev/null || true
  HUB_PID=""
done
if [ "$status" -ne 0 ]; then echo "screenshots: some shots FAILED (see above)" >&2; fi
exit "$status"
