#!/usr/bin/env bash
# Refresh the fonts Trellis ships under static/vendor/fonts/ from Debian's
# packages (run by `make vendor-fonts` on a Debian or Ubuntu machine; the
# output is committed, so neither `make run` nor CI needs it):
# - Liberation Sans 2 (fonts-liberation2): pages' fallback after Arial, same metrics.
# - Noto Sans and Noto Sans Arabic (fonts-noto-core): the PDFs' fonts.
# All three are under the SIL Open Font License 1.1. The files are rewrapped as
# WOFF2 (same glyphs, a third of the size), which the OFL allows under the same names.
set -euo pipefail
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

(cd "$work" && apt-get download fonts-liberation2 fonts-noto-core >/dev/null)
for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$work/x"; done
ttf="$work/x/usr/share/fonts/truetype"

dest=static/vendor/fonts
rm -rf "$dest"
mkdir -p "$dest/liberation-sans" "$dest/noto-sans"

woff2() {  # woff2 SOURCE.ttf DEST_DIR
  "$python" -c 'import sys
from fontTools.ttLib import TTFont
font = TTFont(sys.argv[1]); font.flavor = "woff2"; font.save(sys.argv[2])' \
    "$1" "$2/$(basename "$1" .ttf).woff2"
}
for face in Regular Bold; do
  woff2 "$ttf/liberation2/LiberationSans-$face.ttf" "$dest/liberation-sans"
  woff2 "$ttf/noto/NotoSans-$face.ttf" "$dest/noto-sans"
  woff2 "$ttf/noto/NotoSansArabic-$face.ttf" "$dest/noto-sans"
done
cp "$work/x/usr/share/doc/fonts-liberation2/copyright" "$dest/liberation-sans/LICENCE.txt"
cp "$work/x/usr/share/doc/fonts-noto-core/copyright" "$dest/noto-sans/LICENCE.txt"
{
  echo "liberation-sans/: $(dpkg-deb -f "$work"/fonts-liberation2_*.deb Package Version | paste -sd' ')"
  echo "noto-sans/: $(dpkg-deb -f "$work"/fonts-noto-core_*.deb Package Version | paste -sd' ')"
  echo "Both under the SIL Open Font License 1.1 (see LICENCE.txt in each folder)."
} > "$dest/SOURCES.txt"
echo "Vendored fonts into $PWD/$dest"
