#!/usr/bin/env bash
# Adds StrokeLink to the desktop menu of the current user (no root needed):
# a launcher in ~/.local/share/applications and the icon in the hicolor theme,
# pointing at the bundle this script lies in. Run it again after moving the folder.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
mkdir -p "$data/applications" "$data/icons/hicolor/256x256/apps" "$data/icons/hicolor/scalable/apps"
cp "$here/strokelink.png" "$data/icons/hicolor/256x256/apps/strokelink.png"
cp "$here/strokelink.svg" "$data/icons/hicolor/scalable/apps/strokelink.svg"
sed "s|^Exec=strokelink|Exec=\"$here/strokelink\"|" "$here/strokelink.desktop" \
  > "$data/applications/strokelink.desktop"
echo "StrokeLink added to the menu ($data/applications/strokelink.desktop)"
