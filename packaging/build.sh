#!/usr/bin/env bash
# Builds the standalone StrokeLink bundle with PyInstaller (Linux, x86-64):
#   dist/strokelink/                                 the bundle (run dist/strokelink/strokelink)
#   dist/strokelink-<version>-linux-x86_64.tar.gz    the same folder, plus the .desktop file and icon
# Works from a clean clone: without .venv it runs scripts/setup.sh first.
# PYTHON=/path/to/python uses another interpreter that has the project and
# pyinstaller installed. Windows/macOS: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

PY=${PYTHON:-.venv/bin/python}
if [ -z "${PYTHON:-}" ] && [ ! -x .venv/bin/python ]; then
  bash scripts/setup.sh
fi
"$PY" -c "import PyInstaller" 2>/dev/null || {
  echo "build: pyinstaller is missing (pip install -e '.[dev]')" >&2
  exit 1
}

version=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
echo "build: StrokeLink $version"

rm -rf dist/strokelink "dist/strokelink-$version-linux-x86_64.tar.gz"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/strokelink.spec

# Symbol tables are dead weight (VTK's alone are about 200 MB). Stripping is
# safe for these, not for libraries that auditwheel patched (numpy, numpy.libs,
# PIL, pillow.libs: "ELF load command address/offset not page-aligned"), left alone.
internal=dist/strokelink/_internal
shopt -s nullglob
strippable=("$internal"/vtkmodules "$internal"/python3* "$internal"/cryptography
  "$internal"/libpython3* "$internal"/_libjpeg* "$internal"/_openjpeg* "$internal"/_CharLS*)
if command -v strip >/dev/null; then
  find "${strippable[@]}" -name '*.so*' -type f -exec strip --strip-unneeded {} +
else
  echo "build: no 'strip' (binutils): the bundle keeps its symbol tables (about 200 MB more)" >&2
fi
shopt -u nullglob

# The spec leaves the system's own libraries out (docs/install.md): every
# library the bundle links must come from the bundle or from this system.
# Wayland's client libraries are optional (without them Qt uses X11).
missing=$(find "$internal" -name '*.so*' -type f -print0 |
  LD_LIBRARY_PATH="$PWD/$internal" xargs -0 sh -c 'for f; do echo "$f:"; ldd "$f" 2>&1; done; true' ldd |
  awk '/^[^ \t].*:$/ {file=$1} /not found/ && $1 !~ /^libwayland-/ {print file " needs " $1}' | sort -u)
if [ -n "$missing" ]; then
  echo "build: libraries found neither in the bundle nor on this system:" >&2
  echo "$missing" >&2
  exit 1
fi

# Desktop integration, shipped inside the bundle folder.
cp packaging/strokelink.desktop resources/icons/strokelink.png resources/icons/strokelink.svg \
  packaging/install-desktop.sh dist/strokelink/
chmod +x dist/strokelink/install-desktop.sh

got=$(env -i PATH=/usr/bin:/bin HOME="${HOME:-/tmp}" dist/strokelink/strokelink --version)
if [ "$got" != "strokelink $version" ]; then
  echo "build: the frozen executable says '$got', expected 'strokelink $version'" >&2
  exit 1
fi

tar -C dist -czf "dist/strokelink-$version-linux-x86_64.tar.gz" strokelink
echo "build: dist/strokelink: $(du -sm dist/strokelink | cut -f1) MB unpacked;" \
  "dist/strokelink-$version-linux-x86_64.tar.gz: $(du -m "dist/strokelink-$version-linux-x86_64.tar.gz" | cut -f1) MB;" \
  "built in $(($(date +%s) - start)) s"
